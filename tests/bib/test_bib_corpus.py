"""The bibliography checker on real files: public parser test suites and our own exports.

Every file under ``corpus/`` (public test files, origins in ``corpus/SOURCES.md``)
and ``own/`` (written for this project) has its expected findings checked in
under ``expected/``.  They are regenerated only on request, then reviewed as
a diff::

    pytest tests/bib -k snapshot --regen
"""

from __future__ import annotations

from pathlib import Path

import pybtex.errors
import pytest
from pybtex.database import parse_string

from sourcebook.check.bibfile import BibCheck, check_bib_file, main
from sourcebook.core.diagnostics import Severity

HERE = Path(__file__).parent
FILES = sorted([*HERE.glob("corpus/*/*.bib"), *HERE.glob("own/*.bib")])
#: codes for input that BibTeX/pybtex cannot read as written
SYNTAX = {"SB301", "SB302", "SB309", "SB311", "SB319", "SB325"}


def _check(path: Path) -> BibCheck:
    return check_bib_file(path, path.relative_to(HERE).as_posix())


def _expected_path(path: Path) -> Path:
    return HERE / "expected" / path.relative_to(HERE).with_suffix(".txt")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(HERE).as_posix())
def test_snapshot(path: Path, regen: bool) -> None:
    result = _check(path)
    text = "".join(d.format() + "\n" for d in result.diagnostics)
    text += f"# {result.entries_read} read, {result.unread} not read, {result.entry_heads} heads\n"
    expected = _expected_path(path)
    if regen:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(HERE).as_posix())
def test_nothing_lost(path: Path) -> None:
    """Every entry head is read or reported, each unread one with its own diagnostic."""
    result = _check(path)
    assert result.entries_read + result.unread == result.entry_heads
    not_read = [d for d in result.diagnostics if d.message.endswith("the entry is not read")]
    assert len(not_read) == result.unread


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(HERE).as_posix())
def test_pybtex_reads_what_the_checker_accepts(path: Path) -> None:
    """The reader renders through pybtex: a file without syntax findings must not trip it."""
    result = _check(path)
    if {d.code.id for d in result.diagnostics} & SYNTAX or result.unread:
        return
    with pybtex.errors.capture() as errors:
        data = parse_string(path.read_text(encoding="utf-8"), "bibtex")
    assert errors == []
    assert sorted(data.entries.keys()) == sorted(s.key for s in result.bibliography.entries)


@pytest.mark.parametrize("name", ["zotero-bbt-biblatex.bib", "zotero-bbt-bibtex.bib"])
def test_valid_exports_of_either_dialect_have_no_error(name: str) -> None:
    result = _check(HERE / "own" / name)
    assert [d.format() for d in result.diagnostics if d.severity is Severity.ERROR] == []
    assert result.unread == 0 and result.entries_read > 5


def test_broken_file_blames_each_entry_and_reads_its_neighbours() -> None:
    result = _check(HERE / "own" / "broken.bib")
    found = {(d.line, d.code.id) for d in result.diagnostics}
    expected = {
        (2, "SB308"),  # TeX in an @string: once, at the string, not at its two users
        (7, "SB301"),  # the '{' that never closed, in the entry that holds it
        (12, "SB301"),  # unclosed quote
        (16, "SB301"),  # missing comma
        (18, "SB309"),  # keyless
        (19, "SB310"),  # %-"commented" entry is still read
        (20, "SB311"),  # undefined macro; the entry's other checks still run
        (21, "SB302"),  # duplicate key, ignoring case
        (22, "SB323"),  # extra '}' closes the entry early
        (23, "SB319"),  # field set twice
        (24, "SB301"),  # backtick key in a brace entry: pybtex cannot read it either
        (25, "SB314"),  # @video
        (26, "SB313"),  # @artcle
        (27, "SB315"),  # titel
        (28, "SB316"),  # crossref target missing
        (29, "SB317"),  # crossref cycle
        (31, "SB318"),  # pages shape
        (32, "SB320"),  # TeX in @preamble
        (35, "SB308"),  # \input in a title (\v{c} and \"o are accents: fine)
        (36, "SB325"),  # stray '@'
        (39, "SB301"),  # entry never closed: blamed at its head, not at the next entry
        (42, "SB326"),  # extended name pybtex cannot read
        (43, "SB302"),  # a duplicate (ignoring case) ...
        (43, "SB305"),  # ... is still checked
    }
    assert expected <= found
    assert not [d for d in result.diagnostics if d.code.id == "SB308" and d.line in (33, 34)]
    read = {s.key for s in result.bibliography.entries}
    assert {f"good0{i}" for i in range(1, 6)} | {"Good01", "macro", "commented"} <= read
    assert "good06" in read
    # a backtick key in a paren entry: pybtex and BibTeX read it, so check-bib does too
    assert "k`{download}`/secret.txt`x" in read
    assert {"unbalanced", "quote", "nocomma", "noclose"}.isdisjoint(read)


def test_command_line_counts_and_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(HERE / "own" / "zotero-bbt-bibtex.bib")]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith(
        "1 file: 6 entries read, 0 could not be read (6 entry heads); 0 errors, 0 warnings"
    )
    assert main([str(HERE / "own" / "broken.bib"), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert '"unread": 6' in out and '"code": "SB309"' in out
    assert main(["--no-such-option"]) == 2
