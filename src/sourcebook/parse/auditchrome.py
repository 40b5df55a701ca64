"""Traces of page chrome in the finished page's headings, title and short lines.

Encyclopaedias, wikis and news sites print chrome that reads like headings:
a wiki's tool menu, a category list, a "Fan Feed" box, a citation box of
"Label: value" lines, an infobox one row a line, a toolbar word.  When no rule
removes it, it stands on the finished page as headings in a row, a heading that
closes the text, a run of labelled lines, lines of labels glued to their values,
or a title that is one of the site's menu items.
Running text on any site has none of these, so each is a located SB608
finding naming the hint that overrides it (see :mod:`sourcebook.parse.audit`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sourcebook.model import Block, Comment, Heading, Paragraph
from sourcebook.parse.auditpage import Finding, Page, is_fragment, quote, text_of
from sourcebook.parse.evidence import score_line
from sourcebook.parse.infobox import stacked_rows
from sourcebook.parse.vocabulary import vocabulary

#: this many headings in a row, with no text between, are a menu or a list read as headings
HEADING_RUN = 3
#: this many "Label: value" lines in a row are a citation box or an infobox
LABEL_RUN = 3
#: a labelled line has at most this many words
LABEL_WORDS = 12
_LABELLED = re.compile(r"[A-Z][\w’' ]{1,25}:[ \t]\S")


def _lines(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def heading_runs(page: Page) -> Iterator[Finding]:
    """Headings in a row with no text between, and a heading that closes the text."""
    blocks = [b for b in page.document.blocks if not isinstance(b, Comment)]
    run: list[Heading] = []
    for block in [*blocks, None]:
        if isinstance(block, Heading) and block.line not in page.keep:
            run.append(block)
            continue
        if len(run) >= HEADING_RUN:
            yield Finding(
                run[0].line,
                f"{len(run)} headings in a row with no text between ({quote(run[0].text)}):"
                " a menu, a category list or a contents box read as headings? list"
                f" {_lines(run[0].line, run[-1].line)} in the structure hint 'remove' (or"
                " in 'keep' if they are headings)",
            )
        elif run and block is None:
            yield Finding(
                run[-1].line,
                f"the text ends on a heading ({quote(run[-1].text)}): a footer or sidebar"
                f" title? list line {run[-1].line} in the structure hint 'remove' (or in"
                " 'keep' if it is a heading)",
            )
        run = []


def label_runs(page: Page) -> Iterator[Finding]:
    """A run of short "Label: value" lines kept as text: a citation box or an infobox."""
    run: list[int] = []
    for block in [*page.document.blocks, None]:
        text = _block_text(block)
        if text is not None and block is not None and _labelled(page, block.line, text):
            run.append(block.line)
            continue
        if len(run) >= LABEL_RUN:
            yield Finding(
                run[0],
                f"{len(run)} 'Label: value' lines in a row kept as text (line {run[0]}): a"
                " citation box or an infobox? list"
                f" {_lines(run[0], run[-1])} in the structure hint 'remove' (or in 'keep'"
                " if they are text)",
            )
        run = []


def _labelled(page: Page, line: int, text: str) -> bool:
    return (
        line not in page.keep and bool(_LABELLED.match(text)) and len(text.split()) <= LABEL_WORDS
    )


def _block_text(block: Block | None) -> str | None:
    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Paragraph):
        return text_of(block)
    return None


def glued_rows(page: Page) -> Iterator[Finding]:
    """A paragraph whose lines are labels glued to values: an infobox read as prose."""
    for block in page.document.blocks:
        if not isinstance(block, Paragraph) or page.trusted(block):
            continue
        raw = page.raw(block)
        if stacked_rows(tuple(raw)) is None:
            continue
        last = block.line + len(raw) - 1
        yield Finding(
            block.line,
            f"{len(raw)} lines of labels glued to values kept as a paragraph"
            f" ({quote(raw[0])}): an infobox? list {_lines(block.line, last)} in the"
            " structure hint 'remove' (or in 'keep' if they are text)",
        )


def held_back(page: Page) -> Iterator[Finding]:
    """A heading or a short line the vocabulary knows as chrome, kept as text because
    its evidence stayed below the threshold (a toolbar word alone, a footer line far
    from the end): the decision was the rules' closest call."""
    vocab = vocabulary()
    lines = vocab.for_kind(page.document.kind)
    for block in page.document.blocks:
        text = _block_text(block)
        if text is None or block.line in page.keep or not is_fragment(text):
            continue
        if isinstance(block, Paragraph) and page.trusted(block):
            continue
        verdict = score_line(text, 0, 1, lines, vocab.window)
        if verdict is None or verdict.evidence.role not in ("furniture", "metadata"):
            continue
        yield Finding(
            block.line,
            f"{quote(text)} kept as text, though the vocabulary knows it as"
            f" {verdict.evidence.name} (held back here: alone, or out of its place): list"
            f" line {block.line} in the structure hint 'remove' if it is chrome (or in"
            " 'keep' if it is text)",
        )


def title_trace(page: Page) -> Iterator[Finding]:
    """A title that is an item of the site's menu, or a line the vocabulary knows."""
    title = page.document.title
    if not title:
        return
    menus = [r for r in page.document.removed if r.reason == "site menu"]
    in_menu = {r.line + i for r in menus for i in range(r.text.count("\n") + 1)}
    line = next(
        (n for n, t in enumerate(page.lines, 1) if t.strip() == title and n not in in_menu), 1
    )
    if line in page.keep:
        return
    menu = {item.strip().casefold() for r in menus for item in r.text.split("\n")}
    vocab = vocabulary()
    verdict = score_line(title, 0, 1, vocab.for_kind(page.document.kind), vocab.window)
    if title.casefold() in menu:
        why = "is also an item of the site's menu"
    elif verdict is not None and verdict.evidence.role in ("furniture", "metadata"):
        why = f"reads as {verdict.evidence.name}"
    else:
        return
    yield Finding(
        line,
        f"the title {quote(title)} {why}: a section label or a menu item taken as the"
        " title? set 'title_line' in the structure hints",
    )


__all__ = ["glued_rows", "heading_runs", "held_back", "label_runs", "title_trace"]
