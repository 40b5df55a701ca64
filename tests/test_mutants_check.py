"""Tests written against surviving mutants of ``src/sourcebook/check/`` (issue 24).

Each test states a behaviour that a one-line slip in the checker changed while every
other test stayed green (``tools/mutation_sample.py check`` finds them; the record is
``tools/mutation/check.json``).  They run the public entry points (``run_check``,
``sourcebook check-bib``) on a copy of the constructed test corpus or on small texts.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import tomlkit

from sourcebook.check.bibfile import main as check_bib
from sourcebook.check.ratchet import UPDATE_COMMAND
from sourcebook.check.run import DEFAULT_BASELINE, RatchetOptions, run_check
from tests.conftest import CORPUS

BASELINE = DEFAULT_BASELINE.as_posix()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the constructed corpus (its committed baseline is current)."""
    return Path(shutil.copytree(CORPUS, tmp_path / "project"))


def _edit_baseline(root: Path, section: str, drop: int | None, add: str | None) -> str:
    """Drop item *drop* of a baseline list and/or append *add*; the dropped id."""
    path = root / DEFAULT_BASELINE
    document = tomlkit.parse(path.read_text(encoding="utf-8"))
    items = document[section]
    assert isinstance(items, list) and items, "the test corpus lists items in " + section
    dropped = str(items[drop]) if drop is not None else ""
    if drop is not None:
        del items[drop]
    if add is not None:
        items.append(add)
    path.write_text(tomlkit.dumps(document), encoding="utf-8")
    return dropped


def _line_of(root: Path, item: str) -> int:
    lines = (root / DEFAULT_BASELINE).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if f'"{item}"' in text)


def test_a_baseline_that_is_not_current_names_what_it_lists_and_leaves_out(root: Path) -> None:
    """SB406 (CI): an id listed but resolved, an id unresolved but left out, with why."""
    left_out = _edit_baseline(root, "unresolved_claims", 0, "nowhere/ref-1")
    report = run_check(root, options=RatchetOptions(require_current=True))
    found = [d for d in report.diagnostics if d.code.id == "SB406"]
    assert len(found) == 1
    # the line a contributor changes: the stale id's
    assert (found[0].path, found[0].line, found[0].col) == (
        BASELINE,
        _line_of(root, "nowhere/ref-1"),
        1,
    )
    message = found[0].message
    assert message.startswith(
        f"{BASELINE} is not current: it still lists nowhere/ref-1, resolved or mapped now; "
        f"it leaves out {left_out} ("
    )
    assert message.endswith(
        f"), still unresolved or unmapped; run `{UPDATE_COMMAND}` and commit {BASELINE}"
    )
    # why the left-out claim is unresolved: each source with the reason it does not count
    record = next(c for c in report.corpus.claims if f"{c.document}/{c.claim.id}" == left_out)
    assert record.sources and all(key in record.reasons for key in record.sources)
    for key in record.sources:
        assert f"{key}: {record.reasons[key]}" in message


@pytest.mark.parametrize("section", ["unmapped", "unresolved_claims"])
def test_a_baseline_leaving_out_an_item_points_at_its_list(root: Path, section: str) -> None:
    """Only something left out: the message says so and the line is its list's."""
    left_out = _edit_baseline(root, section, 0, None)
    report = run_check(root, options=RatchetOptions(require_current=True))
    found = [d for d in report.diagnostics if d.code.id == "SB406"]
    assert len(found) == 1
    assert found[0].message.startswith(
        f"{BASELINE} is not current: it leaves out {left_out}"
    ) and found[0].message.endswith(
        f", still unresolved or unmapped; run `{UPDATE_COMMAND}` and commit {BASELINE}"
    )
    if section == "unmapped":  # a marker has no reason to give
        assert f"it leaves out {left_out}, still" in found[0].message
    lines = (root / DEFAULT_BASELINE).read_text(encoding="utf-8").splitlines()
    assert lines[found[0].line - 1].startswith(section)


def test_a_current_baseline_passes_the_ci_check(root: Path) -> None:
    report = run_check(root, options=RatchetOptions(require_current=True))
    assert not [d for d in report.diagnostics if d.code.id == "SB406"]


def test_an_update_that_would_raise_the_baseline_is_refused_with_how_to_insist(
    root: Path,
) -> None:
    """SB405: the new ids, and the command that records a deliberate rise with its reason."""
    new = _edit_baseline(root, "unmapped", 0, None)
    before = (root / DEFAULT_BASELINE).read_text(encoding="utf-8")
    report = run_check(root, update_baseline=True)
    found = [d for d in report.diagnostics if d.code.id == "SB405"]
    assert [(d.path, d.line, d.col, d.message) for d in found] == [
        (
            BASELINE,
            1,
            1,
            f"baseline not updated: it would rise ({new} would be added); resolve what is new, "
            f'or, if the rise is deliberate, run `{UPDATE_COMMAND} --allow-increase "REASON"` '
            "(the reason is recorded in the file and a maintainer must approve it)",
        )
    ]
    assert (root / DEFAULT_BASELINE).read_text(encoding="utf-8") == before


BROKEN_BIB = (
    "@book{good, author = {Lee, Ann}, title = {Quays}, publisher = {Tide Press}, "
    "year = {2001}}\n"
    "@article{bad,\n  title = {Open,\n"
)


def test_check_bib_json_report_has_files_and_diagnostics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BROKEN_BIB, encoding="utf-8")
    assert check_bib(["--format", "json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["files"] == [{"path": str(path), "entry_heads": 2, "entries_read": 1, "unread": 1}]
    assert [(d["line"], d["code"]) for d in data["diagnostics"] if d["code"] == "SB301"] == [
        (3, "SB301")
    ]
    assert data["summary"]["errors"] >= 1


def test_check_bib_help_names_the_command_and_explains_each_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert check_bib(["--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert shown.startswith("usage: sourcebook check-bib ")
    assert ".bib files, read in order: @strings of one are known to the next" in shown
    assert "--strict fail on warnings too" in shown
    assert "text lines (default) or a JSON report" in shown
