"""Index runs of the ``shards`` engine: incremental equals from nothing, untouched files stay."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sourcebook.sphinxext.pagefind import BUNDLE, pages
from sourcebook.sphinxext.search import build, extract, hook, shards, store, terms
from sourcebook.sphinxext.search import tree as directories
from tests.conftest import sphinx_build
from tests.searchsite import call, make_site, page, shard_list, tree
from tests.sphinxroots import copy_root


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shards of a few KB, so that a small site has many of them, and directories of a few
    shards, so that it has levels of them."""
    monkeypatch.setattr(shards, "CAP", 3000)
    monkeypatch.setattr(shards, "TARGET", 1200)
    monkeypatch.setattr(directories, "CAP", 250)
    monkeypatch.setattr(directories, "TARGET", 120)


def _index(site: Path, work: Path, urls: list[str]) -> build.Summary:
    return build.index(site, work / "out", work / "store.sqlite", urls)


def _lookup(meta: list[list[str]], term: str) -> str:
    """The contract's rule: the last shard whose first term is at or before *term*."""
    found = [ident for first, ident in meta if store.key(first) <= store.key(term)]
    return found[-1]


@pytest.mark.usefixtures("small_shards")
def test_every_term_is_in_the_shard_the_lookup_rule_names(tmp_path: Path) -> None:
    site = tmp_path / "site"
    urls = make_site(site, 12)
    (site / "odd.html").write_text(page("Ünïcode", "\U00020000 丂 ｦ zeta"), encoding="utf-8")
    _index(site, tmp_path, [*urls, "odd.html"])
    out = tmp_path / "out"
    (meta,) = call(out / "meta.js", "meta")
    assert meta["docs"] == 13 and meta["k"] == shards.K and meta["version"] == 2
    listed = shard_list(out)
    assert listed[0][0] == ""
    firsts = [store.key(first) for first, _ in listed]
    assert firsts == sorted(firsts) and len(firsts) > 5
    held = 0
    for _, ident in listed:
        path = out / "s" / f"{ident}.js"
        assert path.stat().st_size <= shards.CAP
        name, entries = call(path, "shard")
        assert name == ident
        for term in entries:
            assert _lookup(listed, term) == ident
            held += 1
    read = [extract.read((site / url).read_bytes()) for url in [*urls, "odd.html"]]
    expected = {t for p in read for t in terms.weights(p.title, p.text)}
    assert {"\U00020000", "丂", "ヲ", "zeta", "unicode"} <= expected
    assert held == len(expected)


