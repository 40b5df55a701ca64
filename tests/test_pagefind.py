"""The site's search index (sphinxext/pagefind.py): Pagefind's bundle, not Sphinx's index."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcebook.sphinxext.pagefind import BUNDLE, SKIP_PAGES, glob, pages
from sourcebook.sphinxext.pagefinddelta import DELTA
from tests.conftest import sphinx_build
from tests.sphinxroots import copy_root

pytestmark = pytest.mark.sphinx

#: the furo theme, and Pagefind rather than the default shards index
FURO = ("-D", "html_theme=furo", "-D", "sourcebook_search=pagefind")


def _site(project: Path, *extra: str) -> Path:
    result = sphinx_build(project, "html", *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "docs" / "_build" / "html"


def test_pagefind_replaces_sphinx_index_a_noop_keeps_it_an_edit_renews_it(tmp_path: Path) -> None:
    project = copy_root("tiny", tmp_path)
    site = _site(project, *FURO)
    entry = site / BUNDLE / "pagefind-entry.json"
    assert entry.is_file() and not (site / "searchindex.js").exists()
    assert "sourcebook-search.js" in (site / "search.html").read_text(encoding="utf-8")
    first = entry.stat().st_mtime_ns
    _site(project, *FURO)  # nothing changed: nothing indexed again
    assert entry.stat().st_mtime_ns == first
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nZyxquux.\n", encoding="utf-8")
    _site(project, *FURO)
    second = entry.stat().st_mtime_ns
    assert second != first and not (site / DELTA).exists()
    # asked for, an edit makes a delta bundle and leaves the full index as it is
    page.write_text(page.read_text(encoding="utf-8") + "\nQuuxzy.\n", encoding="utf-8")
    _site(project, *FURO, "-D", "sourcebook_search_delta_percent=5")
    assert entry.stat().st_mtime_ns == second
    assert (site / DELTA / "pagefind-entry.json").is_file()


def test_sphinx_search_when_asked(tmp_path: Path) -> None:
    project = copy_root("tiny", tmp_path)
    site = _site(project, *FURO, "-D", "sourcebook_search=sphinx")
    assert (site / "searchindex.js").is_file() and not (site / BUNDLE).exists()


def test_the_glob_names_every_page_but_search_and_the_index(tmp_path: Path) -> None:
    for name in ("index.html", "glossary.html", *SKIP_PAGES, "corpus/a.html", "_static/x.js"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>")
    (tmp_path / BUNDLE).mkdir()
    assert glob(tmp_path) == "{_static/**/*.html,corpus/**/*.html,glossary.html,index.html}"


def test_the_glob_leaves_out_skipped_pages_naming_their_directorys_others(tmp_path: Path) -> None:
    for name in ("index.html", "claims.html", "corpus/a.html", "corpus/b.html", "more/c.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>")
    skip = frozenset({"claims.html", "corpus/b.html"})
    assert glob(tmp_path, skip) == "{corpus/a.html,index.html,more/**/*.html}"


def test_the_build_leaves_the_glossary_and_claims_page_out_of_the_index(tmp_path: Path) -> None:
    project = copy_root("tiny", tmp_path)
    site = _site(project, *FURO)
    meta = (site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8")
    assert (site / "claims.html").is_file()
    import json

    languages = json.loads(meta)["languages"]
    pages = sum(language["page_count"] for language in languages.values())
    indexed = [p for p in site.rglob("*.html") if BUNDLE not in p.parts]
    left_out = {"search.html", "genindex.html", "claims.html", "glossary.html"}
    assert pages == len([p for p in indexed if p.relative_to(site).as_posix() not in left_out])


def test_the_pages_are_those_the_glob_names(tmp_path: Path) -> None:
    names = ("index.html", "claims.html", "search.html", "corpus/a.html", "corpus/b.html")
    for name in (*names, "more/deep/c.html", "_static/x.js", f"{DELTA}/d.html", "e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>")
    skip = frozenset({"claims.html", "corpus/b.html"})
    assert pages(tmp_path, skip) == ["corpus/a.html", "index.html", "more/deep/c.html"]
