"""Blank lines counted in the text's own unit.

Some extractors print every gap between blocks as two blank lines or more (a
paragraph's margin made two line breaks, each a blank line).  The rules that read a
wider gap as a break of the page's structure (a lost heading stands after two blank
lines, a label's value one blank line under it) then see a break everywhere.  When
every gap of the text is at least two blank lines, its narrowest gap is its unit:
each block's count of blank lines before it is read in that unit.
"""

from __future__ import annotations

import dataclasses

from sourcebook.parse.blocks import RawBlock

#: a text shows its unit in at least this many gaps
_MIN_GAPS = 3


def unit_gaps(blocks: list[RawBlock]) -> list[RawBlock]:
    """*blocks* with blank lines counted in the text's narrowest gap.

    >>> from sourcebook.parse.blocks import split_blocks
    >>> doubled = split_blocks("A\\n\\n\\nB\\n\\n\\nC\\n\\n\\n\\n\\n\\nD")
    >>> [b.blanks_before for b in unit_gaps(doubled)]
    [0, 1, 1, 2]
    >>> [b.blanks_before for b in unit_gaps(split_blocks("A\\n\\nB\\n\\n\\nC\\n\\n\\nD"))]
    [0, 1, 2, 2]
    """
    gaps = [b.blanks_before for b in blocks[1:]]
    unit = min(gaps, default=0)
    if len(gaps) < _MIN_GAPS or unit < 2:
        return blocks
    return [
        dataclasses.replace(b, blanks_before=b.blanks_before // unit) if i else b
        for i, b in enumerate(blocks)
    ]


__all__ = ["unit_gaps"]
