"""The ratchet tightens: lowered counts must be committed, raises need a recorded reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sourcebook.check import main
from tests.conftest import git, init_repo
from tests.test_check_changes import AFFILIATED, BIB, INDEPENDENT, append, edit, map_marker

BASELINE = "seeds/baseline.toml"
UPDATE = "nox -s checkcitations -- --update-baseline"


def check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    status = main(["--root", str(root), *args])
    return status, capsys.readouterr().out.splitlines()


def findings(output: list[str]) -> list[str]:
    """Error and ratchet lines (warnings SB5xx left out)."""
    return [line for line in output if re.search(r": SB[1-4]\d\d ", line)]


def test_update_refuses_to_raise_without_a_reason(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(tiny / "seeds/tiny-wiki/apparatus.toml", 'keys = ["circle2001readingroom"]', "keys = []")
    append(tiny / BIB, "")  # the entry stays; it is merely unused now
    before = (tiny / BASELINE).read_bytes()
    status, output = check(tiny, capsys, "--update-baseline")
    assert status == 1
    [refused] = [line for line in findings(output) if ": SB405 " in line]
    assert "tiny-wiki/1" in refused and "--allow-increase" in refused and UPDATE in refused
    assert (tiny / BASELINE).read_bytes() == before

    status, output = check(
        tiny, capsys, "--update-baseline", "--allow-increase", "reading room page withdrawn"
    )
    assert status == 0, output
    text = (tiny / BASELINE).read_text(encoding="utf-8")
    assert 'increase_reason = "reading room page withdrawn"' in text
    assert '"tiny-wiki/1"' in text
    assert any(line.startswith("wrote seeds/baseline.toml: ") for line in output)


def test_update_says_what_it_wrote(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    append(tiny / BIB, INDEPENDENT)
    map_marker(tiny, "2", '"tribune2004strike"')
    status, output = check(tiny, capsys, "--update-baseline")
    assert status == 0
    [note] = [line for line in output if line.startswith("wrote ")]
    assert note == (
        "wrote seeds/baseline.toml: unresolved flagged claims 3 -> 2; unmapped markers 4 -> 3; "
        "resolved: tiny-wiki/ref-2; mapped: tiny-wiki/2"
    )
    _, output = check(tiny, capsys, "--update-baseline")
    assert "seeds/baseline.toml is current: nothing to change" in output


def test_no_lower_the_baseline_advice_while_there_are_errors(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    append(tiny / BIB, INDEPENDENT)
    map_marker(tiny, "2", '"tribune2004strike"')
    map_marker(tiny, "4", '"nosuchkey"')
    status, output = check(tiny, capsys)
    assert status == 1
    assert [line.split(": ")[1][:5] for line in findings(output)] == ["SB303"]
    assert not [line for line in output if "SB402" in line]


@pytest.fixture
def repo(tiny: Path) -> Path:
    """The tiny project as a git repository, on a pull-request branch off ``main``."""
    init_repo(tiny)
    git(tiny, "checkout", "-q", "-b", "pr")
    return tiny


def commit(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")


def test_ci_passes_a_resolution_without_touching_the_baseline(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CI's baseline is the merge base's corpus: lowering the count needs no extra commit."""
    append(repo / BIB, INDEPENDENT)
    map_marker(repo, "2", '"tribune2004strike"')
    commit(repo)
    status, output = check(repo, capsys, "--against", "main")
    assert status == 0, output
    assert not findings(output)  # not even the advice to lower a file nobody needs


def test_ci_fails_a_raised_baseline_even_with_a_reason(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(repo / "seeds/tiny-wiki/apparatus.toml", 'keys = ["circle2001readingroom"]', "keys = []")
    assert check(repo, capsys, "--update-baseline", "--allow-increase", "page gone")[0] == 0
    commit(repo)
    status, output = check(repo, capsys, "--against", "main")
    assert status == 1
    [error] = findings(output)
    assert error.startswith(
        "seeds/tiny-wiki/extract.txt:7:1: SB401 new unmapped marker tiny-wiki/1 "
    )


def test_a_baseline_edited_to_hide_a_claim_changes_nothing_in_ci(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CI counts from the merge base's corpus, not from a file the branch edits."""
    append(repo / BIB, AFFILIATED)
    map_marker(repo, "2", '"circle2004strike"')
    edit(repo / BASELINE, '    "tiny-wiki/ref-2",\n', "")  # "but I did resolve it"
    edit(repo / "seeds/tiny-wiki/apparatus.toml", 'keys = ["circle2001readingroom"]', "keys = []")
    commit(repo)
    status, output = check(repo, capsys, "--against", "main")
    assert status == 1
    assert [line.split(": ")[1][:5] for line in findings(output) if ": SB4" in line] == ["SB401"]
    assert "3 unresolved" in output[-1]  # ref-2 is still counted: its source is affiliated
    assert any(
        ": SB506 claim tiny-wiki/ref-2 " in line and "is an outlet of the subject hwc" in line
        for line in output
    )


def test_against_an_unknown_ref_is_one_located_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = check(repo, capsys, "--against", "no-such-branch")
    assert status == 1
    [error] = findings(output)
    assert error.startswith("seeds/baseline.toml:1:1: SB407 cannot find the merge base")
    assert "git fetch" in error


def test_an_old_baseline_with_counts_is_still_read(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tiny / BASELINE).write_text(
        "version = 1\nunresolved_flagged_claims = 2\nunmapped_markers = 4\n", encoding="utf-8"
    )
    status, output = check(tiny, capsys)
    assert status == 1
    [error] = findings(output)
    assert error.startswith("seeds/baseline.toml:2:1: SB401 1 more unresolved flagged claims")
