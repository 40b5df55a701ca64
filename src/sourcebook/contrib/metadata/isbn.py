"""isbnlib's canonical metadata for an ISBN (Open Library, Google Books) as an :class:`Entry`.

isbnlib maps every service's answer to one dict -- ``ISBN-13``, ``Title``,
``Authors``, ``Publisher``, ``Year``, ``Language`` -- and lists a work's
other editions.  The record keeps that dict and the editions.  A service
that answers with another edition's record (it happens with search-based
lookups) is refused: the entry must describe the edition the contributor
holds.  A book without authors becomes ``@misc``: ``@book`` needs one.
"""

from __future__ import annotations

from typing import Any

from stdnum import isbn as stdisbn

from sourcebook.contrib.metadata.clean import Unusable, optional
from sourcebook.contrib.metadata.dates import iso_date
from sourcebook.contrib.metadata.entry import Entry
from sourcebook.contrib.metadata.people import display_people


def normal_isbn(text: str) -> str | None:
    """*text* as an ISBN-13 without hyphens, or ``None`` when its checksum fails."""
    try:
        return str(stdisbn.to_isbn13(stdisbn.validate(text)))
    except Exception:  # stdnum raises several ValidationError subclasses
        return None


def _editions(record: dict[str, Any], isbn: str) -> list[str]:
    others = record.get("editions")
    if not isinstance(others, list):
        return []
    found = {normal_isbn(str(e)) for e in others}
    return sorted(e for e in found if e and e != isbn)


def isbn_entry(record: Any, asked: str, accessed: str) -> Entry:
    """The entry for ISBN *asked* from ``{"meta": {...}, "editions": [...]}``."""
    isbn = normal_isbn(asked)
    if isbn is None:
        raise Unusable("isbn", f"'{asked}' is not a valid ISBN (its check digit is wrong)")
    meta = record.get("meta") if isinstance(record, dict) else None
    if not isinstance(meta, dict) or not meta:
        raise Unusable("/meta", "the service knows no book with this ISBN")
    answered = normal_isbn(str(meta.get("ISBN-13", isbn)))
    if answered != isbn:
        raise Unusable(
            "/meta/ISBN-13",
            f"the service answered for ISBN {meta.get('ISBN-13')}, another edition than "
            f"{isbn}; check the ISBN on the copy you read",
        )
    title = optional(meta.get("Title"), "/meta/Title")
    if not title:
        raise Unusable("/meta/Title", "the book has no title")
    authors = display_people(
        (name, f"/meta/Authors/{n}") for n, name in enumerate(meta.get("Authors") or [])
    )
    publisher = optional(meta.get("Publisher"), "/meta/Publisher")
    year, _ = iso_date(optional(meta.get("Year"), "/meta/Year"))
    notes = []
    editions = _editions(record, isbn)
    if editions:
        notes.append(
            f"{len(editions) + 1} editions share this work ({', '.join([isbn, *editions])}); "
            f"the entry is for {isbn}: cite the edition you read"
        )
    type_name = "book"
    if not (authors and publisher and year):
        found = (("author", authors), ("publisher", publisher), ("year", year))
        missing = [name for name, value in found if not value]
        type_name = "misc"
        notes.append(f"the metadata has no {', '.join(missing)}: written as @misc, not @book")
    return Entry(
        type_name,
        title,
        authors,
        container=publisher if type_name == "misc" else None,
        publisher=publisher if type_name == "book" else None,
        year=year,
        isbn=isbn,
        urldate=accessed,
        notes=tuple(notes),
    )
