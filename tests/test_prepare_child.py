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
