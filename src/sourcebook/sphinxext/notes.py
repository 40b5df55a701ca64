"""Notes on a page: their numbers, and the editors' research note under each.

A page's notes are numbered by docutils in reading order; the numbers are
recorded here per page and marker so that the claims list and the
bibliography's "Cited in" lines speak of the same "note 4" as the page.

The editors' research note (evidence, inferred reasoning, candidate
sources) is not the citation: it is appended to the footnote as a collapsed
``<details>`` "Editors' note" in HTML and left out of the PDF and text
builds, which carry the citation only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from sourcebook.corpus.manifest import Citation
from sourcebook.render.myst import footnote_label


class editors_note(nodes.General, nodes.Element):
    """An editors' research note: collapsed in HTML, omitted elsewhere."""


def visit_editors_note_html(self: HTML5Translator, node: editors_note) -> None:
    self.body.append('<details class="sourcebook-editors-note">')
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>")


def depart_editors_note_html(self: HTML5Translator, node: editors_note) -> None:
    self.body.append("</details>")


class disclosure(nodes.General, nodes.Element):
    """A ``<details>`` box (HTML builders only): "About this document"."""


def visit_disclosure_html(self: HTML5Translator, node: disclosure) -> None:
    classes = " ".join(node["classes"])
    opened = " open" if node.get("open") else ""
    self.body.append(f'<details class="{classes}"{opened}>')
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>")


def about_box(admonition: nodes.Element) -> disclosure:
    """The "About this document" admonition as a disclosure box.

    Closed on every screen, so the document's text starts on the first
    screen; ``sourcebook.js`` opens it for a reader who opened it before
    (remembered in ``localStorage``).
    """
    title = next(iter(admonition.findall(nodes.title)), None)
    box = disclosure(summary=title.astext() if title else "About this document", open=False)
    box["classes"] = ["sourcebook-about", *admonition["classes"]]
    box.extend(c.deepcopy() for c in admonition.children if not isinstance(c, nodes.title))
    return box


def skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def add_html_only_node(app: Sphinx, node: type[nodes.Element], visit: Any, depart: Any) -> None:
    """Register *node* for HTML builders; every other builder skips it."""
    app.add_node(
        node,
        html=(visit, depart),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )


def register(app: Sphinx) -> None:
    add_html_only_node(app, disclosure, visit_disclosure_html, depart_editors_note_html)
    add_html_only_node(app, editors_note, visit_editors_note_html, depart_editors_note_html)


def make_note(summary: str, paragraphs: list[str]) -> editors_note:
    """An editors' note whose *paragraphs* are plain text (never markup)."""
    node = editors_note(summary=summary)
    for text in paragraphs:
        node += nodes.paragraph(text=text)
    return node


def citation_note(citation: Citation) -> editors_note | None:
    """The collapsed note for an apparatus entry; None when there is nothing to say."""
    paragraphs: list[str] = []
    if citation.keys and citation.confidence == "inferred":
        paragraphs.append("The attribution is inferred, not established.")
    if citation.note:
        paragraphs.append(citation.note)
    if not paragraphs:
        return None
    inferred = citation.keys and citation.confidence == "inferred"
    summary = "Editors’ note (attribution inferred)" if inferred else "Editors’ note"
    return make_note(summary, paragraphs)


def note_numbers(footnotes: Iterable[nodes.footnote]) -> dict[str, str]:
    """Footnote name (``m-4``) -> the number the page shows (``4``), from a page's *footnotes*."""
    numbers: dict[str, str] = {}
    for footnote in footnotes:
        label = next(iter(footnote.findall(nodes.label)), None)
        if label is None:
            continue
        for name in footnote["names"]:
            numbers[name] = label.astext()
    return numbers


def add_editors_notes(footnotes: Iterable[nodes.footnote], citations: tuple[Citation, ...]) -> None:
    """Append each marker's editors' note to its footnote, among a page's *footnotes*."""
    by_name = {footnote_label(c.label): c for c in citations}
    for footnote in footnotes:
        citation = next((by_name[n] for n in footnote["names"] if n in by_name), None)
        note = citation_note(citation) if citation else None
        if note is not None:
            footnote += note
