"""The reader's pybtex style renders what the check accepts: biblatex fields, any entry type."""

from __future__ import annotations

import pybtex.errors
import pytest
from pybtex.database import parse_string

from sourcebook.render.bibstyle import SourcebookStyle


def render(bib: str) -> dict[str, str]:
    with pybtex.errors.capture() as errors:
        data = parse_string(bib, "bibtex")
    assert errors == []
    style = SourcebookStyle()
    return {e.key: e.text.render_as("text") for e in style.format_entries(data.entries.values())}


def test_biblatex_fields_render_like_their_bibtex_counterparts() -> None:
    biblatex = render(
        "@article{k, author = {family=Berg, given=Pieter, prefix=van den}, title = {T},"
        " journaltitle = {Journal of Tides}, date = {2016-09-20}, location = {Leeds},"
        " volume = 3, pages = {1--2}}"
    )["k"]
    bibtex = render(
        "@article{k, author = {van den Berg, Pieter}, title = {T}, journal = {Journal of Tides},"
        " year = 2016, month = sep, address = {Leeds}, volume = 3, pages = {1--2}}"
    )["k"]
    # a biblatex date carries the day, which BibTeX's month cannot: the rest is the same
    assert biblatex.replace("20 September", "September") == bibtex
    # Chicago author–date: the first author inverted, the year after the names
    assert biblatex.startswith("van den Berg, Pieter. 2016.") and "September" in biblatex


@pytest.mark.parametrize("kind", ["video", "online", "report", "thesis", "nosuchtype", "set"])
def test_every_entry_type_renders_without_stopping_the_build(kind: str) -> None:
    text = render(f"@{kind}{{k, title = {{A Title}}, url = {{https://example.org/k}}}}")["k"]
    assert "A title" in text or "A Title" in text


def test_biblatex_thesis_type_keys_and_editions_read_as_words() -> None:
    entries = render(
        "@thesis{t, author = {Doe, Jane}, title = {T}, institution = {U}, date = {2001},"
        " type = {phdthesis}}\n"
        "@book{b, author = {Doe, Jane}, title = {B}, publisher = {P}, date = {2001}, edition = 2}"
    )
    assert "PhD thesis, U." in entries["t"] and "2001" in entries["t"]
    assert "2nd ed." in entries["b"]
