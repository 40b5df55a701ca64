"""Field values a reader must be able to trust: dates (ISO 8601 / EDTF, as biblatex
reads them), months, and the standard numbers ISBN and ISSN (python-stdnum).

Each rule yields ``(field, message)``; :mod:`sourcebook.check.bibrules` places
the findings at the fields that hold them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

from stdnum import isbn, issn
from stdnum.exceptions import ValidationError

from sourcebook.corpus.bibliography import Source

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
DATE_FIELDS = ("date", "urldate", "origdate", "eventdate")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
#: EDTF / ISO 8601-2 dates as biblatex reads them: year (negative, or with X digits),
#: month (21-24: seasons), day, a time, and an uncertainty/approximation qualifier
_EDTF_DATE = re.compile(
    r"(?P<year>-?\d{4}|\d{3}X|\d{2}XX|Y-?\d{5,})(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?"
    r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?[?~%]?"
)


def month_number(value: str) -> int | None:
    """The month a ``month`` field names (pybtex expands ``sep`` to ``September``).

    >>> [month_number(v) for v in ("September", "sep", "9", "09", "Sept", "13")]
    [9, 9, 9, 9, None, None]
    """
    text = value.strip().lower()
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    for index, name in enumerate(MONTHS, 1):
        if text in (name, name[:3]):
            return index
    return None


def edtf_problem(value: str) -> str | None:
    """Why *value* is not a biblatex date (EDTF / ISO 8601-2, ranges with ``/``).

    >>> [edtf_problem(v) for v in ("2016-09-20", "1999/2000", "2004-22", "199X", "1850?",
    ...                            "1999/..", "/1999", "-0876", "2004-04-05T14:34:00Z",
    ...                            "Y-170000002")]
    [None, None, None, None, None, None, None, None, None, None]
    >>> edtf_problem("20 Sept 2016")
    "'20 Sept 2016' is not a date (YYYY-MM-DD; EDTF ranges YYYY/YYYY, 199X, 1850? also work)"
    >>> edtf_problem("2016-02-30")
    "'2016-02-30' is not a calendar date"
    """
    parts = value.strip().split("/")
    if len(parts) > 2 or not any(p not in ("", "..") for p in parts):
        parts = ["!"]
    for part in parts:
        if part in ("", "..") and len(parts) == 2:
            continue
        match = _EDTF_DATE.fullmatch(part)
        if not match:
            return (
                f"'{value}' is not a date (YYYY-MM-DD; EDTF ranges YYYY/YYYY, 199X, 1850? "
                "also work)"
            )
        year, month, day = match.group("year", "month", "day")
        if "X" in year + (month or "") + (day or "") or year.startswith("Y"):
            continue
        if month and 21 <= int(month) <= 24 and not day:
            continue  # a season
        try:
            dt.date(max(1, abs(int(year))), int(month or 1), int(day or 1))
        except ValueError:
            return f"'{value}' is not a calendar date"
    return None


def date_problems(source: Source) -> Iterator[tuple[str, str]]:
    year = source.get("year")
    if year is not None and not re.fullmatch(r"\d{4}", year.strip()):
        yield "year", f"year '{year}' must be four digits"
    month = source.get("month")
    if month is not None and month_number(month) is None:
        yield "month", f"month '{month}' is not a month (use jan ... dec or 1 ... 12)"
    for name in DATE_FIELDS:
        value = source.get(name)
        if value is None:
            continue
        problem = edtf_problem(value)
        if problem:
            yield name, f"{name}: {problem}"
    # year/month and date say the same thing twice; a mismatch means one is wrong
    date = source.get("date")
    match = _ISO_DATE.fullmatch(date.strip()) if date else None
    if match and year and year.strip() != match.group(1):
        yield "year", f"year '{year}' disagrees with date '{date}'"
    named = month_number(month) if month else None
    if match and match.group(2) and named is not None and named != int(match.group(2)):
        yield "month", f"month '{month}' disagrees with date '{date}'"


def number_problems(source: Source) -> Iterator[tuple[str, str]]:
    for name, module in (("isbn", isbn), ("issn", issn)):
        value = source.get(name)
        if value is None:
            continue
        for number in _numbers(value, module.is_valid):
            try:
                module.validate(number)
            except ValidationError as exc:
                yield name, f"{name.upper()} '{number}' is invalid: {str(exc).rstrip('.').lower()}"


_NOT_DIGIT = re.compile(r"[^0-9Xx]")


def _numbers(value: str, is_valid: Callable[[str], bool]) -> list[str]:
    """The numbers of an ISBN/ISSN field: a list separated by ``,``, ``;`` or spaces.

    A space may also group the digits of one number (``978 0 306 40615 7``): a
    chunk is split at spaces only when it is not one valid number and every
    space-separated part has the length of a whole ISSN or ISBN (8, 10 or 13).

    >>> from stdnum import isbn
    >>> _numbers("978-3-16-148410-0 978-0-306-40615-7", isbn.is_valid)
    ['978-3-16-148410-0', '978-0-306-40615-7']
    >>> _numbers("978 0 306 40615 7; 0-306-40615-2", isbn.is_valid)
    ['978 0 306 40615 7', '0-306-40615-2']
    >>> _numbers("978-3-16-148410-1 0-306-40615-2", isbn.is_valid)  # one bad number named
    ['978-3-16-148410-1', '0-306-40615-2']
    """
    numbers: list[str] = []
    for chunk in filter(None, (v.strip() for v in re.split(r"[,;]", value))):
        parts = chunk.split()
        whole = all(len(_NOT_DIGIT.sub("", p)) in (8, 10, 13) for p in parts)
        if len(parts) > 1 and whole and not is_valid(chunk):
            numbers.extend(parts)
        else:
            numbers.append(chunk)
    return numbers
