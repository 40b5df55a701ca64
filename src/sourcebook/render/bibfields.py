"""An entry's fields as the reference list reads them: raw, rich or plain text, years, names.

One place for the BibTeX and biblatex field names the style looks at
(``date`` or ``year``, ``journal`` or ``journaltitle``) and for how a year
is shown (ranges, years before the common era).  The entry is already the
BibTeX view of a (possibly biblatex) entry; :mod:`sourcebook.render.bibstyle`
assembles the reference from these.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pybtex.markup import LaTeXParser
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

from sourcebook.corpus.texcache import decoded_latex


def latex_text(text: str) -> Text:
    """*text* read as LaTeX; as plain text when pybtex cannot read it.

    A field pybtex cannot parse (an unescaped ``%``, unbalanced braces) is the
    checker's SB704, which stops the build; this keeps a build with the gate
    off from crashing on it.  ``Text.from_latex`` is latexcodec's decoding
    then pybtex's parse; the decoding, most of the cost of formatting every
    entry on every build, is kept between builds (:func:`decoded_latex`).
    """
    try:
        return LaTeXParser(decoded_latex(text)).parse()
    except (PybtexSyntaxError, UnicodeDecodeError):
        return Text(text)


def raw(entry: Any, name: str) -> str:
    """The field's raw value, stripped; "" when absent."""
    return str(entry.fields.get(name, "")).strip()


def rich(entry: Any, name: str) -> Text:
    """A field as rich text: braces protect, dashes become dashes."""
    return latex_text(raw(entry, name))


def plain(entry: Any, name: str) -> str:
    """A field as plain text (for sorting and labels)."""
    return str(rich(entry, name).render_as("text"))


_ISO_YEAR = re.compile(r"(-?)(\d{1,4})(?:-\d{1,2}(?:-\d{1,2})?)?")


def _era_year(value: str) -> int | None:
    """The astronomical year of an ISO 8601 date (``-0876`` is 877 BCE); None if not one."""
    match = _ISO_YEAR.fullmatch(value.strip())
    if not match:
        return None
    number = int(match[2])
    return -number if match[1] else number


def _shown_year(number: int) -> str:
    """``1988``; ``877 BCE`` for year -876 (ISO 8601 counts a year 0, which is 1 BCE)."""
    return str(number) if number > 0 else f"{1 - number} BCE"


def year_text(value: str) -> str:
    """A ``year`` or ``date`` value as a reader reads it (see docs/manual/formats.md).

    ISO 8601 dates show their year; ``/`` is a range (EDTF, biblatex), shown with
    an en dash; a year at or before 0 counts back from 1 BCE (astronomical
    numbering, ``0000`` = 1 BCE); anything else is printed as written.

    >>> [year_text(v) for v in ("2016", "2016-09-20", "1988/1992", "-0876", "-0499/-0400")]
    ['2016', '2016', '1988–1992', '877 BCE', '500–401 BCE']
    >>> [year_text(v) for v in ("-0009/0014", "1990/", "1988/1988", "c. 1850", "")]
    ['10 BCE–14 CE', '1990–', '1988', 'c. 1850', '']
    """
    value = value.strip()
    if "/" not in value:
        number = _era_year(value)
        return value if number is None else _shown_year(number)
    start_text, end_text = (part.strip() for part in value.split("/", 1))
    start, end = _era_year(start_text), _era_year(end_text)
    if start is None or (end is None and end_text not in ("", "..")):
        return value
    if end is None:
        return f"{_shown_year(start)}–"
    if start == end:
        return _shown_year(start)
    if start <= 0 and end <= 0:
        return f"{1 - start}–{1 - end} BCE"
    if start <= 0:
        return f"{_shown_year(start)}–{end} CE"
    return f"{start}–{end}"


def year(entry: Any) -> str:
    """The year (or years) of a biblatex ``date``, else ``year``; "" when neither.

    ``date`` wins, as in biblatex: it is the fuller statement (a range, a year
    before the common era) of which ``year`` can only hold the first year.
    """
    return year_text(raw(entry, "date") or raw(entry, "year"))


def year_number(entry: Any) -> int | None:
    """The (first) astronomical year of the entry, for sorting; None when unknown."""
    given = (raw(entry, "date") or raw(entry, "year")).split("/", 1)[0]
    return _era_year(given)


def day_and_month(entry: Any) -> str:
    """``20 September`` from a full ISO ``date``; the month name alone from ``month``."""
    try:
        return dt.date.fromisoformat(raw(entry, "date")).strftime("%-d %B")
    except ValueError:
        pass
    month = raw(entry, "month")
    for fmt in ("%b", "%B"):
        try:
            return dt.datetime.strptime(month[:3] if fmt == "%b" else month, fmt).strftime("%B")
        except ValueError:
            continue
    return ""


def container(entry: Any) -> str:
    """The periodical's field name: ``journal`` or biblatex ``journaltitle``."""
    return "journal" if raw(entry, "journal") else "journaltitle"


def people(entry: Any) -> tuple[list[Any], str]:
    """The entry's authors, else its editors with the role word; ([], "") when none."""
    if entry.persons.get("author"):
        return list(entry.persons["author"]), ""
    editors = list(entry.persons.get("editor", []))
    return editors, ("ed." if len(editors) == 1 else "eds.") if editors else ""
