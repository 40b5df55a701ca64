"""Invariants of the live corpus, whatever documents it holds.

Every other test builds constructed corpora (``tests/roots/``); these read
``seeds/`` and ``docs/references/`` as they are, so they hold after any
contribution.  CI runs them on the tree itself, and again, with every other
test that may read the corpus (``--corpus-readers``, tests/corpusguard/), on a
copy changed by ``tools/contrib_sim.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, sphinx_build

pytestmark = [pytest.mark.live, pytest.mark.sphinx]


def test_the_live_corpus_builds_without_a_warning(tmp_path: Path) -> None:
    project = tmp_path / "live"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    (project / "docs").mkdir()
    for item in (ROOT / "docs").iterdir():
        if item.is_file():
            shutil.copy2(item, project / "docs" / item.name)
    shutil.copytree(ROOT / "docs" / "references", project / "docs" / "references")
    result = sphinx_build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    pages = project / "docs" / "_build" / "html" / "corpus"
    assert pages.is_dir()
