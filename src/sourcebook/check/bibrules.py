"""Entry rules for ``docs/references.bib``: what every entry must hold, and may not.

pybtex has already parsed the file (:mod:`sourcebook.bibliography`); these
rules read its entries.  pybtex keeps no line numbers, so
:class:`FieldLocator` finds the line of a field in the raw text, inside the
entry that starts at the entry's own line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from stdnum import isbn, issn
from stdnum.exceptions import ValidationError

from sourcebook.bibliography import Bibliography, Source
from sourcebook.check.urls import active_schemes, url_problem, urls_in_text
from sourcebook.diagnostics import Code, Diagnostic

#: entry type -> groups of fields; each group needs at least one of its fields (SPEC §5)
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "book": (("author", "editor"), ("title",), ("publisher", "url"), ("year",)),
    "article": (("author",), ("title",), ("journal",), ("year",)),
    "misc": (("title",), ("url", "howpublished")),
    "online": (("title",), ("url", "howpublished")),
}
#: other types: a reader must at least be able to name the work
DEFAULT_REQUIRED: tuple[tuple[str, ...], ...] = (("title",),)

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
_DOI = re.compile(r"10\.\d{4,9}/\S+")

#: an HTML start or end tag, or a comment: ``<b>``, ``</i>``, ``<img src=x onerror=...>``
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")
#: a TeX control word (``\input``, ``\write``, ``\textbf``); control symbols such
#: as ``\&`` or ``\'`` only escape one character and cannot run anything
_TEX = re.compile(r"\\[A-Za-z@]+")
#: MyST role or directive (``{raw}`html```, ```` ```{include} ````) and Jinja substitution
_MYST = re.compile(r"\{[A-Za-z][\w:+-]*\}`|(?:```|:::)\s*\{[A-Za-z]|\{\{.*?\}\}")


class FieldLocator:
    """Line and column of ``name =`` inside the entry that starts at a given line."""

    def __init__(self, raw: str) -> None:
        self.lines = raw.split("\n")

    def find(self, start: int, name: str) -> tuple[int, int]:
        pattern = re.compile(rf"(?i)(?<![\w-]){re.escape(name)}\s*=")
        for number in range(start, len(self.lines) + 1):
            line = self.lines[number - 1]
            if number > start and line.lstrip().startswith("@"):
                break
            match = pattern.search(line)
            if match:
                return number, match.start() + 1
        return start, 1


def _has(source: Source, name: str) -> bool:
    value = source.fields.get(name)
    return bool(source.persons.get(name)) or bool(value and value.strip())


def required_fields(source: Source) -> list[str]:
    """Human-readable list of required field groups the entry lacks.

    >>> required_fields(Source("k", "book", {"title": "T", "year": "2000"}, {}, 1))
    ['author or editor', 'publisher or url']
    >>> required_fields(Source("k", "misc", {"title": "T", "url": "https://x.org"}, {}, 1))
    []
    """
    groups = REQUIRED.get(source.type, DEFAULT_REQUIRED)
    return [" or ".join(group) for group in groups if not any(_has(source, f) for f in group)]


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


def iso_date_problem(value: str) -> str | None:
    """Why *value* is not an ISO 8601 ``YYYY[-MM[-DD]]`` calendar date.

    >>> iso_date_problem("2016-09-20") is None and iso_date_problem("2016") is None
    True
    >>> iso_date_problem("2016-02-30")
    "'2016-02-30' is not a calendar date"
    >>> iso_date_problem("20 Sept 2016")
    "'20 Sept 2016' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"
    """
    match = _ISO_DATE.fullmatch(value.strip())
    if not match:
        return f"'{value}' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return f"'{value}' is not a calendar date"
    return None


def _date_problems(source: Source) -> Iterator[tuple[str, str]]:
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
        problem = iso_date_problem(value)
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


def _number_problems(source: Source) -> Iterator[tuple[str, str]]:
    for name, module in (("isbn", isbn), ("issn", issn)):
        value = source.get(name)
        if value is None:
            continue
        for number in filter(None, (v.strip() for v in re.split(r"[,;]", value))):
            try:
                module.validate(number)
            except ValidationError as exc:
                yield name, f"{name.upper()} '{number}' is invalid: {str(exc).rstrip('.').lower()}"


def _url_problems(source: Source) -> Iterator[tuple[str, str]]:
    url = source.get("url")
    if url is not None:
        problem = url_problem(url)
        if problem:
            yield "url", f"url '{url}': {problem}"
    doi = source.get("doi")
    if doi is not None:
        if doi.lower().startswith(("http:", "https:")):
            problem = url_problem(doi)
            if problem:
                yield "doi", f"doi '{doi}': {problem}"
        elif not _DOI.fullmatch(doi.strip()):
            yield "doi", f"doi '{doi}' is not a DOI (10.NNNN/suffix)"
    # links written in prose are linkified by readers and PDF viewers alike
    for name, value in sorted(source.fields.items()):
        if name in ("url", "doi"):
            continue  # checked whole above
        for pseudo in active_schemes(value):
            yield name, f"field '{name}' holds a '{pseudo}' link; only http and https are allowed"
        for link in urls_in_text(value):
            problem = url_problem(link)
            if problem:
                yield name, f"link '{link}' in field '{name}': {problem}"


def _text_problems(source: Source) -> Iterator[tuple[str, str]]:
    values = sorted(source.fields.items())
    values += [(role, " and ".join(names)) for role, names in sorted(source.persons.items())]
    for name, value in values:
        for pattern, what in ((_HTML, "HTML"), (_TEX, "TeX commands"), (_MYST, "MyST markup")):
            found = ", ".join(f"'{f}'" for f in sorted(set(pattern.findall(value))))
            if found:
                yield (
                    name,
                    (
                        f"field '{name}' holds {what} {found}; write "
                        "plain Unicode text (markup could become active in the reader or PDF)"
                    ),
                )


RULES = (
    (Code.BAD_DATE, _date_problems),
    (Code.BAD_ISBN, _number_problems),
    (Code.UNSAFE_URL, _url_problems),
    (Code.UNSAFE_TEXT, _text_problems),
)


def broken_keys(bib: Bibliography, syntax_lines: set[int]) -> set[str]:
    """Entries that hold a BibTeX syntax error: pybtex read only part of them.

    Their missing fields are a consequence of the one syntax error, so the
    entry rules skip them instead of repeating it in other words.
    """
    starts = sorted({line for lines in bib.key_lines.values() for line in lines})
    broken: set[str] = set()
    for key, source in bib.sources.items():
        later = [s for s in starts if s > source.line]
        end = later[0] - 1 if later else float("inf")
        if any(source.line <= line <= end for line in syntax_lines):
            broken.add(key)
    return broken


def check_entries(bib: Bibliography, raw: str, skip: set[str] | None = None) -> list[Diagnostic]:
    """Every rule on every entry that pybtex could read (except the *skip* keys)."""
    locate = FieldLocator(raw)
    diags: list[Diagnostic] = []
    for key, source in sorted(bib.sources.items()):
        if skip and key in skip:
            continue
        missing = required_fields(source)
        if missing:
            diags.append(
                Diagnostic(
                    bib.path,
                    source.line,
                    1,
                    Code.MISSING_FIELD,
                    f"@{source.type}{{{key}}} lacks required field "
                    + ", ".join(f"'{m}'" for m in missing),
                )
            )
        for code, rule in RULES:
            for name, message in rule(source):
                line, col = locate.find(source.line, name)
                diags.append(Diagnostic(bib.path, line, col, code, f"{key}: {message}"))
    return diags
