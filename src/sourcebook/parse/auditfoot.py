"""Page-foot notes kept as text in the middle of a printed text.

A book or a paper copied page by page (an archive's OCR text, a PDF saved as text)
prints each page's notes at the page's foot: lines opening with the note's mark
("1 The custom is kept …", "* Hale excludes …", "† The sermon …"), between the
page's last line and the next page's first, often above a running head.  Nothing
marks them as notes but the mark, which the text above carries glued to a word
("Rogation-tide.1", "the others.*").  Kept as text, they sit in the middle of the
essay as paragraphs (or as lines of one), the notes are lost and the text's last
paragraph may be a note.

The trace: a seed line of a body paragraph that opens with a mark, a space and a
capital, where the same mark stands glued to a sentence end or a word earlier in
the text and no note of that label was read.  Numbers restart on each printed page,
so the mark need not be new; it must have been printed above.  One located SB608
finding per paragraph, naming the lines to remove and where the text above ends.
"""

from __future__ import annotations

from collections.abc import Iterator

from sourcebook.model import Paragraph
from sourcebook.parse.auditexport import SENTENCE_END as _SENTENCE_END
from sourcebook.parse.auditpage import Finding, Page, quote
from sourcebook.parse.pagefoot import NOTE_LINE, any_glued, glued_marks, usable


def foot_notes_kept(page: Page) -> Iterator[Finding]:
    """Each body paragraph holding a page-foot note line, reported at that line."""
    if not any_glued("\n".join(page.lines)):
        return  # no mark glued anywhere: no note line can be a page-foot note
    noted = {note.label for note in page.document.footnotes}
    printed: set[str] = set()  # the marks glued to words above, so far
    last_text = 0  # the last seed line of text above, where the text breaks
    blocks = page.document.blocks
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        raw = page.raw(block)
        found = None if block.line in page.keep else _first_note(raw, printed, noted)
        if found is not None and index == len(blocks) - 1 and _closing_list(raw):
            found = None  # a notes list closing the text: the numbered-tail audit says so
        if found is not None:
            offset, mark = found
            line = block.line + offset
            end = block.line + _note_run(raw, offset)
            above = line - 1 if offset else last_text
            span = f"lines {line}-{end}" if end > line else f"line {line}"
            yield Finding(
                line,
                f"line {line} ({quote(raw[offset])}) opens with '{mark}', a note's mark"
                " glued to a word above, but no note of that mark was read: a page-foot"
                f" note kept as text? list {span} in the structure hint 'remove' (the text"
                f" above it ends at line {above})",
            )
        # a paragraph holding a note still printed the marks glued above the note: a
        # later page's note counts on them (numbers count from 1 across the pages)
        for text in raw:
            printed |= glued_marks(text)
        if found is None:
            last_text = block.line + len(raw) - 1


def _note_run(raw: list[str], offset: int) -> int:
    """The offset of the last line of the notes opening at *offset*: a line opening a
    note, or continuing one whose line above ended no sentence."""
    end = offset
    while end + 1 < len(raw):
        following = raw[end + 1]
        if not NOTE_LINE.match(following) and _SENTENCE_END.search(raw[end]):
            break
        end += 1
    return end


def _closing_list(raw: list[str]) -> bool:
    """Two note lines or more: a list of notes (reported where the text ends)."""
    return sum(bool(NOTE_LINE.match(text)) for text in raw) >= 2


def _first_note(raw: list[str], printed: set[str], noted: set[str]) -> tuple[int, str] | None:
    """The offset and mark of the paragraph's first note line, if any; marks glued in
    the paragraph's own lines above count (a note printed with no blank line)."""
    seen = set(printed)
    for offset, text in enumerate(raw):
        match = NOTE_LINE.match(text)
        if match and match.group(1) in usable(seen) and match.group(1) not in noted:
            return offset, match.group(1)
        seen |= glued_marks(text)
    return None


__all__ = ["foot_notes_kept"]
