"""The manual's pages carry what Lighthouse asks of every page: an icon and a description.

Without an icon the browser asks for /favicon.ico, a 404 logged as a console
error (best practices); without a meta description the page loses SEO points.
"""

from __future__ import annotations

import re
from pathlib import Path


def test_every_manual_page_has_an_icon_that_exists_and_a_description(built_manual: Path) -> None:
    pages = sorted(built_manual.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        icon = re.search(r'<link rel="(?:shortcut )?icon" href="([^"]+)"', html)
        assert icon, page.name
        assert (page.parent / icon.group(1)).is_file(), (page.name, icon.group(1))
        described = re.findall(r'<meta name="description" content="([^"]+)" />', html)
        assert len(described) == 1 and len(described[0]) > 50, page.name


def test_a_page_description_names_the_page(built_manual: Path) -> None:
    html = (built_manual / "checker.html").read_text(encoding="utf-8")
    title = re.search(r"<h1>(.*?)<a", html)
    assert title is not None
    assert f'content="{title.group(1)}, in the' in html
