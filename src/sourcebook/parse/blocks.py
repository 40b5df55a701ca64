"""Split a seed into raw blocks: runs of non-blank lines with their position.

This is the first, kind-independent step.  A block remembers its first line,
its indentation (blog comments are indented) and how many blank lines stood
before it (two or more mark a lost heading in some extracts).

Most extracts separate paragraphs by a blank line; some mirrors use a single
line break.  :func:`line_layout` decides which from how the document as a
whole uses line breaks, so no fixed "blank line = paragraph" rule applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sourcebook.core.text import LINE_END, collapse_spaces
from sourcebook.parse.borders import unit_break


@dataclass(frozen=True, slots=True)
class RawBlock:
    #: 1-based line of the block's first line
    line: int
    #: cleaned lines (ends stripped, inner blank runs collapsed)
    lines: tuple[str, ...]
    #: the raw lines as in the seed, for the provenance record
    raw: tuple[str, ...]
    #: indentation of the first line, in characters
    indent: int
    #: blank lines between the previous block and this one
    blanks_before: int

    #: the block's lines joined by single spaces (computed once: rules read it often)
    text: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", " ".join(filter(None, self.lines)))

    @property
    def single_line(self) -> bool:
        return len(self.lines) == 1


def split_blocks(text: str, per_line: bool = False) -> list[RawBlock]:
    """Group non-blank lines into blocks (or, *per_line*, one block per line).

    >>> [(b.line, b.text, b.blanks_before) for b in split_blocks("A\\n\\nB\\nC\\n\\n\\n\\nD\\n")]
    [(1, 'A', 0), (3, 'B C', 1), (8, 'D', 3)]
    >>> [(b.line, b.text) for b in split_blocks("A\\nB\\n\\nC\\n", per_line=True)]
    [(1, 'A'), (2, 'B'), (4, 'C')]
    """
    raws = text.split("\n")
    # :func:`clean_line` of every line, once: stripping both ends first leaves the same
    # inner runs to collapse (a test keeps the two equal), and most lines have none
    cleaned = [collapse_spaces(line) for line in [raw.strip(LINE_END) for raw in raws]]
    # a line of other blanks only (an em space, an ideographic space) is blank too: the
    # structure hints' check calls it blank, so a hint may never name it as text
    cleaned = ["" if line.isspace() else line for line in cleaned]
    blocks: list[RawBlock] = []
    start = -1  # index of the first line of the block being gathered, or -1
    blanks = 0
    blanks_before = 0
    for index, line in enumerate(cleaned):
        if line:
            if start >= 0 and per_line:
                blocks.append(_block(raws, cleaned, start, index, blanks_before))
                start = -1
            if start < 0:
                start = index
                blanks_before = blanks
            blanks = 0
        else:
            if start >= 0:
                blocks.append(_block(raws, cleaned, start, index, blanks_before))
                start = -1
            blanks += 1
    if start >= 0:
        blocks.append(_block(raws, cleaned, start, len(cleaned), blanks_before))
    return blocks


def _block(raws: list[str], cleaned: list[str], start: int, end: int, blanks: int) -> RawBlock:
    """The block of lines ``start:end`` (0-based) of the text."""
    first = raws[start]
    return RawBlock(
        line=start + 1,
        lines=tuple(cleaned[start:end]),
        raw=tuple(raws[start:end]),
        indent=len(first) - len(first.lstrip(" \t\u00a0")),
        blanks_before=blanks,
    )


# A line that can end a paragraph, heading or table row: closing punctuation,
# a closing quote or bracket (markers, flags), or a table cell separator; also a
# sentence end carrying a glued note mark ("slips.1", "others.*") and a note's
# link back to its marker ("↩", with or without the text-style selector).
_COMPLETE_END = re.compile(
    r"[.!?:…”’\"')\]|]$"
    r"|[^\W\d_][.!?…][”’\"')\]]*(?:\d{1,3}|[*†‡])$"
    r"|↩\ufe0e?$"
)


@dataclass(frozen=True, slots=True)
class Layout:
    per_line: bool
    #: single line breaks inside blocks, and how many of them follow a complete line
    inner_breaks: int
    complete_breaks: int
    #: blank-line gaps between blocks
    gaps: int
    #: first line of the first multi-line block (where a diagnostic points)
    line: int


#: a date or a time alone on a line ("11 February 2026", "14:32"): a unit of its own
_DATE_ALONE = re.compile(
    r"\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}"
    r"|\d{1,2}[:.]\d{2}(?: ?[AaPp]\.?[Mm]\.?)?"
)


def _is_heading_like(line: str, following: str) -> bool:
    """A short capitalised line followed by a capitalised line, or a date or a time
    alone on its line.

    >>> _is_heading_like("11 February 2026", "14:32"), _is_heading_like("14:32", "(AVP) -")
    (True, True)
    >>> _is_heading_like("128", "3"), _is_heading_like("the river", "Rose")
    (False, False)
    """
    if _DATE_ALONE.fullmatch(line):
        return True
    return 0 < len(line.split()) <= 8 and line[:1].isupper() and following[:1].isupper()


def line_layout(blocks: list[RawBlock]) -> Layout:
    """Decide whether single line breaks separate blocks in this document.

    They do when the document has more single breaks inside blocks than
    blank-line gaps between blocks, at least three of them, and three in
    four follow a complete line (sentence end, closing quote or bracket,
    table row, or a short capitalised line before a capitalised one).  Hard-wrapped prose breaks
    mid-sentence and stays one block per paragraph.

    >>> line_layout(split_blocks("T\\n\\nOne.\\nTwo.\\nThree.\\nFour.\\n")).per_line
    True
    >>> line_layout(split_blocks("T\\n\\nOne two\\nthree. Four\\nfive and\\nsix.\\n")).per_line
    False
    >>> line_layout(split_blocks("A.\\n\\nB.\\nC.\\n\\nD.\\n")).per_line
    False
    """
    inner = complete = 0
    first = 0
    for block in blocks:
        if block.single_line:
            continue
        first = first or block.line
        for line, following in zip(block.lines, block.lines[1:], strict=False):
            inner += 1
            if (
                _COMPLETE_END.search(line)
                or _is_heading_like(line, following)
                or unit_break(line, following)
            ):
                complete += 1
    gaps = max(len(blocks) - 1, 0)
    # paragraphs one a line between many short lines: only where blank lines are rare
    unwrapped = gaps * _FEW_GAPS <= inner and _unwrapped_prose(blocks)
    evidence = complete * 4 >= inner * 3 or unwrapped
    per_line = inner >= 3 and inner > gaps and evidence
    per_line = per_line and not _paragraphs_apart(blocks)
    return Layout(per_line, inner, complete, gaps, first or 1)


#: a line of at least this many words is a paragraph of prose, not a list item
_PROSE_WORDS = 15
#: a list item's mark ("•", "-", "3.", "2)", a citation's "^" or "↑"): items stand
#: one a line in any layout
_LIST_MARK = re.compile(r"(?:[•·*–\-^↑]|\d{1,3}[.)])\s")


#: the single-broken prose lines that make a layout of one paragraph a line, at least
_UNWRAPPED_LINES = 3
#: ... in a text with at most one blank-line gap for this many single breaks
_FEW_GAPS = 4


def _unwrapped_prose(blocks: list[RawBlock]) -> bool:
    """Every line of prose followed by a single break ends a sentence, and there are
    at least three: paragraphs one a line, between menus, tags and buttons whose short
    lines keep the share of complete lines under three in four (a news agency's page,
    an old forum's thread).  Hard-wrapped prose breaks its long lines mid-sentence.

    >>> prose = "This line of prose runs on for long enough to be a whole paragraph of text."
    >>> _unwrapped_prose(split_blocks(f"menu\\nhome\\n{prose}\\n{prose}\\n{prose}\\ntags\\n"))
    True
    >>> wrapped = "This line of prose runs on for long enough to be wrapped in the middle of"
    >>> _unwrapped_prose(split_blocks(f"{prose}\\n{wrapped}\\n{prose}\\n{prose}\\n"))
    False
    """
    found = 0
    for block in blocks:
        for line in block.lines[:-1]:
            # a row of links ("new | past | comments | ask") is no line of prose: its
            # separators are not words
            words = sum(any(c.isalnum() for c in word) for word in line.split())
            if words >= _PROSE_WORDS and not _LIST_MARK.match(line):
                if not _COMPLETE_END.search(line):
                    return False
                found += 1
    return found >= _UNWRAPPED_LINES


def _paragraphs_apart(blocks: list[RawBlock]) -> bool:
    """Blank lines separate the paragraphs: at least two lines of prose, and fewer than
    one in four of them followed by a single line break (the single breaks belong to
    lists, menus and contents boxes, as on a MediaWiki page with blank lines between its
    paragraphs; a notice of two sentence lines in the footer does not change that).

    >>> prose = "This line of prose runs on for long enough to be a whole paragraph of text."
    >>> _paragraphs_apart(split_blocks(f"{prose}\\n\\n{prose}\\n\\nA\\nB\\n"))
    True
    >>> _paragraphs_apart(split_blocks(f"{prose}\\n{prose}\\n\\nA\\nB\\n"))
    False
    """
    prose = followed = 0
    for block in blocks:
        for offset, line in enumerate(block.lines):
            if len(line.split()) >= _PROSE_WORDS and not _LIST_MARK.match(line):
                prose += 1
                followed += offset < len(block.lines) - 1
    return prose >= 2 and followed * 4 < prose


def explode(blocks: list[RawBlock]) -> list[RawBlock]:
    """One block per line, keeping each line's number and indentation.

    >>> [(b.line, b.text, b.blanks_before) for b in explode(split_blocks("A\\nB\\n\\nC\\n"))]
    [(1, 'A', 0), (2, 'B', 0), (4, 'C', 1)]
    """
    out: list[RawBlock] = []
    for block in blocks:
        for offset, (line, raw) in enumerate(zip(block.lines, block.raw, strict=True)):
            indent = len(raw) - len(raw.lstrip(" \t\u00a0"))
            blanks = block.blanks_before if offset == 0 else 0
            out.append(RawBlock(block.line + offset, (line,), (raw,), indent, blanks))
    return out


def sub_block(block: RawBlock, start: int, end: int) -> RawBlock:
    """Lines ``start:end`` (offsets in *block*) as a block of their own.

    >>> b = split_blocks("A\\n  B\\nC\\n")[0]
    >>> part = sub_block(b, 1, 3)
    >>> (part.line, part.lines, part.indent, part.blanks_before)
    (2, ('B', 'C'), 2, 0)
    """
    raw = block.raw[start:end]
    indent = len(raw[0]) - len(raw[0].lstrip(" \t\u00a0"))
    blanks = block.blanks_before if start == 0 else 0
    return RawBlock(block.line + start, block.lines[start:end], raw, indent, blanks)


def runs_without(block: RawBlock, drop: set[int]) -> list[RawBlock]:
    """The runs of *block*'s lines whose offsets are not in *drop*, each a block.

    >>> b = split_blocks("A\\nB\\nC\\nD\\n")[0]
    >>> [p.lines for p in runs_without(b, {1})]
    [('A',), ('C', 'D')]
    """
    out: list[RawBlock] = []
    start = 0
    for offset in range(len(block.lines) + 1):
        if offset == len(block.lines) or offset in drop:
            if offset > start:
                out.append(sub_block(block, start, offset))
            start = offset + 1
    return out


def without_lines(blocks: list[RawBlock], drop: set[int]) -> list[RawBlock]:
    """*blocks* less the lines numbered in *drop* (a block split around them).

    >>> [b.lines for b in without_lines(split_blocks("A\\nB\\nC\\n\\nD\\n"), {2, 5})]
    [('A',), ('C',)]
    """
    out: list[RawBlock] = []
    for block in blocks:
        offsets = {n - block.line for n in drop if block.line <= n < block.line + len(block.lines)}
        out += runs_without(block, offsets) if offsets else [block]
    return out
