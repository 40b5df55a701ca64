"""The corpus guard (tests/corpusguard/): reads of the live corpus are seen, wherever they happen.

A pytest run in a subprocess watches a constructed project's corpus
(``--corpus-root``); its tests read it directly, in a fixture, in a Python
child started with an environment of its own, through ``git``, at collection,
or not at all.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, init_repo

CONFTEST = """
from tests.corpusguard.plugin import pytest_addoption, pytest_configure, pytest_unconfigure
"""

READERS = """
import os, shutil, subprocess, sys
from pathlib import Path
import pytest

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def listing():
    return os.listdir(HERE / "seeds")


def test_reads_a_file():
    (HERE / "docs" / "references" / "a.bib").read_text()


def test_child_with_its_own_environment():
    code = "import os; os.listdir('seeds')"
    env = {"PATH": os.environ["PATH"]}
    subprocess.run([sys.executable, "-c", code], cwd=HERE, env=env, check=True)


def test_git_in_the_repository():
    subprocess.run(["git", "log", "-1"], cwd=HERE, check=True, capture_output=True)


def test_fixture_user(listing):
    pass


def test_second_fixture_user(listing):
    pass


def test_outside_the_corpus(tmp_path, monkeypatch):
    (HERE / "docs" / "page.md").read_text()
    (tmp_path / "copy" / "seeds" / "one").mkdir(parents=True)
    os.listdir(tmp_path / "copy" / "seeds")
    # rmtree opens "seeds" relative to its parent's descriptor, not to the cwd
    monkeypatch.chdir(HERE)
    shutil.rmtree(tmp_path / "copy")


@pytest.mark.live
def test_marked_live():
    os.listdir(HERE / "seeds")
"""

COLLECTED = """
import os
from pathlib import Path
import pytest

SLUGS = sorted(os.listdir(Path(__file__).parent / "seeds"))


@pytest.mark.parametrize("slug", SLUGS)
def test_per_document(slug):
    pass


def test_beside_them():
    pass
"""


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "seeds" / "one").mkdir(parents=True)
    (project / "seeds" / "one" / "extract.txt").write_text("text\n", encoding="utf-8")
    (project / "docs" / "references").mkdir(parents=True)
    (project / "docs" / "references" / "a.bib").write_text("@misc{a}\n", encoding="utf-8")
    (project / "docs" / "page.md").write_text("# Page\n", encoding="utf-8")
    (project / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (project / "test_readers.py").write_text(READERS, encoding="utf-8")
    (project / "test_collected.py").write_text(COLLECTED, encoding="utf-8")
    return init_repo(project)


def _pytest(project: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")])}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", "-n", "0", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout + done.stderr


def test_every_way_of_reading_the_corpus_unmarked_fails(tmp_path: Path) -> None:
    project = _project(tmp_path)
    out = _pytest(project, "--corpus-root", str(project), "test_readers.py")
    for test, read in [
        ("test_reads_a_file", "docs/references/a.bib"),
        ("test_child_with_its_own_environment", "seeds"),
        ("test_git_in_the_repository", "git started in the repository"),
        ("test_fixture_user", "seeds"),
        ("test_second_fixture_user", "seeds"),  # the module fixture was set up before it
    ]:
        assert f"ERROR test_readers.py::{test} - " in out, out
        assert f"test_readers.py::{test} read the live corpus ({read})" in out, out
    assert "PASSED test_readers.py::test_outside_the_corpus" in out, out
    assert "PASSED test_readers.py::test_marked_live" in out, out
    assert "7 passed, 5 errors" in out, out


def test_corpus_readers_selects_the_live_tests_and_modules_that_collect_from_the_corpus(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path)
    out = _pytest(project, "--corpus-root", str(project), "--corpus-readers", "-q")
    selected = sorted(
        line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("PASSED ")
    )
    assert selected == [
        "test_collected.py::test_beside_them",
        "test_collected.py::test_per_document[one]",
        "test_readers.py::test_marked_live",
    ], out
    assert "3 passed, 6 deselected" in out, out
