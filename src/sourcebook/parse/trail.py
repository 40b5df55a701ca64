"""Trails printed on one line: breadcrumbs and a taxonomy's path.

Reference sites print, above an entry, where it stands in the site or in a
classification: "Home > Listing > The Register", "Kingdom Animalia > Phylum
Arthropoda > Class Insecta".  Such a line may hold as many words as a sentence,
but it is a row of short items split by one separator (``[trail] separator`` in
``layout.toml``) with no sentence end: never the text's first line of prose
(:func:`is_trail`).

Blogs and recipe sites print the post's place in the site above its title on one
line, ending with the title itself ("Home » Breakfast » Griddle Scones", then
"Griddle Scones").  Read as a header line, the trail would be taken for the title
and the real title for a subtitle.  A line among the text's first blocks whose parts,
split at a breadcrumb separator (``breadcrumb`` in ``[byline_head]`` of
``parse/layout.toml``), are at least two and whose last part is the next line's
whole text is removed as a breadcrumb before the header lines are read
(:func:`drop_trail`).  A line with separators whose last part is not printed again
below stays (a title may hold a "/").
"""

from __future__ import annotations

import functools
import re

from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: the trail stands among the text's first blocks (a masthead, a menu, the trail)
_WINDOW = 8
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")


@functools.cache
def _shape() -> tuple[re.Pattern[str], int, int]:
    data = layout_table("trail")
    return re.compile(data["separator"]), int(data["min_items"]), int(data["item_words"])


def is_trail(text: str) -> bool:
    """A breadcrumb or taxonomy trail: at least ``min_items`` short items split by the
    separator, and no sentence end.

    >>> is_trail("Kingdom Plantae > Order Rosales > Family Rosaceae > Genus Malus")
    True
    >>> is_trail("Prices rose > 5 % in the year to May, and then fell > 2 % in June > July.")
    False
    """
    separator, min_items, item_words = _shape()
    items = separator.split(text.strip())
    return (
        len(items) >= min_items
        and not _SENTENCE_END.search(text.strip())
        and all(0 < len(item.split()) <= item_words for item in items)
    )


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


__all__ = ["drop_trail", "ends_with", "is_trail"]
