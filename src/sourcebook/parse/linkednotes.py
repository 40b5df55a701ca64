"""Notes a document links to its markers, found without a notes heading.

Word processors' published documents and note-taking sites print footnotes
whose marker in the text is a bracketed number ("growth.[1]") and whose
definitions close the text: with no heading at all ("[1] The book is kept in
the tower.", a published document) or ending with the link back to their
marker ("1. … ↩︎", a published note).  Either is evidence the notes the notes
section reads are linked: the text's bracketed numbers are their markers.

A run of bracketed notes numbered from 1 closing the text is taken as its notes
when the text above cites every one of them ("[n]" printed in it); a closing
list whose numbers the text does not cite is left alone.
"""

from __future__ import annotations

import re

from sourcebook.parse.blocks import RawBlock, explode

#: the link back to a note's marker closing its definition ("↩", "↩︎")
_BACK_LINK = re.compile(r"↩[\ufe0e\ufe0f]?$")
_BRACKETED = re.compile(r"\[(?P<n>\d{1,3})\]\s+\S.*")


def back_linked(lines: list[RawBlock]) -> bool:
    """Do the notes taken end with the link back to their markers?"""
    return bool(lines) and all(_BACK_LINK.search(b.text.rstrip()) for b in lines if b.line)


def cited_tail(blocks: list[RawBlock]) -> tuple[int, list[RawBlock]] | None:
    """The closing run of bracketed notes numbered from 1, each cited above: the index
    of the block holding note 1, and the lines from it to the end of the text."""
    lines = explode(blocks)
    start = None
    for index in range(len(lines) - 1, -1, -1):
        match = _BRACKETED.fullmatch(lines[index].text)
        if match is None:
            break  # the run closes the text: the first other line from the end ends it
        if match.group("n") == "1":
            start = index
            break
    if start is None or (start > 0 and _BRACKETED.fullmatch(lines[start - 1].text)):
        return None  # no note 1, or notes out of order above it
    run = lines[start:]
    numbers = [m.group("n") for b in run if (m := _BRACKETED.fullmatch(b.text))]
    if numbers != [str(n) for n in range(1, len(run) + 1)]:
        return None
    above = " ".join(b.text for b in lines[:start])
    if not all(f"[{n}]" in above for n in numbers):
        return None
    first = run[0].line
    index = next(i for i, b in enumerate(blocks) if b.line <= first < b.line + len(b.lines))
    return index, run


__all__ = ["back_linked", "cited_tail"]
