"""Footnotes whose numbers the extraction dropped, each ending in a back-link arrow.

Markdown renderers (a code host's wiki, static-site generators) print footnote
definitions as an ordered list, each item ending with a link back to its marker
("↩", "↩︎", "⤴").  Copied as text, the list's numbers are lost and only the arrows
remain.  Under a notes heading (``[notes]`` in ``layout.toml``), a run of lines
each ending with such an arrow, none of them numbered, is the notes: they become
footnotes 1, 2, 3 ... in order, and leave the body with their heading.  Two such
lines in a row are notes even with no heading above them.  A numbered list is
the ``notes`` pass's; a line without the arrow ends the run.
"""

from __future__ import annotations

import re

from sourcebook.model import Footnote
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: a back-link arrow ending a note, perhaps with an emoji variation selector
_ARROWS = ("↩", "⤴", "↑")
_ARROW = re.compile(r"\s*[↩⤴↑](?:\ufe0e|\ufe0f)?$")
#: a note that kept its number ("1. ", "[1] ", "1 "): the ``notes`` pass reads those
_NUMBERED = re.compile(r"(?:\[\d{1,3}\]|\d{1,3}[.)]?)\s")
#: notes with no heading above them: at least this many arrow lines in a row
_BARE_RUN = 2


def _headings() -> frozenset[str]:
    table = layout_table("notes")
    return frozenset(h.lower() for h in (*table["headings"], *table["reference_headings"]))


def _arrowed(block: RawBlock) -> bool:
    return _ARROW.search(block.text) is not None and _NUMBERED.match(block.text) is None


def arrow_notes(state: ParseState) -> None:
    """Read the arrow-ended notes (see the module docstring)."""
    if not any(arrow in state.text for arrow in _ARROWS):
        return  # most texts have no back link: spare them the line-by-line walk
    lines = explode(state.blocks)
    for index, line in enumerate(lines):
        if line.line in state.keep:
            continue
        headed = line.text.strip(" :").lower() in _headings()
        start = index + 1 if headed else index
        run = _run(state, lines[start:])
        if not run or (not headed and len(run) < _BARE_RUN):
            continue
        if headed:
            state.remove(line, "notes heading", "arrow_notes: a notes heading")
        for number, note in enumerate(run, 1):
            text = _ARROW.sub("", note.text).strip()
            state.footnotes.append(Footnote(str(number), text, note.line))
            state.remove(note, "notes section", "arrow_notes: a note ending in a back link")
        _cut(state, {b.line for b in run} | ({line.line} if headed else set()))
        return


def _run(state: ParseState, lines: list[RawBlock]) -> list[RawBlock]:
    run: list[RawBlock] = []
    for line in lines:
        if line.line in state.keep or not _arrowed(line):
            break
        run.append(line)
    return run


def _cut(state: ParseState, cut: set[int]) -> None:
    state.blocks = without_lines(state.blocks, cut)


__all__ = ["arrow_notes"]
