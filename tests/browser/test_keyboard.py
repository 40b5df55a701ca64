"""Keyboard and touch: Tab goes from link to link, previews are entered on request.

A preview opens when a link takes keyboard focus, but it is not in the Tab
order: the next Tab goes on to the next link of the text.  ArrowDown enters
the preview, Escape closes it and gives focus back.  The glossary's A–Z
letters are navigation and never preview.  Counted on a page built from the
tiny test root (``tests/roots/test-tiny``) with the reader's theme, and on
every document page of the reader.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import serve
from tests.sphinxroots import build, copy_root

pytestmark = pytest.mark.browser

PREVIEW = "#sourcebook-preview"
FIRST_NOTE = "a.footnote-reference"
DOCUMENTS = [
    "corpus/harbour-wikipedia.html",
    "corpus/crane-essay.html",
    "corpus/dockside-blog.html",
    "corpus/tidewater-article.html",
]
#: what the browser's Tab reaches (visible, not disabled, not tabindex=-1), in document order
_BEFORE_FIRST_NOTE = """(selector) => {
  const note = document.querySelector(selector);
  const focusable = "a[href], button:not([disabled]), input:not([disabled]), select, textarea, "
    + "[tabindex]:not([tabindex='-1']), summary";
  const preview = document.getElementById("sourcebook-preview");
  return [...document.querySelectorAll(focusable)].filter(n =>
    n.getClientRects().length > 0 && !(preview && preview.contains(n)) &&
    (n.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING)).length;
}"""


@pytest.fixture(scope="module")
def tiny_url(tmp_path_factory: pytest.TempPathFactory, html_dir: Path) -> Iterator[str]:
    """The tiny root built with the reader's theme (furo), served on localhost."""
    project = copy_root("tiny", tmp_path_factory.mktemp("keyboard"))
    _, warnings = build(project, confoverrides={"html_theme": "furo"})
    assert "ERROR" not in warnings, warnings
    with serve(project / "docs" / "_build" / "html") as url:
        yield url


def tabs_to_first_note(tab: Any, limit: int = 400) -> tuple[int, int, int]:
    """(Tab presses to reach the first note, tab stops before it, previews seen on the way)."""
    before = int(tab.evaluate(_BEFORE_FIRST_NOTE, FIRST_NOTE))
    previews = 0
    for presses in range(1, limit + 1):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement.matches(s)", FIRST_NOTE):
            return presses, before, previews
        previews += tab.locator(PREVIEW).is_visible()
    raise AssertionError(f"the first note was not reached in {limit} Tabs")


def _open(browser: Any, url: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route(lambda u: not u.startswith(url.split("/corpus")[0]), lambda r: r.abort())
    tab = context.new_page()
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    return tab


def test_tabs_to_the_first_note_of_a_constructed_page(browser: Any, tiny_url: str) -> None:
    tab = _open(browser, tiny_url + "corpus/tiny-wiki.html")
    presses, before, _ = tabs_to_first_note(tab)
    # one Tab per stop before the note, one onto it: none spent inside previews
    assert presses <= before + 1, (presses, before)
    tab.locator(PREVIEW).wait_for(state="visible")  # and the note, focused, previews
    tab.context.close()


def test_tabs_to_the_first_note_of_each_document(
    browser: Any, base_url: str, built_pages: list[str]
) -> None:
    """Every document page of the build: the constructed corpus, or the live one with
    ``SOURCEBOOK_HTML=docs/_build/html pytest -s`` (the counts are printed)."""
    documents = [
        page
        for page in built_pages
        if page.startswith("corpus/")
        and page.rsplit("/", 1)[-1] != "index.html"
        and not page.rsplit("/", 1)[-1].startswith("collection-")
    ]
    assert len(documents) >= len(DOCUMENTS) or os.environ.get("SOURCEBOOK_HTML")
    counted = 0
    for document in documents:
        tab = _open(browser, base_url + document)
        if tab.locator(FIRST_NOTE).count() == 0:
            tab.context.close()
            print(f"{document}: no notes")
            continue
        presses, before, previews = tabs_to_first_note(tab)
        tab.context.close()
        print(
            f"{document}: {presses} Tabs, {before} stops before the first note, {previews} previews"
        )
        assert presses <= before + 1, (document, presses, before)
        counted += 1
    assert counted


def test_arrow_down_enters_the_preview_and_escape_returns(browser: Any, tiny_url: str) -> None:
    tab = _open(browser, tiny_url + "corpus/tiny-wiki.html")
    note = tab.locator(FIRST_NOTE).first
    tab.keyboard.press("Shift")  # keyboard modality: the focus below is :focus-visible
    note.focus()
    preview = tab.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert note.get_attribute("aria-keyshortcuts") == "ArrowDown"
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate(f"document.querySelector('{PREVIEW}').contains(document.activeElement)")
    tab.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    assert note.evaluate("e => e === document.activeElement")
    # Tab from a previewed link goes on in the text, not into the preview
    second = tab.locator(FIRST_NOTE).nth(1)
    second.focus()
    preview.wait_for(state="visible")
    tab.keyboard.press("Tab")
    assert not tab.evaluate(f"document.querySelector('{PREVIEW}').contains(document.activeElement)")
    assert not second.evaluate("e => e === document.activeElement")
    tab.context.close()


def test_a_note_preview_shows_the_full_reference(browser: Any, tiny_url: str) -> None:
    tab = _open(browser, tiny_url + "corpus/tiny-wiki.html")
    third = tab.locator("a.footnote-reference[href='#m-3']")
    third.hover()
    preview = tab.locator(PREVIEW)
    preview.wait_for(state="visible")
    text = preview.inner_text()
    # the tiny root's note 3: "Doe 2004, p. 3." and the bibliography's entry in full
    assert "p. 3" in text and "Crane Drivers Walk Out" in text and "Port Gazette" in text
    assert preview.locator("a[href='https://www.portgazette.co.uk/2004/cranes']").count() == 1
    tab.context.close()


def test_glossary_letters_do_not_preview(browser: Any, tiny_url: str) -> None:
    tab = _open(browser, tiny_url + "glossary.html")
    letters = tab.locator(".sourcebook-jump-list a")
    assert letters.count() >= 1
    tab.keyboard.press("Shift")
    letters.first.focus()
    letters.first.hover()
    tab.wait_for_timeout(400)
    assert not tab.locator(PREVIEW).is_visible()
    tab.context.close()


def test_on_this_page_links_are_24px_targets(browser: Any, base_url: str) -> None:
    tab = _open(browser, base_url + DOCUMENTS[1])
    heights = [
        box["height"]
        for link in tab.locator(".toc-tree a.reference").all()
        if (box := link.bounding_box()) is not None
    ]
    tab.context.close()
    assert heights and min(heights) >= 24, heights
