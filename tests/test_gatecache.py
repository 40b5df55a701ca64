"""The build gate replays its verdict only for inputs that hash the same."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sourcebook.core.cachestore import CacheWarning, decode, encode
from sourcebook.sphinxext import gatecache
from sourcebook.sphinxext.gatecache import Verdict, inputs_key, load, store
from tests.conftest import sphinx_build
from tests.sphinxroots import copy_root


@pytest.fixture
def project(tmp_path: Path, fresh_parse_cache: Path) -> Path:
    return copy_root("tiny", tmp_path)


def test_the_key_follows_every_input(project: Path) -> None:
    first = inputs_key(project)
    assert first is not None and inputs_key(project) == first
    seed = project / "seeds" / "tiny-wiki" / "extract.txt"
    keys = {first}

    seed.write_bytes(seed.read_bytes() + b"x")
    keys.add(inputs_key(project))
    (project / "seeds" / "new").mkdir()
    (project / "seeds" / "new" / "apparatus.toml").write_text("", encoding="utf-8")
    keys.add(inputs_key(project))
    bib = project / "docs" / "references" / "tinywiki.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    keys.add(inputs_key(project))
    (project / "seeds" / "link.txt").symlink_to("tiny-wiki/extract.txt")
    keys.add(inputs_key(project))
    (project / "seeds" / "link.txt").unlink()
    (project / "seeds" / "link.txt").symlink_to("/etc/hostname")
    keys.add(inputs_key(project))
    os.mkfifo(project / "seeds" / "pipe")  # hashed by its type, never opened
    keys.add(inputs_key(project))
    assert None not in keys and len(keys) == 7


def test_pages_outside_the_inputs_do_not_change_the_key(project: Path) -> None:
    first = inputs_key(project)
    (project / "docs" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    assert inputs_key(project) == first


def test_verdicts_round_trip_and_a_damaged_one_is_ignored(fresh_parse_cache: Path) -> None:
    verdict = Verdict((("SB101", "seeds/a.txt:1:1: SB101 not UTF-8"),))
    store("k" * 64, verdict)
    assert load("k" * 64) == verdict
    assert load("j" * 64) is None
    (stored,) = fresh_parse_cache.rglob("*.json")
    stored.write_bytes(stored.read_bytes().replace(b"not UTF-8", b"all good"))
    with pytest.warns(CacheWarning, match="digest"):
        assert load("k" * 64) is None  # tampered: the digest no longer matches
    stored.write_bytes(encode({"key": "k" * 64, "errors": [1]}))
    assert load("k" * 64) is None
    stored.write_bytes(encode({"key": "j" * 64, "errors": []}))
    assert load("k" * 64) is None  # a verdict for other inputs, moved under this key
    stored.write_bytes(encode({"key": "k" * 64, "errors": []}))
    stored.chmod(0o666)
    with pytest.warns(CacheWarning, match="writable by others"):
        assert load("k" * 64) is None


def test_no_cache_home_stores_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", "")
    store("k" * 64, Verdict(()))
    assert load("k" * 64) is None


@pytest.mark.sphinx
def test_a_refused_build_is_refused_again_and_a_fix_is_seen(
    project: Path, fresh_parse_cache: Path
) -> None:
    seed = project / "seeds" / "tiny-wiki" / "extract.txt"
    good = seed.read_bytes()
    seed.write_bytes(b"\x00\x01binary")
    first = sphinx_build(project)
    assert first.returncode == 1 and "Traceback" not in first.stderr
    assert "seeds/tiny-wiki/extract.txt:1:1: SB1" in first.stderr
    # mark the stored verdict, to see the next build replay it rather than check again
    (stored,) = (fresh_parse_cache / "gate").rglob("*.json")
    replayed = decode(stored.read_bytes())
    replayed["errors"] = [
        [c, e.replace(": SB1", ": (replayed) SB1")] for c, e in replayed["errors"]
    ]
    stored.write_bytes(encode(replayed))
    second = sphinx_build(project)
    assert (
        second.returncode == 1
        and "seeds/tiny-wiki/extract.txt:1:1: (replayed) SB1" in second.stderr
    )
    seed.write_bytes(good)
    fixed = sphinx_build(project)
    assert fixed.returncode == 0, fixed.stderr


def _walk(project: Path) -> tuple[str | None, int]:
    """The inputs key, and how many files the walk read."""
    hashes = gatecache.FileHashes(project)
    return inputs_key(project, hashes), hashes.read


def test_files_whose_signature_is_unchanged_are_not_read_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every file here was written just now: trusted only with the racy window closed
    monkeypatch.setattr(gatecache, "RACY_NS", -(10**15))
    first, read = _walk(project)
    assert read == len([p for p in project.rglob("*") if p.is_file() and "seeds" in p.parts]) + 4
    assert _walk(project) == (first, 0)
    # the same size and modification time, other bytes: the change time tells
    seed = project / "seeds" / "tiny-wiki" / "extract.txt"
    info = seed.stat()
    data = seed.read_bytes()
    seed.write_bytes(data.replace(b"Harbour", b"Harbor ", 1))
    os.utime(seed, ns=(info.st_atime_ns, info.st_mtime_ns))
    second, read = _walk(project)
    assert read == 1 and second != first
    seed.write_bytes(data)
    assert _walk(project) == (first, 1)


def test_a_file_changed_close_to_the_last_walk_is_read_again(project: Path) -> None:
    first, _ = _walk(project)
    again, read = _walk(project)
    assert again == first and read > 0  # written within the racy window: not trusted yet
