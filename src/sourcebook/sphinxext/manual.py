"""Sphinx extension of the contributor's manual (``docs/manual``).

The manual documents the extension and the contributor files; it is not the
reader's book, so it loads only the directives that generate its reference
tables from the code (``sourcebook-config``, ``sourcebook-fields``), not the
corpus generation, claims, notes and glossary of ``sourcebook.sphinxext``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from sourcebook import __version__
from sourcebook.sphinxext.config import ConfigTableDirective
from sourcebook.sphinxext.schemadoc import FieldsDirective


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("sourcebook-config", ConfigTableDirective)
    app.add_directive("sourcebook-fields", FieldsDirective)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
