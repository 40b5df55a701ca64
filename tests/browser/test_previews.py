"""Previews in a real browser: what they show, where, and how mouse, keyboard and touch use them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

WIKI = "corpus/harbour-wikipedia.html"
ESSAY = "corpus/crane-essay.html"
GLOSSARY_LINK = "a.reference.internal[href*='glossary.html#term-']"
PREVIEW = "#sourcebook-preview"
DESCRIBED = "[aria-describedby='sourcebook-preview-body']"


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def one_line(page: Any, selector: str) -> Any:
    """The first link of ``selector`` on one line (a wrapped link's centre is outside it)."""
    links = page.locator(selector)
    return next(
        links.nth(i) for i in range(links.count()) if links.nth(i).bounding_box()["height"] < 40
    )


def opened(page: Any) -> Any:
    dialog = page.get_by_role("dialog")
    dialog.wait_for(state="visible")
    dialog.evaluate("e => Promise.all(e.getAnimations().map(a => a.finished))")  # settled
    return dialog


def test_glossary_entry_with_alias_shows_its_definition(page: Any) -> None:
    page.goto(WIKI)
    page.locator("a[href$='#term-Harbour-Workers-Circle']").first.hover()
    dialog = opened(page)
    assert dialog.get_attribute("aria-labelledby")
    text = dialog.inner_text()
    assert text.startswith("Glossary entry")
    assert re.search(r"\balso:? (the circle|HWC)\b", text, re.IGNORECASE)  # an alias, named
    assert "dock workers" in text  # the definition, not only the two names


@pytest.mark.parametrize(
    ("where", "selector", "header"),
    [
        (WIKI, "a.footnote-reference", r"^Note 1\b"),
        (WIKI, "sup.sourcebook-flag a", r"^Claim · \w"),
        (ESSAY, ".bibtex-citation a.reference", r"^Source\b"),
    ],
    ids=["note", "claim", "source"],
)
def test_header_says_what_is_shown(page: Any, where: str, selector: str, header: str) -> None:
    page.goto(where)
    link = one_line(page, selector)
    title = link.get_attribute("title")
    link.hover()
    dialog = opened(page)
    assert re.search(header, dialog.locator(".sourcebook-preview-title").inner_text())
    body = dialog.locator(".sourcebook-preview-body")
    assert body.inner_text().strip()
    # no furniture: labels, back-links, the editors' research notes
    assert body.locator(".label, [role='doc-backlink'], details").count() == 0
    assert link.get_attribute("title") is None  # no browser tooltip over the preview
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert link.get_attribute("title") == title  # given back


def test_pointer_moves_in_and_follows_a_link_from_another_page(page: Any, base_url: str) -> None:
    page.goto(WIKI)
    one_line(page, GLOSSARY_LINK).hover()
    dialog = opened(page)
    # a link to another document (glossary.html says corpus/x.html; resolved from
    # corpus/harbour-wikipedia… it would be corpus/corpus/x.html, a 404)
    inner = dialog.locator(
        ".sourcebook-preview-body a[href*='corpus/']:not([href*='harbour-wikipedia'])"
    ).first
    href = inner.get_attribute("href")
    assert href.startswith(f"{base_url}corpus/") and "corpus/corpus/" not in href
    shot(page, "preview-desktop-glossary")
    box = inner.bounding_box()
    page.mouse.move(box["x"] + 4, box["y"] + box["height"] / 2, steps=8)  # across the gap
    page.wait_for_timeout(400)  # longer than the hide delay
    assert dialog.is_visible()
    with page.expect_response(lambda r: r.url == href.split("#")[0]) as response:
        inner.click()
    assert response.value.status == 200
    page.wait_for_url(href)


def test_flips_above_near_the_bottom_and_stays_inside(page: Any) -> None:
    page.goto(WIKI)
    # room to scroll the reference to the bottom of the window, however short the page
    page.evaluate("document.body.style.padding = '1200px 0'")
    ref = page.locator("a.footnote-reference").nth(1)
    ref.evaluate(
        "e => window.scrollBy(0, e.getBoundingClientRect().bottom - window.innerHeight + 12)"
    )
    ref.hover()
    dialog = opened(page)
    link, tip = ref.bounding_box(), dialog.bounding_box()
    assert dialog.get_attribute("data-side") == "above"
    assert tip["y"] + tip["height"] <= link["y"] + 1
    assert tip["y"] >= 0 and tip["x"] >= 0 and tip["x"] + tip["width"] <= 1280
    shot(page, "preview-desktop-flipped")


def test_keyboard_enters_and_escape_returns_focus(page: Any) -> None:
    page.goto(WIKI)
    ref = page.locator("a.footnote-reference").first
    page.keyboard.press("Shift")  # keyboard modality: the focus below is :focus-visible
    ref.focus()
    dialog = opened(page)
    assert ref.get_attribute("aria-describedby") == "sourcebook-preview-body"
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.querySelector('{PREVIEW}').contains(document.activeElement)")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert ref.evaluate("e => e === document.activeElement")
    assert page.locator(DESCRIBED).count() == 0


def test_one_described_link_at_a_time(page: Any) -> None:
    page.goto(WIKI)
    refs = page.locator("a.footnote-reference")
    for i in range(3):
        refs.nth(i).hover()
        opened(page)
        page.wait_for_function(
            f'document.querySelectorAll("{DESCRIBED}").length === 1'
            f" && document.querySelectorAll('a.footnote-reference')[{i}]"
            ".getAttribute('aria-describedby') !== null"
        )
    page.mouse.move(5, 5)
    page.get_by_role("dialog").wait_for(state="hidden")
    assert page.locator(DESCRIBED).count() == 0


def test_back_jump_does_not_reopen(page: Any) -> None:
    page.goto(WIKI)
    ref = one_line(page, "a.footnote-reference")
    ref.click()
    page.wait_for_url(f"**{ref.get_attribute('href')}")
    page.locator(f"[id='{ref.get_attribute('href')[1:]}'] a[role='doc-backlink']").click()
    # the browser re-hovers whatever the jump put under the still pointer
    for kind in ("pointerover", "mouseover"):
        ref.dispatch_event(kind, {"pointerType": "mouse", "bubbles": True})
    page.wait_for_timeout(400)
    assert page.locator(PREVIEW).is_hidden() or page.locator(PREVIEW).count() == 0
    assert page.locator(DESCRIBED).count() == 0


def test_touch_first_tap_previews_second_follows(phone: Any) -> None:
    phone.goto(WIKI)
    ref = phone.locator("a.footnote-reference").first
    ref.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().top - 200)")
    ref.tap()
    dialog = opened(phone)
    assert phone.url.endswith(WIKI)  # previewed, not followed
    sheet = dialog.bounding_box()
    assert sheet["x"] == 0 and sheet["width"] == 390
    assert abs(sheet["y"] + sheet["height"] - 844) < 1  # a bottom sheet
    shot(phone, "preview-phone-sheet")
    ref.tap()
    phone.wait_for_url(f"**{ref.get_attribute('href')}")
    assert dialog.is_hidden()


