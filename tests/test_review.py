"""``sourcebook check --compare``: the Markdown review of a constructed pull request."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcebook.check import main as check_main
from sourcebook.contrib.add import main as add_main
from sourcebook.contrib.citecmd import main as cite_main
from tests.conftest import git, init_repo
from tests.test_add_cite import CHOIR
from tests.test_check_changes import BIB, INDEPENDENT, append, edit


def test_review_lists_exactly_what_the_branch_changed(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = init_repo(tiny)
    git(repo, "checkout", "-q", "-b", "pr")
    append(repo / BIB, INDEPENDENT)
    assert cite_main(["--root", str(repo), "tiny-wiki/2", "tribune2004strike"]) == 0
    edit(
        repo / BIB / "gazette2004cranes.bib",
        "{https://www.portgazette.co.uk/2004/cranes}",
        "{https://portgazette.co.uk/c}",
    )
    seed = tmp_path / "choir.txt"
    seed.write_text(CHOIR, encoding="utf-8")
    assert (
        add_main(
            [
                "--root",
                str(repo),
                str(seed),
                "--kind",
                "wikipedia",
                "--slug",
                "choir",
                "--publisher",
                "Wikipedia",
            ]
        )
        == 0
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pr")
    capsys.readouterr()

    assert check_main(["--root", str(repo), "--compare", "main"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("## sourcebook review against the merge base with `main`\n")
    sections = {
        block.split("\n")[0]: [line for line in block.split("\n")[1:] if line.startswith("- ")]
        for block in text.split("\n**")[1:]
    }
    assert list(sections) == [
        "Claims resolved (1)**",
        "Sources added (2)**",
        "Sources changed (1)**",
        "Markers mapped (1)**",
        "Documents added (1)**",
        "New diagnostics (3)**",
        "Changes to what decides independence (1)**",
    ]
    [decider] = sections["Changes to what decides independence (1)**"]
    assert "'gazette2004cranes' url changed from " in decider
    [resolved] = sections["Claims resolved (1)**"]
    assert resolved.startswith(
        "- `tiny-wiki/ref-2` `[independent source needed]` independently-sourced — "
        "`tribune2004strike`: `url domain eastporttribune.co.uk and publisher 'Eastport Tribune' "
        "are not among the outlets of the subject hwc (seeds/subjects/hwc.toml:2)`"
    )
    assert [s.split(" ")[1] for s in sections["Sources added (2)**"]] == [
        "`choir`",
        "`tribune2004strike`",
    ]
    assert sections["Sources changed (1)**"] == ["- `gazette2004cranes`: `url` changed"]
    assert sections["Markers mapped (1)**"] == ["- `tiny-wiki/2` → `tribune2004strike`"]
    assert sections["Documents added (1)**"] == [
        "- `choir` — `Eastport Dockers Choir` (`wikipedia`; 3 markers, 1 flagged claims)"
    ]
    # the new document's markers have no source yet: warnings, each new
    assert all(": SB504 marker '" in line for line in sections["New diagnostics (3)**"])
    assert "Before: 3 flagged claims: 0 resolved, 3 unresolved" in text
    assert "After: 4 flagged claims: 1 resolved, 3 unresolved" in text


def test_review_of_an_unchanged_branch_says_so(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = init_repo(tiny)
    assert check_main(["--root", str(repo), "--compare", "main"]) == 0
    assert "No change to claims, sources, markers, documents or diagnostics." in (
        capsys.readouterr().out
    )


def test_review_against_an_unknown_ref_is_a_usage_error(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = init_repo(tiny)
    assert check_main(["--root", str(repo), "--compare", "nope"]) == 2
    assert "git fetch" in capsys.readouterr().err
