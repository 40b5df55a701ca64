"""Traces of a printed export and of a page's toolbars, in the finished page.

Two traces no rule of a site's vocabulary needs to know the site for:

* **one paragraph holding the text**: a paragraph of at least ``long_lines`` seed
  lines and ``long_words`` words holding most of the body's words, its lines
  broken mid-sentence: a text whose blank lines were lost (a PDF or print export,
  a mail archive), with its headings and paragraphs run together;
* **a toolbar kept as text**: a heading or a short paragraph whose every word is a
  page action ("View Edit History Print", "Share / copy link / email"), from
  ``[audit_export] actions`` in ``layout.toml``.

Each is a located SB608 naming the structure hint that overrides it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sourcebook.model import Heading, Paragraph
from sourcebook.parse.auditpage import Finding, Page, quote, text_of
from sourcebook.parse.vocabulary import layout_table

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_ENDS = re.compile(r"[.!?…][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class _Forms:
    long_lines: int
    long_words: int
    share: float
    bar_words: int
    actions: frozenset[str]


@functools.cache
def _forms() -> _Forms:
    data = layout_table("audit_export")
    return _Forms(
        int(data["long_lines"]),
        int(data["long_words"]),
        float(data["share"]),
        int(data["bar_words"]),
        frozenset(word.casefold() for word in data["actions"]),
    )


def export_findings(page: Page) -> Iterator[Finding]:
    """The two traces, in the body's order."""
    yield from _one_block(page)
    yield from _toolbars(page)


def _body_paragraphs(page: Page) -> list[Paragraph]:
    return [b for b in page.document.blocks if isinstance(b, Paragraph)]


def _one_block(page: Page) -> Iterator[Finding]:
    """A paragraph of many lines, broken mid-sentence, holding most of the body."""
    forms = _forms()
    paragraphs = _body_paragraphs(page)
    total = sum(len(text_of(p).split()) for p in paragraphs)
    for paragraph in paragraphs:
        raw = page.raw(paragraph)
        words = len(text_of(paragraph).split())
        if len(raw) < forms.long_lines or words < forms.long_words or words < forms.share * total:
            continue
        mid = sum(not _ENDS.search(line) for line in raw[:-1])
        # a paragraph of sentences a line each is a list or a poem, not a wrap; markers
        # prove the paragraph is text, not that it is one paragraph
        if mid * 2 < len(raw) or paragraph.line in page.keep:
            continue
        last = paragraph.line + len(raw) - 1
        yield Finding(
            paragraph.line,
            f"one paragraph of {len(raw)} lines (lines {paragraph.line}-{last}, {words} words)"
            " holds most of the text and its lines break mid-sentence: a text whose blank"
            " lines were lost (a PDF or print export)? give the text its blank lines back, or"
            " list its headings in the structure hint 'headings'",
        )


def _toolbars(page: Page) -> Iterator[Finding]:
    """A heading or short paragraph made only of page actions."""
    forms = _forms()
    for block in page.document.blocks:
        if isinstance(block, Heading):
            text = block.text
        elif isinstance(block, Paragraph) and not page.trusted(block):
            text = text_of(block)
        else:
            continue
        words = [w.casefold() for w in _WORD.findall(text)]
        if block.line in page.keep or not 2 <= len(words) <= forms.bar_words:
            continue
        if _ENDS.search(text) or not all(w in forms.actions for w in words):
            continue
        if len(words) == 2 and _sentence_case(_WORD.findall(text)):
            continue  # "Print history" is a heading; a bar of two is "Print Email"
        kind = "heading" if isinstance(block, Heading) else "paragraph"
        yield Finding(
            block.line,
            f"a {kind} made only of page actions ({quote(text)}): a toolbar or a share bar"
            f" kept as text? list line {block.line} in the structure hint 'remove' (or in"
            " 'keep' if it is text)",
        )


def _sentence_case(words: list[str]) -> bool:
    """A capital on the first word only: how a heading is written, not a row of
    buttons, each of which is a label of its own ("Print Email", "edit history")."""
    return words[0][:1].isupper() and not any(w[:1].isupper() for w in words[1:])


__all__ = ["export_findings"]
