"""``check-bib`` on what real exports hold: no false alarms where BibTeX and pybtex read fine.

Each case is judged against pybtex's own parser on the same input (pybtex
renders the reader), not against our belief about it.
"""

from __future__ import annotations

import pytest
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexSyntaxError

from sourcebook.check.bibfile import check_bib_text
from sourcebook.corpus.bibliography import load_bibliography_text


def pybtex_keys(text: str) -> set[str]:
    return set(Parser().parse_string(text).entries)


def codes(text: str) -> list[tuple[int, str]]:
    return [(d.line, d.code.id) for d in check_bib_text(text, "t.bib").diagnostics]


ODD_KEYS = (
    "conf/icse/Doe01",  # DBLP
    "o'brien2001",
    "what?2001",
    "star*2001",
    "müller2001",  # non-ASCII letters, as Zotero and biber write them
    "Δelta2001",
)


@pytest.mark.parametrize("key", ODD_KEYS)
def test_a_key_pybtex_reads_is_read_and_its_fields_checked(key: str) -> None:
    text = f"@misc{{{key}, title = {{T}}, year = {{20x1}}, howpublished = {{here}}}}\n"
    assert pybtex_keys(text) == {key}
    result = check_bib_text(text, "t.bib")
    assert [s.key for s in result.bibliography.entries] == [key]
    assert result.unread == 0
    # its fields are checked: the bad year is found, and nothing is said about the key
    assert [d.code.id for d in result.diagnostics] == ["SB305"]


def test_the_project_still_refuses_such_a_key_once() -> None:
    # the project's keys end up in citation roles: its own loader keeps the grammar
    text = "@misc{conf/x/Doe01, title = {T}, howpublished = {here}}\n"
    _, diags = load_bibliography_text(text, "docs/references.bib")
    assert [d.code.id for d in diags] == ["SB312"]


def test_a_url_in_a_string_is_reported_once_at_the_string() -> None:
    text = '@string{old = "ftp://files.example/papers/"}\n' + "".join(
        f'@misc{{k{n}, title = {{T}}, year = {{2001}}, url = old # "p{n}.pdf"}}\n' for n in range(5)
    )
    assert codes(text) == [(1, "SB307")]


def test_a_url_built_badly_from_a_good_string_is_reported_at_the_entry() -> None:
    text = (
        '@string{site = "https://files.example/"}\n'
        '@misc{k1, title = {T}, year = {2001}, url = site # " p 1.pdf"}\n'
    )
    assert codes(text) == [(2, "SB307")]


@pytest.mark.parametrize("delimiter", ["|", "!", "+"])
def test_the_delimiter_closing_path_is_not_part_of_the_link(delimiter: str) -> None:
    url = "https://files.example/a"
    text = (
        f"@misc{{k1, title = {{T}}, year = {{2001}}, "
        f"note = {{see \\path{delimiter}{url}{delimiter}}}}}\n"
    )
    assert "SB307" not in [code for _, code in codes(text)]
    # a link that is wrong inside the delimiters is still found
    bad = text.replace(url, "https://files.exa\u200bmple/a")
    assert "SB307" in [code for _, code in codes(bad)]


def test_a_bare_comment_line_is_silent_as_in_bibtex() -> None:
    text = (
        "@Comment This export was made on a Tuesday.\n"
        "@misc{k1, title = {T}, year = {2001}, howpublished = {here}}\n"
        "@comment{jabref-meta: databaseType:bibtex;}\n"
    )
    assert codes(text) == []
    assert [s.key for s in check_bib_text(text, "t.bib").bibliography.entries] == ["k1"]


def test_the_project_reports_a_bare_comment_because_pybtex_stops_there() -> None:
    text = "@Comment an export note\n@misc{k1, title = {T}, howpublished = {here}}\n"
    with pytest.raises(PybtexSyntaxError):
        Parser().parse_string(text)
    _, diags = load_bibliography_text(text, "docs/references.bib")
    assert [(d.line, d.code.id) for d in diags] == [(1, "SB325")]


@pytest.mark.parametrize(
    ("isbns", "bad"),
    [
        ("978-3-16-148410-0 978-0-306-40615-7", []),
        ("978 0 306 40615 7", []),
        ("0-306-40615-2; 978-3-16-148410-0", []),
        ("978-3-16-148410-1 0-306-40615-2", ["978-3-16-148410-1"]),
    ],
)
def test_isbn_lists(isbns: str, bad: list[str]) -> None:
    text = (
        "@book{k1, title = {T}, author = {Doe, Jo}, publisher = {P}, year = {2001}, "
        f"isbn = {{{isbns}}}}}\n"
    )
    found = [d.message for d in check_bib_text(text, "t.bib").diagnostics if d.code.id == "SB306"]
    assert len(found) == len(bad)
    for number, message in zip(bad, found, strict=True):
        assert f"'{number}'" in message


def test_one_finding_per_missing_field() -> None:
    text = "@book{k1, title = {T}, author = {Doe, Jo}, year = {2001}}\n"
    assert codes(text) == [(1, "SB327")]
