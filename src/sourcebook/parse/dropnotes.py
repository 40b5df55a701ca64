"""A notes section whose numbers the copy dropped: the notes numbered by the markers.

Some exports (a notes app's published page, a reader mode) keep the text's ``[1]``
markers but print the notes under "Notes" as plain lines, their numbers gone (the
app drew them as list bullets).  The evidence is the count: the lines under the
heading run to the end of the text, each a sentence, and there are exactly as many
of them as the distinct bracketed markers above the heading, which run 1, 2, 3 …
with none missing.  The lines are then the notes in the markers' order -- a guess,
since a copy that lost one note and kept another line would fit as well, so it is
reported (SB608) with the hint that overrides it.
"""

from __future__ import annotations

import re

from sourcebook.core.diagnostics import Code
from sourcebook.model import Footnote
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.state import ParseState

_MARKER = re.compile(r"\[(\d{1,3})\]")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
#: a notes section read this way has at most this many notes
_MOST = 30


def dropped_numbers(state: ParseState, heading: RawBlock, lines: list[RawBlock]) -> bool:
    """Take *lines* (every line under the notes *heading*, to the text's end) as the
    notes 1 … n when the markers above count them (see the module docstring)."""
    if not lines or len(lines) > _MOST or any(b.line in state.keep for b in lines):
        return False
    if not all(_SENTENCE_END.search(b.text.strip()) for b in lines):
        return False
    above = [b for b in state.blocks if b.line < heading.line]
    numbers = {int(n) for b in above for t in b.lines for n in _MARKER.findall(t)}
    if numbers != set(range(1, len(lines) + 1)):
        return False
    for number, line in enumerate(lines, 1):
        state.footnotes.append(Footnote(str(number), line.text.strip(), line.line))
        state.remove(line, "notes section", "notes: a note whose number the copy dropped")
    state.remove(heading, "notes heading", "notes: a notes heading")
    state.warn(
        heading.line,
        1,
        Code.STRUCTURE_UNSURE,
        f"the {len(lines)} lines under {heading.text.strip()!r} (lines {lines[0].line}-"
        f"{lines[-1].line}) have no numbers: read as the notes 1-{len(lines)} in the order"
        " of the text's markers; if they are not notes, list them in 'keep'",
    )
    return True


__all__ = ["dropped_numbers"]
