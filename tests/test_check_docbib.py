"""SB510: a document's title, authors and date against its own bibliography entry.

``sourcebook add`` writes both files from the same values; a contributor who then
corrects one of them (the title in ``document.toml``) leaves the other, which the
page's "How to cite" box prints, wrong.  The check reports it at the entry's field,
with the document file's line, through the cold run and the kept results alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sourcebook.check.docbib import fold, same_person
from sourcebook.check.run import run_check
from sourcebook.corpus.cache import ParseCache
from sourcebook.corpus.folders import FolderRecords

DOC = Path("seeds/tiny-wiki/document.toml")
BIB = Path("docs/references/tinywiki.bib")


def _edit(root: Path, path: Path, old: str, new: str) -> None:
    text = (root / path).read_text(encoding="utf-8")
    assert old in text
    (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")


def _sb510(root: Path, warm: bool = False) -> list[str]:
    if warm:
        parser = ParseCache()
        report = run_check(root, parser=parser, records=FolderRecords(parser.home, root))
    else:
        report = run_check(root)
    return [d.format() for d in report.diagnostics if d.code.id == "SB510"]


def _line_of(root: Path, path: Path, start: str) -> int:
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.lstrip().startswith(start))


def test_the_constructed_corpus_agrees(tiny: Path) -> None:
    """Straight and TeX apostrophes, braces and case do not count as differences."""
    _edit(tiny, BIB, "{Harbour Workers' Circle}", "{{Harbour} Workers{'} circle}")
    assert _sb510(tiny) == []


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "kept-results"])
def test_a_title_corrected_in_the_document_file_only_is_reported(
    tiny: Path, fresh_parse_cache: Path, warm: bool
) -> None:
    if warm:
        assert _sb510(tiny, warm=True) == []  # the results are kept, then one file changes
    _edit(tiny, DOC, 'title = "Harbour Workers\' Circle"', 'title = "Harbour Workers’ Guild"')
    [finding] = _sb510(tiny, warm=warm)
    line = _line_of(tiny, BIB, "title")
    assert finding.startswith(f"{BIB.as_posix()}:{line}:3: SB510 @misc{{tinywiki}}: title ")
    assert "differs from the document's 'Harbour Workers’ Guild'" in finding
    assert f"({DOC.as_posix()}:{_line_of(tiny, DOC, 'title')})" in finding
    assert "correct whichever is wrong" in finding


@pytest.mark.parametrize(
    ("document", "entry", "reported"),
    [
        ('["J. Doe"]', "Doe, Jane", False),
        ('["Jane Doe", "Ola Nordmann"]', "Doe, Jane and Nordmann, Ola", False),
        ('["Jane Doe"]', "Roe, Jane", True),
        ('["Jane Doe", "Ola Nordmann"]', "Doe, Jane", True),
    ],
)
def test_authors_compared_name_by_name(
    tiny: Path, document: str, entry: str, reported: bool
) -> None:
    _edit(tiny, DOC, '["Wikipedia contributors"]', document)
    _edit(tiny, BIB, "  title", f"  author       = {{{entry}}},\n  title")
    findings = _sb510(tiny)
    assert bool(findings) is reported, findings
    if reported:
        assert f"{BIB.as_posix()}:{_line_of(tiny, BIB, 'author')}:3: SB510" in findings[0]


def test_an_entry_without_author_is_not_compared(tiny: Path) -> None:
    """A wiki's entry names no author although the document file says "contributors"."""
    assert "author" not in (tiny / BIB).read_text(encoding="utf-8")
    assert _sb510(tiny) == []


def _dated(bib_fields: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        _edit(root, DOC, "url =", 'date = "2026-03-14"\nurl =')
        if bib_fields:
            _edit(root, BIB, "  url", f"{bib_fields}\n  url")

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_dated(""), '(its citation reads "n.d."): add `year = {2026}` and `date = {2026-03-14}`'),
        (_dated("  year = {2026},\n  month = mar,"), None),
        (_dated("  year = {2026},\n  date = {2026-03-14},"), None),
        (_dated("  year = {2025},"), "year {2025} differs from the document's date '2026-03-14'"),
        (_dated("  year = {2026},\n  month = apr,"), "month April differs"),
        (_dated("  year = {2026},\n  date = {2026-03-04},"), "date {2026-03-04} differs"),
    ],
)  # fmt: skip
def test_dates_compared(tiny: Path, change: Callable[[Path], None], expected: str | None) -> None:
    change(tiny)
    findings = _sb510(tiny)
    if expected is None:
        assert findings == []
    else:
        [finding] = findings
        assert expected in finding


def test_an_undated_document_leaves_the_entry_alone(tiny: Path) -> None:
    _edit(tiny, BIB, "  url", "  year = {1999},\n  url")
    assert _sb510(tiny) == []


def test_fold_and_same_person() -> None:
    assert fold(r"Rock \& Roll -- a {{History}}", tex=True) == fold("rock & roll – a history")
    assert fold("A Title") != fold("A Different Title")
    assert same_person("Ola Nordmann", "Nordmann, O.")
    assert not same_person("Ola Nordmann", "Nordmann, Kari")


#: names as a document file prints them, and as an entry might write them
_PRINTED = ["Jane Doe", "J. Doe", "Jane van Doe", "Doe", "Jane Mary Doe", "Émile Zola", "Ada"]
_WRITTEN = [
    *_PRINTED,
    "Doe, Jane",
    "Doe, J.",
    "van Doe, Jane",
    "Doe, Jane Mary",
    "Doe, Mary Jane",
    "Zola, Émile",
    "Roe, Jane",
    "Doe,",
    "Doe, Jr., Jane",
    "{Doe}, Jane",
    "Doe, Jane-Mary",
    "Do\\'e, Jane",
    "Doe,  Jane",
]


@pytest.mark.parametrize("printed", _PRINTED)
def test_the_quick_comparison_of_plain_names_agrees_with_parsing_them(printed: str) -> None:
    from sourcebook.check.docbib import parsed_same

    for written in _WRITTEN:
        assert same_person(printed, written) == parsed_same(printed, written), (printed, written)
