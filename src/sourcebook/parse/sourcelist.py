"""A "Sources" line over its source lines: a list whose marks the extract lost.

Articles, blog posts and essays close with the works they drew on under a line
naming them ("Sources:", "Sources", "Further reading", the ``[source_lists]``
leads of ``parse/layout.toml``), one source a line.  Copied as text, the lines
join the lead into one paragraph (no blank line between) or into a paragraph of
their own below it.  The evidence is the lead's words and the lines' shape: each
short (``item_words`` at most), not indented; under a lead glued to them one line
is enough, under a lead on its own two are needed (one line below "Sources" may be
a sentence about them).  The lead stays as printed; the lines become a list.
Numbered lines under "Sources" are the notes pass's references, taken before.
"""

from __future__ import annotations

import functools
import re

from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.vocabulary import layout_table

_CITATION_MARK = re.compile(r"\d|[.,;:/()]")


@functools.cache
def _leads() -> tuple[frozenset[str], int]:
    table = layout_table("source_lists")
    return frozenset(lead.casefold() for lead in table["leads"]), int(table["item_words"])


def is_source_lead(text: str) -> bool:
    """Does *text* name a list of sources ("Sources:", "Further reading")?

    >>> is_source_lead("Sources:"), is_source_lead("Sources"), is_source_lead("Sources say so.")
    (True, True, False)
    >>> is_source_lead("Source:")  # a label over its value, in a header box
    False
    """
    return text.strip().rstrip(":").strip().casefold() in _leads()[0]


def _item(block: RawBlock, offset: int) -> bool:
    """A source line: short, not indented, no label of its own ("Summary:"), and
    with a citation's marks (a year or page, a comma or full stop between its
    parts, a link) where a heading below the list ("Reader Tools") has none."""
    line = block.lines[offset]
    words = len(line.split())
    shaped = 0 < words <= _leads()[1] and not block.raw[offset][:1].isspace()
    return shaped and line[-1] != ":" and _CITATION_MARK.search(line) is not None


def source_items(blocks: list[RawBlock], index: int) -> tuple[bool, list[RawBlock], int]:
    """The source lines at *index*: (the block opens with its lead, the item lines,
    the index after them); no items when the blocks there are none."""
    block = blocks[index]
    if len(block.lines) > 1 and is_source_lead(block.lines[0]):
        if all(_item(block, i) for i in range(1, len(block.lines))):
            return True, explode([block])[1:], index + 1
        return True, [], index
    lead = blocks[index - 1] if index > 0 else None
    if lead is None or not lead.single_line or not is_source_lead(lead.text):
        return False, [], index
    end = index + 1  # a line-per-block layout: the run of lines with no blank between
    while end < len(blocks) and blocks[end].single_line and blocks[end].blanks_before == 0:
        end += 1
    items = explode(blocks[index:end])
    if len(items) < 2 or not all(_item(b, 0) for b in items):
        return False, [], index
    return False, items, end


__all__ = ["is_source_lead", "source_items"]
