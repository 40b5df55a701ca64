"""Sphinx extension of the contributor's manual (``docs/manual``).

The manual documents the extension and the contributor files; it is not the
reader's book, so it loads only the directives that generate its reference
tables from the code (``sourcebook-config``, ``sourcebook-fields``), not the
corpus generation, claims, notes and glossary of ``sourcebook.sphinxext``.
Its pages carry the book's favicon and a meta description (Lighthouse: a
missing favicon is a console error, a missing description an SEO fault), and
the book's accessibility fixes of the theme's markup (scrolling code blocks
and tables take keyboard focus: axe-core's scrollable-region-focusable).
In print (``nox -s manualpdf``) its tables get column widths from their
cells and hex digests may break, so that no line stands out of the page.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from sourcebook import __version__
from sourcebook.sphinxext.config import ConfigTableDirective
from sourcebook.sphinxext.furniture import default_favicon, make_accessible, meta_tag
from sourcebook.sphinxext.latex import breakable_hashes
from sourcebook.sphinxext.latextables import breakable_slashes, fit_columns
from sourcebook.sphinxext.schemadoc import FieldsDirective


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("sourcebook-config", ConfigTableDirective)
    app.add_directive("sourcebook-fields", FieldsDirective)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("builder-inited", default_favicon)
    app.connect("html-page-context", on_html_page_context)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format == "latex":
        fit_columns(doctree)
        breakable_hashes(doctree)
        breakable_slashes(doctree)


def page_description(project: str, doctree: nodes.Node | None) -> str:
    """One line saying what a page of the manual is: its title, then the manual's purpose.

    >>> page_description("the manual", None)
    "the manual: how the sourcebook's texts, apparatus and bibliography are laid out, ..."
    """
    purpose = (
        "how the sourcebook's texts, apparatus and bibliography are laid out, checked and built"
    )
    title = next(iter(doctree.findall(nodes.title)), None) if doctree is not None else None
    if title is None or project.lower() in title.astext().lower():
        return f"{project}: {purpose}."
    return f"{title.astext()}, in the {project}: {purpose}."


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.Node
) -> None:
    make_accessible(context)  # scrolling code and tables take focus, as in the book
    tag = meta_tag("description", page_description(app.config.project, doctree))
    context["metatags"] = context.get("metatags", "") + tag + "\n"
