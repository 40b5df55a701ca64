"""``check --against BASE``: the merge base is the baseline, and weakening the audit is a verdict.

On a git copy of the constructed corpus without a committed baseline: a
pull request that lowers the unresolved claims needs no extra commit, one
that raises them fails; a re-hashed seed, a deleted flag, a subject that
lost an outlet and an entry whose publisher changed each fail at their
cause, and the review names the claims affected.  A maintainer's override
file turns such an error into a warning quoting its reason.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from sourcebook.check import main as check_main
from sourcebook.check.command import main as command_main
from sourcebook.cli import main as cli_main
from tests.conftest import CORPUS, git, init_repo
from tests.corpusfiles import add_entries

WIKI = "seeds/harbour-wikipedia/extract.txt"
DOCUMENT = "seeds/harbour-wikipedia/document.toml"
SUBJECT = "seeds/subjects/hwc.toml"
BIB = "docs/references"
INDEPENDENT = """
@online{gazette2004strike,
  author = {Moss, Ali},
  title = {Crane drivers strike},
  url = {https://eastmouth-gazette.example/2004/strike},
  publisher = {Eastmouth Gazette},
  year = {2004}
}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The constructed corpus as a git repository with no baseline, on branch ``pr``."""
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(CORPUS, root)
    (root / "seeds/baseline.toml").unlink()
    init_repo(root)
    git(root, "checkout", "-q", "-b", "pr")
    return root


def against(repo: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", "pull request")
    status = check_main(["--root", str(repo), "--against", "main"])
    out = capsys.readouterr().out.splitlines()
    return status, [line for line in out if re.search(r": SB\d{3} ", line)]


def codes(findings: list[str], *wanted: str) -> list[str]:
    return [line for line in findings if any(f": {code} " in line for code in wanted)]


def rehash(repo: Path, seed: str, text: str) -> None:
    path = repo / seed
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_text(text, encoding="utf-8")
    new = hashlib.sha256(path.read_bytes()).hexdigest()
    document = repo / DOCUMENT
    document.write_text(document.read_text(encoding="utf-8").replace(old, new), "utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_lowering_needs_no_commit_and_raising_fails(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_entries(repo, INDEPENDENT)
    assert cli_main(["cite", "--root", str(repo), "harbour-wikipedia/5", "gazette2004strike"]) == 0
    assert not (repo / "seeds/baseline.toml").exists()  # no number to keep current
    status, findings = against(repo, capsys)
    assert status == 0 and not codes(findings, "SB401", "SB406"), findings
    # a mapped marker unmapped: one more unresolved item than the merge base had
    edit(repo / "seeds/harbour-wikipedia/apparatus.toml", '"eastmouth2016history"', "")
    status, findings = against(repo, capsys)
    assert status == 1
    assert codes(findings, "SB401") and "harbour-wikipedia/1" in codes(findings, "SB401")[0]


def test_a_rehashed_seed_fails(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (repo / WIKI).read_text(encoding="utf-8")
    rehash(repo, WIKI, text.replace("founded in 1991", "founded in 1992"))
    status, findings = against(repo, capsys)
    assert status == 1
    [error] = codes(findings, "SB413")
    assert error.startswith(f"{DOCUMENT}:") and "nox -s revise -- harbour-wikipedia" in error


def test_a_deleted_flag_fails_with_the_claim_named(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (repo / WIKI).read_text(encoding="utf-8")
    flagged = "elections.[5][independent source needed]"
    assert flagged in text
    rehash(repo, WIKI, text.replace(flagged, "elections.[5]"))
    status, findings = against(repo, capsys)
    assert status == 1
    [error] = codes(findings, "SB414")
    assert "claim harbour-wikipedia/ref-5 lost [independent source needed]" in error
    # the review says it too, with the claim
    assert command_main(["--root", str(repo), "--compare", "main"]) == 1
    review = capsys.readouterr().out
    assert "harbour-wikipedia/ref-5 lost [independent source needed]" in review


def test_a_recorded_revision_is_a_warning_naming_its_reason(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.txt"
    text = (repo / WIKI).read_text(encoding="utf-8")
    new.write_text(text.replace("elections.[5][independent source needed]", "elections.[5]"))
    args = ["revise", "--root", str(repo), "harbour-wikipedia", str(new)]
    assert cli_main([*args, "--retrieved", "2026-02-01", "--reason", "flag removed upstream"]) == 0
    capsys.readouterr()
    status, findings = against(repo, capsys)
    assert status == 0, findings
    [warning] = codes(findings, "SB509")
    assert "flag removed upstream" in warning and "harbour-wikipedia/ref-5" in warning


@pytest.mark.parametrize(
    ("path", "old", "new", "cause"),
    [
        (
            SUBJECT,
            'publishers = ["Harbour Circle Press", "The Capstan"]',
            'publishers = ["The Capstan"]',
            "subject 'hwc' no longer lists publisher(s) 'Harbour Circle Press'",
        ),
        (
            f"{BIB}/circle2005history.bib",
            "{Harbour Circle Press}",
            "{Quay Books}",
            "'circle2005history' publisher changed from 'Harbour Circle Press' to 'Quay Books'",
        ),
    ],
    ids=["subject-outlet-removed", "entry-publisher-changed"],
)
def test_a_claim_resolved_without_a_new_source_fails(
    repo: Path, capsys: pytest.CaptureFixture[str], path: str, old: str, new: str, cause: str
) -> None:
    edit(repo / path, old, new)
    status, findings = against(repo, capsys)
    assert status == 1
    [error] = codes(findings, "SB415")
    assert error.startswith(f"{WIKI}:") and "harbour-wikipedia/ref-3" in error and cause in error
    # a maintainer's override, with its reason, accepts it as a warning
    overrides = repo / "seeds/overrides"
    overrides.mkdir()
    (overrides / "circle-press.toml").write_text(
        'reason = "the press was sold in 2010"\nitems = ["harbour-wikipedia/ref-3"]\n', "utf-8"
    )
    status, findings = against(repo, capsys)
    assert status == 0, findings
    [warning] = codes(findings, "SB508")
    assert "the press was sold in 2010" in warning and "SB415" in warning


def test_a_malformed_override_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "seeds/overrides").mkdir()
    (repo / "seeds/overrides/x.toml").write_text('items = ["harbour-wikipedia/ref-3"]\n', "utf-8")
    status, findings = against(repo, capsys)
    assert status == 1 and codes(findings, "SB201")


def test_two_branches_resolving_different_claims_merge_cleanly(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No shared number to edit: each branch touches its own marker and its own entry."""
    git(repo, "checkout", "-q", "main")
    for branch, marker, key in (("one", "5", "aaron2004strike"), ("two", "6", "zoe2009boatyard")):
        git(repo, "checkout", "-q", "-b", branch, "main")
        add_entries(repo, INDEPENDENT.replace("gazette2004strike", key))
        target = f"harbour-wikipedia/{marker}"
        assert cli_main(["cite", "--root", str(repo), target, key]) == 0
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", branch)
    git(repo, "checkout", "-q", "one")
    git(repo, "merge", "-q", "--no-edit", "two")  # fails the test on a conflict
    capsys.readouterr()
    status, findings = against(repo, capsys)
    assert status == 0, findings
    out = check_main(["--root", str(repo)])
    assert out == 0 and "1 unresolved" in capsys.readouterr().out.splitlines()[-1]
