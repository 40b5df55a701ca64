"""The parse cache: a parse is reused exactly when its inputs are the same bytes."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import stat
import time
from pathlib import Path
from shutil import ignore_patterns

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcebook.check import main, run_check
from sourcebook.core import cachestore
from sourcebook.core.cachestore import CacheWarning
from sourcebook.corpus import cache as parsecache
from sourcebook.corpus.cache import MAX_AGE, PRUNE_EVERY, ParseCache, cache_home
from sourcebook.inputs.source import SourceText, sha256_of
from sourcebook.model import Kind
from sourcebook.model import jsondata as modeljson
from sourcebook.model.jsondata import to_data
from sourcebook.parse import parse

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


def only_entry(cache: ParseCache) -> Path:
    assert cache.directory is not None
    (entry,) = [p for p in cache.directory.iterdir() if p.name != ".pruned"]
    return entry


def test_a_damaged_entry_is_parsed_again_and_replaced(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    cache.parse(source(), "wikipedia", "seeds/a.txt")
    entry = only_entry(cache)
    entry.write_bytes(entry.read_bytes()[:40])  # a run killed half-way
    again = ParseCache(tmp_path)
    with pytest.warns(CacheWarning, match="digest does not match"):
        again.parse(source(), "wikipedia", "seeds/a.txt")
    assert again.parsed == ["seeds/a.txt"]
    third = ParseCache(tmp_path)
    third.parse(source(), "wikipedia", "seeds/a.txt")
    assert third.parsed == []


class _Plant:
    """Unpickling this runs ``Path(marker).touch()``: the proof that a pickle ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (open, (str(self.marker), "w"))


