"""A site navigation whose size does not grow with the number of documents.

The theme's sidebar renders the whole global toctree on every page, and
resolving it copies every page's table of contents: with N documents that
is O(N) per page and O(N^2) per build, in time and in bytes.  This module
replaces the ``toctree`` callable of each page's template context (before
the theme reads it) with a bounded one: the root document's toctrees, each
top-level entry expanded one level when it has at most :data:`MAX_CHILDREN`
children (the corpus index and its collections), plus the chain of pages from the
root to the current page (its collection and the page itself).  Previous /
next links, the collection index pages and search are unaffected.

The outline is computed once per build from ``env.toctree_includes``
(O(N)); each page then costs O(kinds + depth).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: a top-level entry with more children than this is not expanded (but for the current path)
MAX_CHILDREN = 12


@dataclass(slots=True)
class Outline:
    """The site's shape: captioned top-level entries, children, parents, titles."""

    sections: list[tuple[str | None, list[str]]] = field(default_factory=list)
    children: dict[str, list[str]] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)


def build_outline(env: BuildEnvironment, root: str) -> Outline:
    """Read the outline from the environment: O(documents)."""
    outline = Outline()
    outline.children = {doc: list(kids) for doc, kids in env.toctree_includes.items()}
    for doc, kids in outline.children.items():
        for kid in kids:
            outline.parent.setdefault(kid, doc)
    outline.titles = {doc: title.astext() for doc, title in env.titles.items()}
    toc = env.tocs.get(root)
    if toc is not None:
        for node in toc.findall(addnodes.toctree):
            entries = [ref for _title, ref in node["entries"] if ref in env.all_docs]
            outline.sections.append((node.get("caption"), entries))
    return outline


def _path(outline: Outline, pagename: str) -> list[str]:
    """The pages from a top-level entry down to *pagename* (cycles cut)."""
    chain = [pagename]
    while chain[-1] in outline.parent and len(chain) < 32:
        parent = outline.parent[chain[-1]]
        if parent in chain:
            break
        chain.append(parent)
    return chain[::-1]


def render(outline: Outline, pagename: str, uri: Callable[[str], str]) -> str:
    """The sidebar HTML for *pagename*, in the markup Sphinx's toctree produces."""
    on_path = set(_path(outline, pagename))
    out: list[str] = []

    def item(doc: str, level: int) -> None:
        current = doc in on_path
        classes = f"toctree-l{level}" + (" current" if current else "")
        link_class = "current reference internal" if current else "reference internal"
        href = "#" if doc == pagename else html.escape(uri(doc))
        title = html.escape(outline.titles.get(doc, doc))
        out.append(f'<li class="{classes}"><a class="{link_class}" href="{href}">{title}</a>')
        kids = outline.children.get(doc, [])
        small = level == 1 and len(kids) <= MAX_CHILDREN
        shown = kids if small else [k for k in kids if k in on_path]
        if shown:
            out.append('<ul class="current">' if current else "<ul>")
            for kid in shown:
                item(kid, level + 1)
            out.append("</ul>")
        out.append("</li>")

    for caption, entries in outline.sections:
        if caption:
            out.append(
                '<p class="caption" role="heading"><span class="caption-text">'
                f"{html.escape(caption)}</span></p>"
            )
        out.append("<ul>")
        for doc in entries:
            item(doc, 1)
        out.append("</ul>")
    return "\n".join(out)


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give the page a bounded ``toctree`` before the theme renders its sidebar."""
    if "toctree" not in context or not app.config.sourcebook_bounded_navigation:
        return
    outline: Outline | None = getattr(app.builder, "_sourcebook_outline", None)
    if outline is None:
        outline = build_outline(app.env, app.config.root_doc)
        app.builder._sourcebook_outline = outline  # type: ignore[attr-defined]
    nav = render(outline, pagename, lambda doc: app.builder.get_relative_uri(pagename, doc))
    context["toctree"] = lambda **_kwargs: nav
