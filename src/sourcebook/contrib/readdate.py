"""A date the normaliser read in a seed, as the ``date`` of its ``document.toml``.

``sourcebook add`` writes the date the outline shows (a post's date line, a
byline's date) when the contributor gave none, with a comment naming the line it
came from.  Only a date that names its year, month and day, or its year and
month, is written; anything else ("4 days ago", "Spring 2024") stays a comment.

>>> read_date("Tuesday, March 8, 2011"), read_date("4 March 2025"), read_date("14th Oct 2025")
('2011-03-08', '2025-03-04', '2025-10-14')
>>> read_date("Posted 2026-09-04 at 10:14"), read_date("November 2026"), read_date("June 31, 2024")
('2026-09-04', '2026-11', None)
>>> read_date("4 days ago"), read_date("Spring 2024")
(None, None)
"""

from __future__ import annotations

import datetime as dt
import re

from sourcebook.core.text import MONTH_NAMES

_MONTHS = tuple(name.lower() for name in MONTH_NAMES)
_MONTH = r"([A-Z][a-z]{2,8})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_FORMS = (
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), "ymd"),
    (re.compile(rf"\b{_DAY} (?:of )?{_MONTH},? (\d{{4}})\b"), "dmy"),
    (re.compile(rf"\b{_MONTH} {_DAY},? (\d{{4}})\b"), "mdy"),
    (re.compile(rf"\b{_MONTH},? (\d{{4}})\b"), "my"),
)


def _month(name: str) -> int | None:
    """1-12 for a month's name or its abbreviation ("Oct", "Sept"), else None."""
    folded = name.lower()
    return next((i for i, m in enumerate(_MONTHS, 1) if m.startswith(folded)), None)


def _iso(year: str, month: int | None, day: str | None) -> str | None:
    if month is None:
        return None
    try:
        stamp = dt.date(int(year), month, int(day or 1))
    except ValueError:
        return None
    return stamp.isoformat() if day else stamp.isoformat()[:7]


def read_date(text: str) -> str | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``) of the first date printed in *text*, else None."""
    for pattern, order in _FORMS:
        match = pattern.search(text)
        if match is None:
            continue
        parts = match.groups()
        if order == "ymd":
            return _iso(parts[0], int(parts[1]) if 1 <= int(parts[1]) <= 12 else None, parts[2])
        if order == "dmy":
            return _iso(parts[2], _month(parts[1]), parts[0])
        if order == "mdy":
            return _iso(parts[2], _month(parts[0]), parts[1])
        return _iso(parts[1], _month(parts[0]), None)
    return None


__all__ = ["read_date"]
