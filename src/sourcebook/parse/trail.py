"""A breadcrumb trail on one line right above the title it ends with.

Blogs and recipe sites print the post's place in the site above its title on one
line, ending with the title itself ("Home » Breakfast » Griddle Scones", then
"Griddle Scones").  Read as a header line, the trail would be taken for the title
and the real title for a subtitle.  A line among the text's first blocks whose parts,
split at a breadcrumb separator (``breadcrumb`` in ``[byline_head]`` of
``parse/layout.toml``), are at least two and whose last part is the next line's
whole text is removed as a breadcrumb before the header lines are read.  A line
with separators whose last part is not printed again below stays (a title may hold a
"/").
"""

from __future__ import annotations

import functools
import re

from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: the trail stands among the text's first blocks (a masthead, a menu, the trail)
_WINDOW = 8


@functools.cache
def _separator() -> re.Pattern[str]:
    return re.compile(layout_table("byline_head")["breadcrumb"])


def ends_with(trail: str, title: str) -> bool:
    """Is *trail* a breadcrumb trail whose last part is *title*?

    >>> ends_with("Home » Breakfast » Griddle Scones", "Griddle Scones")
    True
    >>> ends_with("Home » Breakfast", "Scones"), ends_with("Scones", "Scones")
    (False, False)
    """
    parts = _separator().split(trail.strip())
    return len(parts) >= 2 and " ".join(parts[-1].split()) == " ".join(title.split())


def drop_trail(state: ParseState) -> None:
    """Remove the trail above the title (see the module docstring)."""
    blocks = state.blocks
    for index in range(min(_WINDOW, len(blocks) - 1)):
        block, below = blocks[index], blocks[index + 1]
        if block.line in state.keep or not (block.single_line and below.single_line):
            continue
        if ends_with(block.text, below.text):
            state.remove(block, "breadcrumb", "header: a trail ending with the title below it")
            del blocks[index]
            return


__all__ = ["drop_trail", "ends_with"]
