"""The TeX verdict store reads and writes through cachestore: a store it cannot trust is a miss."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sourcebook.core.cachestore import CacheWarning
from sourcebook.corpus.texcache import VerdictStore


def _saved(home: Path) -> VerdictStore:
    store = VerdictStore("tex", home=home)
    store.put("k", "a verdict")
    store.save()
    return store


def test_a_saved_store_is_read_back(tmp_path: Path) -> None:
    _saved(tmp_path / "cache")
    assert VerdictStore("tex", home=tmp_path / "cache").load().known == {"k": "a verdict"}


def test_a_store_is_private_to_its_user(tmp_path: Path) -> None:
    store = _saved(tmp_path / "cache")
    assert store.path is not None and store.directory is not None
    assert store.path.stat().st_mode & 0o077 == 0
    assert store.directory.stat().st_mode & 0o077 == 0


def test_a_store_writable_by_others_is_ignored(tmp_path: Path) -> None:
    store = _saved(tmp_path / "cache")
    assert store.path is not None
    os.chmod(store.path, 0o666)
    with pytest.warns(CacheWarning, match="writable by others"):
        assert VerdictStore("tex", home=tmp_path / "cache").load().known == {}


def test_a_store_in_a_directory_writable_by_others_is_ignored(tmp_path: Path) -> None:
    store = _saved(tmp_path / "cache")
    assert store.directory is not None
    os.chmod(store.directory, 0o777)
    with pytest.warns(CacheWarning, match="writable by others"):
        assert VerdictStore("tex", home=tmp_path / "cache").load().known == {}


def test_a_linked_store_is_ignored(tmp_path: Path) -> None:
    store = _saved(tmp_path / "cache")
    assert store.path is not None
    elsewhere = tmp_path / "elsewhere.json"
    store.path.rename(elsewhere)
    store.path.symlink_to(elsewhere)
    with pytest.warns(CacheWarning):
        assert VerdictStore("tex", home=tmp_path / "cache").load().known == {}


def test_an_intact_entry_that_is_not_a_table_is_a_miss(tmp_path: Path) -> None:
    from sourcebook.core import cachestore

    store = VerdictStore("tex", home=tmp_path / "cache")
    assert store.directory is not None
    cachestore.store_entry(store.home or tmp_path, store.directory, "tex.json", [1, 2])
    assert store.load().known == {}


def test_stores_of_different_rules_and_libraries_do_not_remove_each_other(tmp_path: Path) -> None:
    home = tmp_path / "cache"
    for rule, libraries in (("one", ("pybtex",)), ("two", ("latexcodec",)), ("one", ("pybtex",))):
        store = VerdictStore(rule, libraries, home=home)
        store.put(rule, "seen")
        store.save()
    assert VerdictStore("one", ("pybtex",), home=home).load().known == {"one": "seen"}
    assert VerdictStore("two", ("latexcodec",), home=home).load().known == {"two": "seen"}
