"""Verdicts kept between checks (sourcebook.corpus.texcache): each TeX value decoded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcebook.check import renderrules
from sourcebook.core.cachestore import CacheWarning
from sourcebook.core.diagnostics import Code
from sourcebook.corpus.bibliography import load_bibliography_text
from sourcebook.corpus.cache import cache_home as verdict_home
from sourcebook.corpus.texcache import VerdictStore, decode, encode

BIB = """
@book{good, author = {Zed, Ada}, title = {A Plain Title}, year = {2001}}
@book{bold, author = {Roe, Bo}, title = {A \\textbf{Bold} Title}, year = {2002}}
@book{accent, author = {M{\\"u}ller, Jo}, title = {Caf{\\'e} Notes}, year = {2003}}
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(home))
    return home


def _tex(raw: str, stores: list[VerdictStore], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The TeX diagnostics of *raw*; the store each run used is appended to *stores*."""
    original = VerdictStore.load

    def load(self: VerdictStore) -> VerdictStore:
        stores.append(self)
        return original(self)

    monkeypatch.setattr(VerdictStore, "load", load)
    bib, _ = load_bibliography_text(raw, "refs.bib")
    home = verdict_home()
    return [d.format() for d in renderrules._tex_rules(bib, home)]


def test_second_check_decodes_nothing_and_says_the_same(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stores: list[VerdictStore] = []
    raw = "@book{x, title = {Plain}, note = {50\\% off \\emph{now}}}\n" + BIB
    first = _tex(raw, stores, monkeypatch)
    second = _tex(raw, stores, monkeypatch)
    assert first == second
    assert stores[0].computed > 0
    assert stores[1].computed == 0


def test_an_unreadable_value_is_reported_from_the_store_too(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # BibTeX reads "\}" as a backslash then the closing brace: latexcodec cannot decode a
    # value ending in a lone backslash (this used to end the check with a traceback)
    raw = "@misc{broken, title = {Ends in a lone \\}, year = {2000}}\n"
    stores: list[VerdictStore] = []
    first = _tex(raw, stores, monkeypatch)
    second = _tex(raw, stores, monkeypatch)
    assert len(first) == 1 and first == second
    assert Code.UNREADABLE_TEX.id in first[0] and "broken: field 'title'" in first[0]
    assert stores[1].computed == 0


def test_an_edited_value_is_judged_again_and_the_store_keeps_only_used_values(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stores: list[VerdictStore] = []
    _tex(BIB, stores, monkeypatch)
    _tex(BIB.replace("A Plain Title", "Another Plain Title"), stores, monkeypatch)
    assert stores[1].computed == 1
    path = stores[1].path
    assert path is not None
    assert len(decode(path.read_bytes())) == len(stores[1].used)


def test_a_damaged_or_forged_store_is_ignored(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stores: list[VerdictStore] = []
    _tex(BIB, stores, monkeypatch)
    path = stores[0].path
    assert path is not None
    data = path.read_bytes()
    path.write_bytes(data.replace(b'""', b'"forged"', 1))  # digest no longer matches
    with pytest.warns(CacheWarning, match="digest"):
        again = _tex(BIB, stores, monkeypatch)
    assert stores[1].computed == stores[0].computed
    assert not any("forged" in line for line in again)
    with pytest.raises(ValueError):
        decode(b"not a store")
    with pytest.raises(ValueError):
        decode(encode({"k": "v"}).replace(b'"v"', b"[1]"))


def test_no_cache_home_still_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", "")
    stores: list[VerdictStore] = []
    _tex(BIB, stores, monkeypatch)
    assert stores[0].path is None
    assert stores[0].computed > 0


def test_decoded_latex_is_latexcodec_and_kept_between_runs(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import codecs

    from sourcebook.corpus import texcache as verdicts

    values = ["Caf{\\'e} -- na{\\\"i}ve", "50\\% off", "x --- y", "plain"]
    monkeypatch.setattr(verdicts, "_LATEX", None)
    monkeypatch.setattr(verdicts.atexit, "register", lambda f: f)
    first = [verdicts.decoded_latex(v) for v in values]
    assert first == [codecs.decode(v, "ulatex") for v in values]  # type: ignore[call-overload]
    store = verdicts._LATEX
    assert store is not None and store.computed == len(values)
    store.save()
    monkeypatch.setattr(verdicts, "_LATEX", None)
    assert [verdicts.decoded_latex(v) for v in values] == first
    again = verdicts._LATEX
    assert again is not None and again.computed == 0
    with pytest.raises(UnicodeDecodeError):
        verdicts.decoded_latex("a lone \\")


def test_registered_domains_are_kept_between_runs(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sourcebook.corpus import independence

    hosts = ["a.b.bbc.co.uk", "co.uk", "Australia.WorkersLiberty.org.", "github.io", "x.github.io"]
    monkeypatch.setattr(independence, "_SUFFIXES", None)
    monkeypatch.setattr(independence.atexit, "register", lambda f: f)
    first = [independence.registered_domain(h) for h in hosts]
    assert first == ["bbc.co.uk", None, "workersliberty.org", None, "x.github.io"]
    store = independence._SUFFIXES
    assert store is not None and store.computed == len(hosts)
    store.save()

    def no_list() -> None:
        raise AssertionError("the list was read although every host was kept")

    monkeypatch.setattr(independence, "_SUFFIXES", None)
    monkeypatch.setattr(independence, "_psl", no_list)
    assert [independence.registered_domain(h) for h in hosts] == first
    assert [independence.is_public_suffix(h) for h in hosts] == [False, True, False, True, False]
    again = independence._SUFFIXES
    assert again is not None and again.computed == 0


def test_registered_domains_without_a_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from sourcebook.corpus import independence

    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", "")
    monkeypatch.setattr(independence, "_SUFFIXES", None)
    monkeypatch.setattr(independence.atexit, "register", lambda f: f)
    assert independence.registered_domain("news.example.co.uk") == "example.co.uk"
    store = independence._SUFFIXES
    assert store is not None and store.path is None
    store.save()  # nowhere to write: nothing happens
