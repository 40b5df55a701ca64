"""Short lines between two lines of furniture in one block are furniture too.

A share row ("Share / Facebook / X / Email") or a subscription box
("Subscribe to … / Four issues a year, in print and online. / Subscribe")
keeps a line the vocabulary does not know between lines it does.  Left alone
it becomes a one-word heading or a stray paragraph.  The evidence is its
place: the lines just above and below it (or a run of up to three such lines:
Medium's clap and response counts between its date and "Listen") in the same
block were removed as furniture or metadata, and it is short (at most
``item_words`` of ``[footer]``).  It is removed and reported (SB608), since a
short line of text can stand there too; a copyright line is removed silently.
"""

from __future__ import annotations

import functools
import re

from sourcebook.core.diagnostics import Code
from sourcebook.model import Removed
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table, vocabulary

_SCORE = 0.6
_SENTENCE_END = re.compile(r"[.!?][”’\"')]*$")
#: at most this many unknown lines between two furniture lines are taken
_RUN = 3


@functools.cache
def _footer_lines() -> tuple[re.Pattern[str], ...]:
    """The footer lines of ``[footer]`` (a copyright line): sure furniture."""
    return tuple(re.compile(p) for p in layout_table("footer")["patterns"])


def _furniture(state: ParseState, line: int) -> bool:
    return any(
        d.line == line and d.became.startswith(("removed (", "metadata (")) for d in state.decisions
    )


def sandwiched(state: ParseState, block: RawBlock, taken: list[int]) -> list[int]:
    """Offsets in *block* of short lines between two furniture lines (see the module
    docstring); each is removed and reported."""
    words = int(layout_table("footer")["item_words"])
    found: set[int] = set(taken)
    out: list[int] = []
    offset = 1
    while offset < len(block.lines) - 1:
        run = _untaken_run(block, offset, found, state.keep, words)
        below = offset + run
        if run and _between(state, block, offset, below, found):
            for inner in range(offset, below):
                out.append(inner)
                _take(state, block.line + inner, block.lines[inner], block.raw[inner])
        offset = below + 1 if run else offset + 1
    return out


def _between(state: ParseState, block: RawBlock, start: int, end: int, found: set[int]) -> bool:
    """Lines *start* to *end* (exclusive) stand between two furniture or metadata lines."""
    if start - 1 not in found or end not in found:
        return False
    return _furniture(state, block.line + start - 1) and _furniture(state, block.line + end)


def _untaken_run(block: RawBlock, offset: int, found: set[int], keep: set[int], words: int) -> int:
    """How many short lines from *offset* on are not taken (at most ``_RUN`` of them)."""
    run = 0
    while (
        offset + run < len(block.lines)
        and offset + run not in found
        and block.line + offset + run not in keep
        and len(block.lines[offset + run].split()) <= words
        and not _header(block.lines[offset + run])
        and run < _RUN
    ):
        run += 1
    if run > 1 and any(_SENTENCE_END.search(t) for t in block.lines[offset : offset + run]):
        return 0  # a run of sentences is text (a comment), not a row of counts
    return run


def _header(text: str) -> bool:
    """A comment header line ("NAME reblogged this from X and added:")."""
    return any(p.fullmatch(text) for p in vocabulary().comment_headers)


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
