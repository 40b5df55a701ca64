"""End to end: the tiny test root built with ``sourcebook_search = "shards"`` (the indexer of
``sphinxext/search`` writes ``_search/``), searched in Chromium from the files on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from tests.browser.conftest import CHROMIUM
from tests.browser.test_search import NOTE_WORD
from tests.browser.test_search_shards import DONE, RESULTS, STATUS, tab
from tests.sphinxroots import build, copy_root

pytestmark = pytest.mark.browser
__all__ = ["tab"]  # the search page tests' tab: fails on a script error or an alert


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing")
    project = copy_root("tiny", tmp_path_factory.mktemp("shards-site"))
    apparatus = project / "seeds" / "tiny-wiki" / "apparatus.toml"
    text = apparatus.read_text(encoding="utf-8")
    apparatus.write_text(text.replace("was not seen.", f"was not seen ({NOTE_WORD})."))
    overrides = {"html_theme": "furo", "sourcebook_search": "shards"}
    app, warnings = build(project, confoverrides=overrides)
    assert "ERROR" not in warnings
    return Path(app.outdir)


def ask(tab: Any, site: Path, query: str) -> list[str]:
    tab.goto(f"{site.as_uri()}/search.html?q={quote(query)}")
    tab.wait_for_function(DONE)
    return [str(t) for t in tab.locator(RESULTS).all_inner_texts()]


def test_the_built_site_has_the_index_and_the_shard_search_page(site: Path) -> None:
    assert (site / "_search" / "meta.js").is_file()
    page = (site / "search.html").read_text(encoding="utf-8")
    assert "sourcebook-shards.js" in page and "_pagefind" not in page


def test_from_the_files_a_word_of_a_document_finds_it(tab: Any, site: Path) -> None:
    assert ask(tab, site, "Capstan"), tab.locator(STATUS).inner_text()
    link = tab.locator(f"{RESULTS} a").first.get_attribute("href")
    assert link == site.as_uri() + "/corpus/tiny-wiki.html"
    assert tab.locator(f"{RESULTS} mark").first.inner_text().startswith("Capstan")
    loaded = tab.evaluate("window.sourcebookSearch.loaded()")
    root = site.as_uri() + "/"
    size = sum((site / url.removeprefix(root)).stat().st_size for url in loaded)
    assert loaded[0] == root + "_search/meta.js" and size < 500_000


def test_an_editors_note_is_not_searched(tab: Any, site: Path) -> None:
    assert ask(tab, site, NOTE_WORD) == []
    assert tab.locator(STATUS).inner_text() == f"No results for “{NOTE_WORD}”."


def test_the_theme_search_box_of_a_document_lands_on_its_results(tab: Any, site: Path) -> None:
    tab.goto(site.as_uri() + "/corpus/tiny-wiki.html")
    box = tab.locator("form.sidebar-search-container input[name=q]")
    box.fill("capstan")
    box.press("Enter")
    tab.wait_for_url("**/search.html?q=capstan*")
    tab.wait_for_function(DONE)
    assert tab.locator(f"{RESULTS} a").first.get_attribute("href") == (
        site.as_uri() + "/corpus/tiny-wiki.html"
    )
