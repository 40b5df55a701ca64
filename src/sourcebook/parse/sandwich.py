"""A short line between two lines of furniture in one block is furniture too.

A share row ("Share / Facebook / X / Email") or a subscription box
("Subscribe to … / Four issues a year, in print and online. / Subscribe")
keeps a line the vocabulary does not know between lines it does.  Left alone
it becomes a one-word heading or a stray paragraph.  The evidence is its
place: the lines just above and below it in the same block were removed as
furniture, and it is short (at most ``item_words`` of ``[footer]``).  It is
removed and reported (SB608), since a short line of text can stand there too.
"""

from __future__ import annotations

import functools
import re

from sourcebook.core.diagnostics import Code
from sourcebook.model import Removed
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_SCORE = 0.6


@functools.cache
def _footer_lines() -> tuple[re.Pattern[str], ...]:
    """The footer lines of ``[footer]`` (a copyright line): sure furniture."""
    return tuple(re.compile(p) for p in layout_table("footer")["patterns"])


def _furniture(state: ParseState, line: int) -> bool:
    return any(d.line == line and d.became.startswith("removed (") for d in state.decisions)


def sandwiched(state: ParseState, block: RawBlock, taken: list[int]) -> list[int]:
    """Offsets in *block* of short lines between two furniture lines (see the module
    docstring); each is removed and reported."""
    words = int(layout_table("footer")["item_words"])
    found: set[int] = set(taken)
    out: list[int] = []
    for offset in range(1, len(block.lines) - 1):
        line = block.line + offset
        if offset in found or line in state.keep or len(block.lines[offset].split()) > words:
            continue
        between = offset - 1 in found and offset + 1 in found
        if between and _furniture(state, line - 1) and _furniture(state, line + 1):
            out.append(offset)
            _take(state, line, block.lines[offset], block.raw[offset])
    return out


def _take(state: ParseState, line: int, text: str, raw: str) -> None:
    """Remove the line: sure when it is a footer line, else reported."""
    state.removed.append(Removed(line, raw, "furniture"))
    if any(p.fullmatch(text) for p in _footer_lines()):
        state.decide(line, "removed (furniture)", "sandwich: a footer line", 0.9)
        return
    state.decide(line, "removed (furniture)", "sandwich: between furniture", _SCORE)
    state.warn(
        line,
        1,
        Code.STRUCTURE_UNSURE,
        f"removed {text[:40]!r} between two lines of page furniture (score {_SCORE:.2f});"
        f" if it is text, list line {line} in 'keep'",
    )


__all__ = ["sandwiched"]
