"""A summary list whose bullets the extract lost, at the top of the text.

News pages, live pages and reports open with a summary box ("Summary", "Key
points", "At a glance"): three to six one-line points, each a clause without a
closing full stop.  Copied as text the bullets are lost and the points read as
headings in a row (short, capitalised, unpunctuated) or as paragraphs.  The
evidence is the run's shape and place: at least ``_MIN_ITEMS`` single-line
blocks on consecutive lines (no blank line between), each of ``_ITEM_WORDS``
words or more, capitalised and ending no sentence, before the text's first
paragraph.  Menus are shorter, headings are followed by their text, and a
run further down the page is left to the audit, which reports it.
"""

from __future__ import annotations

import re

from sourcebook.parse.blocks import RawBlock, explode

#: at least this many points ...
_MIN_ITEMS = 3
#: ... each of at least this many words
_ITEM_WORDS = 6
#: ... and at most this many (a point is a clause, not a paragraph)
_MAX_WORDS = 25
#: a sentence's end, before closing quotes and reference markers ("nothing.[1]")
_SENTENCE_END = re.compile(r"[.!?…:;,][\"”’')\]]*(?:\[[^\]]{1,20}\])*$")


def _point(block: RawBlock) -> bool:
    text = block.text
    return (
        block.single_line
        and _ITEM_WORDS <= len(text.split()) <= _MAX_WORDS
        and text[:1].isupper()
        and not _SENTENCE_END.search(text)
    )


def summary_points(blocks: list[RawBlock], index: int) -> int:
    """The end of the run of summary points opening at *index* (*index* when none).

    >>> text = "Point {} of the summary box stands here"
    >>> b = [RawBlock(n, (text.format(n),), (), 0, 0) for n in (4, 5, 6)]
    >>> summary_points(b, 0)
    3
    >>> summary_points(b[:2], 0)
    0
    """
    end = index
    while end < len(blocks) and _point(blocks[end]):
        if end > index and blocks[end].line != blocks[end - 1].line + 1:
            break
        end += 1
    return end if end - index >= _MIN_ITEMS else index


__all__ = ["summary_points"]


def declared_items(
    blocks: list[RawBlock], index: int, lines: set[int]
) -> tuple[list[RawBlock], int]:
    """The lines from *blocks[index]* on that a pass read as list items (*lines*), one a
    block, and the index after the blocks they fill."""
    items: list[RawBlock] = []
    while index < len(blocks) and all(
        blocks[index].line + o in lines for o in range(len(blocks[index].lines))
    ):
        items += explode([blocks[index]])
        index += 1
    return items, index
