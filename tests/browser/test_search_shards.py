"""The shard search page (``sourcebook_search = "shards"``) in Chromium, from disk and served.

The page is the one the tiny test root's build renders from
``templates/sourcebook-search-shards.html``; its index is written by hand in the
contract's format (``tests/browser/shardindex.py``), not by the indexer, so the page
is tested against the format itself: ranking, prefixes, accents, hostile text,
missing files and what a search downloads.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from tests.browser import shardindex
from tests.browser.conftest import CHROMIUM, serve
from tests.sphinxroots import build, copy_root

pytestmark = pytest.mark.browser

RESULTS = ".sourcebook-search-results li"
STATUS = "#sourcebook-search [role=status]"
#: the status once a search has ended, whatever its outcome
DONE = (
    f"() => {{ const s = document.querySelector('{STATUS}').textContent;"
    " return s !== '' && !s.startsWith('Searching'); }"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing")
    project = copy_root("tiny", tmp_path_factory.mktemp("shards"))
    overrides = {"html_theme": "furo", "sourcebook_search": "shards"}
    app, warnings = build(project, confoverrides=overrides)
    assert "ERROR" not in warnings
    out = Path(app.outdir)
    shardindex.write_index(out)
    return out


@pytest.fixture(scope="module")
def http_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(params=["file", "http"])
def base(request: pytest.FixtureRequest, site: Path) -> str:
    """The site's address: opened from disk, or served."""
    if request.param == "file":
        return site.as_uri() + "/"
    url: str = request.getfixturevalue("http_url")
    return url


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    """A desktop tab; the test fails on a script error or any alert a text could raise."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield page
    context.close()
    assert problems == []


def ask(tab: Any, base: str, query: str) -> list[tuple[str, str | None]]:
    """Open the search page with ?q=*query*; the results' titles and links."""
    tab.goto(f"{base}search.html?q={quote(query)}")
    tab.wait_for_function(DONE)
    heads = tab.locator(f"{RESULTS} > :first-child")
    return [(h.inner_text(), h.get_attribute("href")) for h in heads.all()]


def status(tab: Any) -> str:
    return str(tab.locator(STATUS).inner_text())


def test_a_rare_word_finds_its_page_first_with_a_marked_excerpt(tab: Any, base: str) -> None:
    found = ask(tab, base, shardindex.RARE)
    assert found[0] == ("Harbour Ledger of Tamsin Corrow", base + "corpus/tiny-wiki.html")
    assert status(tab) == f"1 result for “{shardindex.RARE}”."
    assert tab.locator(f"{RESULTS} mark").all_inner_texts() == [shardindex.RARE]
    tab.locator(f"{RESULTS} a").first.click()
    tab.wait_for_url("**/corpus/tiny-wiki.html")


def _score_only(query: list[str]) -> list[int]:
    """The pages ranked by score alone (no every-word-first): what the test must beat."""
    weights = {page.doc: shardindex._weights(page) for page in shardindex.PAGES}
    docs = len(shardindex.PAGES) + 1
    scores: dict[int, float] = {}
    for word in query:
        holders = [doc for doc, w in weights.items() if word in w]
        idf = math.log(1 + (docs - len(holders) + 0.5) / (len(holders) + 0.5))
        for doc in holders:
            scores[doc] = scores.get(doc, 0) + idf * weights[doc][word]
    return sorted(scores, key=lambda doc: -scores[doc])


def test_pages_with_every_word_come_before_pages_with_some(tab: Any, base: str) -> None:
    # by score alone the page full of "harbour" would come first: the order is the rule's
    assert _score_only(["harbour", "ledger"])[0] != 0
    found = [title for title, _ in ask(tab, base, "harbour ledger")]
    assert found[0] == "Harbour Ledger of Tamsin Corrow"
    assert sorted(found[1:]) == ["Harbour Walls", "Ledger Keeping"]
    assert "(1 with every word, listed first)" in status(tab)


def test_a_word_finds_the_longer_words_it_starts_even_in_the_next_shard(
    tab: Any, base: str
) -> None:
    found = [title for title, _ in ask(tab, base, "lantern")]
    assert "Lanternmakers of Oakhollow" in found
    assert "lanternmakers" in tab.locator(f"{RESULTS} mark").all_inner_texts()
    loaded = tab.evaluate("window.sourcebookSearch.loaded()")
    # "lanternmakers" is in the shard after the one "lantern" sorts into
    assert sum("/_search/s/" in url for url in loaded) == 2
    # which is in the next directory, but the first directory lists it too: one is read
    assert [url.rsplit("/", 1)[1] for url in loaded if "/_search/d/" in url] == ["dir0.js"]
    # a word of two letters finds only itself
    assert ask(tab, base, "la") == []
    assert status(tab) == "No results for “la”."


@pytest.mark.parametrize("query", ["cafe", "CAFÉ", "cafe\u0301"])
def test_accents_and_case_fold(tab: Any, base: str, query: str) -> None:
    assert [title for title, _ in ask(tab, base, query)] == ["Café Morel Minutes"]
    assert tab.locator(f"{RESULTS} mark").all_inner_texts() == ["Café"]


def test_no_result_says_so(tab: Any, base: str) -> None:
    assert ask(tab, base, "zzyzxq") == []
    assert status(tab) == "No results for “zzyzxq”."
    assert ask(tab, base, "?!") == []
    assert status(tab) == "No words to search for in “?!”."


