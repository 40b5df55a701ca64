"""The string formats of the contributor schemas: one check per kind of string.

Every string in a contributor file has a ``format`` in its JSON Schema
(``line``, ``name``, ``slug``, ``http-url``, ``partial-date`` ...).  Each
format is a check here that raises :class:`FormatProblem` with its own
diagnostic code: identifiers, dates and URLs are checked, and so is the
Unicode hygiene of free text (bidirectional controls, invisible characters,
words mixing scripts).  The same checks run in jsonschema's validator
(:func:`format_checker`) and in the fast path of
:mod:`sourcebook.inputs.tomlaccept` (:data:`FORMAT_CHECKS`).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from sourcebook.core import identifiers
from sourcebook.core.diagnostics import Code
from sourcebook.core.urls import url_problem
from sourcebook.inputs.hygiene import INVISIBLE, mixed_script_word, shown, unsafe_character
from sourcebook.inputs.paths import plain_relative

if TYPE_CHECKING:  # imported when a file needs located errors: see format_checker
    import jsonschema


class FormatProblem(ValueError):
    """A string that fails its format, with the diagnostic code for it."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


#: format name -> its check (raises :class:`FormatProblem` or returns True)
FORMAT_CHECKS: dict[str, Callable[[object], bool]] = {}


@functools.cache
def format_checker() -> jsonschema.FormatChecker:
    """The same checks as a jsonschema format checker (built when jsonschema is needed)."""
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    for name, run in FORMAT_CHECKS.items():
        checker.checks(name, raises=FormatProblem)(run)
    return checker


def _format(name: str) -> Callable[[Callable[[str], None]], Callable[[object], bool]]:
    """Register *check* for format *name*: it raises :class:`FormatProblem` or returns."""

    def register(check: Callable[[str], None]) -> Callable[[object], bool]:
        def run(value: object) -> bool:
            if isinstance(value, str):
                check(value)
            return True

        FORMAT_CHECKS[name] = run
        return run

    return register


def _hygiene(value: str, *, multiline: bool, invisible: bool = False) -> None:
    found = unsafe_character(value, multiline=multiline, invisible=invisible)
    if found is not None:
        raise FormatProblem(Code.UNSAFE_CHARACTER, f"{found[1]} at character {found[0] + 1}")


@_format("line")
def _line(value: str) -> None:
    """One line of plain text."""
    _hygiene(value, multiline=False)
    _mixed(value)
    if not value.strip():
        raise FormatProblem(Code.BAD_VALUE, "is empty")


@_format("text")
def _text(value: str) -> None:
    """Plain text; line breaks allowed."""
    _hygiene(value, multiline=True)
    _mixed(value)


@_format("name")
def _name_format(value: str) -> None:
    """A name that becomes a glossary term or an author: no markup, nothing invisible."""
    _hygiene(value, multiline=False, invisible=True)
    _mixed(value)
    if not value.strip() or value != value.strip():
        raise FormatProblem(Code.BAD_VALUE, "a name may not be empty or start or end with space")
    markup = sorted(c for c in "`<>\\{}" if c in value)
    if markup:
        raise FormatProblem(Code.BAD_VALUE, f"a name may not hold {' '.join(markup)}")


def _mixed(value: str) -> None:
    word = mixed_script_word(value)
    if word is not None:
        raise FormatProblem(
            Code.MIXED_SCRIPT, f"the word {shown(word)} mixes Latin, Greek or Cyrillic letters"
        )


def _identifier(kind: str, test: Callable[[str], bool]) -> Callable[[str], None]:
    def check(value: str) -> None:
        if not INVISIBLE.isdisjoint(value):
            raise FormatProblem(Code.UNSAFE_CHARACTER, "an identifier holds an invisible character")
        if not test(value):
            raise FormatProblem(Code.BAD_VALUE, f"must be {identifiers.describe(kind)}")

    return check


_format("slug")(_identifier("slug", identifiers.is_slug))
_format("bibkey")(_identifier("bibkey", identifiers.is_bibkey))
_format("marker-label")(_identifier("label", identifiers.is_marker_label))


@_format("seed-path")
def _seed_path(value: str) -> None:
    """A file name inside ``seeds/``; containment is checked again on the real file."""
    problem = plain_relative(value)
    if problem is not None:
        raise FormatProblem(Code.PATH_NOT_RELATIVE, f"{problem}; name a file inside seeds/")


@_format("sha256")
def _sha256(value: str) -> None:
    if not re.fullmatch(r"[0-9a-fA-F]{64}", value):
        raise FormatProblem(Code.BAD_VALUE, "must be 64 hexadecimal digits (sha256sum's output)")


@_format("partial-date")
def _partial_date(value: str) -> None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a real calendar date."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if match is None:
        raise FormatProblem(Code.BAD_VALUE, "write the date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError as exc:
        raise FormatProblem(Code.BAD_VALUE, f"not a calendar date ({exc})") from None


@_format("http-url")
def _http_url(value: str) -> None:
    problem = url_problem(value)
    if problem is not None:
        raise FormatProblem(Code.UNSAFE_URL, problem)


@_format("domain")
def _domain(value: str) -> None:
    label = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
    if len(value) > 253 or not re.fullmatch(rf"{label}(?:\.{label})+", value):
        raise FormatProblem(
            Code.BAD_VALUE, "must be a lower-case host name such as example.org (no scheme)"
        )


@_format("word")
def _word(value: str) -> None:
    if not re.fullmatch(r"[a-z]{1,30}", value):
        raise FormatProblem(Code.BAD_VALUE, "must be one lower-case ASCII word")


@_format("ratchet-id")
def _ratchet_id(value: str) -> None:
    slug, _, rest = value.partition("/")
    if not identifiers.is_slug(slug) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.-]{0,60}", rest):
        raise FormatProblem(Code.BAD_VALUE, "must be <document slug>/<claim id or marker label>")


@_format("line-range")
def _line_range(value: str) -> None:
    """A seed line ("7") or an inclusive range ("3-5") of a structure hint."""
    first, _, last = value.partition("-")
    digits = (
        first.isascii() and first.isdigit() and (not last or (last.isascii() and last.isdigit()))
    )
    if not digits or len(value) > 15 or int(first) < 1 or (last and int(last) < int(first)):
        raise FormatProblem(Code.BAD_VALUE, 'write a line ("7") or a range ("3-5"), first <= last')


@_format("comment-header")
def _comment_header(value: str) -> None:
    """A comment-header template (see :mod:`sourcebook.inputs.headertemplate`): never a regex."""
    from sourcebook.inputs.headertemplate import template_problem

    _hygiene(value, multiline=False)
    problem = template_problem(value)
    if problem is not None:
        raise FormatProblem(Code.BAD_VALUE, problem)
