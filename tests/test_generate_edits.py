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
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from sourcebook.render.quoteindex import PrintTuple, QuoteIndex
from sourcebook.sphinxext.analysisstore import quotes_path
from sourcebook.sphinxext.generate import Output, generate_incremental
from tests.conftest import copy_project

Added = tuple[str, str, Sequence[PrintTuple]]


Built = tuple[Path, Path, dict[str, bytes]]


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    """The test corpus generated once: the project, the generator's cache, the pages."""
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(tmp_path / "parse-cache"))
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "build" / "cache.pickle"
    return project, cache, _generate(project, cache)


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
    blocks = blog.read_text(encoding="utf-8").split("\n\n")
    middle = len(blocks) // 2  # in the post's body, not after its comments
    blog.write_text("\n\n".join([*blocks[:middle], paragraph, *blocks[middle:]]), "utf-8")


def _delete_original(seeds: Path) -> None:
    shutil.rmtree(seeds / "crane-essay")


def test_added_changed_deleted_documents_leave_the_pages_of_a_fresh_run(
    tmp_path: Path, built: Built
) -> None:
    project, cache, pages = built
    seen = []
    for number, edit in enumerate((_add_reprint, _quote_in_blog, _delete_original)):
        edit(project / "seeds")
        kept = _generate(project, cache)
        assert kept == _fresh(project, tmp_path / f"fresh-{number}"), edit.__name__
        assert kept != pages, edit.__name__
        pages = kept
        seen.append(b"sb-quote-crane-essay-" in pages.get("crane-reprint.md", b""))
        index = QuoteIndex(quotes_path(project, Output(project, cache).quotes))
        slugs = {p.name for p in (project / "seeds").iterdir() if (p / "extract.txt").is_file()}
        assert set(index.keys()) == slugs
        index.close()
    # the reprint pointed to its original's passages, then lost them with it
    assert seen == [True, True, False]


def test_a_lost_index_is_rebuilt_from_the_kept_analyses(tmp_path: Path, built: Built) -> None:
    project, cache, first = built
    assert any(b"sb-quote-" in page for page in first.values()), "a passage is shared"
    quotes_path(project, Output(project, cache).quotes).unlink()
    _quote_in_blog(project / "seeds")  # an input key changes: the index is opened, empty
    assert _generate(project, cache) == _fresh(project, tmp_path / "fresh")


def test_a_damaged_index_is_made_again(tmp_path: Path, built: Built) -> None:
    project, cache, _ = built
    path = quotes_path(project, Output(project, cache).quotes)
    data = bytearray(path.read_bytes())
    data[4096:] = bytes(range(256)) * ((len(data) - 4096) // 256) + b"\xff" * (len(data) % 256)
    path.write_bytes(bytes(data))  # the header intact, every page after the first damaged
    _quote_in_blog(project / "seeds")
    assert _generate(project, cache) == _fresh(project, tmp_path / "fresh")


def test_an_index_failing_half_way_is_made_again_from_every_document(
    tmp_path: Path, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, cache, _ = built
    update = QuoteIndex.update
    failures = []

    def failing(self: QuoteIndex, removed: Iterable[str], added: Iterable[Added]) -> None:
        if not failures:  # the first update reads a few documents, then meets a bad page
            failures.append(next(iter(added)))
            raise sqlite3.DatabaseError("database disk image is malformed")
        update(self, removed, added)

    monkeypatch.setattr(QuoteIndex, "update", failing)
    _add_reprint(project / "seeds")
    assert _generate(project, cache) == _fresh(project, tmp_path / "fresh")
    assert failures
