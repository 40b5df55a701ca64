"""Search with Pagefind (sphinxext/pagefind.py) on the tiny test root, in a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import CHROMIUM, serve
from tests.sphinxroots import build, copy_root

#: the furo theme with Pagefind (the default search is the shards index)
PAGEFIND = {"html_theme": "furo", "sourcebook_search": "pagefind"}

pytestmark = pytest.mark.browser

#: a made-up word put into an editors' note only: folded notes are not searchable
NOTE_WORD = "quillibrant"
RESULTS = ".sourcebook-search-results li"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing")
    project = copy_root("tiny", tmp_path_factory.mktemp("search"))
    apparatus = project / "seeds" / "tiny-wiki" / "apparatus.toml"
    text = apparatus.read_text(encoding="utf-8")
    apparatus.write_text(text.replace("was not seen.", f"was not seen ({NOTE_WORD})."))
    app, warnings = build(project, confoverrides=PAGEFIND)
    assert "ERROR" not in warnings
    return Path(app.outdir)


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture
def tab(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def _search(tab: Any, query: str) -> list[str]:
    tab.goto(f"search.html?q={query}")
    tab.wait_for_function(
        "/results? for|Nothing found/.test("
        "document.querySelector('#sourcebook-search [role=status]').textContent)"
    )
    return [str(t) for t in tab.locator(RESULTS).all_inner_texts()]


def test_the_site_has_a_pagefind_bundle_and_no_sphinx_index(site: Path) -> None:
    assert (site / "_pagefind" / "pagefind.js").is_file()
    assert not (site / "searchindex.js").exists()


def test_a_word_of_a_document_finds_it_with_a_marked_excerpt(tab: Any) -> None:
    found = _search(tab, "Capstan")
    assert found, "no result for a word of the seed"
    link = tab.locator(f"{RESULTS} a").first.get_attribute("href")
    assert link.endswith("corpus/tiny-wiki.html")
    assert tab.locator(f"{RESULTS} mark").first.inner_text().startswith("Capstan")
    tab.locator(f"{RESULTS} a").first.click()
    tab.wait_for_url(re.compile(r"corpus/tiny-wiki\.html$"))


def test_an_editors_note_is_not_searched(tab: Any) -> None:
    assert _search(tab, NOTE_WORD) == []


def test_glossary_terms_are_not_run_together(tab: Any) -> None:
    found = _search(tab, "Harbour")
    text = " ".join(found)
    assert "Harbour Workers' Circle" in text or "Harbour Workers’ Circle" in text
    # a term and the next word are separate words: no "CircleThe"-like joins
    assert not re.search(r"Circle[A-Z]", text), text


def test_from_a_file_the_page_says_how_to_serve(site: Path, tab: Any) -> None:
    tab.goto((site / "search.html").as_uri() + "?q=Capstan")
    note = tab.locator("#sourcebook-search-offline")
    note.wait_for(state="visible")
    assert "python -m http.server" in note.inner_text()
    assert tab.locator(RESULTS).count() == 0


def test_results_come_five_at_a_time(tab: Any) -> None:
    _search(tab, "the")
    status = tab.locator("#sourcebook-search [role=status]").inner_text()
    total = int(status.split()[0])
    shown = tab.locator(RESULTS).count()
    assert shown == min(total, 5)
    more = tab.locator("#sourcebook-search button")
    if total <= 5:
        pytest.skip("the tiny site has too few pages for a second batch")
    more.click()
    tab.wait_for_function(f"document.querySelectorAll('{RESULTS}').length > {shown}")
    assert tab.locator(RESULTS).count() == min(total, 10)


#: a made-up word added to the home page before a rebuild
ADDED_WORD = "brennickvale"


def test_after_a_rebuild_that_kept_fragments_search_finds_old_and_new_text(
    browser: Any, tmp_path: Path
) -> None:
    """A rebuild keeps the unchanged pages' fragments (sphinxext/pagefindkeep.py): the
    edited page is found by its new word, the unchanged document by its own, excerpts marked."""
    project = copy_root("tiny", tmp_path)
    app, _ = build(project, confoverrides=PAGEFIND)
    site = Path(app.outdir)
    fragments = site / "_pagefind" / "fragment"
    before = {f.name: f.stat().st_ino for f in fragments.iterdir()}
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + f"\n{ADDED_WORD.title()}.\n")
    build(project, confoverrides=PAGEFIND)
    after = {f.name: f.stat().st_ino for f in fragments.iterdir()}
    assert any(after.get(name) == ino for name, ino in before.items()), "nothing was kept"
    with serve(site) as url:
        context = browser.new_context(base_url=url)
        tab = context.new_page()
        assert _search(tab, ADDED_WORD)
        assert tab.locator(f"{RESULTS} mark").first.inner_text().lower().startswith(ADDED_WORD)
        assert _search(tab, "Capstan")
        link = tab.locator(f"{RESULTS} a").first.get_attribute("href")
        assert link.endswith("corpus/tiny-wiki.html")
        assert tab.locator(f"{RESULTS} mark").first.inner_text().startswith("Capstan")
        context.close()


def _page_text(project: Path, name: str, text: str) -> None:
    """An orphan page of the site (in no table of contents) holding *text*."""
    page = project / "docs" / f"{name}.md"
    page.write_text(f"---\norphan: true\n---\n\n# {name.title()}\n\n{text}\n", encoding="utf-8")


def _found(tab: Any, query: str) -> tuple[int, list[str]]:
    """How many results the page says, and the links of those it shows."""
    _search(tab, query)
    status = tab.locator("#sourcebook-search [role=status]").inner_text()
    total = 0 if status.startswith("Nothing") else int(status.split()[0])
    links = tab.locator(f"{RESULTS} a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    return total, [str(link) for link in links]


#: made-up words: kept, removed, added on the edited page; on the deleted page
KEPT, REMOVED, ADDED, DELETED = "ostrovane", "quorrelbeck", "vellamorn", "tidewhistle"


def test_after_an_edit_the_delta_bundle_finds_what_a_full_index_finds(
    browser: Any, tmp_path: Path
) -> None:
    """A rebuild indexes the changed page alone (sphinxext/pagefinddelta.py): its new
    word is found, a removed word and a deleted page are not, nothing twice; and every
    search counts what a full index of the same site counts."""
    from sourcebook.sphinxext import pagefinddelta, pagefindkeep
    from sourcebook.sphinxext.pagefind import renew

    project = copy_root("tiny", tmp_path)
    _page_text(project, "lantern", f"{KEPT.title()} keeps the lamp; {REMOVED} trims the wick.")
    _page_text(project, "ferry", f"The {DELETED} sounds at noon.")
    app, _ = build(project, confoverrides=PAGEFIND)
    site = Path(app.outdir)
    _page_text(project, "lantern", f"{KEPT.title()} keeps the lamp; {ADDED} trims the wick.")
    (project / "docs" / "ferry.md").unlink()
    (site / "ferry.html").unlink()  # Sphinx leaves a removed document's page
    build(project, confoverrides={**PAGEFIND, "sourcebook_search_delta_percent": 5})
    assert (site / pagefinddelta.DELTA / "pagefind-entry.json").is_file()
    words = (KEPT, REMOVED, ADDED, DELETED, "Capstan", "Harbour", "the")
    with serve(site) as url:
        context = browser.new_context(base_url=url)
        tab = context.new_page()
        merged = {word: _found(tab, word) for word in words}
        assert merged[ADDED] == (1, ["/lantern.html"])
        assert merged[KEPT] == (1, ["/lantern.html"]), "the edited page once, not twice"
        assert merged[REMOVED] == (0, []) and merged[DELETED] == (0, [])
        for total, links in merged.values():
            assert len(links) == len(set(links)) == min(total, 5)
        record = Path(app.doctreedir) / pagefindkeep.RECORD
        renew(site, "en", frozenset({"glossary.html", "claims.html"}), record)
        assert not (site / pagefinddelta.DELTA).exists()
        for word, (total, links) in merged.items():
            again = _found(tab, word)
            assert again[0] == total, word
            if total <= 5:  # all shown: the same pages (the order may differ)
                assert sorted(again[1]) == sorted(links), word
        context.close()
