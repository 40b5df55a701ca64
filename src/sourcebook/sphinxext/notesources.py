"""The full reference of every source a note cites, kept in the note for its preview.

A note reads "Raw 2009, ch. 8."; its preview shows the whole reference
(author, title, container, date, link) as Wikipedia's Reference Previews do.
The reference is the bibliography's own formatted entry -- the
``FormattedEntry`` sphinxcontrib-bibtex made with this project's style for
the bibliography page, label letter included -- rendered into a hidden block
inside the note, so a preview needs no second formatter and no fetch of the
bibliography page (it works offline and from ``file://``).

HTML pages only: a printed note stays short, and an EPUB reading system shows
the note itself as a pop-up.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from sourcebook.sphinxext.notes import add_html_only_node

CLASS = "sourcebook-note-sources"


class note_sources(nodes.General, nodes.Element):
    """The hidden full references of one note (HTML only)."""


def visit_note_sources_html(self: HTML5Translator, node: note_sources) -> None:
    self.body.append(self.starttag(node, "div", CLASS=CLASS, hidden="hidden"))


def depart_note_sources_html(self: HTML5Translator, node: note_sources) -> None:
    self.body.append("</div>\n")


def _entries_by_anchor(app: Sphinx) -> dict[str, Any]:
    """Bibliography anchor (``cite-raw2009striking``) -> its formatted entry; once per build."""
    cached: dict[str, Any] | None = getattr(app, "_sourcebook_entries_by_anchor", None)
    if cached is None:
        domain: Any = app.env.get_domain("cite")
        cached = {c.citation_id: c.formatted_entry for c in domain.citations}
        app._sourcebook_entries_by_anchor = cached  # type: ignore[attr-defined]
    return cached


def _cited_anchors(footnote: nodes.footnote) -> list[str]:
    """The bibliography anchors a note's citations link to, in order, once each."""
    anchors: list[str] = []
    for ref in footnote.findall(nodes.reference):
        uri = ref.get("refuri", "")
        parent = ref.parent
        if "#" not in uri or "bibtex-citation" not in parent.get("classes", []):
            continue
        anchor = uri.rsplit("#", 1)[1]
        if anchor not in anchors:
            anchors.append(anchor)
    return anchors


def add_sources(app: Sphinx, footnotes: list[nodes.footnote]) -> None:
    """Put the full references into every one of a page's *footnotes* that cites a
    bibliography entry (on doctree-resolved, from ``resolve.on_doctree_resolved``'s walk:
    references are resolved by then, and the link wall, priority 900, checks these too)."""
    if app.builder.format != "html" or app.builder.name == "epub" or not footnotes:
        return
    entries = _entries_by_anchor(app)
    domain: Any = app.env.get_domain("cite")
    for footnote in footnotes:
        found = [entries[a] for a in _cited_anchors(footnote) if a in entries]
        if not found:
            continue
        box = note_sources()
        for entry in found:
            box += nodes.paragraph("", "", *entry.text.render(domain.backend))
        footnote += box


def register(app: Sphinx) -> None:
    add_html_only_node(app, note_sources, visit_note_sources_html, depart_note_sources_html)
