"""``sourcebook check`` runs the same bibliography loader and rules as ``check-bib``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.corpusfiles import add_entries

from sourcebook.check import main, run_check
from sourcebook.check.bibfile import check_bib_file, check_bib_files, check_bib_text
from sourcebook.cli import main as cli_main

EXTRA = """
@video{clip2020, title = {A Clip}, url = {https://example.org/clip}}
@misc{broken2020, title = {Unclosed,
  url = {https://example.org/b}}

@misc{typo2020, titel = {Misspelled}, title = {T}, url = {https://example.org/t}}
"""


def test_check_reports_the_bibliography_like_check_bib(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = add_entries(project, EXTRA)  # each entry a file of its own
    report = run_check(project)
    found = {(d.path, d.line, d.code.id) for d in report.diagnostics if d.path.endswith(".bib")}
    folder = "docs/references"
    assert {
        (f"{folder}/clip2020.bib", 1, "SB314"),
        (f"{folder}/broken2020.bib", 1, "SB301"),
        (f"{folder}/typo2020.bib", 1, "SB315"),
    } <= found
    for key in keys:
        alone = check_bib_file(project / folder / f"{key}.bib", f"{folder}/{key}.bib")
        ours = {d for d in report.diagnostics if d.path == f"{folder}/{key}.bib"}
        # the check adds project rules (unused entries, ...) on top of check-bib's findings,
        # and has the project's required fields (SB304) instead of the data models' (SB327)
        assert {d for d in alone.diagnostics if d.code.id != "SB327"} <= ours, key
        assert not [d for d in ours if d.code.id == "SB327"]
    assert main(["--root", str(project)]) == 1
    assert "SB301 @misc{broken2020}" in capsys.readouterr().out


def test_check_bib_is_a_subcommand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.bib"
    good.write_text("@misc{k, title = {T}, url = {https://example.org/}}\n", encoding="utf-8")
    assert cli_main(["check-bib", str(good)]) == 0
    assert "1 entry read, 0 could not be read" in capsys.readouterr().out
    missing = tmp_path / "missing.bib"
    assert cli_main(["check-bib", str(missing)]) == 1
    assert "missing.bib:1:1: SB301 cannot read bibliography" in capsys.readouterr().out


def test_files_that_cannot_be_read_are_findings_not_tracebacks(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.bib"
    latin1.write_bytes(b"@misc{k, title = {Caf\xe9}}\n")
    fifo = tmp_path / "pipe.bib"
    os.mkfifo(fifo)
    for path in (latin1, fifo, tmp_path):
        result = check_bib_file(path)
        assert [d.code.id for d in result.diagnostics] == ["SB301"]
        assert result.diagnostics[0].message.startswith("cannot read bibliography")


def test_strings_of_earlier_files_are_known_to_later_ones(tmp_path: Path) -> None:
    strings = tmp_path / "strings.bib"
    strings.write_text('@string{jt = "Journal of Tides"}\n', encoding="utf-8")
    refs = tmp_path / "refs.bib"
    refs.write_text(
        "@article{k, author = {A, B}, title = {T}, journal = jt, year = 2000}\n",
        encoding="utf-8",
    )
    alone = check_bib_file(refs)
    assert [d.code.id for d in alone.diagnostics] == ["SB327", "SB311"]
    _, second = check_bib_files([strings, refs])
    assert second.diagnostics == ()
    assert second.bibliography.sources["k"].fields["journal"] == "Journal of Tides"


def test_a_stray_brace_inside_quotes_is_blamed_on_the_quote() -> None:
    result = check_bib_text(
        '@misc{a, title = "x } y", note = {n}}\n'
        "@misc{b, title = {T}, url = {https://example.org/}}\n",
        "q.bib",
    )
    assert [d.format()[:29] for d in result.diagnostics] == ["q.bib:1:18: SB301 @misc{a} (l"]
    assert [s.key for s in result.bibliography.entries] == ["b"]
