"""``sourcebook check`` as a command: options, exit status, JSON report, bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from sourcebook.check import main, run_check
from sourcebook.check.report import as_json_data, render_json

# CORPUS, the constructed corpus: what a report holds must not depend on the live one
from tests.conftest import CORPUS, ROOT

SCHEMA = json.loads((ROOT / "src/sourcebook/schema/report-v1.json").read_text(encoding="utf-8"))


def run_module(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "sourcebook.check", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_check_never_imports_sphinx_or_docutils() -> None:
    code = (
        "import sys; from pathlib import Path; from sourcebook.check import main;"
        "main(['--root', sys.argv[1], '--format', 'json']);"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils'));"
        "sys.stderr.write(repr(bad))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code, str(CORPUS)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stderr == "[]"


def test_schema_is_valid_and_the_report_matches_it() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    data = json.loads(render_json(run_check(CORPUS)))
    assert data["claims"] and data["documents"]
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["version"] == 1
    assert [d["id"] for d in data["documents"]] == sorted(d["id"] for d in data["documents"])
    statuses = {c["status"] for c in data["claims"]}
    assert statuses <= {"sourced", "unsourced", "needs-independent-source", "independently-sourced"}
    flagged = [c for c in data["claims"] if c["flags"]]
    assert len(flagged) == data["summary"]["flagged_claims"]


def test_json_report_of_a_broken_project_matches_the_schema(tiny: Path) -> None:
    bib = tiny / "docs/references/a.bib"
    bib.write_text("@book{a,\n title = {X}\n year = 1\n", encoding="utf-8")
    (tiny / "seeds/tiny-wiki/extract.txt").write_bytes(b"\x00\x01binary")
    data = as_json_data(run_check(tiny))
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert {"SB103", "SB301"} <= {d["code"] for d in data["diagnostics"]}


def test_output_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for fmt in ("text", "json", "text", "json"):
        main(["--root", str(CORPUS), "--format", fmt])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3]
    lines = outputs[0].splitlines()[:-1]

    def key(line: str) -> tuple[str, int, int, str]:
        path, number, col, rest = line.split(":", 3)
        return path, int(number), int(col), rest

    assert lines == sorted(set(lines), key=key)


@pytest.mark.parametrize(
    "args",
    [["--format", "xml"], ["--no-such-option"], ["--root", "/nonexistent/dir"]],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    assert "usage:" in capsys.readouterr().err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "--update-baseline" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "data", "code"),
    [
        ("seeds/tiny-wiki/document.toml", b"[[document]\nslug = 1\n", "SB201"),
        ("seeds/tiny-wiki/apparatus.toml", b"[[marker]]\nlabel = \n", "SB201"),
        ("docs/references/tinywiki.bib", b"@@@ {{{ \n", "SB301"),
        ("docs/references/tinywiki.bib", b"\xff\xfe not utf-8", "SB102"),  # the seeds' rules
        ("seeds/tiny-wiki/extract.txt", b"", "SB101"),
        ("seeds/tiny-wiki/extract.txt", b"a\r\nb\r\n", "SB104"),
        ("seeds/baseline.toml", b"unresolved_flagged_claims = 'five'\n", "SB211"),
        ("seeds/baseline.toml", b"= broken", "SB403"),
    ],
)
def test_bad_input_is_reported_never_a_traceback(
    tiny: Path, path: str, data: bytes, code: str
) -> None:
    (tiny / path).write_bytes(data)
    done = run_module("--root", str(tiny))
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr == ""
    # one mistake, one error at its cause: no cascade of unused/unmapped/undefined findings
    errors = [line for line in done.stdout.splitlines() if re.search(r": SB[1-4]\d\d ", line)]
    assert [e.split(": ")[1].split()[0] for e in errors] == [code], done.stdout
    assert errors[0].startswith(path + ":")
    assert done.stdout.splitlines()[-1].endswith(("1 error, 0 warnings", "warnings", "warning"))


def test_errors_in_one_file_do_not_hide_errors_in_another(tiny: Path) -> None:
    (tiny / "seeds/tiny-wiki/apparatus.toml").open("a").write(
        '\n[[marker]]\nlabel = "42"\nkeys = ["nokey"]\n'
    )
    (tiny / "docs/references/x.bib").write_text("@misc{x, title = {X}, url = {ftp://x.org/}}\n")
    codes = {d.code.id for d in run_check(tiny).diagnostics}
    assert {"SB204", "SB303", "SB307"} <= codes


def test_missing_baseline_is_an_error_and_update_creates_it(
    tiny: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "new-baseline.toml"
    assert main(["--root", str(tiny), "--baseline", str(target)]) == 1
    assert f"{target}:1:1: SB403 baseline file not found" in capsys.readouterr().out
    assert not target.exists()


def test_the_bibliography_option_is_gone(capsys: pytest.CaptureFixture[str]) -> None:
    """The bibliography is docs/references/, one file per entry: no other file replaces it."""
    assert main(["--root", str(CORPUS), "--bib", "other.bib"]) == 2
    assert "unrecognized arguments: --bib" in capsys.readouterr().err
