"""The PDF as a book: doctree changes that only the LaTeX builder needs.

The LaTeX builder joins every page into one doctree and emits
``doctree-resolved`` once for it; this hook then

* gives the home page's introduction a heading of its own;
* drops the empty "Notes" headings (in print, notes stand at the foot of
  their page);
* leaves one Bibliography: the bibliography page's own heading and
  introduction go; LaTeX gathers its entries into the book's
  ``thebibliography`` chapter;
* leaves out the copyable BibTeX (print keeps the formatted citation);
* separates adjacent note marks (``5,6`` not ``56``);
* lets long identifiers (a sha256) break across lines;
* points links to a bibliography entry at its ``\\bibitem``.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import footnotemark
from sphinx.util.texescape import escape

_HEX = re.compile(r"[0-9a-f]{40,}")


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    introduction_chapter(doctree)
    drop_empty_notes_sections(doctree)
    drop_bibliography_page(doctree)
    drop_bibtex_snippets(doctree)
    separate_note_marks(doctree)
    breakable_hashes(doctree)
    bibitem_links(doctree)


INTRODUCTION = (
    r"\chapter*{Introduction}\markboth{Introduction}{Introduction}"
    r"\addcontentsline{toc}{chapter}{Introduction}"
)


def introduction_chapter(doctree: nodes.document) -> None:
    """The home page's text before the first chapter becomes an unnumbered Introduction.

    Otherwise it stands headless on a page whose running head says "Contents".
    """
    root = next(iter(doctree.findall(nodes.section)), None)
    if root is None:
        return
    index = next((i for i, c in enumerate(root.children) if isinstance(c, nodes.paragraph)), None)
    if index is not None:
        root.insert(index, nodes.raw("", INTRODUCTION, format="latex"))


def _is_empty_notes(section: nodes.section) -> bool:
    title = next(iter(section.findall(nodes.title)), None)
    body = [c for c in section.children if not isinstance(c, nodes.title | nodes.target)]
    return title is not None and title.astext() == "Notes" and not body


def drop_empty_notes_sections(doctree: nodes.document) -> None:
    for section in list(doctree.findall(nodes.section)):
        if _is_empty_notes(section):
            section.parent.remove(section)


def drop_bibliography_page(doctree: nodes.document) -> None:
    """The bibliography page's heading and introduction go: its entries are already
    in the book's one bibliography chapter (LaTeX gathers citations there)."""
    for section in list(doctree.findall(nodes.section)):
        title = next(iter(section.findall(nodes.title)), None)
        empty = not any(isinstance(c, nodes.section | nodes.citation) for c in section.children)
        if title is not None and title.astext() == "Bibliography" and empty:
            section.parent.remove(section)


def drop_bibtex_snippets(doctree: nodes.document) -> None:
    """The copyable BibTeX is for the screen; print keeps the formatted citation."""
    for block in list(doctree.findall(nodes.literal_block)):
        if "sourcebook-bibtex" in block["classes"]:
            block.parent.remove(block)


def _is_note_mark(node: nodes.Node | None) -> bool:
    # by doctree-resolved the LaTeX footnote transform has put each note in place
    # of its reference (or left a footnotemark for a repeated one)
    return isinstance(node, nodes.footnote_reference | nodes.footnote | footnotemark)


def separate_note_marks(doctree: nodes.document) -> None:
    marks = [*doctree.findall(nodes.footnote_reference), *doctree.findall(nodes.footnote)]
    marks += list(doctree.findall(footnotemark))
    for mark in marks:
        if not isinstance(mark.parent, nodes.TextElement):
            continue  # a note standing as a block, not a mark in running text
        following = mark.next_node(descend=False, siblings=True)
        if _is_note_mark(following):
            mark.parent.insert(mark.parent.index(mark) + 1, nodes.superscript(text=","))


def bibitem_links(doctree: nodes.document) -> None:
    """Links to a bibliography entry point at its ``\\bibitem`` anchor, as cite roles do."""
    for ref in list(doctree.findall(nodes.reference)):
        name = ref.get("sourcebook_bibitem")
        if name:
            tex = r"\hyperlink{cite." + name + "}{" + escape(ref.astext()) + "}"
            ref.replace_self(nodes.raw("", tex, format="latex"))


def breakable_hashes(doctree: nodes.document) -> None:
    """A hex digest in inline code may break every 8 digits, alone or in an example
    (``sha256 = "1d46…"``); it is hex, so nothing in it needs escaping."""
    for literal in list(doctree.findall(nodes.literal)):
        text = literal.astext()
        if not _HEX.search(text) or len(literal.children) != 1:
            continue
        parts: list[nodes.Node] = []
        position = 0
        for digest in _HEX.finditer(text):
            parts.append(nodes.Text(text[position : digest.start()]))
            for start in range(digest.start(), digest.end(), 8):
                if start > digest.start():
                    parts.append(nodes.raw("", r"\allowbreak{}", format="latex"))
                parts.append(nodes.Text(text[start : min(start + 8, digest.end())]))
            position = digest.end()
        parts.append(nodes.Text(text[position:]))
        literal.children = []
        literal.extend([p for p in parts if not isinstance(p, nodes.Text) or p.astext()])
