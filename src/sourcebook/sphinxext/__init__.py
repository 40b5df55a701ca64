"""Sphinx extension: corpus pages, claims with flags, the claims list, backlinks.

``setup`` is only the list of registrations; each concept has its module.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from sourcebook import __version__
from sourcebook.bib.pybtexplugins import ensure_preloaded
from sourcebook.sphinxext import mentions
from sourcebook.sphinxext.a11y import register as register_a11y
from sourcebook.sphinxext.aggregates import register as register_aggregates
from sourcebook.sphinxext.bibfiles import setup_bibfiles
from sourcebook.sphinxext.bibfilter import install as indexed_bibliography_filter
from sourcebook.sphinxext.bibformat import register as register_bibformat
from sourcebook.sphinxext.cleardoc import register as register_cleardoc
from sourcebook.sphinxext.config import register as register_config
from sourcebook.sphinxext.directives import CitedByDirective, ClaimListDirective
from sourcebook.sphinxext.doclist import DocumentListDirective
from sourcebook.sphinxext.domain import ClaimsDomain
from sourcebook.sphinxext.furniture import (
    default_favicon,
    leave_browser_files_out_of_epub,
    on_html_page_context,
)
from sourcebook.sphinxext.glossary import on_builder_inited as on_glossary_inited
from sourcebook.sphinxext.helpwanted import register as register_helpwanted
from sourcebook.sphinxext.latex import on_doctree_resolved as on_latex_resolved
from sourcebook.sphinxext.manuallink import register as register_manual_link
from sourcebook.sphinxext.memory import register as register_memory
from sourcebook.sphinxext.mentionlist import register as register_mention_list
from sourcebook.sphinxext.mentionrefs import register as register_mention_refs
from sourcebook.sphinxext.navchange import register as register_navchange
from sourcebook.sphinxext.navigation import on_html_page_context as bound_navigation
from sourcebook.sphinxext.nodes import citedby, claim_flag, claimlist
from sourcebook.sphinxext.notes import register as register_notes
from sourcebook.sphinxext.notesources import register as register_note_sources
from sourcebook.sphinxext.pagefind import setup_pagefind
from sourcebook.sphinxext.prepare import register as register_prepare
from sourcebook.sphinxext.release import register as register_release
from sourcebook.sphinxext.resolve import on_doctree_read, on_doctree_resolved, on_env_updated
from sourcebook.sphinxext.roles import ClaimRole, ClaimStartRole
from sourcebook.sphinxext.safety import setup as setup_safety
from sourcebook.sphinxext.schemadoc import FieldsDirective
from sourcebook.sphinxext.search.hook import setup_shards
from sourcebook.sphinxext.searchindex import install as linear_search_prune
from sourcebook.sphinxext.searchindex import setup_keep_index
from sourcebook.sphinxext.stylesheets import setup_stylesheets
from sourcebook.sphinxext.titled import register as register_titled


def setup(app: Sphinx) -> dict[str, Any]:
    _register_plugins()
    register_config(app)
    setup_bibfiles(app)
    setup_safety(app)
    _register_markup(app)
    _connect_events(app)
    _register_assets(app)
    return {
        "version": __version__,
        # 2: the mentions kept per page are compact (mentions.py), claims' strings interned;
        # 3: the claims domain's ``reads`` (aggregates.py); 4: a document page depends
        # on its apparatus file (its editors' notes, resolve.py): read every page again once
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _register_plugins() -> None:
    """The bibliography style and citation style, as pybtex and sphinxcontrib-bibtex plugins."""
    import pybtex.plugin
    import sphinxcontrib.bibtex.plugin

    from sourcebook.sphinxext.bibformat import CachedStyle
    from sourcebook.sphinxext.citestyle import SourcebookReferenceStyle

    # the Chicago style of render/bibstyle, its per-entry results kept between builds
    pybtex.plugin.register_plugin("pybtex.style.formatting", "sourcebook", CachedStyle)
    ensure_preloaded()
    linear_search_prune()
    indexed_bibliography_filter()
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "sourcebook", SourcebookReferenceStyle
    )


def _register_markup(app: Sphinx) -> None:
    """The nodes, domain, roles and directives pages are written with."""
    app.add_event("claim-defined")
    app.add_node(claim_flag)
    app.add_node(claimlist)
    app.add_node(citedby)
    register_notes(app)
    register_note_sources(app)
    app.add_domain(ClaimsDomain)
    register_cleardoc(app)
    app.add_role("claim", ClaimRole())
    app.add_role("claimstart", ClaimStartRole())
    register_manual_link(app)
    app.add_directive("claimlist", ClaimListDirective)
    app.add_directive("citedby", CitedByDirective)
    app.add_directive("sourcebook-fields", FieldsDirective)
    app.add_directive("documentlist", DocumentListDirective)
    register_mention_list(app)
    register_mention_refs(app)


def _connect_events(app: Sphinx) -> None:
    """The build's event handlers: page generation, resolution, mentions, LaTeX, HTML."""
    # the gate (priority 100, safety.py) and the page generator (500), maybe in a child
    register_prepare(app)
    app.connect("builder-inited", on_glossary_inited, priority=600)
    app.connect("doctree-read", on_doctree_read)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("env-updated", on_env_updated)
    app.connect("doctree-resolved", mentions.on_doctree_resolved)
    app.connect("env-purge-doc", mentions.on_env_purge_doc)
    app.connect("env-merge-info", mentions.on_env_merge_info)
    app.connect("doctree-resolved", on_latex_resolved, priority=600)
    # the pages of corpus-wide lists, read or written again when what they show changed
    register_aggregates(app)
    # and the pages showing a title that changed (a reference's text is filled when written)
    register_titled(app)
    # and the pages whose navigation changed; a removed page's files removed
    register_navchange(app)
    # before the theme (priority 500) computes its navigation from ``toctree``
    app.connect("html-page-context", bound_navigation, priority=400)
    # after the theme (priority 500) has rendered its navigation
    app.connect("html-page-context", on_html_page_context, priority=900)
    app.connect("builder-inited", default_favicon)
    app.connect("builder-inited", leave_browser_files_out_of_epub)


def _register_assets(app: Sphinx) -> None:
    """The reader's CSS and JavaScript, and the features that bring their own."""
    app.add_css_file("sourcebook.css")
    app.add_css_file("sourcebook-preview.css")
    app.add_js_file("sourcebook.js", defer="defer")
    register_a11y(app)
    register_helpwanted(app)
    setup_keep_index(app)
    setup_pagefind(app)
    setup_shards(app)
    setup_stylesheets(app)
    register_memory(app)
    register_release(app)
    register_bibformat(app)
    app.connect("builder-inited", _add_static)


def _add_static(app: Sphinx) -> None:
    from pathlib import Path

    static = str(Path(__file__).parent / "static")
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)
