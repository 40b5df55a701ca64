"""Contributions never collide: two branches merge with plain ``git merge``, both ways.

In a git repository holding the tiny constructed corpus (no committed
baseline, as the project keeps none), two branches each add a document with
the real ``add`` command, and two branches each add a bibliography entry
with the real ``source add`` command, the two keys sorting next to each
other.  Every merge must succeed without a conflict, and the check must be
green on the merged tree.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sourcebook.cli import main
from tests.conftest import ROOTS, git, init_repo

FETCHED = Path(__file__).parent / "fixtures" / "fetched"

TEXTS = {
    "rowers": (
        "Eastport Rowers\n\nThe rowing club was founded on the quay in 1921.[1]\n\n"
        "It races gigs each summer.[2][independent source needed]\n"
    ),
    "singers": (
        "Quay Singers\n\nThe singers meet in the old customs house.[1]\n\n"
        "They sing sea songs at the harbour fair.\n"
    ),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(ROOTS / "test-tiny", root)
    (root / "seeds" / "baseline.toml").unlink()  # the ratchet compares with the merge base
    return init_repo(root)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    status = main(list(args))
    out = capsys.readouterr().out
    assert status == 0, out
    return out


def commit_branch(repo: Path, name: str) -> list[str]:
    """Commit everything on branch *name*; the files it changed."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", name)
    return git(repo, "diff", "--name-only", "main", name).split()


def add_document(repo: Path, tmp_path: Path, slug: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / f"{slug}.txt"
    source.write_text(TEXTS[slug], encoding="utf-8")
    args = ["add", str(source), "--kind", "wikipedia", "--slug", slug, "--root", str(repo)]
    run(capsys, *args, "--url", f"https://wiki.example/{slug}", "--publisher", "Wiki")


def merged(repo: Path, into: str, other: str) -> None:
    """``git merge`` of *other* into a fresh branch off *into*; fails the test on a conflict."""
    git(repo, "checkout", "-q", "-B", f"merge-{into}-{other}", into)
    done = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "merge", "--no-edit", other],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "CONFLICT" not in done.stdout


def green(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What CI runs: the check against the merge base, and the canonical form."""
    out = run(capsys, "check", "--root", str(repo), "--against", "main")
    assert " 0 errors" in out.splitlines()[-1], out
    run(capsys, "fmt", "--root", str(repo), "--check")


def test_two_branches_adding_documents_merge_both_ways(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = {}
    for slug in TEXTS:
        git(repo, "checkout", "-q", "-b", slug, "main")
        add_document(repo, tmp_path, slug, capsys)
        changed[slug] = commit_branch(repo, slug)
        green(repo, capsys)
    # an addition touches only files of its own: the document's folder and its own entry
    for slug, files in changed.items():
        key = slug.replace("-", "_")
        assert sorted(files) == sorted(
            [
                f"docs/references/{key}.bib",
                f"seeds/{slug}/apparatus.toml",
                f"seeds/{slug}/document.toml",
                f"seeds/{slug}/extract.txt",
            ]
        )
    for into, other in (("rowers", "singers"), ("singers", "rowers")):
        merged(repo, into, other)
        green(repo, capsys)
        assert (repo / "seeds" / "rowers" / "extract.txt").read_text() == TEXTS["rowers"]
        assert (repo / "seeds" / "singers" / "extract.txt").read_text() == TEXTS["singers"]


def test_two_branches_adding_entries_with_adjacent_keys_merge_both_ways(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two editions of one work: keys ``whitfield2012history`` and ``whitfield2014history``."""
    keys = {}
    for branch, isbn in (("first", "9780000000019"), ("second", "9780000000026")):
        git(repo, "checkout", "-q", "-b", branch, "main")
        out = run(
            capsys, "source", "add", "--isbn", isbn, "--root", str(repo),
            "--recorded", str(FETCHED), "--accessed", "2026-12-01",
        )  # fmt: skip
        keys[branch] = out.split("@book{", 1)[1].split("}", 1)[0]
        files = commit_branch(repo, branch)
        assert files == [
            f"docs/references/{keys[branch]}.bib",
            f"docs/references/{keys[branch]}.json",
        ]
    assert sorted(keys.values()) == ["whitfield2012history", "whitfield2014history"]
    for into, other in (("first", "second"), ("second", "first")):
        merged(repo, into, other)
        green(repo, capsys)
        for key in keys.values():
            assert (repo / "docs" / "references" / f"{key}.bib").is_file()
