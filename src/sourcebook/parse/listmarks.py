"""Which list a block's item marks open: bullets, letters, or numbers after a lead-in.

Bullets ("•") and letters ("a. ") open a list wherever they stand.  Numbers do not:
"1. " also opens a notes list, a numbered comment or a section ("2. Method"), which
other passes read.  A run of numbered lines opens a list when the block above leads
in to it (its text ends in a colon: "The top three places were:") and the block's
lines are numbered 1, 2, 3 … one a line, at least two of them.
"""

from __future__ import annotations

import re

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.rules import _BULLET, _LETTER_ITEM

#: a numbered item's mark: "1. ", "2) "
NUMBER_ITEM = re.compile(r"^(\d{1,2})[.)]\s+(?=\S)")
#: a numbered list after a lead-in has at least this many items
_MIN_NUMBERED = 2


def numbered_run(block: RawBlock, previous: str) -> bool:
    """Is *block* a run of lines numbered 1, 2, 3 … after the lead-in *previous*?

    >>> numbered_run(RawBlock(3, ("1. By the pond", "2. At the gate"), (), 0, 1), "Where:")
    True
    >>> numbered_run(RawBlock(3, ("1. By the pond", "2. At the gate"), (), 0, 1), "Notes")
    False
    >>> numbered_run(RawBlock(3, ("1. By the pond", "3. At the gate"), (), 0, 1), "Where:")
    False
    """
    if not previous.rstrip().endswith(":") or len(block.lines) < _MIN_NUMBERED:
        return False
    marks = [NUMBER_ITEM.match(line) for line in block.lines]
    return all(m is not None and int(m.group(1)) == n for n, m in enumerate(marks, 1))


def item_style(blocks: list[RawBlock], index: int) -> tuple[re.Pattern[str], str] | None:
    """The item mark and list style *blocks[index]* opens a list with, or ``None``."""
    text = blocks[index].text
    if _BULLET.match(text):
        return _BULLET, "bullet"
    if _LETTER_ITEM.match(text):
        return _LETTER_ITEM, "lower-alpha"
    if index and numbered_run(blocks[index], blocks[index - 1].text):
        return NUMBER_ITEM, "decimal"
    return None


__all__ = ["NUMBER_ITEM", "item_style", "numbered_run"]
