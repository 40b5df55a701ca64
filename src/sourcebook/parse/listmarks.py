"""Which list a block's item marks open: bullets, letters, or numbers after a lead-in.

Bullets ("•") and letters ("a. ") open a list wherever they stand.  Numbers do not:
"1. " also opens a notes list, a numbered comment or a section ("2. Method"), which
other passes read.  A run of numbered lines opens a list when the block above leads
in to it (its text ends in a colon: "The top three places were:") and the block's
lines are numbered 1, 2, 3 … one a line, at least two of them.  An item wrapped
with a hanging indent (a plain-text mail's "1. Change the offset and note" /
"   which survey it comes from.") goes on on its indented lines.
"""

from __future__ import annotations

import re

from sourcebook.parse.blocks import RawBlock, sub_block
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
    groups = hanging_items(block, NUMBER_ITEM)
    if groups is None or len(groups) < _MIN_NUMBERED:
        return False
    marks = [NUMBER_ITEM.match(block.lines[start]) for start, _ in groups]
    return all(m is not None and int(m.group(1)) == n for n, m in enumerate(marks, 1))


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" \t\u00a0"))


def hanging_items(block: RawBlock, pattern: re.Pattern[str]) -> list[tuple[int, int]] | None:
    """The items of *block* as (start, end) offsets: each opens with an item mark on its
    first line and goes on on lines indented deeper than that mark; ``None`` when a line
    is neither.

    >>> raw = ("1. Move the", "   gauge.", "2. Stop.")
    >>> b = RawBlock(3, ("1. Move the", "gauge.", "2. Stop."), raw, 0, 1)
    >>> hanging_items(b, NUMBER_ITEM)
    [(0, 2), (2, 3)]
    >>> b = RawBlock(3, ("1. Move the", "gauge."), ("1. Move the", "gauge."), 0, 1)
    >>> hanging_items(b, NUMBER_ITEM) is None
    True
    """
    groups: list[tuple[int, int]] = []
    mark = 0
    for offset, line in enumerate(block.lines):
        raw = block.raw[offset] if offset < len(block.raw) else line
        if pattern.match(line):
            groups.append((offset, offset + 1))
            mark = _indent(raw)
        elif groups and _indent(raw) > mark:
            groups[-1] = (groups[-1][0], offset + 1)
        else:
            return None
    return groups


def item_blocks(block: RawBlock, pattern: re.Pattern[str]) -> list[RawBlock]:
    """The block's items when they wrap with a hanging indent, else the block whole."""
    groups = hanging_items(block, pattern)
    return [sub_block(block, a, b) for a, b in groups] if groups else [block]


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


__all__ = ["NUMBER_ITEM", "hanging_items", "item_blocks", "item_style", "numbered_run"]
