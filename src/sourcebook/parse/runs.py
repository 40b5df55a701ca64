"""Runs of toolbar lines: words such as "Print" or "Twitter" that are furniture only in
a run of their kind (``in_run`` entries of ``layout.toml``), found in one block or, in
a text read one line a block, across the blocks above and below."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.scoring import Verdict
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import Evidence, layout_table


def beside_same(block: RawBlock, offset: int, evidence: Evidence) -> bool:
    """The line above or below matches *evidence* too (a run of toolbar items)."""
    around = (block.lines[o] for o in (offset - 1, offset + 1) if 0 <= o < len(block.lines))
    return any(evidence.pattern.fullmatch(text) for text in around)


#: a run of this many toolbar lines, one a block, counts wherever it stands
_TOOLBAR_RUN = 3


def _run_lines(blocks: list[RawBlock], line: int, evidence: Evidence) -> int:
    """How many lines in a row, each a block of its own (a text read one line a block),
    around *line* match *evidence*: a run of toolbar items ("Twitter" / "Facebook")."""
    texts = {b.line: b.text for b in blocks if b.single_line}
    low = high = line
    while low - 1 in texts and evidence.pattern.fullmatch(texts[low - 1]):
        low -= 1
    while high + 1 in texts and evidence.pattern.fullmatch(texts[high + 1]):
        high += 1
    return high - low + 1


def in_run(state: ParseState, block: RawBlock, offset: int, evidence: Evidence) -> bool:
    """The line stands in a run of lines matching *evidence*, in its block or (a text
    read one line a block) in the blocks above and below."""
    if beside_same(block, offset, evidence):
        return True
    return _run_lines(state.blocks, block.line + offset, evidence) >= 2


def whole_run(blocks: list[RawBlock], line: int, verdict: Verdict) -> Verdict:
    """A toolbar item out of its place counts in full in a run of `_TOOLBAR_RUN` lines."""
    if _run_lines(blocks, line, verdict.evidence) < _TOOLBAR_RUN:
        return verdict
    return Verdict(verdict.evidence, verdict.evidence.weight, verdict.value)


#: a line of running text has at least this many words and ends a sentence
_RUNNING_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")


def head_lines(blocks: list[RawBlock]) -> int:
    """How many lines stand above the text's first two lines of running text in a row:
    the page's head, where a byline or a date line stands however long the head is (a
    news page's menus, kicker, dek, share buttons), 0 when the text has no such lines.

    >>> blocks = [RawBlock(n, (t,), (t,), 0, 0) for n, t in enumerate(["Menu", "Title",
    ...     "By Jo", "A line of the story that runs on with words and words enough.",
    ...     "And a second line that runs on with words and words enough too."], 1)]
    >>> head_lines(blocks)
    3
    """
    lines = [t for b in blocks for t in b.lines]
    for at in range(len(lines) - 1):
        if _running(lines[at]) and _running(lines[at + 1]):
            return at
    return 0


@functools.cache
def _pair_labels() -> frozenset[str]:
    """The labels of ``[label_pairs]`` ("Published", "From"), case-folded."""
    return frozenset(str(k).casefold() for k in dict(layout_table("label_pairs")["labels"]))


@dataclass(frozen=True, slots=True)
class Head:
    """The page's head: how many lines stand in it, and the lines printed under a label
    ("Published" / "12 September 2025": the label pairs' to read, not the head's)."""

    lines: int
    labelled: frozenset[int]

    def top(self, ordinal: int, line: int) -> bool:
        """Does the line at *ordinal* (seed line *line*) stand at the page's top?"""
        return ordinal < self.lines and line not in self.labelled


def page_head(state: ParseState) -> Head:
    """The head of the page whose blocks are ``state.blocks`` (see :func:`head_lines`)."""
    labels = _pair_labels()
    labelled = frozenset(
        n + 1
        for n, text in enumerate(state.text.split("\n"), 1)
        if text.strip().rstrip(":").strip().casefold() in labels
    )
    return Head(head_lines(state.blocks), labelled)


def before_text(blocks: list[RawBlock], index: int) -> bool:
    """Does block *index* stand in the page's head, above the text: no line of running
    text above it and at least two below (a "Related stories" box printed before a
    news story, not the sidebar closing it)?"""
    above = any(_running(t) for b in blocks[:index] for t in b.lines)
    below = sum(_running(t) for b in blocks[index + 1 :] for t in b.lines)
    return not above and below >= 2


def _running(text: str) -> bool:
    return len(text.split()) >= _RUNNING_WORDS and _SENTENCE_END.search(text) is not None


__all__ = ["Head", "before_text", "beside_same", "head_lines", "in_run", "page_head", "whole_run"]