def test_hostile_text_shows_as_text_and_no_address_leaves_the_site(tab: Any, base: str) -> None:
    found = dict(ask(tab, base, "lanternfish"))
    # a javascript: address and one to another site are titles, not links
    assert found == {shardindex.HOSTILE_TITLE: None, "Lanternfish Sketches": None}
    results = tab.locator(".sourcebook-search-results")
    assert results.locator("img, script, b, [onclick], [onerror]").count() == 0
    assert tab.locator("a[href^='javascript'], a[href*='evil.example']").count() == 0
    text = results.inner_text()
    assert "</script><script>alert(2)</script>" in text
    assert '<b onclick="alert(4)">bold</b> &amp; an entity' in text
    assert "seen after a line separator" in text  # U+2028 is a space in the excerpt


def test_a_search_downloads_only_what_its_words_and_results_need(tab: Any, base: str) -> None:
    found = ask(tab, base, "harbour ledger and")  # "and" is in 60 pages, capped at K
    assert "more pages hold these words" in status(tab)
    loaded = tab.evaluate("window.sourcebookSearch.loaded()")
    assert all("/_search/" in url for url in loaded)
    shards = [url for url in loaded if "/_search/s/" in url]
    fragments = [url for url in loaded if "/_search/f/" in url]
    assert loaded[0].endswith("/_search/meta.js") and len(shards) <= 6
    assert len(fragments) == len(found) <= 10
    if base.startswith("http"):
        # the browser fetched from the index exactly what the page says it inserted
        fetched = tab.evaluate(
            "performance.getEntriesByType('resource').map(e => e.name)"
            ".filter(n => n.includes('/_search/'))"
        )
        assert sorted(fetched) == sorted(loaded)


def test_the_download_is_bounded_in_bytes(tab: Any, site: Path) -> None:
    ask(tab, site.as_uri() + "/", "harbour ledger lantern")
    loaded = tab.evaluate("window.sourcebookSearch.loaded()")
    root = site.as_uri() + "/"
    size = sum((site / url.removeprefix(root)).stat().st_size for url in loaded)
    everything = sum(f.stat().st_size for f in (site / "_search").rglob("*.js"))
    print(f"a search of 3 words read {size} bytes in {len(loaded)} files of {everything}")
    assert size < 500_000
    assert size < everything / 3  # most of the index stays where it is


def test_a_missing_text_is_said_in_its_place(tab: Any, base: str) -> None:
    ask(tab, base, shardindex.GHOST)
    assert "f/99.js is missing or cannot be read" in tab.locator(RESULTS).first.inner_text()


def test_a_site_without_an_index_says_so(tab: Any, site: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    shutil.copytree(site, bare, ignore=shutil.ignore_patterns("_search"))
    ask(tab, bare.as_uri() + "/", "harbour")
    assert status(tab) == "Search could not load its index: meta.js is missing or cannot be read."


def test_by_keyboard_the_query_goes_into_the_address(tab: Any, base: str) -> None:
    tab.goto(base + "search.html")
    assert tab.evaluate("location.search") == "" and status(tab) == ""
    tab.locator("#sourcebook-search-input").focus()
    tab.keyboard.type(shardindex.RARE)
    tab.keyboard.press("Enter")
    tab.wait_for_function(DONE)
    assert tab.evaluate("location.search") == f"?q={shardindex.RARE}"
    tab.keyboard.press("Tab")  # the search button
    tab.keyboard.press("Tab")  # the first result
    assert tab.evaluate("document.activeElement.textContent") == "Harbour Ledger of Tamsin Corrow"
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/corpus/tiny-wiki.html")


def test_the_theme_search_box_of_a_nested_page_lands_on_the_results(tab: Any, base: str) -> None:
    tab.goto(base + "corpus/tiny-wiki.html")
    box = tab.locator("form.sidebar-search-container input[name=q]")
    box.fill(shardindex.RARE)
    box.press("Enter")
    tab.wait_for_url(f"**/search.html?q={shardindex.RARE}*")
    tab.wait_for_function(DONE)
    link = tab.locator(f"{RESULTS} a").first.get_attribute("href")
    assert link == base + "corpus/tiny-wiki.html"


def test_the_status_is_live_and_the_results_a_list(tab: Any, base: str) -> None:
    ask(tab, base, "harbour")
    assert tab.locator(STATUS).get_attribute("aria-live") == "polite"
    assert tab.locator("ol.sourcebook-search-results > li").count() == 2
    assert tab.locator("#sourcebook-search-input").get_attribute("aria-describedby") == (
        tab.locator(STATUS).get_attribute("id")
    )


def test_the_results_page_has_no_serious_axe_violation(tab: Any, http_url: str) -> None:
    from importlib.resources import files

    from tests.browser.test_accessibility import FATAL

    ask(tab, http_url, "harbour ledger lantern")
    tab.add_script_tag(content=(files("axe_playwright_python") / "axe.min.js").read_text())
    found = tab.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']}))"
        ".violations.map(v => [v.impact, v.id, v.nodes.map(n => n.target.join(' '))])"
    )
    assert [v for v in found if v[0] in FATAL] == []


def test_results_come_ten_at_a_time_and_more_goes_on_from_the_new_ones(tab: Any, base: str) -> None:
    # five pages hold "and" (capped at K), seven the other words: twelve in all
    ask(tab, base, "and harbour ledger lantern cafe")
    assert status(tab).startswith("12 results for")
    assert tab.locator(RESULTS).count() == 10
    loaded = tab.evaluate("window.sourcebookSearch.loaded()")
    assert sum("/_search/f/" in url for url in loaded) == 10  # only the texts shown
    more = tab.locator("button.sourcebook-search-more")
    more.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function(f"document.querySelectorAll('{RESULTS}').length === 12")
    assert more.is_hidden()
    focused = "document.activeElement.closest('li') === document.querySelectorAll('{}')[10]"
    assert tab.evaluate(focused.format(RESULTS))
