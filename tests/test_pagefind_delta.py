"""The incremental search index (sphinxext/pagefinddelta.py): a full index and a delta."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sourcebook.sphinxext import pagefinddelta, pagefindkeep
from sourcebook.sphinxext.pagefind import BUNDLE, renew, settings, update_delta
from tests.sphinxroots import copy_root
from tests.test_pagefind_keep import (
    FRAGMENT,
    WHOLE,
    _files,
    _fragment,
    _fresh_index,
    _page,
    _site,
    _url,
)

pytestmark = pytest.mark.sphinx

NONE: frozenset[str] = frozenset()
#: the delta asked for (off by default: sourcebook_search_delta_percent, sphinxext/config.py)
DELTA_ON = ("-D", "sourcebook_search_delta_percent=5")


def _state(site: Path) -> dict[str, object]:
    state = json.loads((site / BUNDLE / pagefinddelta.STATE).read_text(encoding="utf-8"))
    assert isinstance(state, dict)
    return state


def _ids(bundle: Path) -> dict[str, str]:
    """URL -> fragment id of every page of *bundle*."""
    found = (bundle / "fragment").glob(FRAGMENT)
    return {_url(f): f.name.removesuffix(pagefindkeep.SUFFIX) for f in found}


def test_an_edit_indexes_the_changed_page_alone_and_supersedes_its_old_fragment(
    tmp_path: Path,
) -> None:
    project = copy_root("tiny", tmp_path)
    site = _site(project, *DELTA_ON)
    base = _files(site / BUNDLE)
    old = _ids(site / BUNDLE)
    assert _state(site) == {"delta": None, "superseded": []}
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nZyxquux.\n", encoding="utf-8")
    _site(project, *DELTA_ON)
    assert _files(site / BUNDLE) == base, "the full index is left as it was"
    delta = _ids(site / pagefinddelta.DELTA)
    assert list(delta) == ["/"]
    assert _state(site) == {"delta": f"{pagefinddelta.DELTA}/", "superseded": [old["/"]]}
    # the delta is what Pagefind makes of that page alone
    assert _files(site / pagefinddelta.DELTA) == _fresh_index(site, tmp_path / "f", ["index.html"])


def test_a_forced_full_index_equals_a_fresh_one_and_drops_the_delta(tmp_path: Path) -> None:
    project = copy_root("tiny", tmp_path)
    site = _site(project, *DELTA_ON)
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nZyxquux.\n", encoding="utf-8")
    _site(project, *DELTA_ON)
    assert (site / pagefinddelta.DELTA).is_dir()
    page.write_text(page.read_text(encoding="utf-8") + "\nQuuxzy.\n", encoding="utf-8")
    _site(project, *WHOLE)
    assert not (site / pagefinddelta.DELTA).exists()
    assert _state(site) == {"delta": None, "superseded": []}
    assert _files(site / BUNDLE) == _fresh_index(site, tmp_path / "fresh")


def _indexed(tmp_path: Path) -> tuple[Path, Path]:
    site, record = tmp_path / "site", tmp_path / "doctrees" / pagefindkeep.RECORD
    site.mkdir()
    record.parent.mkdir()
    _page(site, "alpha.html", "Marlow keeps the lighthouse ledger.")
    _page(site, "beta.html", "Tansy rows across the estuary at dawn.")
    _page(site, "gamma.html", "Orrin mends nets on the quay.")
    renew(site, "en", NONE, record)
    return site, record


def test_a_deleted_page_is_superseded_without_a_delta(tmp_path: Path) -> None:
    site, record = _indexed(tmp_path)
    gone = _ids(site / BUNDLE)["/gamma.html"]
    (site / "gamma.html").unlink()
    assert update_delta(site, "en", NONE, record, 100)
    assert _state(site) == {"delta": None, "superseded": [gone]}


def test_a_page_written_again_with_the_same_bytes_is_not_changed(tmp_path: Path) -> None:
    site, record = _indexed(tmp_path)
    alpha = site / "alpha.html"
    alpha.write_bytes(alpha.read_bytes())
    os.utime(alpha, ns=(1, 1))  # a new mtime: read again, found the same
    assert update_delta(site, "en", NONE, record, 100)
    assert _state(site) == {"delta": None, "superseded": []}


def test_an_edit_outside_the_indexed_text_keeps_one_id_in_both_bundles(tmp_path: Path) -> None:
    """Same fragment in the delta as in the base: not superseded (the search page
    keeps one result per id)."""
    site, record = _indexed(tmp_path)
    alpha = site / "alpha.html"
    alpha.write_text(alpha.read_text(encoding="utf-8") + "<!-- a comment -->", encoding="utf-8")
    assert update_delta(site, "en", NONE, record, 100)
    assert _ids(site / pagefinddelta.DELTA) == {"/alpha.html": _ids(site / BUNDLE)["/alpha.html"]}
    assert _state(site)["superseded"] == []


def test_past_the_limit_the_whole_site_is_indexed(tmp_path: Path) -> None:
    site, record = _indexed(tmp_path)
    _page(site, "alpha.html", "Marlow keeps the tide tables now.")
    assert not update_delta(site, "en", NONE, record, 0)
    base = pagefinddelta.read_base(site, BUNDLE, record, settings("en", NONE))
    assert base is not None and len(base.pages) == 3
    many = pagefinddelta.Base("t", {f"p{i}.html": ("", "") for i in range(1000)})
    assert pagefinddelta.limit(many, 5) == 50
    assert pagefinddelta.limit(base, 5) == pagefinddelta.MIN_PAGES
    assert pagefinddelta.limit(many, 0) == 0


def test_a_delta_id_naming_another_pages_base_fragment_is_refused(tmp_path: Path) -> None:
    """Seven hex digits could collide across two indexes: then ids cannot tell the pages
    apart, and the whole site is indexed instead."""
    base = pagefinddelta.Base("t", {"alpha.html": ("a", "en_1111111"), "beta.html": ("b", "en_2")})
    change = pagefinddelta.Change(["alpha.html"], [])
    delta = tmp_path / "delta"
    _fragment(delta / "fragment" / "en_2.pf_fragment", "/alpha.html")
    assert pagefinddelta.superseded(base, change, delta) is None
    (delta / "fragment" / "en_2.pf_fragment").unlink()
    _fragment(delta / "fragment" / "en_3.pf_fragment", "/alpha.html")
    assert pagefinddelta.superseded(base, change, delta) == ["en_1111111"]
    _fragment(delta / "fragment" / "en_4.pf_fragment", "/beta.html")  # not asked for
    assert pagefinddelta.superseded(base, change, delta) is None


def test_other_settings_or_another_base_make_a_full_index(tmp_path: Path) -> None:
    site, record = _indexed(tmp_path)
    _page(site, "alpha.html", "Marlow keeps the tide tables now.")
    assert not update_delta(site, "en", frozenset({"beta.html"}), record, 100)
    renew(site, "en", NONE, record)
    (site / BUNDLE / "pagefind-entry.json").unlink()
    assert not update_delta(site, "en", NONE, record, 100)
