"""The "Part of a series on …" navigation box of a wiki article.

Found line by line (its first line, then short item lines up to a "v t e" line),
so it is found whether or not blank lines separate its items; the lines left
after it go back into the blocks they came from.
"""

from __future__ import annotations

import re

from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.state import ParseState

_NAVBOX_START = re.compile(r"Part of (?:a series on(?: .{1,80})?|the .{1,60} series)")
_NAVBOX_END = re.compile(r"[vV]\s*[tT]\s*[eE]|[vV]iew talk edit")
_NAVBOX_ITEM_WORDS = 6


def navbox(state: ParseState) -> None:
    """A "Part of a series on …" box: its first line, then short item lines
    up to a "v t e" line (or the first line that reads as prose).  Runs on
    single lines, so the box is found whether or not blank lines separate
    its items."""
    for index, block in enumerate(state.blocks):
        if _NAVBOX_START.fullmatch(block.lines[0]):
            lines = explode(state.blocks[index:])
            end = 1
            while end < len(lines) and _navbox_item(lines[end]):
                end += 1
                if _NAVBOX_END.fullmatch(lines[end - 1].text):
                    break
            for cut in lines[:end]:
                state.remove(cut, "navigation box", "navbox: 'Part of a series on' and its items")
            rest = lines[end:]
            state.blocks[index:] = _regroup(rest, state.blocks[index:])
            return


def _regroup(lines: list[RawBlock], blocks: list[RawBlock]) -> list[RawBlock]:
    """Put the lines left after a cut back into the blocks they came from."""
    keep = {line.line for line in lines}
    out: list[RawBlock] = []
    for block in blocks:
        numbers = [block.line + i for i in range(len(block.lines))]
        kept = [i for i, n in enumerate(numbers) if n in keep]
        if not kept:
            continue
        first = kept[0]
        out.append(
            RawBlock(
                numbers[first],
                tuple(block.lines[i] for i in kept),
                tuple(block.raw[i] for i in kept),
                block.indent
                if first == 0
                else len(block.raw[first]) - len(block.raw[first].lstrip()),
                block.blanks_before if first == 0 else 0,
            )
        )
    return out


def _navbox_item(block: RawBlock) -> bool:
    text = block.text
    short = len(text.split()) <= _NAVBOX_ITEM_WORDS and not text.endswith((".", "!", "?"))
    return block.single_line and (short or bool(_NAVBOX_END.fullmatch(text)))


__all__ = ["navbox"]
