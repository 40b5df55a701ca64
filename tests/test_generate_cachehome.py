"""A full build keeps the page generator's analyses and fingerprint index in the cache home.

A full build removes ``docs/_build`` (the generator's pickle with it); the
analyses and the shared-quotation index outlive it in the cache home
(:mod:`sourcebook.sphinxext.analysisstore`).  Between two such builds
documents are added, changed and deleted: the second build must analyse and
index only those, and write byte for byte the pages of a build from nothing
(a copy of the project with a cache home of its own).  Damaged, foreign and
older-version entries are made again, never used.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from sourcebook.core.cachestore import decode, encode
from sourcebook.render.quoteindex import PrintTuple, QuoteIndex
from sourcebook.sphinxext import analysis, analysisstore
from sourcebook.sphinxext.analysisstore import quotes_path
from sourcebook.sphinxext.generate import Output, generate_incremental
from tests.conftest import copy_project

Added = tuple[str, str, Sequence[PrintTuple]]


class Counts:
    """The documents this run analysed from their text, and those it (re)indexed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.analysed: list[str] = []
        self.indexed: list[str] = []
        prints, update = analysis._prints, QuoteIndex.update

        def counted_prints(doc: analysis.CorpusDocument) -> list[PrintTuple]:
            self.analysed.append(doc.entry.slug)
            return prints(doc)

        def counted_update(
            index: QuoteIndex, removed: Iterable[str], added: Iterable[Added]
        ) -> None:
            def seen() -> Iterable[Added]:
                for item in added:
                    self.indexed.append(item[0])
                    yield item

            update(index, removed, seen())

        monkeypatch.setattr(analysis, "_prints", counted_prints)
        monkeypatch.setattr(QuoteIndex, "update", counted_update)

    def reset(self) -> None:
        self.analysed.clear()
        self.indexed.clear()


def _full_build(project: Path) -> dict[str, bytes]:
    """A full build's generator: no pickle, no pages (``docs/_build`` and ``docs/corpus`` gone)."""
    shutil.rmtree(project / "build", ignore_errors=True)
    out = project / "docs" / "corpus"
    shutil.rmtree(out, ignore_errors=True)
    generate_incremental(project, Output(out, project / "build" / "cache.pickle"), True)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _from_nothing(project: Path, where: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The pages of a copy of *project* built with an empty cache home."""
    shutil.copytree(project / "seeds", where / "seeds")
    shutil.copytree(project / "docs", where / "docs", ignore=shutil.ignore_patterns("corpus"))
    with monkeypatch.context() as patch:
        patch.setenv("SOURCEBOOK_CACHE_DIR", str(where / "home"))
        return _full_build(where)


def _slugs(project: Path) -> set[str]:
    return {p.name for p in (project / "seeds").iterdir() if (p / "extract.txt").is_file()}


def _quote_in(seeds: Path, donor: str, into: str) -> None:
    """Put *donor*'s longest paragraph in the middle of *into*'s text (a shared quotation)."""
    text = (seeds / donor / "extract.txt").read_text(encoding="utf-8")
    paragraph = max(text.split("\n\n"), key=len)
    target = seeds / into / "extract.txt"
    blocks = target.read_text(encoding="utf-8").split("\n\n")
    middle = len(blocks) // 2
    target.write_text("\n\n".join([*blocks[:middle], paragraph, *blocks[middle:]]), "utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(tmp_path / "home"))
    return copy_project(tmp_path / "project")


def test_full_builds_analyse_and_index_only_what_changed(
    tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = Counts(monkeypatch)
    first = _full_build(project)
    assert sorted(counts.analysed) == sorted(_slugs(project))
    assert sorted(counts.indexed) == sorted(_slugs(project))
    counts.reset()
    assert _full_build(project) == first  # nothing changed: nothing analysed or indexed
    assert (counts.analysed, counts.indexed) == ([], [])
    seeds = project / "seeds"
    edits = [
        ("added", lambda: shutil.copytree(seeds / "crane-essay", seeds / "crane-reprint")),
        ("changed", lambda: _quote_in(seeds, "tidewater-article", "dockside-blog")),
        ("deleted", lambda: shutil.rmtree(seeds / "crane-essay")),
    ]
    expected = {"added": ["crane-reprint"], "changed": ["dockside-blog"], "deleted": []}
    pages = first
    for number, (kind, edit) in enumerate(edits):
        edit()
        counts.reset()
        kept = _full_build(project)
        assert counts.analysed == expected[kind], kind
        assert counts.indexed == expected[kind], kind
        assert kept == _from_nothing(project, tmp_path / f"nothing-{number}", monkeypatch), kind
        assert kept != pages, kind
        pages = kept
        index = QuoteIndex(quotes_path(project, project / "unused"))
        assert set(index.keys()) == _slugs(project)
        index.close()
    # the reprint quoted its original, then lost it with it: the kept pairs followed
    assert b"sb-quote-crane-essay-" not in pages["crane-reprint.md"]


def _home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_damaged_entries_are_analysed_again(
    tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _full_build(project)
    entries = sorted((_home(tmp_path) / "analysis").rglob("*.json"))
    assert len(entries) == len(_slugs(project))
    damaged, wrong_format, foreign = entries[0], entries[1], entries[2]
    damaged.write_bytes(damaged.read_bytes()[:-3] + b"}}}")  # the digest no longer matches
    payload = decode(wrong_format.read_bytes())
    wrong_format.write_bytes(encode({**payload, "format": 0}))  # whole, but of another layout
    foreign.chmod(0o666)
    counts = Counts(monkeypatch)
    with pytest.warns(UserWarning):
        again = _full_build(project)
    assert len(counts.analysed) == 3
    assert again == first


def test_an_index_another_user_could_write_is_made_again(
    tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _full_build(project)
    path = quotes_path(project, project / "unused")
    index = QuoteIndex(path)
    index.db.execute("DELETE FROM pairs")  # what a forger's index would say: nothing shared
    index.close()
    path.chmod(0o666)
    counts = Counts(monkeypatch)
    with pytest.warns(UserWarning):
        again = _full_build(project)
    assert sorted(counts.indexed) == sorted(_slugs(project))
    assert again == first
    assert path.stat().st_mode & 0o077 == 0


def test_a_new_code_version_starts_again_and_removes_the_old(
    tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _full_build(project)
    old = {p.parent for p in _home(tmp_path).rglob("*") if p.is_file()}
    assert any(d.parent.name == "quotes" for d in old)
    monkeypatch.setattr(analysisstore, "code_version", lambda: "f" * 64)
    counts = Counts(monkeypatch)
    assert _full_build(project) == first
    assert sorted(counts.indexed) == sorted(_slugs(project))
    for directory in old:
        if directory.parent.name in ("quotes", "analysis"):
            assert not directory.exists()
