"""The bibliography style: Chicago author–date, capitals kept, no editors' notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pybtex.database import BibliographyData, Entry, Person, parse_string
from pybtex.richtext import Text

from sourcebook.corpus.projectbib import joined_text
from sourcebook.render.bibstyle import SourcebookStyle, format_reference, labels, sort_entries

BIB = """
@book{b, author = {Quill, Ada and Noor, Ben}, title = {The {Acme} Guild and its Mills -- a History},
  publisher = {Lantern}, address = {Leeds}, year = {1999}, note = {Evidence: seen at a stall.}}
@article{a, author = {Quill, Ada}, title = {Why the Guild Met in Leeds?}, journal = {Loom Review},
  number = {12}, year = {1999}}
@misc{w, title = {The Weavers' Circle}, howpublished = {Wikipedia}, url = {https://example.org/w},
  note = {Seed 009; Title INFERRED}}
@misc{d, author = {Zed, Cy}, title = {Dated}, howpublished = {A blog}, date = {2016-09-20}}
"""


def render(key: str, bib: str = BIB) -> str:
    entry = parse_string(bib, "bibtex").entries[key]
    return str(format_reference(entry).render_as("text"))


def test_book_is_chicago_author_date_with_capitals_and_en_dash() -> None:
    assert render("b") == (
        "Quill, Ada, and Ben Noor. 1999. The Acme Guild and its Mills – a History. Leeds: Lantern."
    )


def test_article_title_quoted_without_doubled_punctuation() -> None:
    text = render("a")
    assert "“Why the Guild Met in Leeds?”" in text and "?." not in text and ".." not in text
    assert "Loom Review, no. 12." in text


def test_no_author_puts_title_first_and_url_last() -> None:
    assert render("w") == "“The Weavers' Circle.” n.d. Wikipedia. https://example.org/w."


def test_biblatex_date_gives_year_and_day() -> None:
    assert render("d") == "Zed, Cy. 2016. “Dated.” A blog. 20 September."


def test_editors_notes_never_in_the_citation() -> None:
    for key in ("b", "w"):
        text = render(key)
        assert "Evidence" not in text and "INFERRED" not in text and "Seed" not in text


def test_sorted_by_author_then_title_ignoring_articles() -> None:
    data = parse_string(BIB, "bibtex")
    order = [e.key for e in sort_entries(data.entries.values())]
    assert order == ["a", "b", "w", "d"]  # Quill (1999, "Why"), Quill & Noor, Weavers', Zed


def test_labels_are_author_year_and_disambiguated() -> None:
    one = Entry("book", {"title": "One", "year": "2001"}, {"author": [Person("Ray, Al")]})
    two = Entry("book", {"title": "Two", "year": "2001"}, {"author": [Person("Ray, Al")]})
    many = Entry(
        "book", {"title": "X"}, {"author": [Person("A, B"), Person("C, D"), Person("E, F")]}
    )
    assert labels([one, two, many]) == ["Ray 2001a", "Ray 2001b", "A et al. n.d."]
    assert not any(label.strip("[]").isdigit() for label in labels([one, two, many]))


def test_style_plugs_into_pybtex_ordering_and_labels() -> None:
    data = parse_string(BIB, "bibtex")
    style = SourcebookStyle()
    ordered = style.sort(data.entries.values())
    assert [e.key for e in ordered] == ["a", "b", "w", "d"]
    assert style.format_labels(ordered)[0] == "Quill 1999"


def _plain_title(value: str) -> str:
    return str(Text.from_latex(value).render_as("text"))


# the live bibliography: an invariant of whatever it holds (tests/corpusguard/)
@pytest.mark.parametrize(
    "root", [pytest.param(Path(__file__).parents[1], marks=pytest.mark.live)], ids=["references"]
)
def test_whole_bibliography_keeps_capitals_and_hides_notes(root: Path) -> None:
    data: BibliographyData = parse_string(joined_text(root), "bibtex")
    for key, entry in data.entries.items():
        text = str(format_reference(entry).render_as("text"))
        title = _plain_title(entry.fields.get("chapter") or entry.fields["title"])
        assert title in text, key  # exactly as typed: no capital lost
        note = " ".join(entry.fields.get("note", "").split())
        assert not note or note[:40] not in text, key
        assert "--" not in text and ".." not in text.replace("…", ""), key
