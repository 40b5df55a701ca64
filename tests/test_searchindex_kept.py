"""A build that changes no document keeps ``searchindex.js``; any change rewrites it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import sphinx_build
from tests.sphinxroots import copy_root

pytestmark = pytest.mark.sphinx


def _index(project: Path) -> Path:
    return project / "docs" / "_build" / "html" / "searchindex.js"


def _documents_with(project: Path, word: str) -> set[str]:
    """The documents the index lists for *word* (Sphinx keeps a removed word, with none)."""
    text = _index(project).read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    found = data["terms"].get(word, [])
    numbers = found if isinstance(found, list) else [found]
    return {data["docnames"][n] for n in numbers}


def _built(project: Path) -> str:
    # Sphinx's own index, not the default shards one
    result = sphinx_build(project, "html", "-D", "sourcebook_search=sphinx")
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_index_is_kept_by_a_no_op_and_rewritten_after_any_change(tmp_path: Path) -> None:
    project = copy_root("tiny", tmp_path)
    _built(project)
    index = _index(project)
    first = index.stat().st_mtime_ns

    log = _built(project)  # nothing changed
    assert index.stat().st_mtime_ns == first
    assert "dumping search index" not in log

    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nZyxquux.\n", encoding="utf-8")
    _built(project)
    assert _documents_with(project, "zyxquux") == {"index"}

    extra = project / "docs" / "extra.md"
    extra.write_text("---\norphan: true\n---\n# Extra\n\nPlumbwort.\n", encoding="utf-8")
    _built(project)
    assert _documents_with(project, "plumbwort") == {"extra"}
    extra.unlink()  # a removed document is pruned, though no page is written
    _built(project)
    assert _documents_with(project, "plumbwort") == set()
    assert _documents_with(project, "zyxquux") == {"index"}
