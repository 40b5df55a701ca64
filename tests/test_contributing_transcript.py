"""CONTRIBUTING.md's transcript from a DOI to a green check is the commands' exact output."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from sourcebook.cli import main

ROOT = Path(__file__).parents[1]
#: the nox sessions the transcript uses -> the sourcebook command each runs
SESSIONS = {"cite": "cite", "checkcitations": "check", "source": "source"}


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) of the console block between the markers."""
    start = text.index("<!-- transcript: start -->")
    body = text[start : text.index("<!-- transcript: end -->")]
    lines = body.split("```console\n", 1)[1].split("```", 1)[0].rstrip("\n").split("\n")
    found: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("$ "):
            found.append((line[2:], []))
        else:
            found[-1][1].append(line)
    return found


def test_the_transcript_is_what_the_commands_print(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    demo = str(tmp_path / "demo")
    steps = _blocks((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert [s[0].split()[:3] for s in steps[1:]] == [
        ["nox", "-s", "cite"],
        ["nox", "-s", "checkcitations"],
        ["nox", "-s", "source"],
    ]
    for command, expected in steps:
        words = [demo if w == "/tmp/demo" else w for w in shlex.split(command)]
        if words[0] == "cp":
            shutil.copytree(ROOT / words[2], words[3])
            continue
        assert words[:2] == ["nox", "-s"] and words[3] == "--"
        status = main([SESSIONS[words[2]], *words[4:]])
        out = capsys.readouterr().out
        assert status == 0, out
        assert out.rstrip("\n").split("\n") == expected, command
    assert re.search(r"0 errors", "\n".join(steps[2][1]))
