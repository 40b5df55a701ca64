"""``sourcebook claims``: the queue of flagged claims, dated from a constructed git history."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from sourcebook.check.claimscmd import main as claims_main

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "src/sourcebook/schema/claims-v1.json").read_text("utf-8")
)
APPARATUS = "seeds/tiny-wiki/apparatus.toml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(root: Path, *args: str, date: str = "2025-01-10T12:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    done = subprocess.run(
        ["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit_all(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A", date=date)
    git(root, "commit", "-q", "-m", message, date=date)


def cite_marker(root: Path, label: str, keys: str) -> None:
    path = root / APPARATUS
    text = path.read_text(encoding="utf-8")
    head = f'label = "{label}"\n'
    start = text.index(head) + len(head)
    end = text.index("\n", start)
    path.write_text(text[:start] + f"keys = [{keys}]" + text[end:], encoding="utf-8")


@pytest.fixture
def history(tiny: Path) -> Path:
    """The tiny corpus committed in 2025-01; marker 4's sources changed twice since, and
    marker 6 cites an affiliated source in the work tree only (not a committed change)."""
    git(tiny, "init", "-q", "-b", "main")
    commit_all(tiny, "the corpus", "2025-01-10T12:00:00+00:00")
    cite_marker(tiny, "4", '"circle2001readingroom"')
    commit_all(tiny, "an affiliated source for 4", "2025-03-01T12:00:00+00:00")
    cite_marker(tiny, "4", "")
    commit_all(tiny, "not that one after all", "2025-04-01T12:00:00+00:00")
    cite_marker(tiny, "6", '"circle2001readingroom"')
    return tiny


def claims(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert claims_main(["--root", str(root), *args]) == 0
    return capsys.readouterr().out


def as_json(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    data = json.loads(claims(root, capsys, "--format", "json", *args))
    jsonschema.validate(data, SCHEMA)
    return data


def test_every_unresolved_flagged_claim_with_its_date_age_and_changes(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = as_json(history, capsys)
    found = {c["id"]: c for c in data["claims"]}  # type: ignore[attr-defined]
    assert set(found) == {"tiny-wiki/ref-2", "tiny-wiki/ref-4", "tiny-wiki/ref-6"}
    for claim in found.values():
        assert claim["first_flagged"] == "2025-01-10" and claim["history"] == "git"
        as_of = datetime.date.fromisoformat(str(data["as_of"]))
        assert claim["age_days"] == (as_of - datetime.date(2025, 1, 10)).days
    assert found["tiny-wiki/ref-4"]["source_changes"] == 2
    assert found["tiny-wiki/ref-2"]["source_changes"] == 0
    four = found["tiny-wiki/ref-4"]
    assert four["sources"] == [] and four["status"] == "needs-independent-source"
    assert found["tiny-wiki/ref-6"]["sources"] == ["circle2001readingroom"]
    assert found["tiny-wiki/ref-6"]["source_changes"] == 0
    assert four["flags"] == ["independent source needed"]
    assert four["sentence"] == "A former secretary wrote a history of the group in 2012."
    assert four["resolve"]["needs"] == "independent-source"
    assert four["resolve"]["not_domains"] == ["harbourcircle.org", "hwc-bulletin.wordpress.com"]
    assert four["resolve"]["listed_at"] == "seeds/subjects/hwc.toml:2"
    assert four["resolve"]["command"].startswith("nox -s cite -- tiny-wiki/4 --doi")


def test_a_resolved_claim_leaves_the_queue(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cite_marker(history, "2", '"gazette2004cranes"')
    data = as_json(history, capsys)
    ids = [c["id"] for c in data["claims"]]  # type: ignore[attr-defined]
    assert ids == ["tiny-wiki/ref-4", "tiny-wiki/ref-6"]


def test_sort_by_document_and_the_text_form(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    by_document = as_json(history, capsys, "--sort", "document")
    lines = [c["line"] for c in by_document["claims"]]  # type: ignore[attr-defined]
    assert lines == sorted(lines)
    text = claims(history, capsys)
    assert "tiny-wiki/ref-4  " in text and "(first flagged 2025-01-10)" in text
    assert "sources changed 2 times; needs: a source independent of Harbour Workers' Circle" in text
    assert text.rstrip().endswith("3 unresolved flagged claims")


def test_shallow_history_is_a_lower_bound(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{history}", str(clone)],
        cwd=tmp_path,  # not the repository's own git (tests/corpusguard/)
        check=True,
    )
    data = as_json(clone, capsys)
    for claim in data["claims"]:  # type: ignore[attr-defined]
        assert claim["history"] == "shallow" and claim["first_flagged"] == "2025-04-01"
    assert "at least " in claims(clone, capsys)


def test_without_history_there_is_no_date_and_uncommitted_flags_are_new(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = as_json(tiny, capsys)
    assert {c["history"] for c in data["claims"]} == {"none"}  # type: ignore[attr-defined]
    assert {c["first_flagged"] for c in data["claims"]} == {None}  # type: ignore[attr-defined]
    assert "age unknown (no git history)" in claims(tiny, capsys)
    git(tiny, "init", "-q", "-b", "main")
    data = as_json(tiny, capsys)
    assert {c["history"] for c in data["claims"]} == {"uncommitted"}  # type: ignore[attr-defined]
    assert {c["age_days"] for c in data["claims"]} == {0}  # type: ignore[attr-defined]
