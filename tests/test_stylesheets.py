"""Only pages that show code link the code-highlighting stylesheet."""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.utils import new_document

from sourcebook.sphinxext.stylesheets import shows_code

LINK = re.compile(r'<link[^>]+href="[^"]*pygments\.css')


def _links_highlight_css(page: Path) -> bool:
    return LINK.search(page.read_text(encoding="utf-8")) is not None


def test_pages_without_code_leave_the_stylesheet_out(built_site: Path) -> None:
    assert not _links_highlight_css(built_site / "search.html")
    assert not _links_highlight_css(built_site / "about.html")


def test_a_page_with_a_code_block_keeps_it(built_site: Path) -> None:
    with_code = [
        page
        for page in sorted((built_site / "corpus").glob("*.html"))
        if 'class="highlight' in page.read_text(encoding="utf-8")
    ]
    assert with_code, "the constructed corpus has pages with a BibTeX block"
    assert all(_links_highlight_css(page) for page in with_code)


def test_shows_code_looks_for_literal_blocks() -> None:
    document = new_document("<test>")
    assert not shows_code(None)
    assert not shows_code(document)
    document += nodes.paragraph(text="prose")
    assert not shows_code(document)
    document += nodes.literal_block(text="@book{x}")
    assert shows_code(document)
