"""The normaliser's fixture suite, in the style of MyST-Parser's fixture files.

Each ``tests/fixtures/normalise/<kind>/<case>.txt`` is a small constructed
text; ``<case>.json`` next to it is what ``sourcebook normalise --kind
<kind> --format json <case>.txt`` must print (the model), with the
diagnostics it must report and its exit status.  A ``<case>.hints.toml``
beside the text is passed as ``--hints`` (contributor-declared structure).  The CLI runs in-process
(the same ``main`` the console script calls; one test runs the real console
script to prove they agree).

To accept a deliberate change, run ``pytest tests/test_normalise_fixtures.py
--regen-fixtures`` and review ``git diff tests/fixtures`` line by line: the
expected files are the specification.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sourcebook.cli import main
from tests.conftest import ROOT
from tests.test_lossless import assert_lossless

FIXTURES = ROOT / "tests" / "fixtures" / "normalise"
SCHEMA = json.loads((ROOT / "src/sourcebook/schema/document-v1.json").read_text(encoding="utf-8"))
CASES = sorted(FIXTURES.glob("*/*.txt"))


def _run(case: Path, fmt: str, *extra: str) -> tuple[int, str, str]:
    """``sourcebook normalise`` on *case*, from its folder, in-process."""
    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(case.parent)
    hints = case.with_suffix(".hints.toml")  # structure hints for this text, if any
    given = ["--hints", hints.name] if hints.exists() else []
    args = ["normalise", case.name, "--kind", case.parent.name, "--format", fmt, *given, *extra]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(args)
    finally:
        os.chdir(cwd)
    return status, out.getvalue(), err.getvalue()


def _observed(case: Path) -> dict[str, Any]:
    status, out, err = _run(case, "json")
    explained = _run(case, "json", "--explain")[1].splitlines()
    return {
        "exit": status,
        "diagnostics": err.splitlines(),
        "model": json.loads(out),
        # which rule decided each block (``--explain``): reviewed like the model
        "explain": explained,
    }


def _id(case: Path) -> str:
    return f"{case.parent.name}/{case.stem}"


def test_there_are_enough_fixtures() -> None:
    kinds = {case.parent.name for case in CASES}
    assert kinds == {"wikipedia", "blog", "article", "essay"}
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_fixture(case: Path, request: pytest.FixtureRequest) -> None:
    expected_path = case.with_suffix(".json")
    observed = _observed(case)
    if request.config.getoption("--regen-fixtures"):
        expected_path.write_text(
            json.dumps(observed, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    assert expected_path.exists(), f"no expected model: run with --regen-fixtures for {case}"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert observed["diagnostics"] == expected["diagnostics"]
    assert observed["exit"] == expected["exit"]
    assert observed["model"] == expected["model"]
    assert observed["explain"] == expected["explain"]
    jsonschema.validate(observed["model"], SCHEMA, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_fixture_loses_nothing(case: Path) -> None:
    """Every non-space character of the text is on the page or in the record."""
    _, page, _ = _run(case, "myst")
    model = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))["model"]
    record = {
        "removed": model["removed"],
        "reference_list": [
            {"text": f"[{f['label'].split('.')[-1]}] {f['text']}"} for f in model["footnotes"]
        ],
    }
    assert_lossless(case.read_text(encoding="utf-8"), page, json.dumps(record))


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_console_script_agrees_with_the_in_process_run() -> None:
    case = FIXTURES / "blog" / "thread-nested-replies.txt"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sourcebook",
            "normalise",
            case.name,
            "--kind",
            "blog",
            "--format",
            "json",
        ],
        cwd=case.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    assert done.returncode == expected["exit"]
    assert json.loads(done.stdout) == expected["model"]
    assert done.stderr.splitlines() == expected["diagnostics"]


@pytest.mark.parametrize(
    "case",
    [
        "wikipedia/table-markup-is-text",
        "blog/metadata-markup-is-text",
        "essay/epigraph-markup-is-text",
    ],
)
def test_markup_in_new_blocks_stays_text(case: str) -> None:
    """Table cells, metadata values and epigraph attributions are data: escaped."""
    _, page, _ = _run(FIXTURES / f"{case}.txt", "myst")
    for active in ("{download}`..", "{math}`", "{eval-rst}`", "<script>", "<b>", "](javascript"):
        # unescaped: the markup character is not preceded by a backslash
        assert not re.search(r"(?<!\\)" + re.escape(active), page), active
    assert "\\{download\\}" in page or "\\{eval-rst\\}" in page


def test_flag_vocabulary_is_documented() -> None:
    from sourcebook.parse.flags import FLAGS

    docs = (ROOT / "docs" / "manual" / "normalising.md").read_text(encoding="utf-8")
    for flag, entry in FLAGS.items():
        assert f"| `[{flag}]` | {entry.meaning} | `{entry.status}` |" in docs


def test_check_reports_normalisation_guesses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``sourcebook check`` shows the SB6xx guesses of every seed, located."""
    from tests.conftest import copy_project
    from tests.corpusfiles import add_document

    project = copy_project(tmp_path / "p")
    text = (FIXTURES / "essay" / "truncated.txt").read_text(encoding="utf-8")
    add_document(project, "cut", text, "essay", "Cut")
    main(["check", "--root", str(project)])
    out = capsys.readouterr()
    assert "seeds/cut/extract.txt:3:1: SB606 the text stops mid-sentence" in out.out + out.err
