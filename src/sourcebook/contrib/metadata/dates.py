"""Dates from metadata as BibTeX's ``year`` and ISO ``date``.

>>> csl_date({"date-parts": [[2019, 3, 7]]})
('2019', '2019-03-07')
>>> csl_date({"date-parts": [[2019]]}), csl_date({"date-parts": [[None]]})
(('2019', '2019'), (None, None))
>>> iso_date("2020-01-02T10:00:00+01:00"), iso_date("March 2020"), iso_date("n.d.")
(('2020', '2020-01-02'), ('2020', '2020'), (None, None))
"""

from __future__ import annotations

import re

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def _valid(year: int, month: int | None, day: int | None) -> str | None:
    if not 1000 <= year <= 2999 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


def csl_date(value: object) -> tuple[str | None, str | None]:
    """(year, date) of a CSL ``{"date-parts": [[Y, M, D]]}``; (None, None) if unusable."""
    if not isinstance(value, dict):
        return None, None
    parts = value.get("date-parts")
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]):
        return None, None
    numbers = [p for p in parts[0][:3] if isinstance(p, int) and not isinstance(p, bool)]
    if len(numbers) != len(parts[0][:3]) or not numbers:
        return None, None
    month = numbers[1] if len(numbers) > 1 else None
    day = numbers[2] if len(numbers) > 2 else None
    date = _valid(numbers[0], month, day)
    return (date[:4], date) if date else (None, None)


def iso_date(value: str | None) -> tuple[str | None, str | None]:
    """(year, date) of an ISO 8601 date or date-time; a bare year found in other text."""
    if not value:
        return None, None
    found = _ISO.match(value.strip())
    if found:
        year, month, day = (int(g) if g else None for g in found.groups())
        date = _valid(year or 0, month, day)
        if date:
            return date[:4], date
    bare = _YEAR.search(value)
    return (bare.group(1), bare.group(1)) if bare else (None, None)
