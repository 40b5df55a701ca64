"""A page's footer below the text: copyright, "Powered by", links in a row.

Sites close a page with a footer -- a copyright line, "Powered by Ghost",
"Privacy | Terms", a newsletter's unsubscribe lines -- often after a sidebar
or a list of other stories whose lines are short link titles.  Read as text
they become the page's last paragraphs, or the last comment's last lines.
The evidence is the closing run of blocks whose every line is a footer line
(``layout.toml`` ``[footer] patterns`` or a furniture line of the
vocabulary) or a short line with no sentence end; the run is removed when it
holds at least one footer line.  A block removed with no footer line of its
own (a "More from" list, a sidebar) is reported (SB608), naming the lines.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.core.diagnostics import Code
from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.commentdate import chrome_line
from sourcebook.parse.endmark import end_mark_line
from sourcebook.parse.evidence import score_line
from sourcebook.parse.journal import name_like
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table, vocabulary

_SENTENCE_END = re.compile(r"[.!:;,][”’\"')]*$")
#: the page's own date line printed again in its footer ("Published 12 September 2025")
#: a label ending in a colon counts as a short line up to this many words
_LABEL_WORDS = 3
_PAGE_DATE = re.compile(r"(?:Published|Updated|Last updated|First published|Posted)\b")


@dataclass(frozen=True, slots=True)
class FooterShape:
    item_words: int
    patterns: tuple[re.Pattern[str], ...]


@functools.cache
def footer_shape() -> FooterShape:
    """The ``[footer]`` table of ``layout.toml`` (read once)."""
    data = layout_table("footer")
    return FooterShape(int(data["item_words"]), tuple(re.compile(p) for p in data["patterns"]))


def footer_line(state: ParseState, line: str, shape: FooterShape) -> bool:
    """A copyright line, a "Powered by" line, links in a row, or vocabulary furniture."""
    if any(p.fullmatch(line) for p in shape.patterns):
        return True
    vocab = vocabulary()
    verdict = score_line(line, 1, 1, vocab.for_kind(state.profile.kind), vocab.window)
    if verdict is None:
        return False
    return verdict.evidence.role == "furniture" and verdict.score >= vocab.apply


def short_line(line: str, words: int) -> bool:
    """A link title, a menu item, a short question ("Ready for more?").

    >>> short_line("More from Culture", 10), short_line("Ready for more?", 10)
    (True, True)
    >>> short_line("It starts first time now.", 10)
    False
    """
    count = len(line.split())
    if count == 0 or count > words:
        return False
    if _SENTENCE_END.search(line) and not (line.endswith(":") and count <= _LABEL_WORDS):
        return False  # a label over a footer's list ("Latest on:", "Follow us:") is short
    if any(p.search(line) for p in vocabulary().comment_dates) and not _PAGE_DATE.match(line):
        return False  # a comment's date closes a comment, not a footer ("Published …" may)
    return not line.endswith("?") or count <= 4


def footer(state: ParseState) -> None:
    """Remove the closing run of footer blocks (see the module docstring)."""
    shape = footer_shape()
    run: list[RawBlock] = []
    strong = 0
    ended = end_mark_line(state)
    for pos in range(len(state.blocks) - 1, -1, -1):
        block = state.blocks[pos]
        if any(n in state.keep for n in range(block.line, block.line + len(block.lines))):
            break
        if sum(" | " in line for line in block.lines) >= 2:
            break  # rows of a table
        if _link_section(state, block) or block.line in state.headings:
            # a "See also" list is the page's own (parse/linklists.py); it ends at the first
            # line removed below its heading (the references, a "Last edited" line); so does
            # the section under a heading the evidence read (an "[edit]" link, a hint)
            run = _below_section(state, block, run)
            strong = sum(any(footer_line(state, t, shape) for t in b.lines) for b in run)
            break
        if ended is not None and block.line < ended:
            break  # the page marks where its text ends ("End of entry"): no footer above
        marks = _marks(state, pos, run, shape)
        if marks is None:
            break
        run.append(block)
        strong += any(marks)
    if strong == 0 and run:
        strong = (
            _furniture_below(state, run[0])
            or _furniture_within(state, run)
            or _furniture_above(state, run)
        )
    if strong and len(run) < len(state.blocks):
        _remove(state, run, shape)
    _sign_off(state)


def _marks(
    state: ParseState, pos: int, run: list[RawBlock], shape: FooterShape
) -> list[bool] | None:
    """Which lines of block *pos* are footer lines, ``None`` when a line of it is neither
    a footer line nor a short one (a listed date and a boxed quip count as short)."""
    block = state.blocks[pos]
    marks = [footer_line(state, line, shape) for line in block.lines]
    listed = _listed_date(state.blocks, pos, run, shape) or _boxed_quip(state, block, run)
    shorts = [True] if listed else _shorts(block, shape)
    return marks if all(m or s for m, s in zip(marks, shorts, strict=True)) else None


#: a bare date among this many other short lines is the page's date in a footer list
_DATE_AMONG = 3


def _listed_date(blocks: list[RawBlock], pos: int, run: list[RawBlock], shape: FooterShape) -> bool:
    """A one-line block holding a bare date, in a text read one line a block, under a
    short link title and over at least `_DATE_AMONG` short lines of the run (a "More
    articles by" list: a title, its date): the footer's, not a comment's date, which
    stands under its commenter's name or over the comment's text."""
    block = blocks[pos]
    if not block.single_line or len(run) < _DATE_AMONG or pos == 0:
        return False
    above = blocks[pos - 1]
    dated = vocabulary().comment_dates
    words = len(block.text.split())
    return (
        words <= _DATE_WORDS
        and any(p.fullmatch(block.text.strip()) for p in dated)
        and above.single_line
        and above.line == block.line - 1
        and short_line(above.text, shape.item_words)
    )


#: a site's quip or motto closing the page has at most this many words
_QUIP_WORDS = 8


def _boxed_quip(state: ParseState, block: RawBlock, run: list[RawBlock]) -> bool:
    """A short sentence on a line of its own between the closing run and a line the
    evidence removed as furniture right above it (a deals box's heading): the site's
    quip or motto of the day, not the text, whose last line stands under its own words
    (reported with the footer, since it has no footer line of its own)."""
    if not run or not block.single_line or len(block.text.split()) > _QUIP_WORDS:
        return False
    furniture = {e.name for e in vocabulary().lines if e.role == "furniture"}
    return any(
        r.line == block.line - 1 and r.reason in furniture and not chrome_line(r.text)
        for r in state.removed
    )


#: a bare date line has at most this many words ("Sep 2, 2026", "2 September 2026")
_DATE_WORDS = 4


def _shorts(block: RawBlock, shape: FooterShape) -> list[bool]:
    """Which lines of *block* are short link-like lines.  A bare date counts when
    at least `_DATE_AMONG` other lines of the block are such lines and none is a
    sentence (a tag list with the post's date: a comment's date closes its text)."""
    shorts = [short_line(line, shape.item_words) for line in block.lines]
    if sum(shorts) < _DATE_AMONG or sum(shorts) == len(shorts):
        return shorts
    dated = vocabulary().comment_dates
    return [
        s or (len(line.split()) <= shape.item_words and any(p.search(line) for p in dated))
        for s, line in zip(shorts, block.lines, strict=True)
    ]


#: a valediction has at most this many words ("See you on the plots,", "Best wishes,")
_VALEDICTION_WORDS = 6


def _sign_off(state: ParseState) -> None:
    """A letter's sign-off closing the text (a newsletter, a blog post): a short line
    ending in a comma ("See you on the plots,"), then the writer's name, perhaps with a
    role line below it.  It is the writer's signature, not the text: removed (SB608,
    since a short last line of a poem or a list may read the same); the name is the
    author when the page names none."""
    if len(state.blocks) < 2:
        return
    block = state.blocks[-1]
    lines = block.lines
    if not 2 <= len(lines) <= 3 or any(n in state.keep for n in range(block.line, block.line + 3)):
        return
    first = lines[0]
    valediction = first.endswith(",") and len(first.split()) <= _VALEDICTION_WORDS
    if not valediction or not name_like(lines[1]) or _SENTENCE_END.search(lines[-1].rstrip(",")):
        return
    state.blocks.pop()
    state.remove(block, "sign-off", "footer: a valediction and the writer's name")
    if not any(f.name == "author" for f in state.metadata):
        state.metadata.append(MetaField("author", lines[1], block.line + 1))
        state.metadata.sort(key=lambda f: f.line)
    state.warn(
        block.line,
        1,
        Code.STRUCTURE_UNSURE,
        f"removed lines {block.line}-{block.line + len(lines) - 1} ({first!r} and a name) as"
        " the writer's sign-off; if they are text, list them in 'keep'",
    )


def _below_section(state: ParseState, heading: RawBlock, run: list[RawBlock]) -> list[RawBlock]:
    """The blocks of the closing *run* below the end of the link section under *heading*
    (its items start at the run's first block; its edit link above them does not count)."""
    items = [b.line for b in run if b.line > heading.line]
    ends = [r.line for r in state.removed if items and r.line > min(items)]
    if not ends:
        return []
    return [b for b in run if b.line > min(ends)]


def _link_section(state: ParseState, block: RawBlock) -> bool:
    vocab = vocabulary()
    kind = state.profile.kind in vocab.link_section_kinds
    return kind and block.single_line and block.text.lower() in vocab.link_sections


def _furniture_below(state: ParseState, last: RawBlock) -> int:
    """Furniture lines of the vocabulary the evidence already removed below the closing
    run (a share bar, a copyright line): the run is the top of the page's footer.  (A
    sidebar cut off by its heading proves nothing about the lines above it.)"""
    end = last.line + len(last.lines) - 1
    furniture = {e.name for e in vocabulary().lines if e.role == "furniture"}
    return int(any(r.line > end and r.reason in furniture for r in state.removed))


def _furniture_within(state: ParseState, run: list[RawBlock]) -> int:
    """Furniture lines of the vocabulary the evidence already removed between the closing
    run's lines (a copyright line in a text read one line a block): the run is a footer
    with its strong line taken out of it."""
    top, bottom = run[-1].line, run[0].line
    furniture = {e.name for e in vocabulary().lines if e.role == "furniture"}
    return int(
        any(
            top < r.line < bottom and r.reason in furniture and not chrome_line(r.text)
            for r in state.removed
        )
    )  # (a comment's buttons, "Reply" / "Report", close a comment, not a page)


def _furniture_above(state: ParseState, run: list[RawBlock]) -> int:
    """Furniture lines of the vocabulary the evidence already removed between the text's
    last kept block and the closing run ("Retrieved from …" and a licence line over
    "Contact"): the run is the rest of that footer.  Only a page footer's lines count
    (an entry named a footer, or standing at the bottom): a paywall's buttons above a
    comment section's heading prove nothing."""
    top = run[-1].line
    above = [b.line + len(b.lines) - 1 for b in state.blocks if b.line < top]
    start = max(above, default=0)
    furniture = {
        e.name
        for e in vocabulary().lines
        if e.role == "furniture" and (e.where == "bottom" or e.name.endswith(" footer"))
    }
    return int(
        any(
            start < r.line < top and r.reason in furniture and not chrome_line(r.text)
            for r in state.removed
        )
    )


def _remove(state: ParseState, run: list[RawBlock], shape: FooterShape) -> None:
    for block in run:
        state.blocks.remove(block)
        state.remove(block, "page footer", "footer: closing lines of page furniture")
        if not any(footer_line(state, line, shape) for line in block.lines):
            last = block.line + len(block.lines) - 1
            state.warn(
                block.line,
                1,
                Code.STRUCTURE_UNSURE,
                f"removed lines {block.line}-{last} ({block.lines[0][:40]!r}) with the page's"
                " footer below them (short lines with no sentence end); if they are text,"
                " list them in 'keep'",
            )
