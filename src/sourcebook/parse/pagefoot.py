"""Notes printed at the foot of each page of a book or paper copied as text.

A scanned book's OCR text (a digital library's "full text" view) or a PDF saved as
text keeps each page's notes where the page printed them: under the page's last
line, as lines opening with the note's mark ("1 The custom is kept …", "* Hale
excludes …"), before the next page's running head and text.  The text above carries
the same mark glued to the word it annotates ("Rogation-tide.1", "the others.*").

A block whose first line opens with a mark printed so above it (a mark, a space and
a capital or an opening quotation mark), and whose other lines open a note the same
way or continue the note above, is those notes: each becomes a footnote and the block
leaves the body.  Marks restart on each printed page, so a mark need only have been
printed above, not be new.  A block holding any other line, or a page whose notes
were already read (a notes section), is left; the audit reports a note line left in
the text (:mod:`sourcebook.parse.auditfoot`).  A word broken across a note's lines
("quar-" / "rels") is joined in the note's text; the lines themselves go to the
record as printed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from sourcebook.model import Footnote
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: a note's first line: its mark, a space and a capital or an opening quotation mark
NOTE_LINE = re.compile(r"(\d{1,3}|[*†‡§])\s+(?:[“\"‘(]|[^\W\d_])")
#: a mark glued to what it annotates, after a word's punctuation: a number
#: ("tide.1", "ago,2") or a symbol ("others.*"; a bare "word*" may be emphasis, and
#: "* item" a bullet)
_GLUED_MARK = re.compile(r"(?<=[^\W\d_])[.!?,;:…][\"”’')\]]?(?:(\d{1,3})|([*†‡§]))(?=\s|$)")
#: a word broken at a line's end: a letter and a hyphen
_BROKEN = re.compile(r"[^\W\d_]-$")
#: a page's notes are few: a longer block is text
_MAX_LINES = 12


@functools.cache
def symbol_labels() -> dict[str, str]:
    """Each note symbol and the label its note and marker get: a marker's label is an
    identifier (ASCII letters and digits: the apparatus maps it), so "*" is "star"."""
    return {str(k): str(v) for k, v in layout_table("page_foot")["symbol_labels"].items()}


def any_glued(text: str) -> bool:
    """Does *text* carry a note mark glued to a word anywhere (one scan, in C)?"""
    return _GLUED_MARK.search(text) is not None


def glued_marks(text: str) -> set[str]:
    """The note marks glued to words in *text*.

    >>> sorted(glued_marks("every Rogation-tide.1 Take it; in 1908.2 the others.* x*"))
    ['*', '1']
    """
    return {m.group(1) or m.group(2) for m in _GLUED_MARK.finditer(text)}


def usable(printed: set[str]) -> set[str]:
    """The marks that can be notes' marks: numbers count from 1 (on each printed page),
    so with no "1" glued above, "3" and "4" are no notes' sequence.

    >>> sorted(usable({"3", "4", "*"})), sorted(usable({"1", "2"}))
    (['*'], ['1', '2'])
    """
    return printed if "1" in printed else {m for m in printed if not m.isdigit()}


def page_foot_notes(state: ParseState) -> None:
    """Read each block of page-foot notes (see the module docstring)."""
    if state.footnotes or _GLUED_MARK.search(state.text) is None:
        return  # the page's notes were read as a section, or no mark is glued anywhere
    printed: set[str] = set()
    found: list[tuple[RawBlock, list[tuple[str, tuple[str, int]]]]] = []
    for block in state.blocks:
        span = range(block.line, block.line + len(block.lines))
        kept = bool(state.keep) and any(line in state.keep for line in span)
        notes = None if kept else _notes(block, usable(printed))
        if notes:
            found.append((block, notes))
            continue
        for line in block.lines:
            printed |= glued_marks(line)
    names = symbol_labels()
    for block, notes in found:
        state.footnotes += [Footnote(names.get(m, m), text, line) for m, (text, line) in notes]
        state.remove(block, "page-foot notes", "page_foot_notes: notes whose marks the text prints")
    if found:
        dropped = {id(block) for block, _ in found}
        state.blocks = [b for b in state.blocks if id(b) not in dropped]
        # notes marked by symbols: the symbols glued to sentence ends are their markers
        symbols = tuple(sorted({m for _, notes in found for m, _ in notes if not m.isdigit()}))
        if symbols:
            names = symbol_labels()
            marks = tuple((m, names[m]) for m in symbols)
            inline = replace(state.profile.inline, symbol_marks=marks)
            state.profile = replace(state.profile, inline=inline)


def _notes(block: RawBlock, printed: set[str]) -> list[tuple[str, tuple[str, int]]] | None:
    """The notes of *block*, or None when it is not a block of page-foot notes."""
    if len(block.lines) > _MAX_LINES:
        return None
    notes: list[tuple[str, list[str], int]] = []
    for offset, line in enumerate(block.lines):
        match = NOTE_LINE.match(line)
        if match and match.group(1) in printed:
            notes.append((match.group(1), [line[match.end(1) :].strip()], block.line + offset))
        elif notes and not match:
            notes[-1][1].append(line)
        else:
            return None
    return [(mark, (_joined(parts), line)) for mark, parts, line in notes]


def _joined(parts: list[str]) -> str:
    """A note's lines as one text, a word broken at a line's end joined.

    >>> _joined(["three such quar-", "rels in ten years.", "More."])
    'three such quarrels in ten years. More.'
    """
    text = parts[0]
    for part in parts[1:]:
        broken = _BROKEN.search(text) and part[:1].islower()
        text = text[:-1] + part if broken else f"{text} {part}"
    return text


__all__ = ["NOTE_LINE", "any_glued", "glued_marks", "page_foot_notes", "usable"]
