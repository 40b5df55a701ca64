"""An essay's journal header: journal name, issue line, title and author.

Journal pages open with some of: the journal's name, an ``Issue: N`` /
``Volume 8, Issue 2`` line, the essay's title and its author (a bare name or
``By NAME``).  The issue line anchors the rest.  The heading-like line before
it is the journal's name when it reads like one (a word such as "Review" or
"Quarterly", from ``[journal]`` in ``parse/layout.toml``) or when a title
line follows the issue line (reported, SB608); otherwise it is taken as the
essay's title and the choice is reported (SB608).  A heading-like
line after the issue line that is not a name is the essay's title, not a
section heading.
"""

from __future__ import annotations

import re

from sourcebook.core.diagnostics import Code
from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.rules import is_author_line, is_heading
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import vocabulary

_ISSUE = re.compile(r"(?:Issue|Number|No\.)\s*:?\s*(\d{1,4})|Vol(?:ume|\.)\s*\d{1,4},?\s*.{0,30}")
_BY_LINE = re.compile(r"[Bb]y ([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3})")
_HEADER_WINDOW = 4
#: a date on the issue line, to the day or the month ("19 November 2026", "May 2026")
_ISSUE_DATE = re.compile(r"(?:\d{1,2} )?[A-Z][a-z]{2,8}\.?(?: \d{1,2},)? \d{4}")

Taken = list[tuple[RawBlock, str, str]]


def journal_like(text: str) -> bool:
    """Does *text* read like a journal's name?

    >>> journal_like("Quayside Quarterly"), journal_like("On Common Kitchens")
    (True, False)
    """
    words = {w.strip(".,:;’'").lower() for w in text.split()}
    return not words.isdisjoint(vocabulary().journal_words)


def name_like(text: str) -> bool:
    """A bare name: capitalised words and none of a title's small words.

    >>> name_like("Sam Okafor"), name_like("On Common Kitchens")
    (True, False)
    """
    words = {w.lower() for w in text.split()}
    return is_author_line(text) and words.isdisjoint(vocabulary().title_words)


def journal_header(state: ParseState) -> None:
    """The journal's name, the issue line, the title and the author line before
    the text become metadata (and the title), not section headings."""
    window = state.blocks[: _HEADER_WINDOW + 1]
    taken = _issue_lines(state, window)
    for block in window[:_HEADER_WINDOW]:
        by = _BY_LINE.fullmatch(block.text)
        if by and all(block is not t[0] for t in taken):
            taken.append((block, "author", by.group(1)))
    for block, name, value in taken:
        if name == "title" and "title" in state.header:
            continue  # a structure hint chose the title; the line stays text
        if name == "title":
            state.header["title"] = value
            state.title_line = block.line
            state.decide(block.line, "title", "journal_header: a title line by the issue line")
        else:
            state.metadata.append(MetaField(name, value, block.line))
            dated = _ISSUE_DATE.search(block.text) if name == "issue" else None
            if dated and not any(f.name == "date" for f in state.metadata):
                # the issue's date printed on its line ("Vol. 48 No. 22 · 19 November 2026")
                state.metadata.append(MetaField("date", dated.group(0), block.line))
            state.remove(block, "document metadata", f"journal_header: {name} line")
        state.blocks.remove(block)
    state.metadata.sort(key=lambda f: f.line)


def _issue_lines(state: ParseState, window: list[RawBlock]) -> Taken:
    """The issue line, the journal (or title) line before it, and the author and
    title lines after it, as ``(block, field, value)``."""
    issue = next(
        (i for i, b in enumerate(window[:_HEADER_WINDOW]) if _ISSUE.fullmatch(b.text)), None
    )
    if issue is None:
        return []
    found = _ISSUE.fullmatch(window[issue].text)
    number = found.group(1) if found and found.group(1) else window[issue].text
    taken: Taken = [(window[issue], "issue", number)]
    after: Taken = []
    for block in window[issue + 1 : issue + 3]:
        if not block.single_line or _BY_LINE.fullmatch(block.text):
            continue
        if name_like(block.text) and not any(t[1] == "author" for t in after):
            after.append((block, "author", block.text))
        elif _title_after(block, after, window):
            after.append((block, "title", block.text))
    before = window[issue - 1] if issue else None
    if before is not None and is_heading(before):
        titled = any(t[1] == "title" for t in after)
        taken.append(_journal_or_title(state, before, titled))
    return taken + after


def _title_after(block: RawBlock, taken: Taken, window: list[RawBlock]) -> bool:
    """A heading-like line by the issue line, with text after it, when no title is taken."""
    return (
        is_heading(block)
        and block is not window[-1]
        and not any(t[1] == "title" for t in taken)
        and not journal_like(block.text)
    )


def _journal_or_title(
    state: ParseState, block: RawBlock, titled: bool
) -> tuple[RawBlock, str, str]:
    """The line before the issue line: the journal's name when it reads like one, when a
    hint chose the title, or when a title line follows the issue line (reported: the
    name itself says nothing); else the essay's title (reported)."""
    if journal_like(block.text) or "title" in state.header:
        return (block, "journal", block.text)
    if titled:
        state.warn(
            block.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"{block.text[:40]!r} before the issue line taken as the journal's name, as a"
            " title line follows the issue line (score 0.70); if it is the essay's title,"
            f" set 'title_line' to {block.line}",
        )
        return (block, "journal", block.text)
    state.warn(
        block.line,
        1,
        Code.STRUCTURE_UNSURE,
        f"{block.text[:40]!r} before the issue line does not read like a journal's name:"
        " taken as the essay's title (score 0.60); if it is the journal, set 'title_line'"
        " to the title's line",
    )
    return (block, "title", block.text)


__all__ = ["journal_header", "journal_like", "name_like"]
