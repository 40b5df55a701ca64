"""A biblatex entry as pybtex's BibTeX styles need it: types, fields and names mapped.

The reader formats references through pybtex, whose styles have a template
per BibTeX type and read BibTeX field names only.  A valid biblatex entry
(``@online``, ``journaltitle``, ``date``, ``family=Berg, given=Pieter``) is
therefore shown to the style as its BibTeX counterpart; the data models
themselves are in :mod:`sourcebook.bib.datamodel`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from typing import Any

from sourcebook.bib.datamodel import BIBTEX_TYPES, extended_name

#: biblatex type -> the BibTeX type whose template renders it
_TYPE_FOR_STYLE: dict[str, str] = {
    "online": "misc",
    "www": "misc",
    "electronic": "misc",
    "report": "techreport",
    "thesis": "phdthesis",
    "collection": "book",
    "mvbook": "book",
    "mvcollection": "book",
    "bookinbook": "inbook",
    "suppbook": "inbook",
    "suppcollection": "incollection",
    "inreference": "incollection",
    "reference": "book",
    "mvreference": "book",
    "mvproceedings": "proceedings",
}
#: biblatex field -> BibTeX field, used when the BibTeX field is absent
_FIELD_FOR_STYLE: dict[str, str] = {
    "journaltitle": "journal",
    "location": "address",
    "annotation": "annote",
}
_YEAR = re.compile(r"-?\d{1,4}")
#: biblatex's localisation keys for the ``type`` field, in words
_TYPE_KEYS = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master's thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
    "software": "Software",
    "datacd": "CD-ROM",
    "audiocd": "Audio CD",
}


def style_type(name: str) -> str:
    """The BibTeX type whose template renders an entry of type *name*.

    >>> style_type("online"), style_type("article"), style_type("video"), style_type("Thesis")
    ('misc', 'article', 'misc', 'phdthesis')
    """
    lower = name.lower()
    if lower in BIBTEX_TYPES:
        return lower
    return _TYPE_FOR_STYLE.get(lower, "misc")


def style_fields(fields: Mapping[str, str], type_name: str) -> dict[str, str]:
    """The BibTeX fields of a (possibly biblatex) entry, for pybtex's styles.

    >>> style_fields({"journaltitle": "J", "date": "2016-09-20", "location": "L"}, "article")
    {'journaltitle': 'J', 'date': '2016-09-20', 'location': 'L', 'journal': 'J', \
'address': 'L', 'year': '2016', 'month': 'September'}
    >>> style_fields({"institution": "U", "type": "Master's thesis"}, "thesis")["school"]
    'U'
    """
    lowered = {name.lower(): name for name in fields}
    out = dict(fields)

    def add(name: str, value: str) -> None:
        if name not in lowered:
            out[name] = value

    for biblatex, bibtex in _FIELD_FOR_STYLE.items():
        if biblatex in lowered:
            add(bibtex, fields[lowered[biblatex]])
    if "date" in lowered:
        date = fields[lowered["date"]].strip()
        year = _YEAR.match(date)
        if year:
            add("year", year.group())
        month = re.match(r"-?\d{4}-(\d{2})", date)
        if month and 1 <= int(month.group(1)) <= 12:
            add("month", calendar.month_name[int(month.group(1))])
    if "institution" in lowered and type_name.lower() in ("thesis", "phdthesis", "mastersthesis"):
        add("school", fields[lowered["institution"]])
    if "type" in lowered:  # biblatex localisation keys, which BibTeX would print as they are
        key = fields[lowered["type"]].strip().lower()
        if key in _TYPE_KEYS:
            out[lowered["type"]] = _TYPE_KEYS[key]
    if "edition" in lowered and fields[lowered["edition"]].strip().isdigit():
        out[lowered["edition"]] = _ordinal(int(fields[lowered["edition"]]))
    return out


def _ordinal(number: int) -> str:
    """An edition number as biblatex prints it.

    >>> [_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd']
    """
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


def bibtex_view(entry: Any) -> Any:
    """A pybtex ``Entry`` as pybtex's BibTeX styles need it (biblatex types and fields mapped).

    Unknown types render as ``misc`` instead of failing the build (pybtex
    styles have a template per BibTeX type only).  The entry is returned
    unchanged when nothing needs mapping.
    """
    from pybtex.database import Entry

    fields = dict(entry.fields)
    mapped_type = style_type(entry.type)
    mapped = style_fields(fields, entry.type)
    persons = {role: [_plain_person(p) for p in people] for role, people in entry.persons.items()}
    same_persons = all(
        a is b
        for role, people in entry.persons.items()
        for a, b in zip(people, persons[role], strict=True)
    )
    if mapped_type == entry.type and mapped == fields and same_persons:
        return entry
    view = Entry(mapped_type, fields=mapped, persons=persons)
    view.key = entry.key
    return view


def _plain_person(person: Any) -> Any:
    """pybtex reads ``family=Berg, given=Pieter`` as a name whose last name is
    ``family=Berg``; rebuild it from its parts (up to three parts: more and pybtex
    refuses the name, which the checker reports as SB326)."""
    parts = extended_name(str(person))
    if parts is None:
        return person
    from pybtex.database import Person

    return Person(
        first=parts.get("given", ""),
        prelast=parts.get("prefix", ""),
        last=parts["family"],
        lineage=parts.get("suffix", ""),
    )
