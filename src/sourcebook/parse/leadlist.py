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
    lead, items = block.lines[0], list(block.lines[1:])
    if not lead.rstrip().endswith(":") or len(items) < _MIN_ITEMS:
        return False
    if any(raw[:1].isspace() for raw in block.raw[1:]):
        return False  # indented lines: code or a quotation, not a list
    items = _unpunctuated(items)
    return all(
        0 < len(item.split()) <= _ITEM_WORDS
        and item[:1].islower()
        and not _SENTENCE_END.search(item)
        and not _CODE.search(item)
        for item in items
    )


def _unpunctuated(items: list[str]) -> list[str]:
    """The items without the punctuation of a list that is one sentence: each item but
    the last closed by a semicolon, the last by a full stop ("in three ways:" / "the pin
    is moved;" / "the casting is thicker."); other items as they are (lines closed by
    commas and a full stop are verse as often as a list: they stay text).

    >>> _unpunctuated(["a pin;", "a cast;", "a jig."]), _unpunctuated(["a pin;", "a jig"])
    (['a pin', 'a cast', 'a jig'], ['a pin;', 'a jig'])
    >>> _unpunctuated(["a pin,", "a cast,", "a jig."])
    ['a pin,', 'a cast,', 'a jig.']
    """
    *head, last = [item.rstrip() for item in items]
    if any(item[-1:] != ";" for item in head) or last[-1:] not in (".", ";"):
        return items
    return [item[:-1] for item in (*head, last)]


def rejoin(blocks: list[RawBlock]) -> list[RawBlock]:
    """A lead-in line and its items read one line a block (a text whose lines were each
    read as a block) are joined again into one block when they have the lead-in shape.

    >>> rows = [RawBlock(n, (t,), (t,), 0, 0) for n, t in enumerate(("Rules:", "no meat",
    ...         "no bread", "no bindweed"), 1)]
    >>> [b.lines for b in rejoin(rows)]
    [('Rules:', 'no meat', 'no bread', 'no bindweed')]
    """
    out: list[RawBlock] = []
    index = 0
    while index < len(blocks):
        block, end = blocks[index], index + 1
        if block.single_line and block.text.rstrip().endswith(":"):
            while end < len(blocks) and _next_line(blocks[end - 1], blocks[end]):
                end += 1
        joined = _joined(blocks[index:end])
        while end > index + 1 and not lead_in_items(joined):
            end -= 1
            joined = _joined(blocks[index:end])
        out.append(joined if end > index + 1 else block)
        index = end
    return out


def _next_line(above: RawBlock, block: RawBlock) -> bool:
    return block.single_line and block.blanks_before == 0 and block.line == above.line + 1


def _joined(run: list[RawBlock]) -> RawBlock:
    first = run[0]
    lines = tuple(t for b in run for t in b.lines)
    raw = tuple(r for b in run for r in b.raw)
    return RawBlock(first.line, lines, raw, first.indent, first.blanks_before)


__all__ = ["lead_in_items", "rejoin"]
