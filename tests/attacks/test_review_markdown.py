"""The maintainers' review renders contributor text as text (issue 21, A22/A23).

Every payload of the attack catalogue, in every channel of the attacked
project (bibliography titles, URLs and keys, manifest and apparatus fields,
seed text, diagnostics quoting them), goes through the real review
(``compare_reports`` + ``render_markdown``, what ``nox -s review`` writes to
CI's job summary).  The Markdown is rendered with CommonMark (markdown-it-py),
also with GitHub's bare-URL autolinks (linkify): no link, image or HTML of a
payload may come out, only the review's own markup.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sourcebook.check.mdtext import code
from sourcebook.check.review import compare_reports, render_markdown
from sourcebook.check.run import RatchetOptions, run_check
from tests.attacks.project import injections
from tests.sphinxroots import copy_root

RENDERERS = {
    "commonmark": MarkdownIt("commonmark"),
    "gfm-like": MarkdownIt("gfm-like"),  # tables, strikethrough and bare-URL autolinks
}
#: the only tags the review's own Markdown makes
OWN_TAGS = {"h2", "p", "strong", "ul", "li", "code", "em"}
TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")


def tags(html: str) -> set[str]:
    return {m.group(1).lower() for m in TAG.finditer(html)}


@pytest.fixture(scope="module")
def review_text(attacked: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    base_root = copy_root("tiny", tmp_path_factory.mktemp("base"))
    base = run_check(base_root, options=RatchetOptions())
    head = run_check(attacked, options=RatchetOptions())
    return render_markdown(compare_reports(base, head), base, head, "main`![x](https://e.example)")


def test_the_review_carries_the_payloads(review_text: str) -> None:
    """Not vacuous: the payloads are in the review (as code), diagnostics and sources alike."""
    assert "**New diagnostics" in review_text and "**Sources added" in review_text
    found = [i.id for i in injections() if code(i.payload.strip())[1:-1].strip("` ") in review_text]
    assert len(found) >= len(injections()) // 2, found


@pytest.mark.parametrize("renderer", RENDERERS)
def test_no_link_image_or_html_from_a_payload(review_text: str, renderer: str) -> None:
    html = RENDERERS[renderer].render(review_text)
    assert tags(html) <= OWN_TAGS, sorted(tags(html) - OWN_TAGS)
    assert "<a " not in html and "<img" not in html and "evil.example" in html


@given(st.text(max_size=200))
def test_any_text_is_one_code_span_showing_that_text(text: str) -> None:
    for renderer in RENDERERS.values():
        html = renderer.render(f"- {code(text)} — checked\n")
        assert tags(html) == {"ul", "li", "code"}, html
        assert html.count("<code>") == 1
