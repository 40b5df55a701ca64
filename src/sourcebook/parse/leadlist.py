"""A list whose marks the extract lost, under a line that leads in to it.

A page's bulleted list copied as plain text keeps its items one a line but loses
the bullets: "Please keep to these rules:" / "no cooked food, meat or bread" /
"no bindweed at all".  Read as text the items join the lead-in into one
paragraph.  The evidence is the block's shape: a first line ending in a colon,
then at least ``_MIN_ITEMS`` lines, each short (at most ``_ITEM_WORDS`` words),
starting in lower case (continuing the lead-in's sentence, which a new paragraph
or a line of verse in a poem's capitals would not) and ending no sentence.
Capitalised items are left to the audit, which reports them (a poem or an address
has that shape too), unless every item is a label, a colon and a short value ("Long
Lode: 23" / "Hobb estate fields: 11": a tally or a record's fields in a list), which a
poem's or an address's lines are not.

A formal series (a tribunal's questions, a contract's conditions) closes every item
but the last with a semicolon ("; and", "; or") and the last with a full stop: that
punctuation is the list's own, so those items may end so and run to
``_SERIES_WORDS`` words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sourcebook.parse.blocks import RawBlock

#: a lead-in is followed by at least this many items ...
_MIN_ITEMS = 3
#: ... each of at most this many words
_ITEM_WORDS = 16
_SENTENCE_END = re.compile(r"[.!?…:][\"”’')\]]*$")
#: a line of code ("while pin.value():", "x = 1"), not an item of prose
_CODE = re.compile(r"[(){}=<>;`]|\w\.\w")
#: a formal series' item closes with ";" ("; and", "; or"), its last with "."
_SERIES_END = re.compile(r";(?: (?:and|or))?$")
#: a formal series' items may be this long
_SERIES_WORDS = 40
#: a "Label: value" item holds at most this many words
_LABEL_ITEM_WORDS = 10
#: a sentence ending inside an item: two sentences, not an item
_INNER_END = re.compile(r"[.!?…] ")


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
    if _series(items) or _label_items(items):
        return True
    return _short_items(items, _ITEM_WORDS, _SENTENCE_END)


#: an item "Label: value", the value short and ending no sentence
_LABEL_ITEM = re.compile(r"[A-Z][^:]{0,60}: [^:]{1,40}(?<![.!?…])")


def _label_items(items: Sequence[str]) -> bool:
    """Is every item a capitalised label, a colon and a short value?

    >>> _label_items(("Long Lode: 23", "Field walls: 6", "Other and unknown: 3"))
    True
    >>> _label_items(("Long Lode: 23", "The rest were lost.", "Other: 3"))
    False
    """
    return all(
        _LABEL_ITEM.fullmatch(item)
        and len(item.split()) <= _LABEL_ITEM_WORDS
        and not _CODE.search(item)
        for item in items
    )


def _short_items(items: Sequence[str], words: int, end: re.Pattern[str]) -> bool:
    """Every item is of 1 to *words* words, in lower case, with no *end* and no code."""
    return all(
        0 < len(item.split()) <= words
        and item[:1].islower()
        and not end.search(item)
        and not _CODE.search(item)
        for item in items
    )


def _series(items: Sequence[str]) -> bool:
    """Are *items* a formal series: each in lower case, closed by ";" but the last,
    closed by "." (the closing marks set aside, no item holds code or two sentences)?

    >>> _series(("whether it was late;", "whether it was sublet; and", "whether it paid."))
    True
    >>> _series(("whether it was late;", "whether it was sublet;", "whether it paid"))
    False
    >>> _series(("x = 1;", "y = 2;", "z = 3."))
    False
    """
    *rest, last = items
    if not last.endswith(".") or not all(_SERIES_END.search(item) for item in rest):
        return False
    bodies = [_SERIES_END.sub("", item) for item in rest] + [last[:-1]]
    return _short_items(bodies, _SERIES_WORDS, _INNER_END)


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
