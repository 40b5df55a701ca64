"""The ``table_debris`` pass: what a layout table and a bar of bracketed links leave in
a text read one line a block (see :mod:`.borders`).

* A lone cell border (``|``, ``||``) carries no text: removed.
* A bar of bracketed links ("[Home] [Databases] [Help]", a legal information
  institute's or an old archive's) comes through some extractors broken after each
  opening bracket: a lone ``[`` over the link's words and its closing bracket
  ("Home]").  Both lines are the bar's: removed, the pair only when the link is short
  (at most ``_LINK_WORDS`` words, no sentence end inside).

A line the contributor keeps stays.
"""

from __future__ import annotations

import re

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.borders import CELL_BORDER
from sourcebook.parse.state import ParseState

#: a bracketed link's words and its closing bracket, on the line under a lone "["
_LINK_END = re.compile(r"[^\[\].!?]{1,60}\]")
_LINK_WORDS = 5


def _link_pair(blocks: list[RawBlock], index: int) -> bool:
    """*index* is a lone "[" whose link's words close the bracket on the next line."""
    if index + 1 >= len(blocks):
        return False
    block, after = blocks[index], blocks[index + 1]
    return (
        block.single_line
        and block.text == "["
        and after.single_line
        and after.line == block.line + 1
        and bool(_LINK_END.fullmatch(after.text))
        and len(after.text.split()) <= _LINK_WORDS
    )


def table_debris(state: ParseState) -> None:
    """Remove lone cell borders and broken bracketed links (see the module docstring)."""
    kept: list[RawBlock] = []
    blocks = state.blocks
    skip = -1
    for index, block in enumerate(blocks):
        if index == skip:
            continue
        if block.line in state.keep:
            kept.append(block)
        elif block.single_line and CELL_BORDER.fullmatch(block.text):
            state.remove(block, "layout table border", "table_debris: a lone cell border")
        elif _link_pair(blocks, index) and blocks[index + 1].line not in state.keep:
            for part in blocks[index : index + 2]:
                state.remove(part, "link bar", "table_debris: a bracketed link broken after '['")
            skip = index + 1
        else:
            kept.append(block)
    state.blocks = kept


__all__ = ["table_debris"]
