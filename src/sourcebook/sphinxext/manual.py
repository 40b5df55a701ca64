"""Sphinx extension of the contributor's manual (``docs/manual``).

The manual documents the extension and the contributor files; it is not the
reader's book, so it loads only the directives that generate its reference
tables from the code (``sourcebook-config``, ``sourcebook-fields``), not the
corpus generation, claims, notes and glossary of ``sourcebook.sphinxext``.
In print (``nox -s manualpdf``) its tables get column widths from their
cells and hex digests may break, so that no line stands out of the page.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from sourcebook import __version__
from sourcebook.sphinxext.config import ConfigTableDirective
from sourcebook.sphinxext.latex import breakable_hashes
from sourcebook.sphinxext.latextables import breakable_slashes, fit_columns
from sourcebook.sphinxext.schemadoc import FieldsDirective


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("sourcebook-config", ConfigTableDirective)
    app.add_directive("sourcebook-fields", FieldsDirective)
    app.connect("doctree-resolved", on_doctree_resolved)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format == "latex":
        fit_columns(doctree)
        breakable_hashes(doctree)
        breakable_slashes(doctree)
