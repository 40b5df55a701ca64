"""A list whose marks the extract lost, under a line that leads in to it.

A page's bulleted list copied as plain text keeps its items one a line but loses
the bullets: "Please keep to these rules:" / "no cooked food, meat or bread" /
"no bindweed at all".  Read as text the items join the lead-in into one
paragraph.  The evidence is the block's shape: a first line ending in a colon,
then at least ``_MIN_ITEMS`` lines, each short (at most ``_ITEM_WORDS`` words),
starting in lower case (continuing the lead-in's sentence, which a new paragraph
or a line of verse in a poem's capitals would not) and ending no sentence.
Capitalised items are left to the audit, which reports them (a poem or an address
has that shape too).
"""

from __future__ import annotations

import re

from sourcebook.parse.blocks import RawBlock

#: a lead-in is followed by at least this many items ...
_MIN_ITEMS = 3
#: ... each of at most this many words
_ITEM_WORDS = 16
_SENTENCE_END = re.compile(r"[.!?…:][\"”’')\]]*$")
#: a line of code ("while pin.value():", "x = 1"), not an item of prose
_CODE = re.compile(r"[(){}=<>;`]|\w\.\w")


def lead_in_items(block: RawBlock) -> bool:
    """Is *block* a lead-in line over lower-case items, one a line?

    >>> lead_in_items(RawBlock(1, ("Rules:", "no meat", "no bread", "no bindweed"), (), 0, 0))
    True
    >>> lead_in_items(RawBlock(1, ("Rules:", "No meat", "No bread", "No bindweed"), (), 0, 0))
    False
    >>> lead_in_items(RawBlock(1, ("Rules:", "no meat.", "no bread", "no bindweed"), (), 0, 0))
    False
    >>> code = ("def f(pin):", "start = 0", "while pin.value():", "pass")
    >>> lead_in_items(RawBlock(1, code, code, 0, 0))
    False
    """
    lead, items = block.lines[0], block.lines[1:]
    if not lead.rstrip().endswith(":") or len(items) < _MIN_ITEMS:
        return False
    if any(raw[:1].isspace() for raw in block.raw[1:]):
        return False  # indented lines: code or a quotation, not a list
    return all(
        0 < len(item.split()) <= _ITEM_WORDS
        and item[:1].islower()
        and not _SENTENCE_END.search(item)
        and not _CODE.search(item)
        for item in items
    )


__all__ = ["lead_in_items"]
