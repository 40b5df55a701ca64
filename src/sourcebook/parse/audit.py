"""The last pass: audit the page the rules made, whatever site it came from.

The rules decide line by line from what they know.  A layout they do not
know leaves traces that no single rule sees but that the finished page shows:
text too short to be a sentence standing as a paragraph (a menu, a button, a
caption, a heading no rule found), a date alone on a line, the same paragraph
twice (a pull quote, a title printed again), numbered lines closing the text
(a notes list), short lines inside comments (a name, a "Reply" button).  Real
prose has none of these on any site, so each trace is a located SB608
warning saying what was assumed and which structure hint overrides it.  A
page from a new site is then never silently wrong: it is right, or it says
where to look.

Lines a contributor lists in the ``keep`` hint are trusted and not audited.
Every check is one pass over the blocks (linear in the page).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.model import Block, BlockQuote, Comment, Document, Heading, Paragraph
from sourcebook.parse.auditchrome import (
    glued_rows,
    heading_runs,
    held_back,
    label_runs,
    title_trace,
)
from sourcebook.parse.auditdoubt import doubt_findings
from sourcebook.parse.auditexport import export_findings
from sourcebook.parse.auditfoot import foot_notes_kept
from sourcebook.parse.audithead import head_findings
from sourcebook.parse.auditnode import node_findings
from sourcebook.parse.auditpage import FRAGMENT_WORDS, Finding, Page, is_fragment, quote, text_of
from sourcebook.parse.auditparts import part_findings
from sourcebook.parse.auditprose import is_date_line, prose_findings
from sourcebook.parse.auditshape import shape_findings
from sourcebook.parse.auditstats import stats_findings
from sourcebook.parse.audittraces import comment_furniture, glued_furniture, pull_quotes
from sourcebook.parse.auditunits import unit_findings
from sourcebook.parse.vocabulary import vocabulary

#: inside a comment, where "Thanks" and "Exactly" are text, a fragment is shorter
COMMENT_FRAGMENT_WORDS = 3
#: paragraphs shorter than this are too common to call a repeat ("See below.")
REPEAT_WORDS = 6
#: this many numbered lines closing the body or under a heading read as a notes list
NUMBERED_TAIL = 2

_NUMBERED = re.compile(r"^\[?\d{1,3}[.)\]]?\s+\S")


def audit(document: Document, text: str, path: str, keep: set[int]) -> list[Diagnostic]:
    """SB608 for every trace of a layout the rules did not know, in line order."""
    page = Page.of(document, text, keep)
    findings = [
        # a content system's chrome (a byline title, an action bar, an unread thread)
        # names the hint that fixes the page: its message stands on its line
        *node_findings(page),
        # the page's shape first: where a border moved, its message names the border
        *shape_findings(page),
        # a text run into one paragraph: said before the traces of its lines
        *export_findings(page),
        # page-foot notes in mid-text name where the text above breaks
        *foot_notes_kept(page),
        # a numbered run closing the page names where the text ends, which a list does not
        *_numbered_runs(page),
        *unit_findings(page),
        *part_findings(page),
        *prose_findings(page),
        *_dates(page),
        *_repeats(page),
        *_fragments(page),
        *glued_furniture(page),
        *pull_quotes(page),
        *comment_furniture(page),
        *_comment_fragments(page),
        *label_runs(page),
        *glued_rows(page),
        *heading_runs(page),
        *held_back(page),
        *title_trace(page),
        # a head field holding another's line (a date as the title or tagline)
        *doubt_findings(page),
        # the page against its text's own line statistics (body edges, headings)
        *stats_findings(page),
        # last: where an older check saw the same line, its message stands
        *head_findings(page),
    ]
    reported: set[int] = set()
    diags: list[Diagnostic] = []
    for finding in sorted(findings, key=lambda f: f.line):
        if finding.line in reported:
            continue  # one trace per line: the first check to see it speaks
        reported.add(finding.line)
        diags.append(Diagnostic(path, finding.line, 1, Code.STRUCTURE_UNSURE, finding.message))
    return diags


def _fragmentary(page: Page, paragraph: Paragraph, words: int = FRAGMENT_WORDS) -> bool:
    """A paragraph that is a fragment, or whose every seed line is one (a menu glued
    into one block); a marker makes it text."""
    if page.trusted(paragraph):
        return False
    if is_fragment(text_of(paragraph), words):
        return True
    raw = page.raw(paragraph)
    return len(raw) > 1 and all(is_fragment(line, words) for line in raw)


def _paragraphs(blocks: tuple[Block, ...]) -> Iterator[Paragraph]:
    """The page's paragraphs in order, quotations included, comments left out."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, BlockQuote):
            yield from block.paragraphs


def _comments(comments: tuple[Comment, ...]) -> Iterator[Comment]:
    for comment in comments:
        yield comment
        yield from _comments(comment.replies)


def _all_paragraphs(document: Document) -> Iterator[Paragraph]:
    yield from _paragraphs(document.blocks)
    for comment in _comments(document.comments):
        yield from _paragraphs(comment.blocks)


