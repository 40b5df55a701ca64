"""Infobox runs glued by extraction: ``LeaderJane Doe Founded1987 Split fromXYZ``.

An infobox's labels and values lose their cell borders in a text extract and
run together on one line.  Where the labels are ones the vocabulary knows
(``parse/layout.toml``), the run is split into ``(label, value)`` rows and
becomes an infobox table; a run whose labels are unknown is one furniture
block (never prose, never headings).
"""

from __future__ import annotations

import functools
import re

from sourcebook.model import Claim, Table, TableRow
from sourcebook.parse.inline import InlineRules, Piece, finish_paragraph
from sourcebook.parse.state import ParseState

#: a lower-case letter or digit glued to a capital, or a letter glued to a digit
_GLUE = re.compile(r"[a-z][A-Z]|[a-z]\d|\d[A-Z]")
#: glue points that make a line an infobox run rather than a name like "McDonald"
_MIN_GLUE = 3
_MIN_LABELS = 2


def glued_run(text: str) -> bool:
    """Several glue points and no sentence in sight.

    >>> glued_run("LeaderJane Doe Founded1987 Split fromXYZ")
    True
    >>> glued_run("McDonald met the iPhone team in 1987. It went well.")
    False
    >>> glued_run("McDonald and the YouTube crew filmed the iPhone launch in 2010 and 2011.[1]")
    False
    """
    if ". " in text or text.endswith("."):
        return False
    glue = len(_GLUE.findall(text, 0, 2000))
    # an infobox run is glued nearly everywhere; prose with a few names like
    # "McDonald" or "iPhone" has one glue point in many words
    return glue >= _MIN_GLUE and glue * 3 >= len(text.split(maxsplit=200))


@functools.cache
def _labels_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    # longest first, so "Founders" is not read as "Founder" + "s..."
    names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    # a label starts the text, follows a space or is glued to the previous value,
    # and is itself glued to its value (a capital, a digit, a quotation mark)
    return re.compile(rf"(?:^|(?<=[\s\w)\]]))({names})(?=[A-Z0-9“\"'(])")


def split_fields(text: str, labels: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(label, value)`` rows of a glued run, or ``[]`` if fewer than two labels are known.

    >>> labels = ("Leader", "Founded", "Split from")
    >>> split_fields("LeaderJane Doe Founded1987 Split fromXYZ", labels)
    [('Leader', 'Jane Doe'), ('Founded', '1987'), ('Split from', 'XYZ')]
    >>> split_fields("The Party LeaderAnn Lee", ("Leader",))
    []
    """
    found = list(_labels_pattern(labels).finditer(text))
    if len(found) < _MIN_LABELS:
        return []
    rows: list[tuple[str, str]] = []
    lead = text[: found[0].start()].strip()
    if lead:
        rows.append((lead, ""))
    for match, following in zip(found, [*found[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        rows.append((match.group(1), text[match.end() : end].strip()))
    return rows


def fields_table(
    state: ParseState, line: int, fields: list[tuple[str, str]], rules: InlineRules
) -> Table:
    """The infobox table of a split run; a marker in a value supports its row (the
    claim's text is the row, as for a flattened table)."""
    rows: list[TableRow] = []
    for label, value in fields:
        pieces = [state.pieces(text, line, rules) for text in (label, value)]
        context = " | ".join(_plain(p) for p in pieces)
        claims: list[Claim] = state.claims
        cells = tuple(finish_paragraph(p, line, claims, state.ids, context=context) for p in pieces)
        rows.append(TableRow(cells, line))
    return Table(tuple(rows), line, "infobox")


def _plain(pieces: list[Piece]) -> str:
    return "".join(p for p in pieces if isinstance(p, str)).strip()


__all__ = ["fields_table", "glued_run", "split_fields"]