@pytest.mark.usefixtures("small_shards")
def test_incremental_equals_from_nothing_and_untouched_files_keep_their_time(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    urls = make_site(site, 60)
    for name, text in [("small-1", "Vexmor tallow"), ("small-2", "Quistrel pendrake orl")]:
        (site / f"{name}.html").write_text(page(name, text), encoding="utf-8")
    urls += ["small-1.html", "small-2.html"]
    first = _index(site, tmp_path, urls)
    assert first.everything and len(first.parsed) == 62
    out = tmp_path / "out"
    times = {p.name: p.stat().st_mtime_ns for p in (out / "s").iterdir()}
    before = tree(out)
    # edit one page, delete one, add one
    (site / "small-1.html").write_text(page("small-1", "Vexmor tallowed"), encoding="utf-8")
    (site / "small-2.html").unlink()
    (site / "small-3.html").write_text(page("small-3", "Orl brindle"), encoding="utf-8")
    urls = [*urls[:-1], "small-3.html"]
    second = _index(site, tmp_path, urls)
    assert not second.everything
    assert second.parsed == ["small-1.html", "small-3.html"]
    assert second.removed == ["small-2.html"]
    after = tree(out)
    kept = [n for n in after if n.startswith("s/") and before.get(n) == after[n]]
    # the chunks holding none of the three pages' words are as they were
    assert kept and second.shards_written < len(after) - len(kept)
    assert len(kept) > len(times) / 3
    for name in kept:  # not written again: the same time
        assert (out / name).stat().st_mtime_ns == times[name.removeprefix("s/")]
    assert "f/61.js" not in after and "f/62.js" in after  # ids are never given again
    # from nothing, with the same ids: the same bytes
    again = tmp_path / "again"
    again.mkdir()
    shutil.copy(tmp_path / "store.sqlite", again / "store.sqlite")
    assert _index(site, again, urls).everything  # no output there: made from nothing
    assert tree(again / "out") == after


def test_no_change_reads_nothing_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    urls = make_site(site, 5)
    _index(site, tmp_path, urls)
    meta = tmp_path / "out" / "meta.js"
    stamp = meta.stat().st_mtime_ns
    # nothing to make again: not even the directories and meta.js from the list of shards
    monkeypatch.setattr(directories, "levels", None)
    done = _index(site, tmp_path, urls)
    assert not done.everything and done.parsed == [] and done.shards_written == 0
    assert meta.stat().st_mtime_ns == stamp
    monkeypatch.undo()
    # written again with the same bytes (a Sphinx rebuild): hashed, not parsed
    os.utime(site / urls[0], ns=(1, 1))
    assert _index(site, tmp_path, urls).parsed == []
    # an output removed by hand: made again from nothing
    shutil.rmtree(tmp_path / "out")
    assert _index(site, tmp_path, urls).everything and meta.is_file()


def test_hostile_page_text_stays_data_and_urls_stay_relative(tmp_path: Path) -> None:
    site = tmp_path / "site"
    hostile = "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; line\u2028end &amp;"
    (site / "javascript:x").mkdir(parents=True)
    (site / "javascript:x" / "p.html").write_text(page(hostile, hostile), encoding="utf-8")
    _index(site, tmp_path, ["javascript:x/p.html"])
    path = tmp_path / "out" / "f" / "0.js"
    raw = path.read_bytes()
    assert raw.isascii() and not any(c in raw for c in b"<>&")
    doc, value = call(path, "fragment")
    assert doc == 0 and value["url"] == "javascript%3Ax/p.html"
    # the line separator is white space: one space, as all white space in the text
    assert value["title"] == "</script><img src=x onerror=alert(1)> line end &"


def _built(project: Path) -> Path:
    result = sphinx_build(project, "html", "-D", "sourcebook_search=shards")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "docs" / "_build" / "html"


@pytest.mark.sphinx
def test_a_sphinx_build_makes_the_index_and_neither_other_one(tmp_path: Path) -> None:
    project = copy_root("tiny", tmp_path)
    site = _built(project)
    assert not (site / "searchindex.js").exists() and not (site / BUNDLE).exists()
    meta = site / hook.OUTPUT / "meta.js"
    (value,) = call(meta, "meta")
    listed = pages(site, frozenset({"glossary.html", "claims.html"}))
    assert value["docs"] == len(listed) > 0
    assert len(list((site / hook.OUTPUT / "f").iterdir())) == len(listed)
    stamp = meta.stat().st_mtime_ns
    _built(project)  # nothing changed: nothing written
    assert meta.stat().st_mtime_ns == stamp
    source = project / "docs" / "index.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nZyxquux.\n", encoding="utf-8")
    _built(project)
    found = [ident for first, ident in shard_list(site / hook.OUTPUT) if first <= "zyxquux"][-1]
    assert "zyxquux" in call(site / hook.OUTPUT / "s" / f"{found}.js", "shard")[1]


@pytest.mark.usefixtures("small_shards")
def test_past_the_dirty_limit_every_term_is_redone_to_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    urls = make_site(site, 20)
    _index(site, tmp_path, urls)
    monkeypatch.setattr(build, "DIRTY_LIMIT", 5)
    make_site(site, 3, length=60, start=40)  # other texts in place of pages 0-2
    for number, url in enumerate(urls[:3]):
        (site / f"corpus/doc-{40 + number:03d}.html").replace(site / url)
    done = _index(site, tmp_path, urls)
    assert len(done.parsed) == 3 and done.shards_written > 0 and done.everything
    again = tmp_path / "again"
    again.mkdir()
    shutil.copy(tmp_path / "store.sqlite", again / "store.sqlite")
    _index(site, again, urls)
    assert tree(again / "out") == tree(tmp_path / "out")
