"""Scale: incremental builds do only the work their edits need; navigation does not grow with N.

Work is counted, not timed: the generator's own log line ("N documents parsed,
M pages rendered") and the documents Sphinx reports reading.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from sourcebook.check import run_check
from sourcebook.corpus.cache import ParseCache
from sourcebook.sphinxext.domain import ClaimEntry
from tests.conftest import ROOT, copy_project, sphinx_build

pytestmark = pytest.mark.sphinx


def _source(tmp_path: Path) -> Path:
    """What the synthetic corpora scale: the constructed corpus with the reader's pages."""
    return copy_project(tmp_path / "source")


def _synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_synth", ROOT / "bench" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _work(result: subprocess.CompletedProcess[str]) -> tuple[int, int, set[str]]:
    """(documents parsed, pages rendered, documents Sphinx re-read) from a build's log."""
    assert result.returncode == 0, result.stdout + result.stderr
    found = re.search(r"sourcebook: (\d+) documents parsed, (\d+) pages rendered", result.stdout)
    assert found, result.stdout
    read = set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", result.stdout))
    return int(found.group(1)), int(found.group(2)), read


def test_noop_build_does_no_work_and_one_seed_edit_redoes_one_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synth = _synth()
    project = tmp_path / "p"
    slugs = synth.make_corpus(project, 8, _source(tmp_path))  # (runs the checker, which parses)
    cache = tmp_path / "fresh-cache"
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(cache))
    parsed, rendered, read = _work(sphinx_build(project))
    # the gate (the checker) parses each document once; the generator reuses its parses
    assert (parsed, rendered) == (8, 8) and f"corpus/{slugs[5]}" in read

    assert _work(sphinx_build(project)) == (0, 0, set())

    synth.edit_one_seed(project, slugs[5])
    parsed, rendered, read = _work(sphinx_build(project))
    assert (parsed, rendered) == (1, 1)
    # and `sourcebook check` finds every parse it needs in the build's cache
    checker = ParseCache(cache)
    assert run_check(project, parser=checker).corpus.documents
    assert checker.parsed == []
    # the page itself and the pages holding aggregate lists (claims, help wanted,
    # cited-by, the home page's document list, which depends on the manifest), nothing else
    assert f"corpus/{slugs[5]}" in read
    assert read - {f"corpus/{slugs[5]}"} <= {"claims", "helpwanted", "bibliography", "index"}


def _sidebar(html: str) -> str:
    start = html.index('<div class="sidebar-tree">')
    return html[start : html.index("</div>", start)]


def test_document_page_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    synth = _synth()
    sizes, sidebars = [], []
    source = _source(tmp_path)
    for n in (4, 24):
        project = tmp_path / f"n{n}"
        slugs = synth.make_corpus(project, n, source)
        result = sphinx_build(project)
        assert result.returncode == 0, result.stdout + result.stderr
        page = project / "docs" / "_build" / "html" / "corpus" / f"{slugs[0]}.html"
        html = page.read_text(encoding="utf-8")
        sizes.append(len(html.encode("utf-8")))
        sidebars.append(_sidebar(html))
    assert abs(sizes[1] - sizes[0]) / sizes[0] < 0.10, sizes
    # the sidebar lists collections, not documents: the same at 4 and 24 documents
    assert len(sidebars[1]) == len(sidebars[0]), (len(sidebars[0]), len(sidebars[1]))
    assert slugs[-1] not in sidebars[1]


def test_claims_are_gathered_once_per_build_not_once_per_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sourcebook.sphinxext.domain import ClaimsDomain
    from tests.sphinxroots import build, copy_root

    calls: list[int] = []
    original = ClaimsDomain.all_claims

    def counted(self: ClaimsDomain) -> Iterator[ClaimEntry]:
        calls.append(1)
        return iter(list(original(self)))

    monkeypatch.setattr(ClaimsDomain, "all_claims", counted)
    app, warnings = build(copy_root("tiny", tmp_path))
    assert not warnings
    pages = len(app.env.all_docs)
    assert pages > 3 and len(calls) == 1  # the claims and bibliography pages share one index