def test_touch_link_inside_the_sheet(phone: Any, base_url: str) -> None:
    phone.goto(WIKI)
    term = one_line(phone, GLOSSARY_LINK)
    term.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().top - 150)")
    term.tap()
    dialog = opened(phone)
    dialog.locator(".sourcebook-preview-close").tap()
    dialog.wait_for(state="hidden")
    term.tap()
    inner = opened(phone).locator(".sourcebook-preview-body a[href*='corpus/']").first
    href = inner.get_attribute("href")
    inner.tap()
    phone.wait_for_url(href)


@pytest.mark.parametrize("where", [WIKI, ESSAY])
def test_tap_targets_are_24px_and_text_does_not_move(phone: Any, where: str) -> None:
    phone.goto(where)
    sizes = phone.locator(
        "a.footnote-reference, sup.sourcebook-flag a, .bibtex-citation a.reference"
    ).evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [e.textContent, r.width, r.height]; })"
    )
    assert sizes
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert small == [], small
    layout = "() => [...document.querySelectorAll('article p')].map(p => p.offsetHeight).join()"
    before = phone.evaluate(layout)
    phone.add_style_tag(
        content="a.footnote-reference, sup.sourcebook-flag a, .bibtex-citation a.reference"
        " { padding: 0 !important; margin: 0 !important; }"
    )
    assert phone.evaluate(layout) == before


def test_reduced_motion_and_dark_mode(page: Any) -> None:
    page.emulate_media(reduced_motion="reduce", color_scheme="dark")
    page.goto(WIKI)
    page.evaluate("document.body.dataset.theme = 'dark'")
    one_line(page, "a.footnote-reference").hover()
    dialog = opened(page)
    assert dialog.evaluate("e => getComputedStyle(e).animationName") == "none"
    colours = dialog.evaluate(
        "e => [e, document.body].map(n => getComputedStyle(n).backgroundColor)"
    )
    assert colours[0] == colours[1]  # the page's own (dark) background
    shot(page, "preview-desktop-dark")
