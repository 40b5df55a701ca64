"""Kept Pagefind fragments (sphinxext/pagefindkeep.py): a rebuild's bundle is a fresh index's."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sourcebook.sphinxext import pagefindkeep
from sourcebook.sphinxext.pagefind import BUNDLE, command, index, renew
from tests.conftest import sphinx_build
from tests.sphinxroots import copy_root

pytestmark = pytest.mark.sphinx

FURO = ("-D", "html_theme=furo", "-D", "sourcebook_search=pagefind")
#: what the build leaves out of the index on the tiny root (pagefind.listing_pages)
LISTINGS = frozenset({"glossary.html", "claims.html"})
FRAGMENT = "*.pf_fragment"


#: a rebuild that indexes the whole site again (no delta bundle: sphinxext/pagefinddelta.py)
WHOLE = ("-D", "sourcebook_search_delta_percent=0")


def _site(project: Path, *extra: str) -> Path:
    result = sphinx_build(project, "html", *FURO, *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "docs" / "_build" / "html"


def _files(bundle: Path) -> dict[str, bytes]:
    """Every hashed file of a bundle (fragments, index chunks, page list), decompressed."""
    hashed = [*bundle.glob("fragment/*"), *bundle.glob("index/*"), *bundle.glob("*.pf_meta")]
    return {f.relative_to(bundle).as_posix(): gzip.decompress(f.read_bytes()) for f in hashed}


def _url(fragment: Path) -> str:
    data = gzip.decompress(fragment.read_bytes()).removeprefix(pagefindkeep.SIGNATURE)
    url = json.loads(data)["url"]
    assert isinstance(url, str)
    return url


def _fresh_index(site: Path, out: Path, only: list[str] | None = None) -> dict[str, bytes]:
    import subprocess

    made = command(site, out, "en", LISTINGS, only)
    subprocess.run(made, check=True, capture_output=True)
    return _files(out)


def test_a_rebuild_keeps_unchanged_fragments_and_equals_a_fresh_index(tmp_path: Path) -> None:
    project = copy_root("tiny", tmp_path)
    site = _site(project)
    inodes = {_url(f): f.stat().st_ino for f in (site / BUNDLE / "fragment").glob(FRAGMENT)}
    assert len(inodes) > 2
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nZyxquux.\n", encoding="utf-8")
    _site(project, *WHOLE)
    after = {_url(f): f.stat().st_ino for f in (site / BUNDLE / "fragment").glob(FRAGMENT)}
    assert after.keys() == inodes.keys()
    changed = {url for url in after if after[url] != inodes[url]}
    assert changed == {"/"}, "only the edited page's fragment is written again"
    assert _files(site / BUNDLE) == _fresh_index(site, tmp_path / "fresh")
    record = json.loads((site / ".doctrees" / pagefindkeep.RECORD).read_text(encoding="utf-8"))
    assert "index.html" in record["pages"] and "glossary.html" not in record["pages"]


def test_an_unchanged_site_indexed_again_writes_no_fragment(tmp_path: Path) -> None:
    project = copy_root("tiny", tmp_path)
    site = _site(project)
    bundle = site / BUNDLE
    before = {f.name: f.stat().st_ino for f in (bundle / "fragment").glob(FRAGMENT)}
    renew(site, "en", LISTINGS, site / ".doctrees" / pagefindkeep.RECORD)
    assert {f.name: f.stat().st_ino for f in (bundle / "fragment").glob(FRAGMENT)} == before
    assert not (site / f"{BUNDLE}.new").exists()


def _page(site: Path, name: str, text: str) -> None:
    (site / name).write_text(
        f'<html lang="en"><body><article role="main"><h1>{name}</h1><p>{text}</p>'
        "</article></body></html>",
        encoding="utf-8",
    )


def test_a_kept_name_standing_for_other_text_is_not_trusted(tmp_path: Path) -> None:
    """A kept file named as a changed page's new fragment (what a collision of the
    short hashes would do) must not stand for it: the bundle is made from nothing."""
    site, record = tmp_path / "site", tmp_path / "record.json"
    site.mkdir()
    _page(site, "alpha.html", "Marlow keeps the lighthouse ledger.")
    _page(site, "beta.html", "Tansy rows across the estuary at dawn.")
    renew(site, "en", frozenset(), record)
    _page(site, "alpha.html", "Marlow keeps the lighthouse ledger and the tide tables.")
    index(site, tmp_path / "probe", "en", frozenset())
    probe = (tmp_path / "probe" / "fragment").glob(FRAGMENT)
    (alpha_name,) = [f.name for f in probe if _url(f) == "/alpha.html"]
    fragments = site / BUNDLE / "fragment"
    (beta,) = [f for f in fragments.glob(FRAGMENT) if _url(f) == "/beta.html"]
    (fragments / alpha_name).write_bytes(beta.read_bytes())  # beta's text under alpha's name
    kept = json.loads(record.read_text(encoding="utf-8"))
    kept["pages"]["beta.html"][1] = alpha_name.removesuffix(".pf_fragment")
    record.write_text(json.dumps(kept), encoding="utf-8")
    renew(site, "en", frozenset(), record)
    assert _url(fragments / alpha_name) == "/alpha.html"
    assert _files(site / BUNDLE) == _files(tmp_path / "probe")


def _fragment(path: Path, url: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(pagefindkeep.SIGNATURE + json.dumps({"url": url}).encode()))


def test_a_written_name_extending_a_kept_one_is_a_collision(tmp_path: Path) -> None:
    fresh, record = tmp_path / "fresh", tmp_path / "record.json"
    _fragment(fresh / "fragment" / "en_abc1234.pf_fragment", "/alpha.html")
    _fragment(fresh / "fragment" / "en_abc12345.pf_fragment", "/gamma.html")
    (fresh / "pagefind-entry.json").write_text('{"languages": {"en": {"hash": "en_1"}}}')
    (fresh / "pagefind.en_1.pf_meta").write_bytes(gzip.compress(b"\x6aen_abc1234"))
    record.write_text("{}")
    kept = pagefindkeep.Kept({"en_abc1234": ("alpha.html", "0" * 64)})
    assert not pagefindkeep.settle(tmp_path, fresh, kept, record, "s")
    assert not record.exists()
    (fresh / "fragment" / "en_abc12345.pf_fragment").unlink()
    assert pagefindkeep.settle(tmp_path, fresh, kept, record, "s")


def test_other_settings_keep_nothing(tmp_path: Path) -> None:
    site, record = tmp_path / "site", tmp_path / "record.json"
    site.mkdir()
    _page(site, "alpha.html", "Marlow keeps the lighthouse ledger.")
    renew(site, "en", frozenset(), record)
    fresh = tmp_path / "fresh"
    assert pagefindkeep.seed(site, site / BUNDLE, fresh, record, "other").pages == {}
    made_with = json.loads(record.read_text(encoding="utf-8"))["settings"]
    assert len(pagefindkeep.seed(site, site / BUNDLE, tmp_path / "f2", record, made_with).pages)
