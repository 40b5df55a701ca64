"""A document's facts against its own bibliography entry (SB510).

``sourcebook add`` writes ``document.toml`` and the document's entry
(``docs/references/<bibkey>.bib``) from the same values, but each is edited
by hand afterwards: a contributor who corrects the title in ``document.toml``
leaves the entry, which the page's "How to cite" box and the bibliography
print, with the old one.  Neither file is derived from the other (the entry
holds more than the document file: ``howpublished``, ``month``, a ``note``),
so the check compares what both hold and reports each disagreement at the
entry's field, naming the document file's line and the two ways to fix it.

"Agree" is read generously, so that only a real difference is reported:

* **title** -- the entry's value TeX-decoded (``{{UK}}``, ``\\&``, ``--``),
  both folded (case, white space, typographic quotes and dashes, Unicode
  compatibility forms);
* **authors** -- as many names, in order; two names agree when their words
  are the same, or when the last names are the same and each given name
  matches or is the other's initial ("J. Doe" and "Jane Doe"); an entry
  without ``author`` is not compared (a wiki's entry often names none);
* **date** -- the entry's ``date`` equals the document's (``2026-03-14``),
  else its ``year`` (and ``month``, when both give one) match; an entry with
  neither ``date`` nor ``year`` while the document has a date is reported
  too: the citation would read "n.d.".
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator

from pybtex.database import Person

from sourcebook.check.bibvalues import month_number
from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.corpus.bibliography import Bibliography, Source
from sourcebook.corpus.manifest import DocumentEntry
from sourcebook.corpus.texcache import decoded_latex

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_BRACES = re.compile(r"[{}]")
_PUNCT = re.compile(r"[.,]")


def fold(text: str, tex: bool = False) -> str:
    """*text* as compared: TeX decoded (for an entry's value), braces, case, white
    space, typographic quotes and dashes folded.

    >>> fold("Workers{'} {{UK}} -- a \\\\& b", tex=True) == fold("workers’ UK – a & b")
    True
    """
    if tex:
        # a value latexcodec cannot read is SB704's to report: compared as written
        with contextlib.suppress(UnicodeDecodeError):
            text = decoded_latex(text)
    text = unicodedata.normalize("NFKC", _BRACES.sub("", text)).translate(_QUOTES)
    return " ".join(text.casefold().split())


def _parts(name: str, tex: bool) -> tuple[list[str], list[str]]:
    """(given names, last names) of *name*, each word folded, dots dropped."""
    person = Person(name)
    given = person.first_names + person.middle_names
    last = person.prelast_names + person.last_names
    return (
        [_PUNCT.sub("", fold(w, tex)) for w in given],
        [_PUNCT.sub("", fold(w, tex)) for w in last],
    )


def _plain(name: str) -> bool:
    """Letters, spaces and full stops only: nothing TeX decodes and nothing pybtex reads
    as more than a word boundary."""
    return all(c.isalpha() or c in " ." for c in name)


def _plainly_same(document: str, entry: str) -> bool:
    """The common case, without parsing either name: *entry* is *document* as written, or
    as ``Last, First`` (how ``sourcebook add`` writes it), both plain (:func:`_plain`).

    Then :func:`same_person` would find the same words on both sides: each name's
    words all fall in its given and last names (no ``Jr`` part without a second
    comma), and folding a plain word is the same with or without TeX decoding.
    """
    last, comma, first = entry.partition(",")
    if not (_plain(document) and _plain(last) and _plain(first)):
        return False
    if not comma:
        return document == entry
    return sorted(document.split()) == sorted(f"{first} {last}".split())


def same_person(document: str, entry: str) -> bool:
    """*document*'s name (as printed) and *entry*'s (BibTeX) name one person.

    >>> same_person("Danny Byrne", "Byrne, Danny"), same_person("J. Doe", "Doe, Jane")
    (True, True)
    >>> same_person("Socialist Alternative", "{Socialist Alternative}")
    True
    >>> same_person("Jane Doe", "Roe, Jane"), same_person("Jane Doe", "Doe, Mary")
    (False, False)
    """
    # parsing both names (pybtex) was most of the cost of the check's SB510 rule
    return _plainly_same(document, entry) or parsed_same(document, entry)


def parsed_same(document: str, entry: str) -> bool:
    """:func:`same_person` by parsing both names with pybtex."""
    given, last = _parts(document, False)
    their_given, their_last = _parts(entry, True)
    if sorted(" ".join(given + last).split()) == sorted(" ".join(their_given + their_last).split()):
        return True
    if last != their_last or len(given) != len(their_given):
        return False
    return all(a == b or a == b[:1] or b == a[:1] for a, b in zip(given, their_given, strict=True))


def _date_finding(entry: DocumentEntry, source: Source) -> tuple[str, str] | None:
    """(field, what differs) when the entry's date does not agree with the document's."""
    date = entry.date
    if not date:
        return None
    written = (source.get("date") or "").strip()
    year = (source.get("year") or "").strip()
    if written:
        if written != date:
            return "date", f"date {{{written}}} differs from the document's date {date!r}"
        return None
    if not year:
        return (
            "",
            f"has no date or year, but the document's date is {date!r} (its citation reads"
            f' "n.d."): add `year = {{{date[:4]}}}`'
            + (f" and `date = {{{date}}}`" if len(date) > 4 else ""),
        )
    if year != date[:4]:
        return "year", f"year {{{year}}} differs from the document's date {date!r}"
    month = month_number(source.get("month") or "") if source.get("month") else None
    if month is not None and len(date) >= 7 and month != int(date[5:7]):
        return "month", f"month {source.get('month')} differs from the document's date {date!r}"
    return None


def _findings(entry: DocumentEntry, source: Source) -> Iterator[tuple[str, str, str]]:
    """(entry field, document field, what differs) for each disagreement."""
    title = source.get("title")
    if title is not None and fold(title, tex=True) != fold(entry.title):
        yield "title", "title", f"title {{{title}}} differs from the document's {entry.title!r}"
    names = source.persons.get("author", ())
    if names and entry.authors:
        agree = len(names) == len(entry.authors) and all(
            same_person(a, b) for a, b in zip(entry.authors, names, strict=True)
        )
        if not agree:
            yield (
                "author",
                "authors",
                f"author {{{' and '.join(names)}}} differs from the document's"
                f" authors {list(entry.authors)!r}",
            )
    dated = _date_finding(entry, source)
    if dated is not None:
        yield dated[0], "date", dated[1]


def document_entries(
    documents: tuple[DocumentEntry, ...], bib: Bibliography, broken: set[str]
) -> list[Diagnostic]:
    """SB510 for every document whose own entry disagrees with its ``document.toml``."""
    diags = []
    for entry in documents:
        source = bib.sources.get(entry.bibkey or "")
        if source is None or source.key in broken:
            continue  # an undefined or broken key is SB303's or the syntax error's
        for field, document_field, what in _findings(entry, source):
            line, col = source.position(field) if field else (source.line, source.col)
            place = f"{entry.path}:{entry.line_of(document_field)}"
            diags.append(
                Diagnostic(
                    bib.path,
                    line,
                    col,
                    Code.DOCUMENT_ENTRY_DIFFERS,
                    f"@{source.type}{{{source.key}}}: {what} ({place}); the page shows the"
                    " document's, its 'How to cite' box and the bibliography the entry's:"
                    " correct whichever is wrong so that both agree",
                ),
            )
    return diags


__all__ = ["document_entries", "fold", "same_person"]
