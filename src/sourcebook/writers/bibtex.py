"""BibTeX written by sourcebook: plain text in, one field value out, never a second field.

A value is plain text (a title, a name, a publisher).  In a ``.bib`` file it
becomes a brace-delimited TeX value in which

* TeX's special characters stand for themselves: ``\\`` is written
  ``\\textbackslash{}``, ``%`` ``&`` ``#`` ``_`` ``$`` are escaped with a
  backslash, ``~`` is ``\\textasciitilde{}``, ``^`` is ``\\^{}`` and a
  double quote is ``{"}``;
* TeX's ligatures are broken with an empty group, so ``--``, ``---``,
  `````` ``, ``''``, ``?``` and ``!``` print as typed, not as dashes, curly
  quotes or Spanish marks (``-{}-``);
* braces may only come in balanced pairs (they group, as everywhere in
  BibTeX); an unbalanced one would end the value early and let the rest
  forge fields (``Title}, author = {Someone``), so it is refused;
* a value is one line with single spaces (pybtex reads any run of white
  space, no-break spaces included, as one space, so runs are written as
  one), and control, bidirectional-control, zero-width and
  line-separator characters are refused (the same policy as every other
  contributor file, :mod:`sourcebook.inputs.hygiene`).

Refusals raise :class:`UnwritableValue` with a message for the contributor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sourcebook.core.identifiers import is_bibkey
from sourcebook.inputs.hygiene import shown, unsafe_character
from sourcebook.writers import UnwritableValue

#: plain-text character -> TeX for it inside a BibTeX value
ESCAPES = {
    "\\": r"\textbackslash{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\^{}",
    '"': '{"}',
}
_SPECIAL = re.compile("[" + re.escape("".join(ESCAPES)) + "]")
#: the second character of a TeX ligature, after its first (a look-behind, so runs
#: such as ``---`` are broken between every pair)
_LIGATURE = re.compile(r"(?<=-)-|(?<=`)`|(?<=')'|(?<=[?!])`")
_NAME_SEPARATOR = re.compile(r"\sand\s", re.IGNORECASE)
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_-]*")


def _check_braces(text: str) -> None:
    depth = 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            raise UnwritableValue(
                f"{shown(text)}: the '}}' at character {index + 1} closes no '{{' "
                "(it would end the value and start another field)"
            )
    if depth:
        raise UnwritableValue(f"{shown(text)}: a '{{' is never closed")


def text(plain: str) -> str:
    """*plain* as the TeX inside a BibTeX value (without the outer braces).

    >>> text("1968--1971: ``Yes''")
    "1968-{}-1971: `{}`Yes'{}'"
    >>> text('50% of "A_B" \\\\ C')
    '50\\\\% of {"}A\\\\_B{"} \\\\textbackslash{} C'
    """
    found = unsafe_character(plain, multiline=False)
    if found is not None:
        raise UnwritableValue(f"{shown(plain)}: {found[1]} at character {found[0] + 1}")
    plain = " ".join(plain.split())
    if not plain:
        raise UnwritableValue("an empty value")
    _check_braces(plain)
    return _LIGATURE.sub(
        lambda m: "{}" + m.group(), _SPECIAL.sub(lambda m: ESCAPES[m.group()], plain)
    )


def value(plain: str) -> str:
    """``{...}``: *plain* as one brace-delimited BibTeX field value."""
    return "{" + text(plain) + "}"


def page_range(plain: str) -> str:
    """``{12--15}``: a ``pages`` value whose ``--`` separate pages (BibTeX's range dash);
    each page is plain text like any other value.

    >>> page_range("101--118")
    '{101--118}'
    """
    return "{" + "--".join(text(part) for part in plain.split("--")) + "}"


def verbatim(raw: str) -> str:
    """``{...}`` for a value TeX must not touch (a URL): only braces and characters are checked."""
    found = unsafe_character(raw, multiline=False)
    if found is not None or any(c.isspace() for c in raw):
        raise UnwritableValue(f"{shown(raw)}: white space or an unsafe character")
    _check_braces(raw)
    return "{" + raw + "}"


def names(people: Sequence[str]) -> str:
    """An ``author``/``editor`` value: each person one name, joined by `` and ``.

    A name that BibTeX would split or misread (one containing `` and ``, a
    corporate name of more than three words) is protected with braces.
    """
    parts = []
    for person in people:
        written = text(person)
        corporate = "," not in person and len(person.split()) > 3
        if (
            _NAME_SEPARATOR.search(person)
            or corporate
            or person.endswith(("contributors", "editors"))
        ):
            written = "{" + written + "}"
        parts.append(written)
    return "{" + " and ".join(parts) + "}"


def entry(kind: str, key: str, fields: Sequence[tuple[str, str]]) -> str:
    """``@kind{key, name = value, ...}``; *fields* hold values made by this module."""
    if not _FIELD_NAME.fullmatch(kind) or not is_bibkey(key):
        raise UnwritableValue(f"not an entry type and key: {shown(kind)}, {shown(key)}")
    for name, _ in fields:
        if not _FIELD_NAME.fullmatch(name):
            raise UnwritableValue(f"not a field name: {shown(name)}")
    body = ",\n".join(f"  {name} = {written}" for name, written in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"
