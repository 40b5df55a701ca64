"""Notes a document links to its markers, found without a notes heading.

Word processors' published documents and note-taking sites print footnotes
whose marker in the text is a bracketed number ("growth.[1]") and whose
definitions close the text: with no heading at all ("[1] The book is kept in
the tower.", a published document) or ending with the link back to their
marker ("1. … ↩︎", a published note).  Either is evidence the notes the notes
section reads are linked: the text's bracketed numbers are their markers.

A run of bracketed notes numbered from 1 closing the text is taken as its notes
when the text above cites every one of them ("[n]" printed in it); a closing
list whose numbers the text does not cite is left alone.  A documentation
theme prints each note's number as a line of its own ("[1]") above the note's
text: the number and the line below it are one note.

A wiki engine's notes with no heading are "1 text" lines closing the page, their
numbers glued to the sentence ends above (MoinMoin's ``seedling".1``, ``way.2``):
taken when every number from 1 is glued to a sentence end above them, in order
(:func:`glued_tail`); the text's glued numbers are then its markers.
"""

from __future__ import annotations

import re

from sourcebook.parse.blocks import RawBlock, explode

#: the link back to a note's marker closing its definition ("↩", "↩︎")
_BACK_LINK = re.compile(r"↩[\ufe0e\ufe0f]?$")
_BRACKETED = re.compile(r"\[(?P<n>\d{1,3})\]\s+\S.*")
#: a note's bracketed number alone on its line, the note's text on the next
_BARE = re.compile(r"\[(?P<n>\d{1,3})\]")
#: a plain note opening ("2 Told to …"; "2. Told to …")
_PLAIN = re.compile(r"(?P<n>\d{1,3})\.? +[^\W\d_].*")


def back_linked(lines: list[RawBlock]) -> bool:
    """Do the notes taken end with the link back to their markers?"""
    return bool(lines) and all(_BACK_LINK.search(b.text.rstrip()) for b in lines if b.line)


def _opening(lines: list[RawBlock], index: int) -> str | None:
    """The number of the note opening at *index*: "[n] text", or a bare "[n]" with the
    note's text on the line below."""
    match = _BRACKETED.fullmatch(lines[index].text)
    if match is None and index + 1 < len(lines):
        match = _BARE.fullmatch(lines[index].text)
        if match is not None and _BARE.fullmatch(lines[index + 1].text):
            return None
    return match.group("n") if match else None


def cited_tail(blocks: list[RawBlock]) -> tuple[int, list[RawBlock]] | None:
    """The closing run of bracketed notes numbered from 1, each cited above: the index
    of the block holding note 1, and the lines from it to the end of the text."""
    lines = explode(blocks)
    start: int | None = None
    numbers: list[str] = []
    index = len(lines) - 1
    while index >= 0:
        number = _opening(lines, index)
        if number is None and index > 0 and _BARE.fullmatch(lines[index - 1].text):
            index -= 1  # the text of a note whose number stands on the line above
            number = _opening(lines, index)
        if number is None:
            break  # the run closes the text: the first other line from the end ends it
        numbers.insert(0, number)
        if number == "1":
            start = index
            break
        index -= 1
    if start is None or (start > 0 and _BRACKETED.fullmatch(lines[start - 1].text)):
        return None  # no note 1, or notes out of order above it
    if numbers != [str(n) for n in range(1, len(numbers) + 1)]:
        return None
    above = " ".join(b.text for b in lines[:start])
    if not all(f"[{n}]" in above for n in numbers):
        return None
    return _holding(blocks, lines[start].line), lines[start:]


def glued_tail(blocks: list[RawBlock]) -> tuple[int, list[RawBlock]] | None:
    """The closing run of plain notes "1 text", "2 text" … whose numbers are glued, in
    order, to sentence ends above them (see the module docstring)."""
    lines = explode(blocks)
    start = len(lines)
    while start > 0 and _PLAIN.fullmatch(lines[start - 1].text):
        start -= 1
    numbers = [_PLAIN.fullmatch(b.text).group("n") for b in lines[start:]]  # type: ignore[union-attr]
    if len(numbers) < 2 or numbers != [str(n) for n in range(1, len(numbers) + 1)]:
        return None
    above = " ".join(b.text for b in lines[:start])
    if not glued_in_order(above, numbers):
        return None
    return _holding(blocks, lines[start].line), lines[start:]


def glued_in_order(above: str, numbers: list[str]) -> bool:
    """Is each of *numbers* glued, in order, to a sentence end in *above* ("barn.1")?

    >>> glued_in_order("in the barn.1 Then, later.2", ["1", "2"])
    True
    >>> glued_in_order("in 1893 and 1894.", ["1", "2"])
    False
    """
    position = 0
    for number in numbers:
        glued = re.compile(rf"[.,;:!?”’\"')]{number}(?=\s|$)")
        found = glued.search(above, position)
        if found is None:
            return False
        position = found.end()
    return True


def _holding(blocks: list[RawBlock], line: int) -> int:
    """The index of the block holding *line*."""
    return next(i for i, b in enumerate(blocks) if b.line <= line < b.line + len(b.lines))


__all__ = ["back_linked", "cited_tail", "glued_in_order", "glued_tail"]
