"""A remembered "About this document" is open from the first paint: nothing below it moves.

The reader's choice is kept in localStorage; the deferred ``sourcebook.js``
used to open the box after the page was painted, a layout shift of about
0.16 (Lighthouse's CLS) on the blog page.  The head's inline script opens
it while the page is parsed.  Measured with the browser's own layout-shift
entries, on every document page, desktop and phone.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser.conftest import _local_context, _open_tab

pytestmark = pytest.mark.browser

DOCUMENTS = [
    "corpus/harbour-wikipedia.html",
    "corpus/crane-essay.html",
    "corpus/dockside-blog.html",
    "corpus/tidewater-article.html",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
#: the sum of the page's layout shifts (the buffered entries since navigation)
LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) { if (!entry.hadRecentInput) total += entry.value; }
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(total), 300);
})"""
OPEN = "document.querySelector('details.sourcebook-about').open"


def _tab(browser: object, base_url: str, viewport: str, remembered: str | None) -> Any:
    context = _local_context(browser, base_url, viewport=VIEWPORTS[viewport])
    if remembered is not None:  # the reader's earlier choice, set once, kept across pages
        context.add_init_script(
            "if (localStorage.getItem('sourcebook:about-open') === null)"
            f" localStorage.setItem('sourcebook:about-open', '{remembered}')"
        )
    return context, _open_tab(context)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_remembered_open_box_does_not_shift_the_text(
    browser: object, base_url: str, viewport: str
) -> None:
    context, tab = _tab(browser, base_url, viewport, "1")
    try:
        for where in DOCUMENTS:
            tab.goto(where)
            tab.wait_for_load_state("load")
            assert tab.evaluate(OPEN), where
            shift = tab.evaluate(LAYOUT_SHIFT)
            assert shift < 0.01, f"{where} [{viewport}]: layout shift {shift:.3f}"
        assert tab.errors == [], tab.errors
    finally:
        context.close()


def test_the_box_opens_without_the_deferred_script(browser: object, base_url: str) -> None:
    """The head opens it, not ``sourcebook.js`` (blocked here), which runs after parsing."""
    context, tab = _tab(browser, base_url, "desktop", "1")
    context.route("**/sourcebook.js*", lambda route: route.abort())
    try:
        tab.goto(DOCUMENTS[2])
        assert tab.evaluate(OPEN) is True
    finally:
        context.close()


@pytest.mark.parametrize("remembered", [None, "0"])
def test_the_box_stays_folded_unless_the_reader_opened_it(
    browser: object, base_url: str, remembered: str | None
) -> None:
    context, tab = _tab(browser, base_url, "desktop", remembered)
    try:
        tab.goto(DOCUMENTS[0])
        tab.wait_for_load_state("load")
        assert tab.evaluate(OPEN) is False
        tab.locator("details.sourcebook-about > summary").click()
        tab.goto(DOCUMENTS[1])  # the choice carries to the next page, open from the start
        assert tab.evaluate(OPEN) is True
        assert tab.evaluate(LAYOUT_SHIFT) < 0.01
    finally:
        context.close()
