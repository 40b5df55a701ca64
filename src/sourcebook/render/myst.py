"""Render a corpus document as a MyST page.

All seed text goes through :func:`~sourcebook.render.escape.escape`; the
only markup on a page is what this module writes: headings, quotations,
lists, footnotes, ``{footcite}`` citations, and the ``{claim}`` role of the
sourcebook Sphinx extension at every marker.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence

from sourcebook.core.identifiers import is_bibkey, is_marker_label, is_slug
from sourcebook.corpus.load import CorpusDocument
from sourcebook.model import (
    Anchor,
    Block,
    BlockQuote,
    Comment,
    Epigraph,
    Heading,
    ListBlock,
    LostHeading,
    Paragraph,
    Table,
    Text,
    Truncated,
)
from sourcebook.parse.inline import sentence_spans
from sourcebook.render.escape import escape, link, one_line, safe_url
from sourcebook.render.pagehead import head_lines
from sourcebook.render.pagehead import human_date as human_date  # re-exported for its importers

#: renders a run of plain text; the glossary linker replaces the default
TextRenderer = Callable[[str], str]
#: extra MyST lines to place after a block (e.g. "Also quoted in …"); [] for none
BlockNotes = Callable[[CorpusDocument, Block], list[str]]

_SOURCE_NAME = {
    "wikipedia": "the source article",
    "blog": "the source post",
    "article": "the source article",
    "essay": "the source essay",
}


def claim_starts(paragraph: Paragraph) -> dict[int, list[str]]:
    """Offset in the paragraph's plain text -> the claims whose sentence starts there.

    The sentence is the one :func:`~sourcebook.parse.inline.claim_text` gives
    the claim: the one holding the last character before the markers.
    """
    full = paragraph.plain
    spans = sentence_spans(full)
    heads = [start for start, _ in spans]
    starts: dict[int, list[str]] = {}
    offset = 0
    #: where the text before the current node ends once trailing space is cut
    #: (``len(full[:offset].rstrip())``, kept as the nodes go by: slicing it afresh
    #: per marker made a paragraph of n markers O(n²))
    position = 0
    for node in paragraph.inlines:
        if isinstance(node, Text):
            kept = node.text.rstrip()
            if kept:
                position = offset + len(kept)
            offset += len(node.text)
            continue
        index = bisect.bisect_right(heads, max(position - 1, 0)) - 1
        starts.setdefault(heads[index] if index >= 0 else 0, []).append(node.claim)
    return starts


def footnote_label(label: str) -> str:
    """A MyST footnote label for a marker (``9.1`` -> ``m-9-1``).

    Named labels keep footnotes numbered in order of reference.  A label
    outside the marker grammar is a renderer bug (the parser makes labels),
    so it raises rather than reaching markup.
    """
    if not is_marker_label(label):
        raise ValueError(f"marker label {label!r} is not an identifier")
    return "m-" + label.replace(".", "-")


class PageRenderer:
    def __init__(
        self, doc: CorpusDocument, text: TextRenderer = escape, notes: BlockNotes | None = None
    ) -> None:
        self.doc = doc
        self.text = text
        self.notes = notes
        self.footnotes: dict[str, str] = {}

    # -- inline ------------------------------------------------------------
    def inlines(self, paragraph: Paragraph) -> str:
        starts = claim_starts(paragraph)
        cuts = sorted(starts)
        parts: list[str] = []
        offset = 0
        for node in paragraph.inlines:
            if isinstance(node, Text):
                parts.append(self.text_with_starts(node.text, offset, starts, cuts))
                offset += len(node.text)
            else:
                parts.append(self.anchor(node))
        return "".join(parts).strip()

    def text_with_starts(
        self, text: str, offset: int, starts: dict[int, list[str]], cuts: list[int]
    ) -> str:
        """*text* (at *offset* in its paragraph) with a claim-start anchor where a claim begins.

        A jump to a claim then lands where its sentence starts, not after it.
        *cuts* is ``sorted(starts)``: the starts inside *text* are found by
        bisection, so a paragraph of n claims renders in O(n log n), not O(n²).
        """
        first = bisect.bisect_left(cuts, offset)
        last = bisect.bisect_left(cuts, offset + len(text))
        out: list[str] = []
        previous = 0
        for start in cuts[first:last]:
            cut = start - offset
            out.append(self.text(text[previous:cut]))
            out += ["{claimstart}`" + claim + "`" for claim in starts[start]]
            previous = cut
        out.append(self.text(text[previous:]))
        return "".join(out)

    def anchor(self, anchor: Anchor) -> str:
        parts: list[str] = []
        for label in anchor.markers:
            # one note per marker, numbered per page in reading order (HTML and PDF)
            parts.append(f"[^{footnote_label(label)}]")
            self.footnotes[footnote_label(label)] = self.note_text(label)
        # the markers as written ride along, so the page records the source text
        raw = "".join(c for c in anchor.raw if c.isprintable() and c != "`")
        parts.append("{claim}`" + anchor.claim + (f" {raw}" if raw else "") + "`")
        return "".join(parts)

    def note_text(self, label: str) -> str:
        """A note's text: a short author–date citation linked to its entry, or why there is none.

        The editors' research note is not part of it: the extension adds it
        to the footnote as a collapsed "Editors' note" (HTML only).
        """
        citation = self.doc.citation(label)
        keys = [k for k in (citation.keys if citation else ()) if self._citable(k)]
        if not keys:
            return self.unknown_source_text(label)
        cites = "; ".join("{cite:label}`" + key + "`" for key in keys)
        locator = f", {one_line(citation.locator)}" if citation and citation.locator else ""
        return f"{cites}{locator}."

    def _citable(self, key: str) -> bool:
        """A key goes into a role only if the bibliography has it and it is an identifier.

        Keys outside the grammar are refused by the loaders and the checker, which
        stop the build; should the renderer still meet one, the marker is shown
        as a note whose source is unknown, never as a broken role.
        """
        return key in self._keys and is_bibkey(key)

    def unknown_source_text(self, label: str) -> str:
        entry = self.doc.entry
        shown = label.split(".")[-1]
        in_text = next((f for f in self.doc.document.footnotes if f.label == label), None)
        where = _SOURCE_NAME[entry.kind]
        if in_text is not None:
            url = safe_url(in_text.text)
            text = f"{escape(entry.marker_noun.capitalize())} {escape(shown)} of {where}: "
            text += link(url) if url else escape(in_text.text)
            text += ". Its source is not yet in the bibliography."
        else:
            text = (
                f"{escape(entry.marker_noun.capitalize())} {escape(shown)} of {where}; "
                "its text was not preserved in this extract. Source not yet identified."
            )
        return text

    # -- blocks ------------------------------------------------------------
    def block(self, block: Block, level: int = 2) -> list[str]:
        if isinstance(block, Paragraph):
            return [self.inlines(block), ""]
        if isinstance(block, Heading):
            return [f"{'#' * level} {escape(block.text)}", ""]
        if isinstance(block, BlockQuote):
            lines: list[str] = []
            for index, paragraph in enumerate(block.paragraphs):
                if index:
                    lines.append(">")
                lines.append("> " + self.inlines(paragraph))
            return [*lines, ""]
        if isinstance(block, ListBlock):
            lines = []
            if block.style != "bullet":
                lines += ["```{rst-class} sourcebook-lettered", "```", ""]
            for index, item in enumerate(block.items):
                label = (
                    block.labels[index]
                    if block.style != "bullet" and index < len(block.labels)
                    else ""
                )
                prefix = escape(label) + " " if label else ""
                lines.append("- " + prefix + self.inlines(item))
            return [*lines, ""]
        if isinstance(block, LostHeading):
            return [
                "```{rst-class} sourcebook-lost-heading",
                "```",
                "",
                "*\\[A section heading was lost in extraction here.\\]*",
                "",
            ]
        if isinstance(block, Comment):
            return self.comment(block)
        if isinstance(block, (Table, Epigraph, Truncated)):
            return self.parser_block(block)
        raise TypeError(f"unknown block {block!r}")  # a bug, not bad input

    def comment(self, comment: Comment) -> list[str]:
        author = escape(comment.author) if comment.author else "Anonymous"
        when = ""
        if comment.date_iso:
            stamp = dt.datetime.fromisoformat(comment.date_iso)
            when = f" — {stamp.strftime('%-d %B %Y, %H:%M')}"
        slug = self.doc.entry.slug
        # a reply that lost its comment stands at the top level with its own label
        label = f"{comment.number}-{comment.reply}" if comment.reply else f"{comment.number}"
        lines = [f"({slug}-comment-{label})=", f"### {comment.number}. {author}{when}", ""]
        if not comment.author:
            lines += ["*The commenter’s name was lost in extraction.*", ""]
        if comment.date_text and not comment.date_iso:  # else the heading has the date
            lines += [f"*Posted {escape(comment.date_text)}.*", ""]
        for block in comment.blocks:
            lines += self.block(block, level=4)
            lines += self.after(block)
        for reply in comment.replies:
            lines += self.reply(reply)
        return lines

    # -- page --------------------------------------------------------------
    def render(self, keys: set[str]) -> str:
        self._keys = keys
        self.new_section()  # a page starts a section for the text renderer
        entry, document = self.doc.entry, self.doc.document
        if not is_slug(entry.slug):
            # the manifest loader and the checker (SB701) refuse such a slug first
            raise ValueError(f"document slug {entry.slug!r} is not an identifier")
        out = head_lines(self.doc)
        body, comments, trailing = _page_parts(document.blocks)
        out += self.blocks(body)
        if document.author and document.bio and entry.kind == "essay":
            out += [f"*{escape(document.author)}*", "", f"*{escape(document.bio)}*", ""]
        if comments:
            out += self.comments_section(comments)
        out += self.blocks(trailing)
        out += self.notes_section()
        return "\n".join(out).rstrip("\n") + "\n"

    def new_section(self) -> None:
        """Tell the text renderer a section begins (the entity linker links afresh)."""
        reset = getattr(self.text, "reset", None)
        if reset is not None:
            reset()

    def blocks(self, blocks: Sequence[Block]) -> list[str]:
        """Top-level *blocks*, each followed by its after-block notes."""
        out: list[str] = []
        for block in blocks:
            out += self.block(block)
            out += self.after(block)
        return out

    def comments_section(self, comments: list[Comment]) -> list[str]:
        declared = self.doc.document.declared_comments
        out = ["## Comments", ""]
        # the whole thread is one section for entity links, not each comment
        self.new_section()
        held = _with_replies(comments)
        if declared is not None and declared != held:
            out += [
                f"The page announced {declared} responses; the extract holds {held}.",
                "",
            ]
        for comment in comments:
            out += self.comment(comment)
        return out

    def notes_section(self) -> list[str]:
        """The page's footnotes, under a heading when there are any."""
        out: list[str] = []
        if self.footnotes:
            # a real section, listed in "On this page"; the PDF drops the heading
            # (its notes stand at the foot of each page there)
            out += ["(" + f"{self.doc.entry.slug}-notes" + ")=", "## Notes", ""]
        for label, text in self.footnotes.items():
            out += [f"[^{label}]: {text}", ""]
        return out

    def after(self, block: Block) -> list[str]:
        """The after-block notes hook's lines for *block* (none without a hook)."""
        return self.notes(self.doc, block) if self.notes else []

    # -- blocks the normaliser's shape rules add (tables, epigraphs, truncation,
    # -- replies, document metadata); every value goes through escape()
    def parser_block(self, block: Table | Epigraph | Truncated) -> list[str]:
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Epigraph):
            lines = ["```{epigraph}"]
            for paragraph in block.paragraphs:
                lines += [self.inlines(paragraph), ""]
            if block.attribution is not None:
                lines.append("-- " + self.inlines(block.attribution))
            return [*lines, "```", ""]
        # a "continue reading" notice (a removed line where the mark stands) cuts the
        # text, which the page continued, maybe before its comments; an extract that
        # stops mid-sentence has nothing after the cut
        document = self.doc.document
        if any(r.line == block.line for r in document.removed):
            blocks = document.blocks
            after = blocks[blocks.index(block) :]
            follow = " Its comments follow." if any(isinstance(b, Comment) for b in after) else ""
            note = f"*\\[The text is cut here in the extract; the original continues.{follow}\\]*"
        else:
            note = "*\\[The extract ends here, mid-sentence; nothing follows in the source.\\]*"
        return [
            "```{rst-class} sourcebook-truncated",
            "```",
            "",
            note,
            "",
        ]

    def table(self, table: Table) -> list[str]:
        lines = [
            "```{list-table}",
            f":header-rows: {1 if table.header else 0}",
            f":class: sourcebook-{table.role}",
            "",
        ]
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                text = self.inlines(cell)
                # an empty cell is an empty list item, not a placeholder character
                lines.append(("* -" if index == 0 else "  -") + (f" {text}" if text else ""))
        return [*lines, "```", ""]

    def reply(self, comment: Comment) -> list[str]:
        author = escape(comment.author) if comment.author else "Anonymous"
        when = f" — {escape(comment.date_text)}" if comment.date_text else ""
        anchor = f"({self.doc.entry.slug}-comment-{comment.number}-{comment.reply})="
        lines = [anchor, f"#### {'↳ ' * comment.depth}{author}{when}", ""]
        for block in comment.blocks:
            lines += self.block(block, level=5)
            lines += self.after(block)
        for reply in comment.replies:
            lines += self.reply(reply)
        return lines


