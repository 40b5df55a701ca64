"""A run of edits through the generator's kept caches writes the pages a fresh run writes.

The page generator keeps its analyses in a pickle and the quotation
fingerprints in an index (:mod:`sourcebook.render.quoteindex`) between
builds.  After each edit -- a document added (a reprint of another, so every
passage is shared), one changed (a paragraph of another quoted), one deleted
(the reprint's original: its shared notes must go) -- the pages must be byte
for byte those of a run on a copy of the project with no cache at all, and
the fingerprint index must hold exactly the documents of the manifest.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sourcebook.render.quoteindex import QuoteIndex
from sourcebook.sphinxext.generate import Output, generate_incremental
from tests.conftest import copy_project


def _generate(project: Path, cache: Path) -> dict[str, bytes]:
    out = project / "docs" / "corpus"
    generate_incremental(project, Output(out, cache), True)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _fresh(project: Path, where: Path) -> dict[str, bytes]:
    shutil.copytree(project / "seeds", where / "seeds")
    shutil.copytree(project / "docs", where / "docs", ignore=shutil.ignore_patterns("corpus"))
    return _generate(where, where / "build" / "cache.pickle")


def _add_reprint(seeds: Path) -> None:
    shutil.copytree(seeds / "crane-essay", seeds / "crane-reprint")


def _quote_in_blog(seeds: Path) -> None:
    donor = (seeds / "tidewater-article" / "extract.txt").read_text(encoding="utf-8")
    paragraph = max(donor.split("\n\n"), key=len)
    blog = seeds / "dockside-blog" / "extract.txt"
    blog.write_text(blog.read_text(encoding="utf-8") + "\n\n" + paragraph + "\n", "utf-8")


def _delete_original(seeds: Path) -> None:
    shutil.rmtree(seeds / "crane-essay")


def test_added_changed_deleted_documents_leave_the_pages_of_a_fresh_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(tmp_path / "parse-cache"))
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "build" / "cache.pickle"
    pages = _generate(project, cache)
    seen = []
    for number, edit in enumerate((_add_reprint, _quote_in_blog, _delete_original)):
        edit(project / "seeds")
        kept = _generate(project, cache)
        assert kept == _fresh(project, tmp_path / f"fresh-{number}"), edit.__name__
        assert kept != pages, edit.__name__
        pages = kept
        seen.append(b"sb-quote-crane-essay-" in pages.get("crane-reprint.md", b""))
        index = QuoteIndex(Output(project, cache).quotes)
        slugs = {p.name for p in (project / "seeds").iterdir() if (p / "extract.txt").is_file()}
        assert set(index.keys()) == slugs
        index.close()
    # the reprint pointed to its original's passages, then lost them with it
    assert seen == [True, True, False]


def test_a_lost_index_is_rebuilt_from_the_kept_analyses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(tmp_path / "parse-cache"))
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "build" / "cache.pickle"
    first = _generate(project, cache)
    assert any(b"sb-quote-" in page for page in first.values()), "a passage is shared"
    Output(project, cache).quotes.unlink()
    _quote_in_blog(project / "seeds")  # an input key changes: the index is opened, empty
    assert _generate(project, cache) == _fresh(project, tmp_path / "fresh")