def test_k1_a_planted_pickle_never_runs(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    cache.parse(source(), "wikipedia", "seeds/a.txt")
    entry = only_entry(cache)
    marker = tmp_path / "ran"
    entry.write_bytes(pickle.dumps(_Plant(marker)))
    assert not marker.exists()
    pickle.loads(entry.read_bytes())  # the plant works when unpickled ...
    assert marker.exists()
    marker.unlink()
    again = ParseCache(tmp_path / "cache")
    with pytest.warns(CacheWarning, match="not a sourcebook cache entry"):
        document, _ = again.parse(source(), "wikipedia", "seeds/a.txt")
    assert not marker.exists()  # ... and the cache never unpickles it
    assert again.parsed == ["seeds/a.txt"] and document.title == "A Title"


def poison(entry: Path, old: str, new: str, *, redigest: bool) -> None:
    payload = cachestore.decode(entry.read_bytes())
    text = json.dumps(payload).replace(old, new)
    assert text != json.dumps(payload)
    data = cachestore.encode(json.loads(text))
    if not redigest:  # keep the old digest: the tampering shows
        head = entry.read_bytes().split(b"\n")[:2]
        data = b"\n".join([*head, data.split(b"\n", 2)[2]])
    entry.write_bytes(data)


def test_k2_a_poisoned_entry_never_changes_the_parse(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    made, _ = cache.parse(source(), "wikipedia", "seeds/a.txt")
    entry = only_entry(cache)
    poison(entry, "A sentence.", "A forged sentence.", redigest=False)
    again = ParseCache(tmp_path)
    with pytest.warns(CacheWarning, match="digest"):
        found, _ = again.parse(source(), "wikipedia", "seeds/a.txt")
    assert found == made and again.parsed == ["seeds/a.txt"]


def test_k2_an_entry_of_other_inputs_is_not_taken(tmp_path: Path) -> None:
    """A well-formed entry copied under another key: its recorded origin gives it away."""
    cache = ParseCache(tmp_path)
    cache.parse(source(TEXT + "Forged.\n"), "wikipedia", "seeds/a.txt")
    forged = only_entry(cache)
    real_key = parsecache.entry_key(source(), "wikipedia", "seeds/a.txt")
    forged.rename(forged.with_name(real_key))
    again = ParseCache(tmp_path)
    found, _ = again.parse(source(), "wikipedia", "seeds/a.txt")
    assert again.parsed == ["seeds/a.txt"] and "Forged" not in json.dumps(to_data(found))


def test_k2_entries_others_can_write_are_misses(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    made, _ = cache.parse(source(), "wikipedia", "seeds/a.txt")
    entry = only_entry(cache)
    poison(entry, "A sentence.", "A forged sentence.", redigest=True)
    for target, mode in ((entry, 0o622), (entry.parent, 0o777), (entry.parent.parent, 0o770)):
        before = target.stat().st_mode
        target.chmod(mode)
        again = ParseCache(tmp_path)
        with pytest.warns(CacheWarning, match="writable by others"):
            found, _ = again.parse(source(), "wikipedia", "seeds/a.txt")
        assert found == made and again.parsed == ["seeds/a.txt"]
        target.chmod(stat.S_IMODE(before))
        poison(entry, "A sentence.", "A forged sentence.", redigest=True)


def test_k2_a_foreign_owner_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ParseCache(tmp_path)
    made, _ = cache.parse(source(), "wikipedia", "seeds/a.txt")
    poison(only_entry(cache), "A sentence.", "A forged sentence.", redigest=True)
    me = os.getuid()
    monkeypatch.setattr(cachestore.os, "getuid", lambda: me + 1)
    again = ParseCache(tmp_path)
    with pytest.warns(CacheWarning, match="owned by user"):
        found, _ = again.parse(source(), "wikipedia", "seeds/a.txt")
    assert found == made


def test_k2_a_linked_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    made, _ = cache.parse(source(), "wikipedia", "seeds/a.txt")
    entry = only_entry(cache)
    elsewhere = tmp_path / "elsewhere"
    entry.rename(elsewhere)
    poison(elsewhere, "A sentence.", "A forged sentence.", redigest=True)
    entry.symlink_to(elsewhere)
    again = ParseCache(tmp_path / "cache")
    with pytest.warns(CacheWarning):
        found, _ = again.parse(source(), "wikipedia", "seeds/a.txt")
    assert found == made


def test_k4_any_package_file_is_in_the_code_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A schema (any data file) changed is a new cache, not only a ``.py`` changed."""
    package = tmp_path / "pkg"
    source = Path(parsecache.__file__).parents[1]  # the sourcebook package
    shutil.copytree(source, package, ignore=ignore_patterns("*.pyc", "__pycache__"))
    monkeypatch.setattr(parsecache, "__file__", str(package / "corpus" / "cache.py"))
    versions = set()
    for change in ("schema/document.schema.json", "sphinxext/static", "corpus/cache.py"):
        parsecache.code_version.cache_clear()
        versions.add(parsecache.code_version())
        target = package / change
        if target.is_dir():
            (target / "new.css").write_text("a{}", encoding="utf-8")
        else:
            target.write_bytes(target.read_bytes() + b" ")
    parsecache.code_version.cache_clear()
    versions.add(parsecache.code_version())
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "x.pyc").write_bytes(b"bytecode")
    parsecache.code_version.cache_clear()
    assert parsecache.code_version() in versions  # bytecode is not an input
    parsecache.code_version.cache_clear()
    assert len(versions) == 4


def test_the_cache_writes_private_files(tmp_path: Path) -> None:
    old = os.umask(0o002)
    try:
        cache = ParseCache(tmp_path / "cache")
        cache.parse(source(), "wikipedia", "seeds/a.txt")
    finally:
        os.umask(old)
    entry = only_entry(cache)
    for path in (entry, entry.parent, entry.parent.parent, tmp_path / "cache"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_entries_round_trip_any_parse(text: str) -> None:
    document, diagnostics = parse(text + "\n", "wikipedia", "seeds/a.txt")
    data = json.loads(json.dumps(modeljson.parse_to_data(document, diagnostics)))
    assert modeljson.parse_from_data(data) == (document, diagnostics)


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
    seed = tiny / "seeds" / "tiny-wiki" / "extract.txt"
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
    from sourcebook.corpus.load import read_outlets
    from sourcebook.corpus.manifest import load_manifest
    from sourcebook.corpus.projectbib import load_project_bibliography
    from sourcebook.sphinxext import corpusregistry
    from tests.test_scale import _source, _synth

    project = tmp_path / "p"
    first, second, *_ = _synth().make_corpus(project, 2, _source(tmp_path))
    manifest, _ = load_manifest(project)
    bib, _ = load_project_bibliography(project)
    parser = ParseCache(tmp_path / "cache")
    monkeypatch.setattr(corpusregistry, "KEPT_DOCUMENTS", 1)
    reg = corpusregistry.CorpusRegistry(
        project, manifest, bib, {}, read_outlets(project, manifest), parser=parser
    )
    one = reg.document(first)
    assert one is not None and reg.document(first) is one  # kept while it is the latest
    assert reg.document(second) is not None
    again = reg.document(first)  # dropped for the second, loaded again, equal
    assert again is not one and again == one
    assert len(parser.parsed) == 2  # the reload came from the parse cache


def test_k1_planted_pickles_never_run_in_a_real_check(
    tiny: Path, fresh_parse_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every entry `sourcebook check` wrote, replaced by a pickle that would run code."""
    assert main(["--root", str(tiny)]) == 0
    clean = capsys.readouterr().out
    marker = tmp_path / "ran"
    entries = [p for p in fresh_parse_cache.rglob("*") if p.is_file() and p.name != ".pruned"]
    assert entries
    for entry in entries:
        entry.write_bytes(pickle.dumps(_Plant(marker)))
    with pytest.warns(CacheWarning):
        assert main(["--root", str(tiny)]) == 0
    assert capsys.readouterr().out == clean
    assert not marker.exists()


def test_an_untrusted_cache_warns_a_few_times_not_once_per_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache restored from another user's machine: every entry a miss, a few warnings."""
    cache = ParseCache(tmp_path)
    for n in range(8):
        cache.parse(source(TEXT + f"Line {n}.\n"), "wikipedia", "seeds/a.txt")
    me = os.getuid()
    monkeypatch.setattr(cachestore.os, "getuid", lambda: me + 1)
    again = ParseCache(tmp_path)
    with pytest.warns(CacheWarning) as given:
        for n in range(8):
            again.parse(source(TEXT + f"Line {n}.\n"), "wikipedia", "seeds/a.txt")
    assert len(again.parsed) == 8
    assert len(given) == cachestore.WARNINGS_PER_DIRECTORY + 1
    assert "further ignored cache entries are not reported" in str(given[-1].message)
