"""The canonical entry: plain values in, one BibTeX entry out, through a given writer.

An :class:`Entry` holds plain Unicode text (already cleaned by
:mod:`.clean`); it knows which BibTeX type and fields it becomes, and never
escapes anything itself.  Escaping is the writer's job: :func:`write_bibtex`
is the default writer, and a caller may pass another one with the same
signature (the project's shared BibTeX writer, when there is one).

>>> e = Entry("article", "A study of NASA and the {rest}", (Person("Lee", "Ann"),),
...           container="J. Things", year="2020", doi="10.5555/x", urldate="2026-12-06")
>>> print(write_bibtex(e.type, "lee2020study", e.fields()))
@article{lee2020study,
  author = {Lee, Ann},
  title = {A study of {NASA} and the \\{rest\\}},
  journal = {J. Things},
  year = {2020},
  doi = {10.5555/x},
  urldate = {2026-12-06}
}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

#: how a writer must treat a value: escaped text, a title (capitals protected),
#: a name list, or a verbatim identifier (url, doi: not escaped, checked instead)
Kind = Literal["text", "title", "names", "verbatim"]


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str
    kind: Kind = "text"
    #: the people of a ``names`` field (``value`` is their plain-text form)
    people: tuple[Person, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    """A name as parts; :func:`names` and the writer turn it into BibTeX's form."""

    family: str
    given: str = ""
    #: an organisation or a name that must not be split into parts
    literal: bool = False


@dataclass(frozen=True, slots=True)
class Entry:
    type: str
    title: str
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    #: journal (article), book title (incollection) or site (misc)
    container: str | None = None
    publisher: str | None = None
    year: str | None = None
    #: YYYY-MM or YYYY-MM-DD when known
    date: str | None = None
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    doi: str | None = None
    isbn: str | None = None
    url: str | None = None
    urldate: str | None = None
    #: what the conversion could not establish, said to the contributor
    notes: tuple[str, ...] = field(default=(), compare=False)

    def fields(self) -> list[Field]:
        """The entry's fields in canonical order, empty ones left out."""
        container = {"article": "journal", "incollection": "booktitle"}.get(
            self.type, "howpublished"
        )
        found: list[Field | None] = [
            Field("author", names(self.authors), "names", self.authors) if self.authors else None,
            Field("editor", names(self.editors), "names", self.editors) if self.editors else None,
            Field("title", self.title, "title"),
            _field(container, self.container),
            _field("publisher", self.publisher),
            _field("year", self.year),
            _field("date", self.date if self.date and self.date != self.year else None),
            _field("volume", self.volume),
            _field("number", self.number),
            _field("pages", self.pages),
            _field("doi", self.doi, "verbatim"),
            _field("isbn", self.isbn, "verbatim"),
            _field("url", self.url, "verbatim"),
            _field("urldate", self.urldate),
        ]
        return [f for f in found if f is not None]


def _field(name: str, value: str | None, kind: Kind = "text") -> Field | None:
    return Field(name, value, kind) if value else None


def names(people: Sequence[Person]) -> str:
    """BibTeX's ``Family, Given and ...`` as plain text; a literal name gets ``{}``."""
    return " and ".join(
        "{" + p.family + "}" if p.literal else (f"{p.family}, {p.given}" if p.given else p.family)
        for p in people
    )


#: TeX's special characters as text (the reader and the PDF print them as written)
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\^{}",
}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")


def escape(text: str) -> str:
    """Plain text as an inert BibTeX value body: every TeX special character escaped."""
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], text)


def protect_title(title: str) -> str:
    """Escaped *title* with capitals a style must not lower-case kept in ``{}``.

    A word is protected when it has a capital after its first letter (NASA,
    iPhone) or, past the first word, any capital (a proper noun in a
    sentence-case title).
    """
    words = title.split(" ")
    out = []
    for index, word in enumerate(words):
        capital_later = any(c.isupper() for c in word[1:])
        capital = any(c.isupper() for c in word)
        out.append(
            "{" + escape(word) + "}" if capital_later or (index and capital) else escape(word)
        )
    return " ".join(out)


def _person(person: Person) -> str:
    family = escape(person.family)
    # a literal name, or a family name BibTeX would split, is kept whole in braces
    if person.literal or " and " in person.family or "," in person.family:
        family = "{" + family + "}"
    # a given name holding " and " or a comma would split the list: kept whole too
    given = escape(person.given)
    if " and " in person.given or "," in person.given:
        given = "{" + given + "}"
    return f"{family}, {given}" if person.given else family


def value_body(item: Field) -> str:
    if item.kind == "title":
        return protect_title(item.value)
    if item.kind == "names":
        return " and ".join(_person(p) for p in item.people)
    if item.kind == "verbatim":
        return item.value
    return escape(item.value)


def write_bibtex(type_name: str, key: str, fields: Sequence[Field]) -> str:
    """The default writer: one entry, one field per line (``fmt`` aligns it)."""
    body = ",\n".join(f"  {f.name} = {{{value_body(f)}}}" for f in fields)
    return f"@{type_name}{{{key},\n{body}\n}}"


Writer = Callable[[str, str, Sequence[Field]], str]


def to_bibtex(entry: Entry, key: str, writer: Writer = write_bibtex) -> str:
    """*entry* under *key* as BibTeX text, written by *writer*."""
    return writer(entry.type, key, entry.fields())
