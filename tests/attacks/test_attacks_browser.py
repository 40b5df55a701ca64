"""The attacked pages in Chromium: no dialog, no request off the origin, no script error.

Every page of the attacked build (gate off, so the pages exist) is loaded and
every link is hovered, which also runs the reader's preview script over the
injected values.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(html_site: Path) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing")
    with serve(html_site) as url:
        yield url


def test_attacked_pages_do_nothing_in_a_browser(html_site: Path, served: str, browser: Any) -> None:
    pages = sorted(p.relative_to(html_site).as_posix() for p in html_site.rglob("*.html"))
    pages = [
        p for p in pages if p.startswith("corpus/") or p in ("glossary.html", "bibliography.html")
    ]
    dialogs: list[str] = []
    off_site: list[str] = []
    errors: list[str] = []
    context = browser.new_context(base_url=served)
    try:

        def request(req: Any) -> None:
            if not req.url.startswith(served):
                off_site.append(req.url)

        context.on("request", request)
        context.route(lambda url: not url.startswith(served), lambda route: route.abort())
        tab = context.new_page()
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.on("pageerror", lambda e: errors.append(str(e)))
        for page in pages:
            tab.goto(page, wait_until="load")
            for link in tab.locator("article a").all()[:40]:
                if link.is_visible():
                    link.hover(force=True, timeout=2000)  # a preview may cover the next link
            tab.wait_for_timeout(50)
            assert tab.url.startswith(served + page), (page, tab.url)  # no refresh elsewhere
    finally:
        context.close()
    assert len(pages) > 60
    assert dialogs == [] and off_site == [] and errors == []
