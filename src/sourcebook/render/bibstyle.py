"""The bibliography style: Chicago author–date, as a pybtex style plugin.

Why a pybtex plugin rather than CSL through citeproc-py: sphinxcontrib-bibtex
formats entries through pybtex and links every ``{cite}`` role to the entry
it formats, in HTML and in LaTeX; a CSL processor would need a second data
model and a bridge back into those nodes for one style.  The Chicago
author–date reference list is small enough to state here in full.

The rules a reader sees:

* **Case is kept.**  Titles are printed exactly as the contributor typed
  them, so no proper noun is lower-cased and nobody has to brace one;
  braces, where a contributor used them anyway, are dropped.
* **Only the citation.**  The ``note`` field (the editors' research notes:
  evidence, inferred reasoning, candidate sources) is never part of the
  formatted entry; the reader shows it in a collapsed "Editors' note".
* **Typography.**  ``--`` becomes an en dash and ``---`` an em dash (pybtex's
  LaTeX reader); a full stop is never added after ``.``, ``?`` or ``!``.
* **Order.**  By author (or title when there is none, ignoring a leading
  article), then year, then title, case-insensitively.

Every entry is first seen through :func:`sourcebook.bib.styleview.bibtex_view`
(biblatex types and fields mapped to BibTeX ones); field access is in small
functions (:func:`~sourcebook.render.bibfields.year`,
:func:`~sourcebook.render.bibfields.container`) in :mod:`sourcebook.render.bibfields`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pybtex.richtext import BaseText, HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle

from sourcebook.bib.pybtexplugins import ensure_preloaded
from sourcebook.bib.styleview import bibtex_view
from sourcebook.core.links import web_link
from sourcebook.render.bibfields import (
    container,
    day_and_month,
    latex_text,
    people,
    plain,
    raw,
    rich,
    year,
    year_number,
)

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_CLOSING = (".", "?", "!")


# -- pieces ------------------------------------------------------------------
def _person(person: Any, inverted: bool) -> str:
    last = " ".join(person.prelast_names + person.last_names)
    first = " ".join(person.first_names + person.middle_names)
    last = str(latex_text(last).render_as("text"))
    first = str(latex_text(first).render_as("text"))
    lineage = " ".join(person.lineage_names)
    if not first:
        return last
    name = f"{last}, {first}" if inverted else f"{first} {last}"
    return f"{name}, {lineage}" if lineage else name


def names(persons: Sequence[Any]) -> str:
    """Chicago: the first name inverted, the others not; "and" before the last.

    >>> from pybtex.database import Person
    >>> names([Person("Raw, Louise")]), names([Person("Raw, Louise"), Person("Smith, Jo")])
    ('Raw, Louise', 'Raw, Louise, and Jo Smith')
    """
    shown = [_person(p, inverted=index == 0) for index, p in enumerate(persons)]
    if len(shown) <= 1:
        return "".join(shown)
    if len(shown) == 2:
        return f"{shown[0]}, and {shown[1]}"
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


def ends_closed(text: BaseText | str) -> bool:
    """Whether *text* already ends with sentence punctuation."""
    rendered = text.render_as("text") if isinstance(text, BaseText) else text
    return rendered.rstrip("”’\"' ").endswith(_CLOSING)


def sentence(text: BaseText | str) -> Text:
    """*text* with one closing full stop (none added after ``.?!``)."""
    return Text(text) if ends_closed(text) else Text(text, ".")


def quoted(title: Text) -> Text:
    """A quoted title; its closing full stop goes inside the quotes (Chicago)."""
    return Text("“", title, "”") if ends_closed(title) else Text("“", title, ".”")


def _is_standalone(entry: Any) -> bool:
    """Books and pamphlets are italic; articles, chapters and web pages are quoted."""
    if entry.type in ("book", "booklet", "manual", "phdthesis", "mastersthesis", "proceedings"):
        return True
    return entry.type == "misc" and not raw(entry, "howpublished")


def title_part(entry: Any) -> Text:
    """The title as its own sentence: italic for a standalone work, quoted otherwise."""
    if entry.type == "inbook" and raw(entry, "chapter"):
        return quoted(rich(entry, "chapter"))
    title = rich(entry, "title")
    return sentence(Tag("em", title)) if _is_standalone(entry) else quoted(title)


def _series(entry: Any) -> Text | None:
    if not raw(entry, "series"):
        return None
    series = rich(entry, "series")
    volume = raw(entry, "volume")
    return sentence(Text(series, f", vol. {volume}") if volume else series)


def container_part(entry: Any) -> list[Text]:
    """Where the work appears: the book of a chapter, a periodical, a site or medium."""
    parts: list[Text] = []
    if entry.type == "inbook" and raw(entry, "chapter"):
        parts.append(sentence(Text("In ", Tag("em", rich(entry, "title")))))
    journal = container(entry)
    if raw(entry, journal):
        issue = [f"vol. {raw(entry, 'volume')}"] if raw(entry, "volume") else []
        issue += [f"no. {raw(entry, 'number')}"] if raw(entry, "number") else []
        pages = f": {plain(entry, 'pages')}" if raw(entry, "pages") else ""
        tail = (", " + ", ".join(issue)) if issue else ""
        parts.append(sentence(Text(Tag("em", rich(entry, journal)), tail + pages)))
    if raw(entry, "howpublished"):
        parts.append(sentence(rich(entry, "howpublished")))
    series = _series(entry)
    if series is not None:
        parts.append(series)
    return parts


_THESIS = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}


def thesis_part(entry: Any) -> Text | None:
    """``PhD thesis, University.`` for a thesis; None otherwise."""
    if entry.type not in _THESIS:
        return None
    kind = plain(entry, "type")
    kind = _THESIS.get(kind, kind) or _THESIS[entry.type]
    where = plain(entry, "school") or plain(entry, "institution")
    return sentence(f"{kind}, {where}" if where else kind)


def edition_part(entry: Any) -> Text | None:
    """``2nd ed.`` (Chicago) from a numeric edition; a worded edition as given."""
    edition = plain(entry, "edition")
    if not edition:
        return None
    if re.fullmatch(r"\d+(st|nd|rd|th)", edition):
        return Text(f"{edition} ed.")
    if edition.isdigit():
        number = int(edition)
        suffix = (
            "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        )
        return Text(f"{number}{suffix} ed.")
    return sentence(edition)


def publisher_part(entry: Any) -> Text | None:
    """``Place: Publisher.``, or whichever half is known."""
    place, publisher = rich(entry, "address"), rich(entry, "publisher")
    if raw(entry, "address") and raw(entry, "publisher"):
        return sentence(Text(place, ": ", publisher))
    if raw(entry, "publisher"):
        return sentence(publisher)
    return None


def format_reference(entry: Any, label: str = "") -> Text:
    """One reference-list entry in Chicago author–date form.

    *label* is the entry's author–date label (:func:`labels`); its letter
    (``2016a``, ``n.d.-b``) is printed with the year, as the notes cite it.
    """
    entry = bibtex_view(entry)
    persons, role = people(entry)
    when = (year(entry) or "n.d.") + year_letter(entry, label)
    parts: list[BaseText] = []
    if persons:
        who = names(persons) + (f", {role}" if role else "")
        parts += [sentence(who), sentence(when), title_part(entry)]
    else:
        parts += [title_part(entry), sentence(when)]
    parts += [p for p in (edition_part(entry), thesis_part(entry)) if p is not None]
    parts += container_part(entry)
    publisher = publisher_part(entry)
    if publisher is not None:
        parts.append(publisher)
    if raw(entry, "howpublished") or raw(entry, container(entry)):
        stamp = day_and_month(entry)
        if stamp:
            parts.append(sentence(stamp))
    if raw(entry, "url"):
        url = raw(entry, "url")
        # only a web link becomes a link (sourcebook.core.links); the build's link wall agrees
        parts.append(Text(HRef(url, url) if web_link(url) else Text(url), "."))
    return Text(*_spaced(parts))


def _spaced(parts: Iterable[BaseText]) -> list[BaseText]:
    out: list[BaseText] = []
    for part in parts:
        if out:
            out.append(Text(" "))
        out.append(part)
    return out


def sort_key(entry: Any) -> tuple[str, str, str]:
    """Author surnames (or the title without its article), year, title; casefolded."""
    entry = bibtex_view(entry)
    persons, _ = people(entry)
    title = plain(entry, "title")
    lead = names(persons) if persons else _ARTICLE.sub("", title)
    number = year_number(entry)
    # years as fixed-width text that sorts in time order, BCE included; undated last
    when = f"{number + 10000:05d}" if number is not None else "99999"
    return (lead.casefold(), when, title.casefold())


def label_stem(entry: Any) -> str:
    """``Raw 2009``, ``Marx and Engels 1848``, ``Cliff et al. 1978``; a short title without author.

    >>> from pybtex.database import Entry, Person
    >>> label_stem(Entry("book", {"title": "T", "year": "2009"}, {"author": [Person("Raw, L.")]}))
    'Raw 2009'
    >>> label_stem(Entry("misc", {"title": "The Battle for the Labour Party"}))
    'Battle for the Labour … n.d.'
    """
    entry = bibtex_view(entry)
    persons, _ = people(entry)
    surnames = [
        str(latex_text(" ".join(p.prelast_names + p.last_names)).render_as("text")) for p in persons
    ]
    if len(surnames) > 2:
        who = f"{surnames[0]} et al."
    elif surnames:
        who = " and ".join(surnames)
    else:
        words = _ARTICLE.sub("", plain(entry, "title")).split()
        who = " ".join(words[:4]) + (" …" if len(words) > 4 else "")
    return f"{who} {year(entry) or 'n.d.'}"


def year_letter(entry: Any, label: str) -> str:
    """The letter *label* adds to the entry's year: ``a`` (``2016a``), ``-b`` (``n.d.-b``), or "".

    >>> from pybtex.database import Entry, Person
    >>> entry = Entry("book", {"title": "T"}, {"author": [Person("Raw, L.")]})
    >>> year_letter(entry, "Raw n.d.-b"), year_letter(entry, "Raw n.d."), year_letter(entry, "")
    ('-b', '', '')
    """
    stem = label_stem(entry)
    return label[len(stem) :] if label.startswith(stem) else ""


def labels_by_key(entries: Iterable[Any]) -> dict[str, str]:
    """Entry key -> label over a whole reference list, in its order (as the bibliography)."""
    ensure_preloaded()  # every entry's label renders TeX: a plugin look-up each
    ordered = sort_entries(entries)
    return {entry.key: label for entry, label in zip(ordered, labels(ordered), strict=True)}


def labels(entries: Iterable[Any], stem_of: Callable[[Any], str] = label_stem) -> list[str]:
    """Author–date labels, ``a``/``b`` added where two would read the same (Chicago).

    *stem_of* is :func:`label_stem` or a function giving the same answers
    (the build's, which keeps them between builds).
    """
    stems = [stem_of(e) for e in entries]
    seen: dict[str, int] = {}
    counts = Counter(stems)
    out = []
    for stem in stems:
        if counts[stem] == 1:
            out.append(stem)
            continue
        seen[stem] = seen.get(stem, 0) + 1
        letter = chr(ord("a") + seen[stem] - 1)
        out.append(stem + ("" if stem[-1:].isdigit() else "-") + letter)
    return out


def sort_entries(
    entries: Iterable[Any], key: Callable[[Any], tuple[str, str, str]] = sort_key
) -> list[Any]:
    """The reference list's order (:func:`sort_key`, or a function giving the same answers)."""
    return sorted(entries, key=key)


class SourcebookStyle(BaseStyle):  # type: ignore[misc]
    """Chicago author–date reference list; see the module docstring."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # BaseStyle binds these per instance to its plugins; sphinxcontrib-bibtex
        # calls them separately, so both are rebound here
        self.sort = sort_entries
        self.format_labels = labels

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> FormattedEntry:
        return FormattedEntry(entry.key, format_reference(entry, label), label)
