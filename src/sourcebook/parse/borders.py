"""What an HTML layout table and its rules leave in a plain-text copy.

Court judgments on legal information institutes, old government pages and
reports laid out in HTML tables come through a text extractor with each cell on
a line of its own and the cells' borders as lines of their own: a lone ``|``
(or ``||``) between cells, and horizontal rules of underscores, dashes or equals
signs between the parts of a front sheet.  Such a line carries no text: it is a
boundary between units, never a wrap of a sentence.  Two facts follow:

* for the layout (:func:`~sourcebook.parse.blocks.line_layout`), a line break
  before or after a cell border or a rule ends a unit, as does a short
  capitalised line right above a list item ("Introduction" over "- This claim
  concerns …": a heading over a numbered paragraph that came through as an item);
* the ``table_debris`` pass (:mod:`.tabledebris`) removes each lone cell border
  once the text is read one line a block (the rules are the ``rules`` vocabulary's).
"""

from __future__ import annotations

import re

#: a lone cell border of a layout table: one or two bars, nothing else
CELL_BORDER = re.compile(r"\|{1,2}")
#: a horizontal rule: a run of one rule character, or of spaced ones ("* * *" aside:
#: a section break is the text's own, the ``rules`` vocabulary's)
_RULE = re.compile(r"_{3,}|-{3,}|={3,}|~{3,}")
#: a list item's mark: the numbered paragraphs of a judgment or report
_ITEM = re.compile(r"(?:[•·*–\-]|\d{1,3}[.)]|\[\d{1,4}\])\s")
#: a heading over an item has at most this many words
_HEADING_WORDS = 8


def is_border(line: str) -> bool:
    """A lone cell border or a horizontal rule.

    >>> is_border("|"), is_border("||"), is_border("____"), is_border("===")
    (True, True, True, True)
    >>> is_border("a | b"), is_border("--"), is_border("|||")
    (False, False, False)
    """
    return bool(CELL_BORDER.fullmatch(line) or _RULE.fullmatch(line))


def unit_break(line: str, following: str) -> bool:
    """A line break between *line* and *following* ends a unit: either is a cell border
    or a rule, or a short capitalised line stands over a list item.

    >>> unit_break("OWEN CARROW", "|"), unit_break("|", "Claimant")
    (True, True)
    >>> unit_break("Introduction", "- This claim concerns a wall."), unit_break("Facts", "[0002] X")
    (True, True)
    >>> unit_break("the wall was built in", "- and the gate"), unit_break("a", "b")
    (False, False)
    """
    if is_border(line) or is_border(following):
        return True
    words = len(line.split())
    return 0 < words <= _HEADING_WORDS and line[:1].isupper() and bool(_ITEM.match(following))


__all__ = ["CELL_BORDER", "is_border", "unit_break"]
