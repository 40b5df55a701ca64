"""Sphinx extension: corpus pages, claims with flags, the claims list, backlinks.

``setup`` is only the list of registrations; each concept has its module.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from sourcebook import __version__
from sourcebook.sphinxext.config import register as register_config
from sourcebook.sphinxext.directives import CitedByDirective, ClaimListDirective
from sourcebook.sphinxext.domain import ClaimsDomain
from sourcebook.sphinxext.generate import on_builder_inited
from sourcebook.sphinxext.glossary import on_builder_inited as on_glossary_inited
from sourcebook.sphinxext.nodes import citedby, claim_flag, claimlist
from sourcebook.sphinxext.resolve import on_doctree_read, on_doctree_resolved, on_env_get_outdated
from sourcebook.sphinxext.roles import ClaimRole
from sourcebook.sphinxext.safety import setup as setup_safety


def setup(app: Sphinx) -> dict[str, Any]:
    import pybtex.plugin

    from sourcebook.render.bibstyle import SourcebookStyle

    pybtex.plugin.register_plugin("pybtex.style.formatting", "sourcebook", SourcebookStyle)
    register_config(app)
    setup_safety(app)
    app.add_event("claim-defined")
    app.add_node(claim_flag)
    app.add_node(claimlist)
    app.add_node(citedby)
    app.add_domain(ClaimsDomain)
    app.add_role("claim", ClaimRole())
    app.add_directive("claimlist", ClaimListDirective)
    app.add_directive("citedby", CitedByDirective)
    app.connect("builder-inited", on_builder_inited)
    app.connect("builder-inited", on_glossary_inited, priority=600)
    app.connect("doctree-read", on_doctree_read)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.add_css_file("sourcebook.css")
    app.add_css_file("sourcebook-preview.css")
    app.add_js_file("sourcebook.js", defer="defer")
    app.connect("builder-inited", _add_static)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static(app: Sphinx) -> None:
    from pathlib import Path

    static = str(Path(__file__).parent / "static")
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)
