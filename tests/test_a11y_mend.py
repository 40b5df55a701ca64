"""The page mends for the writers' two accessibility faults (see sphinxext/a11y.py)."""

from __future__ import annotations

from typing import Any

from sourcebook.sphinxext.a11y import mend, on_html_page_context

CAPTION = '<p class="caption" role="heading"><span class="caption-text">Documents</span></p>'


def test_caption_gets_a_level_and_citation_list_loses_its_false_role() -> None:
    html = CAPTION + '<div role="list" class="citation-list"><div role="doc-biblioentry">'
    fixed = mend(html)
    assert '<p class="caption" role="heading" aria-level="2">' in fixed
    assert '<div role="list" class="citation-list"><div role="listitem">' in fixed
    assert mend(fixed) == fixed  # idempotent


def test_other_markup_is_left_alone() -> None:
    html = '<p class="caption">x</p><div role="doc-noteref">y</div><h2 role="heading">z</h2>'
    assert mend(html) == html


def test_page_context_mends_body_and_the_sidebar_toctree() -> None:
    context: dict[str, Any] = {"body": CAPTION, "toctree": lambda **kw: CAPTION + str(kw)}
    on_html_page_context(None, "index", "page.html", context, None)  # type: ignore[arg-type]
    assert 'aria-level="2"' in context["body"]
    sidebar = context["toctree"](collapse=False)
    assert 'aria-level="2"' in sidebar and "'collapse': False" in sidebar
