"""The parse cache: a parse is reused exactly when its inputs are the same bytes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from sourcebook import parsecache
from sourcebook.check import main, run_check
from sourcebook.model import Kind
from sourcebook.parse import parse
from sourcebook.parsecache import MAX_AGE, PRUNE_EVERY, ParseCache, cache_home
from sourcebook.source import SourceText, sha256_of

TEXT = "A Title\n\nFrom Wikipedia, the free encyclopedia\n\nA sentence.[1] Another one.\n"


def source(text: str = TEXT) -> SourceText:
    return SourceText("seeds/a.txt", text, sha256_of(text.encode("utf-8")))


def test_a_second_parse_of_the_same_bytes_comes_from_the_cache(tmp_path: Path) -> None:
    first = ParseCache(tmp_path)
    made = first.parse(source(), "wikipedia", "seeds/a.txt")
    assert first.parsed == ["seeds/a.txt"]

    second = ParseCache(tmp_path)
    found = second.parse(source(), "wikipedia", "seeds/a.txt")
    assert second.parsed == []
    assert found == made == parse(TEXT, "wikipedia", "seeds/a.txt")


@pytest.mark.parametrize(
    ("text", "kind", "display"),
    [
        (TEXT + "More.\n", "wikipedia", "seeds/a.txt"),  # other bytes
        (TEXT, "article", "seeds/a.txt"),  # another kind parses otherwise
        (TEXT, "wikipedia", "seeds/b.txt"),  # diagnostics carry the name
    ],
)
def test_any_other_input_is_parsed_again(
    tmp_path: Path, text: str, kind: Kind, display: str
) -> None:
    ParseCache(tmp_path).parse(source(), "wikipedia", "seeds/a.txt")
    again = ParseCache(tmp_path)
    again.parse(source(text), kind, display)
    assert again.parsed == [display]


def test_new_code_is_a_new_cache_and_the_old_one_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ParseCache(tmp_path).parse(source(), "wikipedia", "seeds/a.txt")
    old = ParseCache(tmp_path).directory
    assert old is not None and old.is_dir()
    monkeypatch.setattr(parsecache, "code_version", lambda: "f" * 64)
    newer = ParseCache(tmp_path)
    newer.parse(source(), "wikipedia", "seeds/a.txt")
    assert newer.parsed == ["seeds/a.txt"]
    assert not old.exists()


def test_a_damaged_entry_is_parsed_again_and_replaced(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    cache.parse(source(), "wikipedia", "seeds/a.txt")
    assert cache.directory is not None
    (entry,) = [p for p in cache.directory.iterdir()]
    entry.write_bytes(entry.read_bytes()[:40])  # a run killed half-way
    again = ParseCache(tmp_path)
    again.parse(source(), "wikipedia", "seeds/a.txt")
    assert again.parsed == ["seeds/a.txt"]
    third = ParseCache(tmp_path)
    third.parse(source(), "wikipedia", "seeds/a.txt")
    assert third.parsed == []


def test_a_pickle_of_something_else_is_not_taken_for_a_parse(tmp_path: Path) -> None:
    import pickle

    cache = ParseCache(tmp_path)
    cache.parse(source(), "wikipedia", "seeds/a.txt")
    assert cache.directory is not None
    (entry,) = list(cache.directory.iterdir())
    entry.write_bytes(pickle.dumps(("not", "a document")))
    again = ParseCache(tmp_path)
    document, _ = again.parse(source(), "wikipedia", "seeds/a.txt")
    assert again.parsed == ["seeds/a.txt"] and document.title == "A Title"


def test_without_a_home_nothing_is_cached_or_written(tmp_path: Path) -> None:
    for _ in range(2):
        cache = ParseCache(None)
        cache.parse(source(), "wikipedia", "seeds/a.txt")
        assert cache.parsed == ["seeds/a.txt"] and cache.directory is None
    assert cache.prune() == 0


def test_the_cache_home_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_home() == tmp_path / "mine"
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", "")
    assert cache_home() is None
    monkeypatch.delenv("SOURCEBOOK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_home() == tmp_path / "xdg" / "sourcebook"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_home() == Path.home() / ".cache" / "sourcebook"


def test_prune_removes_entries_unused_for_long_and_runs_once_a_day(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    cache.parse(source(), "wikipedia", "seeds/a.txt")
    cache.parse(source(TEXT + "B.\n"), "wikipedia", "seeds/a.txt")
    assert cache.directory is not None
    old, recent = sorted(cache.directory.iterdir())
    now = time.time()
    os.utime(old, (now - MAX_AGE - 60, now - MAX_AGE - 60))
    assert cache.prune(now) == 1
    assert not old.exists() and recent.exists()
    os.utime(recent, (now - MAX_AGE - 60, now - MAX_AGE - 60))
    assert cache.prune(now + PRUNE_EVERY / 2) == 0  # pruned less than a day ago
    assert recent.exists()
    assert cache.prune(now + PRUNE_EVERY + 1) == 1


def test_a_hit_counts_as_a_use_for_the_prune(tmp_path: Path) -> None:
    ParseCache(tmp_path).parse(source(), "wikipedia", "seeds/a.txt")
    cache = ParseCache(tmp_path)
    assert cache.directory is not None
    (entry,) = list(cache.directory.iterdir())
    long_ago = time.time() - MAX_AGE - 60
    os.utime(entry, (long_ago, long_ago))
    cache.parse(source(), "wikipedia", "seeds/a.txt")
    assert cache.parsed == [] and cache.prune() == 0 and entry.exists()


def test_check_reports_the_same_from_the_cache(tiny: Path, tmp_path: Path) -> None:
    seed = tiny / "seeds" / "tiny-wiki.txt"
    # a parse diagnostic too, so cached diagnostics are compared as well
    seed.write_text(seed.read_text(encoding="utf-8") + "\nEnds.[99]\n", encoding="utf-8")
    cold = ParseCache(tmp_path / "cache")
    first = run_check(tiny, parser=cold)
    warm = ParseCache(tmp_path / "cache")
    second = run_check(tiny, parser=warm)
    uncached = run_check(tiny)
    assert cold.parsed and not warm.parsed
    assert first.diagnostics == second.diagnostics == uncached.diagnostics
    assert first.diagnostics  # the edit is reported (a sha mismatch at least)
    assert [d.document for d in first.corpus.documents] == [
        d.document for d in second.corpus.documents
    ]


def test_check_no_cache_writes_no_cache(
    tiny: Path, fresh_parse_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--root", str(tiny), "--no-cache"])
    assert not fresh_parse_cache.exists()
    main(["--root", str(tiny)])
    assert any(fresh_parse_cache.rglob("*"))


def test_the_build_registry_keeps_a_bounded_number_of_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sourcebook.bibliography import load_bibliography
    from sourcebook.corpus import read_outlets
    from sourcebook.manifest import load_manifest
    from sourcebook.sphinxext import generate
    from tests.test_scale import _source, _synth

    project = tmp_path / "p"
    first, second, *_ = _synth().make_corpus(project, 2, _source(tmp_path))
    manifest, _ = load_manifest(project / "seeds/manifest.toml", "seeds/manifest.toml")
    bib, _ = load_bibliography(project / "docs/references.bib", "docs/references.bib")
    parser = ParseCache(tmp_path / "cache")
    monkeypatch.setattr(generate, "KEPT_DOCUMENTS", 1)
    reg = generate.CorpusRegistry(
        project, manifest, bib, {}, read_outlets(project, manifest), parser=parser
    )
    one = reg.document(first)
    assert one is not None and reg.document(first) is one  # kept while it is the latest
    assert reg.document(second) is not None
    again = reg.document(first)  # dropped for the second, loaded again, equal
    assert again is not one and again == one
    assert len(parser.parsed) == 2  # the reload came from the parse cache
