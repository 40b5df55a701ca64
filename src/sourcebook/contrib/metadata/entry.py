"""The canonical entry: plain values in, one BibTeX entry out, through a given writer.

An :class:`Entry` holds plain Unicode text (already cleaned by
:mod:`.clean`); it knows which BibTeX type and fields it becomes, and never
escapes anything itself.  Escaping is the writer's job: :func:`write_bibtex`
hands every value to the project's one BibTeX writer
(:mod:`sourcebook.writers.bibtex`); a caller may pass another writer with
the same signature.

>>> e = Entry("article", "A study of NASA and the {rest}", (Person("Lee", "Ann"),),
...           container="J. Things", year="2020", doi="10.5555/x", urldate="2026-12-06")
>>> print(write_bibtex(e.type, "lee2020study", e.fields()))
@article{lee2020study,
  author = {Lee, Ann},
  title = {A study of {NASA} and the {rest}},
  journal = {J. Things},
  year = {2020},
  doi = {10.5555/x},
  urldate = {2026-12-06}
}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

#: how a writer must treat a value: escaped text, a title (capitals protected),
#: a name list, or a verbatim identifier (url, doi: not escaped, checked instead)
Kind = Literal["text", "title", "names", "verbatim", "range"]


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
            _field("pages", self.pages, "range"),
            _field("doi", self.doi, "verbatim"),
            _field("isbn", self.isbn, "verbatim"),
            _field("url", self.url, "verbatim"),
            _field("urldate", self.urldate),
        ]
        return [f for f in found if f is not None]


def _field(name: str, value: str | None, kind: Kind = "text") -> Field | None:
    return Field(name, value, kind) if value else None


def names(people: Sequence[Person]) -> str:
    """BibTeX's ``Family, Given and ...`` as plain text (what ``verify`` compares)."""
    return " and ".join(person_name(p) for p in people)


def protect_title(title: str) -> str:
    """*title* with the capitals a style must not lower-case grouped in ``{}`` (still plain).

    A word is protected when it has a capital after its first letter (NASA,
    iPhone) or, past the first word, any capital (a proper noun in a
    sentence-case title).  The braces are BibTeX grouping; the writer escapes
    everything else.

    >>> protect_title("The iPhone in London")
    'The {iPhone} in {London}'
    """
    words = title.split(" ")
    out = []
    for index, word in enumerate(words):
        capital_later = any(c.isupper() for c in word[1:])
        capital = any(c.isupper() for c in word)
        out.append("{" + word + "}" if capital_later or (index and capital) else word)
    return " ".join(out)


def person_name(person: Person) -> str:
    """``Family, Given`` as plain text; a part BibTeX would split is grouped in ``{}``."""
    family = person.family
    if person.literal or " and " in family or "," in family:
        family = "{" + family + "}"
    given = person.given
    if " and " in given or "," in given:
        given = "{" + given + "}"
    return f"{family}, {given}" if given else family


def write_bibtex(type_name: str, key: str, fields: Sequence[Field]) -> str:
    """The default writer: the project's one BibTeX writer (:mod:`sourcebook.writers.bibtex`).

    Raises :class:`sourcebook.writers.UnwritableValue` naming the field.
    """
    from sourcebook.writers import UnwritableValue
    from sourcebook.writers import bibtex as writer

    written = []
    for item in fields:
        try:
            if item.kind == "title":
                value = writer.value(protect_title(item.value))
            elif item.kind == "names":
                value = writer.names([person_name(p) for p in item.people])
            elif item.kind == "verbatim":
                value = writer.verbatim(item.value)
            elif item.kind == "range":
                value = writer.page_range(item.value)
            else:
                value = writer.value(item.value)
        except UnwritableValue as exc:
            raise UnwritableValue(f"field {item.name}: {exc}") from None
        written.append((item.name, value))
    return writer.entry(type_name, key, written).rstrip("\n")


Writer = Callable[[str, str, Sequence[Field]], str]


def to_bibtex(entry: Entry, key: str, writer: Writer = write_bibtex) -> str:
    """*entry* under *key* as BibTeX text, written by *writer*."""
    return writer(entry.type, key, entry.fields())
