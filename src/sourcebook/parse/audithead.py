"""The page's head as the finished page shows it: the title, what stands above it,
and headings that are a head's lines.

Every site prints a head above its text (a site name, menus, a title, a byline,
a date) and the rules read it line by line.  When a layout they do not know
defeats them, the finished page shows it whatever the site:

* no title at all, though lines that are not running text stand above the
  text's first sentence (the title is among them): :func:`no_title`;
* blocks of the text standing above the title's own line (a site header, a
  tool menu, a contents box kept as text, since a page's text starts below its
  title): :func:`above_title`;
* a heading that reads as a head's line, not a section's name: a date, a
  byline, a reading time, or two sentences (a photo caption with its credit):
  :func:`head_headings`;
* a heading followed by a bare bullet or a date rather than text (a comment's
  author above its date): :func:`chrome_under_headings`.

Each is one located SB608 finding naming the structure hint that overrides the
decision (see :mod:`sourcebook.parse.audit`).  The forms are data:
``[audit_head]`` in ``parse/layout.toml``.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from sourcebook.model import Comment, Heading, LostHeading, Paragraph, Truncated
from sourcebook.parse.auditpage import Finding, Page, quote
from sourcebook.parse.auditshape import has_date, is_running
from sourcebook.parse.title import title_score
from sourcebook.parse.vocabulary import known_heading, layout_table

#: a title candidate has at most this many words
_TITLE_WORDS = 15
#: the candidate nearest the text wins among those of at least this many words
_TITLE_MIN_WORDS = 4
#: reference markers closing a sentence ("vehicles.[2]")
_MARKERS = re.compile(r"(?:\[\w{1,4}\])+$")
#: a "Label: value" line (a citation box, a journal's history)
_LABELLED = re.compile(r"[^\W\d][\w’' ]{0,25}: ")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")


@functools.cache
def _head_lines() -> tuple[re.Pattern[str], ...]:
    """The head's line forms (``[audit_head] lines``): bylines, reading times, dates."""
    return tuple(re.compile(p) for p in layout_table("audit_head")["lines"])


@functools.cache
def head_forms() -> dict[str, re.Pattern[str]]:
    """The forms of ``[head_shape]``: byline, comment count, menu, personal name."""
    data = layout_table("head_shape")
    return {key: re.compile(str(data[key])) for key in ("byline", "count", "menu", "name")}


def head_line(text: str, *, any_date: bool = True) -> str | None:
    """What *text* is when it is one of a page head's lines, or ``None`` (with
    *any_date*, a short line holding any of the vocabulary's date forms is one).

    >>> head_line("November 2026"), head_line("by Jo Ames"), head_line("The setup")
    ('a date', 'a byline or a reading time', None)
    """
    words = len(text.split())
    if any_date and words <= 8 and has_date(text):
        return "a date"
    for pattern in _head_lines():
        match = pattern.fullmatch(text)
        if match:
            return "a date" if match.lastgroup == "date" else "a byline or a reading time"
    return None


def _first_running(page: Page) -> int | None:
    """The seed's first line of running text (1-based)."""
    return next(
        (
            n
            for n, line in enumerate(page.lines, 1)
            if is_running(_MARKERS.sub("", " ".join(line.split())))
        ),
        None,
    )


def _candidate(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= _TITLE_WORDS
        and not _SENTENCE_END.search(text)
        and not head_forms()["menu"].search(text)
        and not head_forms()["count"].fullmatch(text)
        and head_line(text) is None
    )


def _not_head(text: str) -> bool:
    """A line no page head holds: a sentence, a lead-in, a "Label: value" line."""
    return bool(
        _SENTENCE_END.search(text)
        or text.endswith(":")
        or re.search(r"[.!?] [A-Z]", text)
        or _LABELLED.match(text)
    )


def no_title(page: Page) -> Iterator[Finding]:
    """No title found, though a head stands above the text's first sentence."""
    if page.document.title:
        return
    first = _first_running(page)
    if first is None:
        return
    head = [
        (n, " ".join(page.lines[n - 1].split()))
        for n in range(1, first)
        if page.lines[n - 1].strip() and n not in page.keep and "\t" not in page.lines[n - 1]
    ]
    if any(_not_head(text) for _, text in head):
        return  # sentences or labelled lines above: a lead-in, a citation box, not a head
    kind = page.document.kind
    candidates = [
        (n, text) for n, text in head if _candidate(text) and not known_heading(text, kind)
    ]
    if not candidates:
        return
    # a title reads as one (score), is rarely a one-word menu item, and stands near the text
    line, text = max(
        candidates,
        key=lambda c: (title_score(c[1]), min(len(c[1].split()), _TITLE_MIN_WORDS), c[0]),
    )
    yield Finding(
        line,
        f"no title found, though lines 1-{first - 1} stand above the text's first sentence"
        f" (line {first}): is line {line} ({quote(text)}) the title? set 'title_line' in"
        " the structure hints (and 'body_start' to where the text begins)"
        + _outline_note(page, line),
    )


