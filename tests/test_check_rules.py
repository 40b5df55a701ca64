"""The entry rules of ``sourcebook check`` on small BibTeX snippets (positive and negative)."""

# expected messages stay whole, one per line, so the table reads like the checker's output
# ruff: noqa: E501

from __future__ import annotations

import pytest

from sourcebook.check.bibrules import check_entries
from sourcebook.core.urls import url_problem
from sourcebook.corpus.bibliography import load_bibliography_text


def findings(bib: str) -> list[str]:
    data, diags = load_bibliography_text(bib, "t.bib")
    return [d.format() for d in diags + check_entries(data, bib)]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("@book{k, author = {A, B}, title = {T}, publisher = {P}, year = {2000}}", []),
        ("@book{k, editor = {A, B}, title = {T}, url = {https://x.org/}, year = {2000}}", []),
        (
            "@book{k, title = {T}, year = {2000}}",
            [
                "t.bib:1:1: SB304 @book{k} lacks required field 'author or editor', 'publisher or url'"
            ],
        ),
        (
            "@article{k, author = {A, B}, title = {T}, year = {2000}}",
            ["t.bib:1:1: SB304 @article{k} lacks required field 'journal or journaltitle'"],
        ),
        (
            "@online{k, title = {T}}",
            ["t.bib:1:1: SB304 @online{k} lacks required field 'url or howpublished'"],
        ),
        (
            "@misc{k, title = {}, howpublished = {H}}",
            ["t.bib:1:1: SB304 @misc{k} lacks required field 'title'"],
        ),
        (
            "@misc{k, title = {T}, howpublished = {H}, year = {99}}",
            ["t.bib:1:43: SB305 k: year '99' must be four digits"],
        ),
        (
            "@misc{k, title = {T}, howpublished = {H}, month = {Sept}}",
            ["t.bib:1:43: SB305 k: month 'Sept' is not a month (use jan ... dec or 1 ... 12)"],
        ),
        (
            "@misc{k, title = {T}, howpublished = {H}, year = 2016, month = oct, date = {2016-09-20}}",
            ["t.bib:1:56: SB305 k: month 'October' disagrees with date '2016-09-20'"],
        ),
        (
            "@misc{k, title = {T}, howpublished = {H}, date = {2016-13}}",
            ["t.bib:1:43: SB305 k: date: '2016-13' is not a calendar date"],
        ),
        (
            "@misc{k, title = {T}, howpublished = {H}, issn = {2631-9285}}",
            [
                "t.bib:1:43: SB306 k: ISSN '2631-9285' is invalid: the number's checksum or check digit is invalid"
            ],
        ),
        ("@misc{k, title = {T}, howpublished = {H}, doi = {10.1000/xyz}}", []),
        (
            "@misc{k, title = {T}, howpublished = {H}, doi = {doi:xyz}}",
            ["t.bib:1:43: SB307 k: doi 'doi:xyz' is not a DOI (10.NNNN/suffix)"],
        ),
        (
            "@misc{k, title = {T}, howpublished = {H}, note = {see vbscript:run}}",
            [
                "t.bib:1:43: SB307 k: field 'note' holds a 'vbscript:' link; only http and https are allowed"
            ],
        ),
        (
            "@misc{k, title = {T}, url = {https://x.org/}, note = {at file:///etc/passwd}}",
            [
                "t.bib:1:47: SB307 k: link 'file:///etc/passwd' in field 'note': scheme 'file:' is not allowed; "
                "use http or https"
            ],
        ),
        # negative examples: escapes, protected capitals and prose must pass
        ("@misc{k, title = {Tom \\& Jerry's {Bryant} 100\\%}, howpublished = {a < b > c}}", []),
        (
            "@misc{k, title = {T}, howpublished = {H}, note = {the data: 2009; javascript library}}",
            [],
        ),
        (
            "@misc{k, title = {{Raw} role {name}`x`}, howpublished = {H}}",
            [
                "t.bib:1:10: SB308 k: field 'title' holds MyST markup '{name}`'; write plain Unicode text "
                "(markup could become active in the reader or PDF)"
            ],
        ),
    ],
)
def test_entry_rules(entry: str, expected: list[str]) -> None:
    assert findings(entry + "\n") == expected


@pytest.mark.parametrize(
    "url",
    ["https://en.wikisource.org./wiki/Page:X.pdf/16", "http://[::1]:8080/x", "https://bücher.de/a"],
)
def test_good_urls(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "JavaScript:alert(1)",
        " https://x.org/",
        "https://x.org:99999/",
        "https:///path",
        "//x.org/",
        "https://localhost/",
        "http://x.org/\\u",
    ],
)
def test_bad_urls(url: str) -> None:
    assert url_problem(url) is not None
