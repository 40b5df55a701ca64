"""Traces of a printed export and of a page's toolbars, in the finished page.

Three traces no rule of a site's vocabulary needs to know the site for:

* **one paragraph holding the text**: a paragraph of at least ``long_lines`` seed
  lines and ``long_words`` words holding most of the body's words, its lines
  broken mid-sentence: a text whose blank lines were lost (a PDF or print export,
  a mail archive), with its headings and paragraphs run together;
* **units run together as one paragraph**: a paragraph whose seed lines are not a
  wrap of running text, because among lines of whole sentences (``whole_words``
  words or more, ending a sentence) stand short lines with no punctuation at all,
  under half the paragraph's widest line, before a line opening with a capital
  (headings, a site's head, a notes heading, a sidebar's stubs): a text whose blank
  lines were lost where each line was a unit (paragraphs one a line) and no rule
  read it so;
* **a toolbar kept as text**: a heading or a short paragraph whose every word is a
  page action ("View Edit History Print", "Share / copy link / email"), from
  ``[audit_export] actions`` in ``layout.toml``.

Each is a located SB608 naming the structure hint that overrides it.
"""

from __future__ import annotations

import functools
import itertools
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
    stub_words: int
    whole_words: int


@functools.cache
def _forms() -> _Forms:
    data = layout_table("audit_export")
    return _Forms(
        int(data["long_lines"]),
        int(data["long_words"]),
        float(data["share"]),
        int(data["bar_words"]),
        frozenset(word.casefold() for word in data["actions"]),
        int(data["stub_words"]),
        int(data["whole_words"]),
    )


def export_findings(page: Page) -> Iterator[Finding]:
    """The three traces, in the body's order."""
    yield from _one_block(page)
    yield from _units_joined(page)
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


#: a line that ends in a letter or a digit: no punctuation at all
_BARE_END = re.compile(r"[^\W_]$")
#: a line opening a unit of its own: a capital, a digit or an opening quotation mark
_UNIT_START = re.compile(r"[\d“‘\"'(]|[^\W\d_]")
#: a sentence end, perhaps carrying a glued note mark ("slips.1", "others.*")
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?:\d{1,3}|[*†‡])?$")


def _units_joined(page: Page) -> Iterator[Finding]:
    """A paragraph whose lines are units of their own, not a wrap (one finding each)."""
    forms = _forms()
    for paragraph in _body_paragraphs(page):
        raw = page.raw(paragraph)
        if len(raw) < 3 or paragraph.line in page.keep:
            continue
        stubs = _stubs(raw, forms.stub_words)
        whole = sum(
            len(line.split()) >= forms.whole_words and bool(SENTENCE_END.search(line))
            for line in raw[:-1]
        )
        if not stubs or not whole:
            continue
        last = paragraph.line + len(raw) - 1
        named = ", ".join(str(paragraph.line + i) for i in stubs[:6])
        # at its first short line: the paragraph's own line often carries a trace of
        # the page's head already, and one trace per line speaks
        yield Finding(
            paragraph.line + stubs[0],
            f"lines {paragraph.line}-{last} are read as one paragraph, but they are not a"
            f" wrap of running text: {len(stubs)} short lines with no punctuation"
            f" ({quote(raw[stubs[0]])}) stand between lines of whole sentences: headings,"
            " a site's head or furniture run together with the text? list the short lines"
            f" ({named}) in the structure hint 'headings' or 'remove' (or the paragraph's"
            " first line in 'keep' if it is one paragraph)",
        )


def _stubs(raw: list[str], stub_words: int) -> list[int]:
    """Offsets of the short bare lines before a unit's opening, under half the widest."""
    widest = max(len(line) for line in raw)
    out: list[int] = []
    for offset, (line, following) in enumerate(itertools.pairwise(raw)):
        if len(line.split()) > stub_words or len(line) * 2 > widest:
            continue
        if _BARE_END.search(line) and _UNIT_START.match(following) and not following[:1].islower():
            out.append(offset)
    return out


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


__all__ = ["SENTENCE_END", "export_findings"]
