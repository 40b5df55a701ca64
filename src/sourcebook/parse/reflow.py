"""Text that lost its blank lines: a PDF or print export, hard-wrapped, in one block.

A page printed to PDF (an encyclopaedia's "Download as PDF", a book creator's
export) and copied out as text keeps the printed lines but loses the space between
paragraphs: the whole text is one block of lines wrapped at one width, with the
headings, the paragraphs' last lines and each printed page's running head ("TITLE 2")
among them, and words broken at line ends ("nine hun-" / "dred men").

The evidence is the wrap itself.  In a block of at least ``_MIN_LINES`` lines of
which some break mid-sentence near the block's widest line, a line that ends a sentence although
the next line's first word would have fitted after it ends a paragraph; a short line
with no sentence end that stands alone (the line before it ended, and it leaves room
for the next line's first word) is a line of its own (a heading, a page head, an
infobox row).  A block where no such break is found is left as it is.  In a block so
split, a word broken at a line end ("hun-" / "dred") is joined again unless the text
prints it with its hyphen elsewhere; the hyphen goes to the record.

Running heads are found in the whole text first: a line that is another line of the
text (the title) followed or preceded by a page number, at least twice with rising
numbers, or three times with rising numbers when it has two words or more, each more
than ``_PAGE_LINES`` lines below the last (lines in a row are a numbered list).  They are
removed; one such line alone repeating one of the text's first lines is removed when
it stands inside a block (a page break in mid-paragraph) and reported either way
(SB608: on a line of its own it may be a heading, "Part 2").
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict

from sourcebook.core.diagnostics import Code
from sourcebook.model import Removed
from sourcebook.parse.blocks import RawBlock, sub_block, without_lines
from sourcebook.parse.state import ParseState

#: a hard-wrapped block has at least this many lines ...
_MIN_LINES = 8
#: ... a widest line of at least this many characters ...
_MIN_WIDTH = 50
#: ... and at least this many (and this share) of its lines reach this share of that
#: width and break mid-sentence
_WRAPPED_LINES = 2
_WRAPPED_SHARE = 0.2
_NEAR = 0.75
#: a line standing alone is at most this share of the width
_SHORT = 0.7
#: a sentence's end, perhaps with closing quotes, brackets and markers after it
_ENDS = re.compile(r"[.!?…][”\"')\]]*(?:\[[^\[\]]{1,40}\])*$")
_OPENS = re.compile(r"[A-Z0-9\"“‘'(\[•*–-]")
#: a word broken at the line's end: a lower-case letter and a hyphen
_BROKEN = re.compile(r"[a-z]-$")
#: the head of the text, where the title a running head repeats stands (blocks, lines)
_TOP = 3
#: running heads stand more than this many lines apart (a numbered list does not)
_PAGE_LINES = 4
#: a hyphenated word; a match starts only at a word's start, so a long run of letters
#: is read once (linear)
_HYPHENATED = re.compile(r"(?<![^\W\d_])[^\W\d_]+-[^\W\d_]+")
_RUNNING_HEAD = re.compile(r"(?P<a>\D.{1,80}?) (?P<n>\d{1,4})|(?P<m>\d{1,4}) (?P<b>\D.{1,80})")


def reflow(state: ParseState) -> None:
    """Remove running heads, then split hard-wrapped blocks (see the module docstring)."""
    # the wrap is read on the blocks as printed: a running head cut out of a page's
    # text leaves two parts of one wrapped block
    starts = [b.line for b in state.blocks]
    widths = [_wrapped(b) for b in state.blocks]
    _running_heads(state)
    out: list[RawBlock] = []
    hyphenated: set[str] | None = None
    for block in state.blocks:
        width = widths[bisect.bisect_right(starts, block.line) - 1]
        cuts = _breaks(block, width) if width else []
        if not cuts:
            out.append(block)
            continue
        if hyphenated is None:  # the words the text prints with a hyphen, read once
            hyphenated = {w.casefold() for w in _HYPHENATED.findall(state.text)}
        out += _split(state, _join_broken_words(state, block, hyphenated), cuts)
    state.blocks = out


def _running_heads(state: ParseState) -> None:
    """Remove "TITLE 2" lines that repeat a line of the text with rising page numbers;
    one alone that repeats the text's first lines is removed inside a block and
    reported either way."""
    whole = {line for block in state.blocks for line in block.lines}
    top = {line for block in state.blocks[:_TOP] for line in block.lines[:_TOP]}
    inner = {b.line + o for b in state.blocks for o in range(1, len(b.lines))}
    drop: set[int] = set()
    for head, found in _numbered_lines(state).items():
        # a page's head comes once a page: rising numbers, pages of text between
        rising = all(
            a < b and second - first > _PAGE_LINES
            for (first, a), (second, b) in itertools.pairwise(found)
        )
        twice = len(found) >= 2 and head in whole
        thrice = len(found) >= 3 and len(head.split()) >= 2
        if rising and (twice or thrice):
            drop |= {line for line, _ in found}
        elif len(found) == 1 and head in top:
            _lone_head(state, found[0][0], head, found[0][0] in inner, drop)
    if drop:
        _drop(state, drop)


def _lone_head(state: ParseState, line: int, head: str, inside: bool, drop: set[int]) -> None:
    """One "TITLE 2" line: inside a paragraph it is a page break's head, removed; on a
    line of its own it may be a heading ("Part 2"): left, and both reported."""
    if inside:
        drop.add(line)
        message = (
            f"removed line {line} (the text's first line {head!r} with a number, inside a"
            " paragraph) as a printed page's running head; if it is text, list it in 'keep'"
        )
    else:
        message = (
            f"line {line} prints the text's first line {head!r} again with a number: a"
            f" printed page's running head? list line {line} in the structure hint 'remove'"
            " (or in 'keep' if it is text)"
        )
    state.warn(line, 1, Code.STRUCTURE_UNSURE, message)


def _numbered_lines(state: ParseState) -> dict[str, list[tuple[int, int]]]:
    """Each text printed with a number after or before it: its (line, number) pairs."""
    seen: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for block in state.blocks:
        for offset, line in enumerate(block.lines):
            match = _RUNNING_HEAD.fullmatch(line)
            if match and block.line + offset not in state.keep:
                head = match.group("a") or match.group("b")
                seen[head].append((block.line + offset, int(match.group("n") or match.group("m"))))
    return seen


def _drop(state: ParseState, drop: set[int]) -> None:
    """Remove the running heads on the lines of *drop*."""
    for block in state.blocks:
        for offset, raw in enumerate(block.raw):
            if block.line + offset in drop:
                state.removed.append(Removed(block.line + offset, raw, "running head"))
                rule = "reflow: the title again with a page number"
                state.decide(block.line + offset, "removed (running head)", rule)
    state.blocks = without_lines(state.blocks, drop)


def _wrapped(block: RawBlock) -> int:
    """The block's wrap width when it reads as hard-wrapped lines, else 0: at least
    ``_WRAPPED_LINES`` lines (and ``_WRAPPED_SHARE`` of them) reach near its widest line
    and break mid-sentence."""
    # a table's cells (an inner tab, a pipe); a tab after a line's end is only a blank
    if len(block.lines) < _MIN_LINES or any(
        "\t" in raw.strip() or " | " in raw for raw in block.raw
    ):
        return 0
    width = max(len(line) for line in block.lines)
    wrapped = sum(
        len(line) >= _NEAR * width and not _ENDS.search(line) for line in block.lines[:-1]
    )
    enough = wrapped >= max(_WRAPPED_LINES, _WRAPPED_SHARE * len(block.lines))
    return width if width >= _MIN_WIDTH and enough else 0


def _breaks(block: RawBlock, width: int) -> list[int]:
    """The offsets after which a new block starts."""
    lines = block.lines
    cuts: list[int] = []
    ended = True  # the line before the first line is a block's end
    for offset, (line, after) in enumerate(itertools.pairwise(lines)):
        room = len(line) + 1 + len(after.split(" ", 1)[0]) <= width
        # a heading after a paragraph's last line: no continuation is a short line
        # with no sentence end followed by a new line
        room = room or bool(_ENDS.search(line) and _row(after, width) and _opens(lines, offset + 2))
        opens = bool(_OPENS.match(after))
        alone = _row(line, width) and ended
        if room and opens and (_ENDS.search(line) or alone):
            # rows in a run (an infobox, a list of links) stay one block
            if not (alone and _row(after, width) and offset + 2 < len(lines)):
                cuts.append(offset)
            ended = True
        else:
            ended = False
    return cuts


def _opens(lines: tuple[str, ...], offset: int) -> bool:
    """The line at *offset* opens a block (or the block has ended)."""
    return offset >= len(lines) or bool(_OPENS.match(lines[offset]))


def _row(line: str, width: int) -> bool:
    """A short line with no sentence end: a heading, a row, a running head."""
    short = len(line) <= _SHORT * width and not _BROKEN.search(line)
    return short and not _ENDS.search(line) and not line.endswith((",", ";", ":"))


def _split(state: ParseState, block: RawBlock, cuts: list[int]) -> list[RawBlock]:
    """*block* cut after each offset of *cuts*."""
    parts: list[RawBlock] = []
    start = 0
    for cut in [*cuts, len(block.lines) - 1]:
        parts.append(sub_block(block, start, cut + 1))
        start = cut + 1
    state.decide(block.line, "split", f"reflow: {len(parts)} blocks of one hard-wrapped block")
    return parts


def _join_broken_words(state: ParseState, block: RawBlock, hyphenated: set[str]) -> RawBlock:
    """*block* with each word broken at a line end joined on the first line."""
    lines = list(block.lines)
    for offset in range(len(lines) - 1):
        head, rest = lines[offset], lines[offset + 1]
        tail, _, remainder = rest.partition(" ")
        if not (_BROKEN.search(head) and tail[:1].islower() and remainder):
            continue
        stem = head.rsplit(" ", 1)[-1]
        word = f"{stem}{tail}".rstrip(".,;:!?)]”’\"'")
        if word.casefold() in hyphenated:
            continue  # the text prints the word with its hyphen ("well-known")
        lines[offset], lines[offset + 1] = f"{head[:-1]}{tail}", remainder
        state.removed.append(Removed(block.line + offset, "-", "line-end hyphen"))
        state.decide(block.line + offset, "joined", "reflow: a word broken at the line end")
    return RawBlock(block.line, tuple(lines), block.raw, block.indent, block.blanks_before)


__all__ = ["reflow"]