def render_page(
    doc: CorpusDocument,
    keys: set[str],
    text: TextRenderer = escape,
    notes: BlockNotes | None = None,
) -> str:
    """The MyST page for *doc*; *keys* are the bibliography's keys.

    *notes* defaults to the text renderer's ``block_notes`` method when it has
    one, so a renderer such as the entity linker brings its own hook.
    """
    if notes is None:
        notes = getattr(text, "block_notes", None)
    return PageRenderer(doc, text, notes).render(keys)


def _with_replies(comments: list[Comment] | tuple[Comment, ...]) -> int:
    """Comments and their replies, at any depth: what a reader counts on the page."""
    return sum(1 + _with_replies(c.replies) for c in comments)


def _page_parts(
    blocks: tuple[Block, ...],
) -> tuple[list[Block], list[Comment], tuple[Block, ...]]:
    """The body, the comments, and the blocks that follow the comments.

    Blocks the model places after the comments (a truncation mark at the end
    of the thread) are printed after them, not above the comments.
    """
    comments = [b for b in blocks if isinstance(b, Comment)]
    last = max((i for i, b in enumerate(blocks) if isinstance(b, Comment)), default=-1)
    split = last + 1 if last >= 0 else len(blocks)
    body: list[Block] = [b for b in blocks[:split] if not isinstance(b, Comment)]
    return body, comments, blocks[split:]
