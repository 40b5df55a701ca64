"""The reader in a real browser: navigation, previews, search, claims, no console errors."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.browser.conftest import ARTIFACTS
from tests.conftest import CORPUS

pytestmark = pytest.mark.browser

ESSAY = "corpus/crane-essay.html"


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_every_document_is_reachable_through_its_collection(page: Any) -> None:
    """Home -> "The documents" -> a collection page -> the document, for every document."""
    slugs = {path.parent.name for path in (CORPUS / "seeds").glob("*/document.toml")}
    page.goto("index.html")
    page.get_by_role("link", name="The documents").first.click()
    page.wait_for_url("**/corpus/index.html")
    shot(page, "home")
    hrefs = page.locator("article a[href*='collection-']").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert hrefs, "the corpus index links no collection"
    reached: set[str] = set()
    for href in dict.fromkeys(hrefs):
        page.goto(href)
        linked = page.locator("article a[href$='.html']").evaluate_all(
            "links => links.map(a => a.pathname.split('/').pop().replace(/\\.html$/, ''))"
        )
        reached.update(linked)
    assert slugs <= reached, sorted(slugs - reached)


def test_follow_footnote_and_come_back(page: Any) -> None:
    page.goto(ESSAY)
    ref = page.locator("a.footnote-reference").first
    href = ref.get_attribute("href")
    ref.click()
    page.wait_for_url(re.compile(f"{re.escape(href)}$"))
    target = page.locator(f"[id='{href[1:]}']")
    assert target.is_visible()
    backref = target.locator("a[role='doc-backlink'], .backrefs a").first
    backref.click()
    assert page.locator(f"a.footnote-reference[href='{href}']").first.is_visible()
    page.go_back()
    page.go_back()
    assert page.url.endswith(ESSAY)


@pytest.mark.parametrize(
    ("where", "selector", "expected"),
    [
        (ESSAY, "a.footnote-reference", r"\w"),
        (ESSAY, ".bibtex-citation a.reference", "Harbour|Ashe|Lane"),
        ("corpus/harbour-wikipedia.html", "a.reference.internal:has(span.std-term)", r"\."),
        ("corpus/harbour-wikipedia.html", "sup.sourcebook-flag a", r"\w"),
    ],
    ids=["footnote", "citation", "glossary-term", "claim-flag"],
)
def test_preview_on_hover_and_focus(page: Any, where: str, selector: str, expected: str) -> None:
    page.goto(where)
    links = page.locator(selector)
    # hover a link on one line: a wrapped link's centre is outside it
    link = next(
        links.nth(i) for i in range(links.count()) if links.nth(i).bounding_box()["height"] < 30
    )
    link.hover()
    tip = page.locator("#sourcebook-preview[role='dialog']")
    tip.wait_for(state="visible")
    assert re.search(expected, tip.inner_text())
    assert link.get_attribute("aria-describedby") == "sourcebook-preview-body"
    shot(page, f"preview-{selector.split()[0].strip('.').replace('.', '-')[:24]}")
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    page.mouse.move(0, 0)
    link.focus()  # keyboard users get the same preview
    tip.wait_for(state="visible")
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")


def test_search_finds_saltmarsh_in_both_documents(page: Any) -> None:
    page.goto("search.html?q=Saltmarsh")
    results = page.locator(".sourcebook-search-results li a")
    results.first.wait_for()
    more = page.locator("form.sourcebook-search button.sourcebook-search-more")  # ten at a time
    while more.is_visible():
        count = results.count()
        more.click()
        page.wait_for_function(
            f"document.querySelectorAll('.sourcebook-search-results li a').length > {count}"
        )
    hrefs = " ".join(results.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    assert "harbour-wikipedia" in hrefs and "crane-essay" in hrefs
    shot(page, "search-saltmarsh")


def test_claims_page_links_to_the_sentence(page: Any) -> None:
    page.goto("claims.html")
    link = page.locator("article a[href*='corpus/'][href*='#claim-']").first
    href = link.get_attribute("href")
    link.click()
    anchor = href.split("#", 1)[1]
    page.wait_for_url(re.compile(f"#{re.escape(anchor)}$"))
    # the anchor is an empty mark at the start of the claim's sentence
    target = page.locator(f"p:has([id='{anchor}'])")
    target.wait_for(state="visible")
    assert target.inner_text().strip()
    start = page.locator(f"[id='{anchor}']")
    assert start.evaluate("e => e.getBoundingClientRect().top < window.innerHeight")
    shot(page, "claim-target")


def test_glossary_and_shared_quotation(page: Any) -> None:
    page.goto("glossary.html")
    entry = page.locator("dt[id^='term-Saltmarsh'] + dd")
    assert "harbour-wikipedia" in entry.inner_html() and "crane-essay" in entry.inner_html()
    page.goto("corpus/tidewater-article.html")
    page.get_by_role("link", name="the passage there").click()
    page.wait_for_url("**/crane-essay.html#*")
    page.get_by_text("Also quoted in").wait_for(state="visible")
