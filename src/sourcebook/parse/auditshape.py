"""The page's shape: where its text starts and ends, and what the rules removed.

A page from any site has the same shape: chrome, the text, chrome.  The text is
running prose (lines of several words that end a sentence); the chrome around it
is short lines, labels, dates, links in a row.  The rules place the borders line
by line, and when a layout they do not know moves a border, the finished page
shows it at the border itself, whatever the site:

* the body opens with chrome lines before its first line of running text (a
  menu, a byline or a date box kept as text): :func:`body_head`;
* the body closes with blocks holding chrome after its last paragraph of running
  text (related links, a comment widget, a comment thread, a footer kept as
  text): :func:`body_tail`;
* a passage removed as a menu or a footer (short lines by nature) holds a line
  of running text or a dated line (the first paragraph, a byline swallowed):
  :func:`removed_prose`;
* lines split by tabs kept as paragraphs (a table no rule read): :func:`tab_rows`.

Each is one located SB608 finding at the line the contributor should look at,
naming the structure hint that overrides the decision (see
:mod:`sourcebook.parse.audit`).  Thresholds are data: ``[audit_shape]`` in
``parse/layout.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sourcebook.model import (
    Block,
    Comment,
    Heading,
    ListBlock,
    LostHeading,
    Paragraph,
    Truncated,
)
from sourcebook.parse.auditpage import Finding, Page, is_fragment, quote
from sourcebook.parse.audittraces import furniture_reason
from sourcebook.parse.vocabulary import layout_table, vocabulary

#: a line that ends a sentence (closing quotes and brackets may follow the mark, and
#: bracketed note markers: "levels.[2]", "period.[a][7]", "Audley.[citation needed]",
#: or an author-year citation after the full stop, as reference works print them:
#: "… a related species. (Hale and Orme, 2011)")
_SENTENCE_END = re.compile(
    r"[.!?…][\"”’')\]]*(?:\[[^\[\]\s][^\[\]]{0,24}\])*"
    r"(?: \([A-Z][^()]{0,80}\b\d{4}[a-z]?\))?$"
)
#: a line wholly in brackets: an image's placeholder or caption ("[Image: a gauge]")
_PLACEHOLDER = re.compile(r"\[[^\[\]]{3,300}\]|\([^()]{3,300}\)")
#: a row of fields or links: items split by a separator ([audit_parts] in layout.toml)
_ROW = re.compile(layout_table("audit_parts")["separator"])
_ROW_ITEMS = 2
_ROW_ITEM_WORDS = 4
#: a bracketed note marker ("[3]", "[a]")
_MARKER = re.compile(r"\[(?:\d{1,3}|[a-z])\]")
#: a short label standing for a value below it: "Source:", "Journal Reference:"
_LABEL = re.compile(r"[^\W\d][^:]{0,40}:$")


@dataclass(frozen=True, slots=True)
class Shape:
    """The thresholds of ``[audit_shape]`` (documented there)."""

    running_words: int
    label_words: int
    date_line_words: int
    comment_dates: int
    prose_words: int
    short_line_removals: frozenset[str]
    dated_removals: frozenset[str]
    tab_rows: int
    tail_chrome_lines: int
    head_blocks: int


@functools.cache
def shape() -> Shape:
    """The shipped thresholds, read once."""
    data = layout_table("audit_shape")
    return Shape(
        running_words=int(data["running_words"]),
        label_words=int(data["label_words"]),
        date_line_words=int(data["date_line_words"]),
        comment_dates=int(data["comment_dates"]),
        prose_words=int(data["prose_words"]),
        short_line_removals=frozenset(data["short_line_removals"]),
        dated_removals=frozenset(data["dated_removals"]),
        tab_rows=int(data["tab_rows"]),
        tail_chrome_lines=int(data["tail_chrome_lines"]),
        head_blocks=int(data["head_blocks"]),
    )


def has_date(line: str) -> bool:
    """*line* holds a date form of the vocabulary (anywhere in it).

    >>> has_date("posted on March 3, 2024 at 9:15"), has_date("No date here.")
    (True, False)
    """
    return any(pattern.search(line) for pattern in vocabulary().comment_dates)


def is_running(line: str, words: int | None = None) -> bool:
    """A line of running text: several words ending a sentence, and no furniture.

    >>> is_running("The river rose two metres in a single night."), is_running("Share this")
    (True, False)
    >>> is_running("© 2026 Orvel Press. All rights reserved.")
    False
    """
    need = shape().running_words if words is None else words
    return (
        len(line.split()) >= need
        and bool(_SENTENCE_END.search(line))
        and furniture_reason(line) is None
    )


def is_chrome(line: str) -> bool:
    """A line no running text holds: a fragment, a label, furniture or a short dated line.

    >>> [is_chrome(x) for x in ("Related topics", "Source:", "Nov 3, 2026", "It rained.")]
    [True, True, True, False]
    """
    limits = shape()
    words = len(line.split())
    return (
        is_fragment(line)
        or (words <= limits.label_words and bool(_LABEL.match(line)))
        or furniture_reason(line) is not None
        or (words <= limits.date_line_words and not _SENTENCE_END.search(line) and has_date(line))
        or bool(_PLACEHOLDER.fullmatch(line))
        or _row(line)
    )


def _row(line: str) -> bool:
    """A row of short items split alike with no sentence end ("2026-09-21 · 6 min read ·
    repair", "Home | About | Contact"): fields or links, on any site."""
    items = _ROW.split(line)
    return (
        len(items) >= _ROW_ITEMS
        and not _SENTENCE_END.search(line)
        and all(len(item.split()) <= _ROW_ITEM_WORDS for item in items)
    )


def _span(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _text_blocks(page: Page) -> list[Block]:
    """The body's top-level blocks: comments, markers of truncation and lost headings aside."""
    return [b for b in page.document.blocks if not isinstance(b, Comment | Truncated | LostHeading)]


def _last_line(page: Page, block: Block) -> int:
    if isinstance(block, Paragraph):
        return block.line + max(len(page.raw(block)), 1) - 1
    if isinstance(block, ListBlock) and block.items:
        return block.items[-1].line
    return block.line


def _numbered(page: Page, paragraph: Paragraph) -> list[tuple[int, str]]:
    return [(paragraph.line + i, line) for i, line in enumerate(page.raw(paragraph))]


def _first_running(page: Page, blocks: list[Block]) -> int | None:
    """The first line of running text in the paragraphs opening *blocks* after the last
    chrome line of the first (a summary inside a header box is not the text's start),
    and not followed by a block opening with chrome (a disclosure or a caption inside
    an author box is not the text's start either); ``None`` when a list, a table or a
    quotation comes first (the opening is its lead-in)."""
    opening = _numbered(page, blocks[0]) if isinstance(blocks[0], Paragraph) else []
    after = max((n for n, line in opening if is_chrome(line)), default=0)
    found: int | None = None
    first: int | None = None  # the first candidate, if no later one settles
    for block in blocks[: shape().head_blocks]:
        if isinstance(block, Heading):
            continue
        if not isinstance(block, Paragraph):
            return found or first
        numbered = _numbered(page, block)
        if found is not None:
            if not is_chrome(numbered[0][1]):
                return found
            found = None  # chrome again below it: the head runs on
        found = next((n for n, line in numbered if n > after and is_running(line)), found)
        first = first or found
        if found is not None and any(is_chrome(line) for n, line in numbered if n > found):
            found = None
    return found or first


def body_head(page: Page) -> Iterator[Finding]:
    """Chrome lines opening the body before its first line of running text."""
    blocks = _text_blocks(page)
    opening = next((b for b in blocks if not isinstance(b, Heading)), None)
    if not isinstance(opening, Paragraph) or opening.line in page.keep:
        return
    raw = page.raw(opening)
    if not raw or not any(is_chrome(line) for line in raw[:-1] or raw):
        return
    running = _first_running(page, blocks[blocks.index(opening) :])
    if running is None and len(raw) == 1 and _PLACEHOLDER.fullmatch(raw[0]):
        # an image's placeholder opening the body, above a table or a list
        yield Finding(
            opening.line,
            f"the body opens with {quote(raw[0])}, a line wholly in brackets: an image's"
            f" placeholder or caption no rule removed? list line {opening.line} in 'remove'"
            " (or in 'keep' if it is text)",
        )
        return
    if running is None or running in page.keep or running == opening.line:
        return
    # a marker on a line above the running one makes it text (one on the running line
    # does not: an infobox glued to the lead sentence carries the lead's markers)
    above = raw[: running - opening.line]
    if any(_MARKER.search(line) for line in above) and page.trusted(opening):
        return
    start = opening.line
    yield Finding(
        running,
        f"the body opens at line {start} ({quote(raw[0])}) with lines that read as chrome"
        f" before its first line of running text, line {running}: a menu, a byline or a"
        f" date box no rule removed? set 'body_start' to {running} in the structure hints,"
        f" or list {_span(start, running - 1)} in 'remove' (or in 'keep' if they are text)",
    )


def _suspect(page: Page, block: Block) -> bool | None:
    """Whether a closing block reads as chrome; ``None`` for a block that is neither."""
    if isinstance(block, Heading):
        return block.line not in page.keep
    if isinstance(block, Paragraph):
        if page.trusted(block):
            return False
        return any(is_chrome(line) for line in page.raw(block))
    return None


def body_tail(page: Page) -> Iterator[Finding]:
    """Blocks holding chrome after the body's last paragraph of running text."""
    blocks = _text_blocks(page)
    tail: list[Block] = []
    for block in reversed(blocks):
        if not _suspect(page, block):
            break
        tail.append(block)
    tail.reverse()
    chrome = sum(is_chrome(line) for b in tail if isinstance(b, Paragraph) for line in page.raw(b))
    if len(tail) == len(blocks) or not tail:
        return
    end = _last_line(page, blocks[len(blocks) - len(tail) - 1])
    first, last = tail[0].line, _last_line(page, tail[-1])
    dated = [n for n in range(first, last + 1) if has_date(page.lines[n - 1])]
    if chrome < shape().tail_chrome_lines and len(dated) < shape().comment_dates:
        return
    thread = (
        f", {len(dated)} of them dated (a comment thread? set 'comments_start' and"
        " 'comment_header')"
        if len(dated) >= shape().comment_dates
        else ""
    )
    yield Finding(
        end,
        f"the body runs on after its last paragraph of running text (line {end}) into"
        f" {_span(first, last)}, which hold chrome ({quote(page.lines[first - 1].strip())})"
        f"{thread}: related links, a widget or a footer no rule removed? set 'body_end' to"
        f" {end} in the structure hints, or list {_span(first, last)} in 'remove' (or in"
        " 'keep' if they are text)",
    )


def removed_prose(page: Page) -> Iterator[Finding]:
    """A line of running text, or a dated line, removed with a menu or a footer."""
    limits = shape()
    # a date removed with the menu matters when the page found no date elsewhere
    undated = not any(field.name == "date" for field in page.document.metadata)
    for removed in page.document.removed:
        if removed.reason not in limits.short_line_removals:
            continue
        lines = removed.text.split("\n")
        last = removed.line + len(lines) - 1
        found: list[Finding] = []
        for offset, line in enumerate(lines):
            number = removed.line + offset
            if number in page.keep:
                continue
            if is_running(line, limits.prose_words):
                what = "reads as running text"
            elif removed.reason in limits.dated_removals and undated and has_date(line):
                what = "holds a date (a byline or a date line?)"
            else:
                continue
            found.append(
                Finding(
                    number,
                    f"removed as {removed.reason} ({_span(removed.line, last)}), though line"
                    f" {number} {what} ({quote(line.strip())}): list line {number} in the"
                    " structure hint 'keep' if it is the page's own",
                )
            )
        # the first and the last: where the swallowed text starts and where the body does
        yield from found[:1] + found[1:][-1:]


def _cells(line: str) -> int:
    return sum(1 for cell in line.split("\t") if cell.strip())


def tab_rows(page: Page) -> Iterator[Finding]:
    """Runs of lines split by tabs into cells, kept as paragraphs: a table no rule read."""
    rows: list[int] = []
    paragraphs = [b for b in _text_blocks(page) if isinstance(b, Paragraph)]
    numbers = (number for p in paragraphs for number, _ in _numbered(page, p))
    for number in numbers:
        line = page.lines[number - 1]  # the seed's own line: the model's collapse tabs
        if "\t" in line and _cells(line) >= 2 and (not rows or rows[-1] == number - 1):
            rows.append(number)
            continue
        yield from _tab_finding(rows)
        rows = [number] if "\t" in line and _cells(line) >= 2 else []
    yield from _tab_finding(rows)


def _tab_finding(rows: list[int]) -> Iterator[Finding]:
    if len(rows) < shape().tab_rows:
        return
    first, last = rows[0], rows[-1]
    yield Finding(
        first,
        f"{len(rows)} lines split by tabs into cells kept as text ({_span(first, last)}):"
        " a table no rule read (rows a hint kept, or in a comment)? list"
        f" {_span(first, last)} in the structure hint 'remove' if they are chrome (or in"
        " 'keep' to accept them as text)",
    )


def shape_findings(page: Page) -> list[Finding]:
    """Every finding of this module, in no particular order (the audit sorts them)."""
    return [*body_head(page), *body_tail(page), *removed_prose(page), *tab_rows(page)]


__all__ = ["has_date", "is_chrome", "is_running", "shape_findings"]