def _dates(page: Page) -> Iterator[Finding]:
    """A date alone on a line, kept as a paragraph or made a heading."""
    lines = [(p.line, text_of(p)) for p in _all_paragraphs(page.document)]
    lines += [(b.line, b.text) for b in page.document.blocks if isinstance(b, Heading)]
    for line, text in lines:
        if line not in page.keep and is_date_line(text):
            yield Finding(
                line,
                f"a date alone on a line kept as text ({quote(text)}): a post or comment"
                f" date no rule knew? list line {line} in the structure hint 'remove'"
                " (or in 'keep' if it is text)",
            )


def _fragments(page: Page) -> Iterator[Finding]:
    """One finding per run of fragments standing as paragraphs in the body."""
    run: list[Paragraph] = []
    for block in (*page.document.blocks, None):
        if isinstance(block, Paragraph) and _fragmentary(page, block):
            run.append(block)
            continue
        if run:
            yield _fragment_run(page, run)
            run = []


def _fragment_run(page: Page, run: list[Paragraph]) -> Finding:
    first = run[0].line
    last = run[-1].line + max(len(page.raw(run[-1])), 1) - 1
    lines = str(first) if first == last else f"{first}-{last}"
    seen = sum(max(len(page.raw(p)), 1) for p in run)
    count = f"{seen} short lines" if seen > 1 else "a short line"
    return Finding(
        first,
        f"{count} without a sentence end kept as paragraphs ({quote(text_of(run[0]))}):"
        " site furniture (a menu, a button, a caption) or a heading no rule found?"
        f" list {lines} in the structure hint 'remove' or 'headings' (or in 'keep' if"
        " it is text)",
    )


def _repeats(page: Page) -> Iterator[Finding]:
    """A paragraph printed twice, or the title printed again as text."""
    seen: dict[str, int] = {}
    title = " ".join((page.document.title or "").split()).casefold()
    for paragraph in _paragraphs(page.document.blocks):
        text = text_of(paragraph).casefold()
        if paragraph.line in page.keep or not text:
            continue
        if text == title:
            yield Finding(
                paragraph.line,
                f"the title printed again as text ({quote(text_of(paragraph))}): list line"
                f" {paragraph.line} in the structure hint 'remove' (or in 'keep')",
            )
        elif len(text.split()) >= REPEAT_WORDS and text in seen:
            yield Finding(
                paragraph.line,
                f"repeats line {seen[text]} word for word: a pull quote or a teaser? list"
                f" line {paragraph.line} in the structure hint 'remove' (or in 'keep')",
            )
        seen.setdefault(text, paragraph.line)


def _numbered_runs(page: Page) -> Iterator[Finding]:
    """Numbered lines read as paragraphs: a notes or references list no rule read.

    A run counts when it closes the text or follows a heading (a notes section of
    any name); numbered lines between paragraphs are a list in the text.
    """
    blocks = [b for b in page.document.blocks if not isinstance(b, Comment)]
    run: list[Paragraph] = []
    after_heading = False
    for index, block in enumerate([*blocks, None]):
        if isinstance(block, Paragraph) and _numbered(page.raw(block)):
            if not run:
                after_heading = index > 0 and isinstance(blocks[index - 1], Heading)
            run.append(block)
            continue
        lines = [b for b in run if b.line not in page.keep]
        count = sum(len(page.raw(b)) for b in lines)
        closes = block is None
        if count >= NUMBERED_TAIL and (closes or after_heading):
            yield _numbered_finding(page, lines, count, _text_end(page, blocks, run))
        run = []


def _text_end(page: Page, blocks: Sequence[Block], run: list[Paragraph]) -> int | None:
    """The last line of the text above a numbered run that closes the page (its heading
    aside): where the body ends when the run is the page's notes."""
    if not run or run[-1] is not blocks[-1]:
        return None
    above = [b for b in blocks[: blocks.index(run[0])] if isinstance(b, Paragraph)]
    return above[-1].line + len(page.raw(above[-1])) - 1 if above else None


def _numbered(raw: list[str]) -> bool:
    return bool(raw) and all(_NUMBERED.match(line) for line in raw)


def _numbered_finding(page: Page, run: list[Paragraph], count: int, end: int | None) -> Finding:
    first, last = run[0].line, run[-1].line + len(page.raw(run[-1])) - 1
    message = (
        f"{count} numbered lines read as text from line {first}"
        f" ({quote(text_of(run[0]))}): a notes or references list no rule read? list"
        f" lines {first}-{last} in the structure hint 'remove' (or in 'keep' if they"
        " are text)"
    )
    if end is None:
        return Finding(first, message)
    # closing the page, the run moves where the text ends: reported at that line
    return Finding(end, f"the text may end here, at line {end}: {message}")


def _comment_fragments(page: Page) -> Iterator[Finding]:
    """Short lines inside a comment: a name, a date or a button the thread rules missed.

    A known interjection ("Well said", "Thanks") is a comment's whole text, not a trace.
    """
    interjections = vocabulary().not_outlets
    for comment in _comments(page.document.comments):
        for paragraph in _paragraphs(comment.blocks):
            if (
                _fragmentary(page, paragraph, COMMENT_FRAGMENT_WORDS)
                and text_of(paragraph).casefold() not in interjections
            ):
                yield Finding(
                    paragraph.line,
                    f"a short line inside the comment of line {comment.line}"
                    f" ({quote(text_of(paragraph))}): a name, a date or a button the comment"
                    f" rules did not know? list line {paragraph.line} in the structure hint"
                    " 'remove' (or in 'keep' if it is the comment's text)",
                )


__all__ = ["audit"]
