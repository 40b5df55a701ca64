"""The finished page against the text's own line statistics.

The other audits each look for one trace of a layout the rules did not know.
These compare the outline with what the text itself measures, whatever the site:
which seed lines read as running text (long, mostly sentence-shaped, dense in
function words) and what the page made of them.  A wrong page on a layout
nobody described disagrees with its own text somewhere:

* lines ending no sentence (a menu's, a byline's, a footer's) kept as paragraphs
  above the body's first block of running text or below its last, in a body with
  a run of prose to measure against (:func:`body_edges`);
* more headings than the body has blocks of text under them
  (:func:`heading_heavy`).

Each is one located SB608 finding naming the structure hint that overrides it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sourcebook.model import Block, BlockQuote, Heading, ListBlock, Paragraph, Table
from sourcebook.parse.auditpage import Finding, Page, text_of
from sourcebook.parse.auditprose import function_share

#: a seed line reads as running text with at least this many words ...
PROSE_WORDS = 12
#: ... of which at least this share are function words ("the", "of", "was" …)
PROSE_SHARE = 0.25
#: the page has too many headings when it has at least this many ...
HEADINGS_MIN = 6
#: ... and more than this many headings per block of text in the body
HEADINGS_PER_BLOCK = 1.0
#: a body edge is reported when this many seed lines of its paragraphs are no running text
EDGE_LINES = 2
#: ... in a body holding at least this many blocks of running text
EDGE_RUNNING = 3

#: a line ending a sentence or a clause (a lead-in's colon)
_ENDED = re.compile(r"[.!?…:;][\"”’')\]]*$")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?:\[[^\]]{0,40}\])*$")


def is_prose(line: str) -> bool:
    """A seed line of running text: long, and dense in function words.

    >>> is_prose("The ferry carried cars across the river until the bridge opened in 1961.")
    True
    >>> is_prose("Home News Sport Weather Culture Travel Opinion Podcasts Newsletters Shop More")
    False
    """
    return len(line.split()) >= PROSE_WORDS and function_share(line) >= PROSE_SHARE


def heading_heavy(page: Page) -> Iterator[Finding]:
    """More top-level headings than blocks of text between them."""
    blocks = page.document.blocks
    headings = [b for b in blocks if isinstance(b, Heading) and b.line not in page.keep]
    text = [b for b in blocks if isinstance(b, Paragraph | ListBlock | Table | BlockQuote)]
    if len(headings) < HEADINGS_MIN or len(headings) <= HEADINGS_PER_BLOCK * len(text):
        return
    first = headings[0]
    yield Finding(
        first.line,
        f"the page has {len(headings)} headings and {len(text)} blocks of text: lines"
        f" read as headings that are a menu, a list or the text's own lines? name the"
        " real ones in the structure hint 'headings' (from line"
        f" {first.line}) or list the others in 'remove'",
    )


def _running(text: str) -> bool:
    """A block's text reads as running text: long, dense in function words, ending a
    sentence."""
    return is_prose(text) and bool(_SENTENCE_END.search(text))


def _text_blocks(page: Page) -> list[Block]:
    """The body's top-level blocks of text (no headings, epigraphs or infoboxes)."""
    return [
        b
        for b in page.document.blocks
        if isinstance(b, Paragraph | ListBlock | BlockQuote)
        or (isinstance(b, Table) and b.role != "infobox")
    ]


def _texts(block: Block) -> list[str]:
    """The texts of a block's paragraphs (a list's items, a quotation's paragraphs)."""
    if isinstance(block, Paragraph):
        return [text_of(block)]
    if isinstance(block, ListBlock):
        return [text_of(item) for item in block.items]
    if isinstance(block, BlockQuote):
        return [text_of(paragraph) for paragraph in block.paragraphs]
    return []


def _lines(page: Page, block: Block) -> int:
    return len(page.raw(block)) if isinstance(block, Paragraph) else 1


def _unended(page: Page, blocks: list[Paragraph]) -> int:
    """How many seed lines of *blocks* end no sentence (a menu's, a footer's lines)."""
    return sum(not _ENDED.search(line) for b in blocks for line in page.raw(b))


def body_edges(page: Page) -> Iterator[Finding]:
    """Paragraphs that are not running text kept above the body's first paragraph of
    running text, or below its last one: the body's edges where the text's own run of
    prose does not reach."""
    blocks = _text_blocks(page)
    running = [i for i, b in enumerate(blocks) if any(_running(t) for t in _texts(b))]
    if len(running) < EDGE_RUNNING:
        return
    head = [b for b in blocks[: running[0]] if isinstance(b, Paragraph) and not page.trusted(b)]
    if _unended(page, head) >= EDGE_LINES:
        first = blocks[running[0]]
        yield Finding(
            first.line,
            f"the text's first paragraph of running text starts at line {first.line}, but"
            f" the body opens at line {head[0].line} with {len(head)} paragraph(s) that are"
            f" no running text: set 'body_start' to {first.line} in the structure hints"
            f" (or list lines {head[0].line}-{first.line - 1} in 'remove', or in 'keep' if"
            " they are text)",
        )
    last = blocks[running[-1]]
    tail = [b for b in blocks[running[-1] + 1 :] if isinstance(b, Paragraph)]
    tail = [b for b in tail if not page.trusted(b)]
    if _unended(page, tail) >= EDGE_LINES:
        end = last.line + _lines(page, last) - 1
        stop = tail[-1].line + _lines(page, tail[-1]) - 1
        yield Finding(
            end,
            f"the text's last paragraph of running text ends at line {end}, but the body"
            f" runs on to line {stop} with {len(tail)} paragraph(s) that are no running"
            f" text: set 'body_end' to {end} in the structure hints (or list lines"
            f" {end + 1}-{stop} in 'remove', or in 'keep' if they are text)",
        )


def stats_findings(page: Page) -> list[Finding]:
    """Every finding of this module (the audit sorts them)."""
    return [*body_edges(page), *heading_heavy(page)]


__all__ = [
    "body_edges",
    "heading_heavy",
    "is_prose",
    "stats_findings",
]
