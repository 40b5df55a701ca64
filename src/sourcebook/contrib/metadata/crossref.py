"""A Crossref work (REST API ``message``) or CSL-JSON item as an :class:`Entry`.

The two shapes differ only in details: Crossref gives ``title`` and
``container-title`` as lists and types like ``journal-article``; CSL-JSON
(DOI content negotiation) gives strings and ``article-journal``.  Both are
read by the same code.  Only what the response holds is written: a work
without authors becomes ``@misc`` (BibTeX's ``@article`` needs an author),
and the entry's notes say so.
"""

from __future__ import annotations

import re
from typing import Any

from sourcebook.contrib.metadata.clean import Unusable, optional, plain
from sourcebook.contrib.metadata.dates import csl_date
from sourcebook.contrib.metadata.entry import Entry
from sourcebook.contrib.metadata.people import csl_people

#: Crossref and CSL types -> BibTeX types (anything else is @misc)
TYPES = {
    "journal-article": "article",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "book-chapter": "incollection",
    "chapter": "incollection",
    "proceedings-article": "inproceedings",
    "paper-conference": "inproceedings",
}
#: what each type needs beyond a title, as the bibliography check requires it
_NEEDS = {
    "article": ("authors", "container", "year"),
    "book": ("people", "publisher", "year"),
    "incollection": ("authors", "container", "publisher", "year"),
    "inproceedings": ("authors", "container", "year"),
}
_DOI = re.compile(r"10\.\d{4,9}/[^\s{}\\%\"<>]+")


def _text(message: dict[str, Any], key: str) -> str | None:
    """The first non-empty value of a list-or-string field, cleaned."""
    value = message.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            text = optional(item, f"/message/{key}/{index}")
            if text:
                return text
        return None
    return optional(value, f"/message/{key}")


def _title(message: dict[str, Any]) -> str:
    title = _text(message, "title")
    if not title:
        raise Unusable("/message/title", "the work has no title")
    subtitle = _text(message, "subtitle")
    return f"{title}: {subtitle}" if subtitle and subtitle not in title else title


def _date(message: dict[str, Any]) -> tuple[str | None, str | None]:
    for key in ("issued", "published-print", "published-online", "published", "created"):
        year, date = csl_date(message.get(key))
        if year:
            return year, date
    return None, None


def doi_of(message: dict[str, Any], asked: str) -> str:
    doi = optional(message.get("DOI"), "/message/DOI") or asked
    if not _DOI.fullmatch(doi):
        raise Unusable("/message/DOI", f"'{doi}' is not a DOI (10.NNNN/suffix)")
    return doi.lower() if doi.lower() == asked.lower() else doi


def _type(message: dict[str, Any], entry: dict[str, Any]) -> tuple[str, list[str]]:
    """The BibTeX type the fields allow, and what was given up to get it."""
    wanted = TYPES.get(str(message.get("type", "")), "misc")
    have = {
        "authors": bool(entry["authors"]),
        "people": bool(entry["authors"] or entry["editors"]),
        "container": bool(entry["container"]),
        "publisher": bool(entry["publisher"]),
        "year": bool(entry["year"]),
    }
    missing = [need for need in _NEEDS.get(wanted, ()) if not have[need]]
    if not missing:
        return wanted, []
    said = ", ".join("author" if m in ("authors", "people") else m for m in missing)
    return "misc", [f"the metadata has no {said}: written as @misc, not @{wanted}"]


def crossref_entry(body: Any, asked: str, accessed: str) -> Entry:
    """The entry for DOI *asked* from a Crossref response body (or a bare CSL-JSON item)."""
    message = body.get("message", body) if isinstance(body, dict) else None
    if not isinstance(message, dict):
        raise Unusable("/message", "the response holds no work")
    doi = doi_of(message, asked)
    year, date = _date(message)
    fields: dict[str, Any] = {
        "authors": csl_people(message.get("author"), "/message/author"),
        "editors": csl_people(message.get("editor"), "/message/editor"),
        "container": _text(message, "container-title"),
        "publisher": _text(message, "publisher"),
        "year": year,
    }
    type_name, notes = _type(message, fields)
    pages = _text(message, "page")
    isbn = _text(message, "ISBN")
    return Entry(
        type_name,
        _title(message),
        fields["authors"],
        fields["editors"],
        container=fields["container"],
        publisher=fields["publisher"],
        year=year,
        date=date,
        volume=_text(message, "volume"),
        number=_text(message, "issue"),
        pages=re.sub(r"\s*[-–]+\s*", "--", pages) if pages else None,
        doi=doi,
        isbn=plain(isbn.replace("-", ""), "/message/ISBN") if isbn else None,
        url=f"https://doi.org/{doi}",
        urldate=accessed,
        notes=tuple(notes),
    )
