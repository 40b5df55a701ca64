"""Property: whatever the text, its escaped form is read by MyST as that text and nothing else.

Hypothesis draws strings heavy in the characters that start Markdown and MyST
syntax; MyST's own parser (HTML enabled, so escaping must hold without the
project's ``myst_disable_syntax``) must find no role, directive, HTML, link,
image, target, footnote or math, and the text it renders must be the input.
"""

from __future__ import annotations

import html
import re

import pytest

from sourcebook.render.escape import escape, one_line

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from markdown_it.renderer import RendererHTML  # noqa: E402
from myst_parser.config.main import MdParserConfig  # noqa: E402
from myst_parser.parsers.mdit import create_md_parser  # noqa: E402

PARSER = create_md_parser(MdParserConfig(), RendererHTML)
#: Markdown, MyST, HTML and TeX punctuation, digits, letters, spaces and line breaks
PIECES = [*"`*_{}[]<>#|~$&\\!()-+=:%.^\"'/ ;@0123456789ax\n\r\t", "```", "{download}", "    "]
MARKUP = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
#: token types plain text may produce (block quotes, lists and headings cannot appear)
TEXT_TOKENS = {
    "paragraph_open",
    "paragraph_close",
    "inline",
    "text",
    "softbreak",
    "hardbreak",
}


def token_types(source: str) -> set[str]:
    found: set[str] = set()
    stack = list(PARSER.parse(source))
    while stack:
        token = stack.pop()
        found.add(token.type)
        stack.extend(token.children or [])
    return found


def shown_text(source: str) -> str:
    rendered = PARSER.render(source)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


@settings(max_examples=400, deadline=None)
@given(MARKUP)
def test_escaped_text_is_only_text(text: str) -> None:
    # escaped text always follows other text on its line (callers strip a run that
    # opens a line), so it is read after a letter
    escaped = "x" + escape(text)
    assert token_types(escaped) <= TEXT_TOKENS, (text, escaped)
    assert shown_text(escaped) == " ".join(("x" + text).split())


@settings(max_examples=200, deadline=None)
@given(MARKUP)
def test_one_line_stays_in_one_paragraph(text: str) -> None:
    escaped = one_line(text)
    assert "\n" not in escaped
    assert token_types("# " + escaped) <= TEXT_TOKENS | {"heading_open", "heading_close"}