def _outline_note(page: Page, line: int) -> str:
    """When the line the title may be was read as the first of several headings, the
    whole outline is in doubt: say which lines it spans."""
    heads = [b.line for b in page.document.blocks if isinstance(b, Heading)]
    if len(heads) < 2 or heads[0] != line:
        return ""
    return (
        f"; it opens the outline of headings read at lines {line}-{heads[-1]}, which then"
        " starts one too early"
    )


def _title_line(page: Page) -> int | None:
    title = page.document.title
    if not title:
        return None
    removed = {r.line for r in page.document.removed}
    return next(
        (
            n
            for n, line in enumerate(page.lines, 1)
            if " ".join(line.split()) == title and n not in removed
        ),
        None,
    )


def above_title(page: Page) -> Iterator[Finding]:
    """Blocks of the text standing above the title's own line."""
    line = _title_line(page)
    if line is None:
        return
    above = [
        b
        for b in page.document.blocks
        if not isinstance(b, Comment | Truncated | LostHeading)
        and b.line < line
        and b.line not in page.keep
    ]
    if not above:
        return
    first = above[0].line
    yield Finding(
        first,
        f"{len(above)} blocks of the text stand above the title (line {line}), from line"
        f" {first} ({quote(page.lines[first - 1].strip())}): a site header, a menu or a"
        f" contents box kept as text? list {first}-{line - 1} in the structure hint"
        f" 'remove' or set 'body_start' below the title (or list them in 'keep' if they"
        " are text)",
    )


_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6})\. ")


def head_headings(page: Page) -> Iterator[Finding]:
    """A heading that is a head's line (a date, a byline) or two sentences (a caption)."""
    for block in page.document.blocks:
        if not isinstance(block, Heading) or block.line in page.keep:
            continue
        if _LABELLED.match(block.text):
            continue  # a labelled line: the label runs' check speaks for it
        # the vocabulary's date forms are the date check's (audit.py); here only the head's
        what = head_line(block.text, any_date=False)
        # a section number's full stop ("2. Objections", "IV. Trials") ends no sentence
        bare = _SECTION_NUMBER.sub("", block.text, count=1)
        if what is None and re.search(r"[.!?] [A-Z]", bare):
            what = "two sentences (a photo caption with its credit?)"
        if what is None:
            continue
        yield Finding(
            block.line,
            f"the heading {quote(block.text)} reads as {what}, not a section's name:"
            f" list line {block.line} in the structure hint 'remove' if it is the page's"
            " head or a caption (or in 'keep' if it is text)",
        )


def _dated_or_bare(raw: list[str]) -> bool:
    """A comment header's tail: a line of no words ("•"), or a short date line, among
    the first three lines."""
    return any(
        not any(c.isalpha() for c in line) or head_line(line) == "a date" for line in raw[:3]
    )


def chrome_under_headings(page: Page) -> Iterator[Finding]:
    """A heading followed by a comment header's chrome (a bullet, a date), not by
    text: a comment's author line read as a section's name."""
    blocks = [b for b in page.document.blocks if not isinstance(b, Comment)]
    for block, after in itertools.pairwise(blocks):
        if not isinstance(block, Heading) or block.line in page.keep:
            continue
        if not isinstance(after, Paragraph) or page.trusted(after):
            continue
        raw = page.raw(after)
        if not raw or not _dated_or_bare(raw):
            continue
        last = after.line + len(raw) - 1
        yield Finding(
            block.line,
            f"the heading {quote(block.text)} is followed by a date or a bare mark"
            f" ({quote(raw[0])}), not by text: a comment's author line? set 'comments_start'"
            f" in the structure hints, or list {block.line}-{last} in 'remove' (or in"
            " 'keep' if it is a heading)",
        )


def head_findings(page: Page) -> list[Finding]:
    """Every finding of this module (the audit sorts them)."""
    return [
        *no_title(page),
        *above_title(page),
        *head_headings(page),
        *chrome_under_headings(page),
    ]


__all__ = ["head_findings", "head_line"]
