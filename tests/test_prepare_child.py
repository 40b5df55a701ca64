"""The gate and page generator in a child process give the in-process build's output.

Each test is a real ``sphinx-build``: ``sourcebook_isolate_from = 0`` sends the
gate and the generator to a child whenever the checker must run; the default
keeps the small test projects in-process, so the two can be compared.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_project, sphinx_build
from tests.test_build_safety import CRASH_SIGNS, build, with_docs
from tests.test_render_safety import tiny_project

pytestmark = pytest.mark.sphinx

CHILD = ("-D", "sourcebook_isolate_from=0")
IN_PROCESS = ("-D", "sourcebook_isolate_from=100000")
SAID = "the gate and the page generator ran in a child process"


def _files(top: Path) -> dict[str, Path]:
    """Every output file a reader gets, by its path (the build's own state left out)."""
    return {
        p.relative_to(top).as_posix(): p
        for p in sorted(top.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo"
    }


def assert_same_output(one: Path, other: Path) -> None:
    for sub in ("docs/corpus", "docs/_build/html"):
        mine, theirs = _files(one / sub), _files(other / sub)
        assert mine.keys() == theirs.keys(), sub
        different = [n for n in mine if not filecmp.cmp(mine[n], theirs[n], shallow=False)]
        assert different == [], sub


def _edit_a_seed(project: Path) -> None:
    """Append a sentence to one document's text (its sha256 updated): the checker must rerun."""
    import hashlib
    import re

    folder = next(p.parent for p in sorted((project / "seeds").glob("*/extract.txt")))
    seed = folder / "extract.txt"
    text = seed.read_text(encoding="utf-8") + "\nA sentence added by the test.\n"
    seed.write_text(text, encoding="utf-8")
    toml = folder / "document.toml"
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    toml.write_text(
        re.sub(r'sha256 = "[0-9a-f]+"', f'sha256 = "{sha}"', toml.read_text(encoding="utf-8")),
        encoding="utf-8",
    )


def test_child_build_and_its_incremental_rebuild_match_in_process(tmp_path: Path) -> None:
    child = copy_project(tmp_path / "child")
    first = sphinx_build(child, "html", *CHILD)
    assert first.returncode == 0, first.stderr
    assert SAID in first.stdout
    here = copy_project(tmp_path / "here")
    result = sphinx_build(here, "html", *IN_PROCESS)
    assert result.returncode == 0, result.stderr
    assert SAID not in result.stdout
    assert_same_output(child, here)
    # an edit makes the gate check again, in a child; the pages must be a fresh build's
    _edit_a_seed(child)
    again = sphinx_build(child, "html", *CHILD)
    assert again.returncode == 0, again.stderr
    assert SAID in again.stdout
    scratch = tmp_path / "scratch"
    shutil.copytree(child, scratch, ignore=shutil.ignore_patterns("_build", "corpus"))
    fresh = sphinx_build(scratch, "html", *IN_PROCESS)
    assert fresh.returncode == 0, fresh.stderr
    assert_same_output(child, scratch)


def test_no_op_rebuild_stays_in_process(tmp_path: Path) -> None:
    child = copy_project(tmp_path / "child")
    assert sphinx_build(child, "html", *CHILD).returncode == 0
    again = sphinx_build(child, "html", *CHILD)
    assert again.returncode == 0, again.stderr
    assert SAID not in again.stdout  # the verdict is replayed: no checker, no child


@pytest.mark.parametrize("where", [CHILD, IN_PROCESS])
def test_gate_failure_in_the_child_stops_the_build_located(
    tmp_path: Path, where: tuple[str, ...]
) -> None:
    root = with_docs(tiny_project(tmp_path, title="{math}`\\input{../secret.txt}`"))
    result = build(root, *where)
    assert result.returncode == 1, result.stderr
    assert "seeds/doc/document.toml:3:1: SB702" in result.stderr
    assert "the build is refused" in result.stderr
    for sign in CRASH_SIGNS:
        assert sign not in result.stderr
    assert not (root / "docs" / "corpus").exists()  # refused before any page was generated


#: the child for any corpus whose inputs changed, unless only a few documents' files did
FEW = ("-D", "sourcebook_isolate_from=1")


def test_an_edit_to_a_few_documents_stays_in_process_and_gives_a_fresh_builds_pages(
    tmp_path: Path,
) -> None:
    import time

    project = copy_project(tmp_path / "p")
    # files written within two seconds of a walk are read again by the next one (the racy
    # rule of gatecache): the copy must be older than that, or every file counts as changed
    time.sleep(2.1)
    first = sphinx_build(project, "html", *FEW)
    assert first.returncode == 0, first.stderr
    assert SAID in first.stdout  # no earlier walk to compare with: every file is new
    _edit_a_seed(project)
    again = sphinx_build(project, "html", *FEW)
    assert again.returncode == 0, again.stderr
    assert SAID not in again.stdout  # one document folder changed: no child
    scratch = tmp_path / "scratch"
    shutil.copytree(project, scratch, ignore=shutil.ignore_patterns("_build", "corpus"))
    fresh = sphinx_build(scratch, "html", *IN_PROCESS)
    assert fresh.returncode == 0, fresh.stderr
    assert_same_output(project, scratch)


@pytest.mark.parametrize(
    ("touched", "few"),
    [
        ([], True),  # only removals of nothing, or a no-op
        (["seeds/doc-a/extract.txt", "seeds/doc-a/document.toml"], True),
        ([f"seeds/doc-{n}/apparatus.toml" for n in range(8)], True),
        ([f"seeds/doc-{n}/apparatus.toml" for n in range(9)], False),  # nine folders
        (None, False),  # no earlier walk: every file is new
        (["seeds/subjects/left.toml"], False),  # a subject: any number of documents
        (["seeds/entities/hal.toml"], False),
        (["docs/references/key.bib"], False),
        (["seeds/baseline.toml"], False),
        (["seeds/doc-a/notes.txt"], False),  # not a document's file
    ],
)
def test_few_documents_means_the_files_of_a_few_document_folders_only(
    touched: list[str] | None, few: bool
) -> None:
    from sourcebook.sphinxext.prepare import few_documents

    assert few_documents(touched) is few


def test_the_walk_names_the_files_it_read_and_those_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sourcebook.sphinxext import gatecache

    # every file here was written just now: trusted only with the racy window closed
    monkeypatch.setattr(gatecache, "RACY_NS", -(10**15))
    project = copy_project(tmp_path / "p")
    first = gatecache.FileHashes(project)
    assert first.touched() is None  # nothing kept yet
    gatecache.inputs_key(project, first)
    unchanged = gatecache.FileHashes(project)
    gatecache.inputs_key(project, unchanged)
    assert unchanged.touched() == []
    _edit_a_seed(project)
    gone = sorted((project / "seeds").glob("*/apparatus.toml"))[-1]
    gone.unlink()
    second = gatecache.FileHashes(project)
    gatecache.inputs_key(project, second)
    edited = next(p.parent for p in sorted((project / "seeds").glob("*/extract.txt")))
    assert sorted(second.touched() or ["none"]) == sorted(
        [
            f"seeds/{edited.name}/extract.txt",
            f"seeds/{edited.name}/document.toml",
            gone.relative_to(project).as_posix(),
        ]
    )
