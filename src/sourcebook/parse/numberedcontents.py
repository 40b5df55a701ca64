"""A contents box with no "Contents" line: numbered section names printed again below.

Scholarly encyclopaedias, reports and long wiki pages print their table of contents
as a block of short lines, most of them opening with a section number ("1. Origins",
"2.1 Early uses", "IV. Field Trials"), sub-sections often indented, and no heading
above it; the same lines come back below as the sections' headings.  The evidence
(``[numbered_contents]`` in ``layout.toml``): a block of at least ``min_items`` short
lines (at most ``item_words`` words, no sentence end), at least ``numbered`` of them
numbered, and at least ``echoed`` of them printed again later on a line of their own.
The block is removed as the page's contents; each numbered item found again becomes a
heading there (it may stand in one block with the next heading: "1. Origins" over
"1.1 Early uses").  A box whose share of echoed items is below ``sure`` is reported
(SB608) with the hint that keeps it.  A numbered list whose items are not printed
again (a recipe's steps) is left alone.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.core.diagnostics import Code
from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_SENTENCE_END = re.compile(r"[.!?;,][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class _Shape:
    min_items: int
    item_words: int
    numbered: float
    echoed: float
    sure: float
    number: re.Pattern[str]


@functools.cache
def _shape() -> _Shape:
    data = layout_table("numbered_contents")
    return _Shape(
        int(data["min_items"]),
        int(data["item_words"]),
        float(data["numbered"]),
        float(data["echoed"]),
        float(data["sure"]),
        re.compile(data["number"]),
    )


def _item(text: str) -> bool:
    return 0 < len(text.split()) <= _shape().item_words and not _SENTENCE_END.search(text)


def _echoes(state: ParseState, block: RawBlock) -> dict[str, int]:
    """Each item of *block* printed again on a line of its own below it: its line."""
    lines = [t.strip() for t in state.text.split("\n")]
    start = block.line - 1 + len(block.lines)
    found: dict[str, int] = {}
    for text in block.lines:
        at = next((n for n in range(start, len(lines)) if lines[n] == text), None)
        if at is not None:
            found[text] = at + 1
    return found


def numbered_contents(state: ParseState) -> None:
    """Remove a numbered contents box and make its items headings (see the module
    docstring)."""
    shape = _shape()
    for block in list(state.blocks):
        items = block.lines
        if len(items) < shape.min_items or not all(_item(t) for t in items):
            continue
        if any(block.line + i in state.keep for i in range(len(items))):
            continue
        numbered = [t for t in items if shape.number.match(t)]
        if len(numbered) < shape.numbered * len(items):
            continue
        echoes = _echoes(state, block)
        share = len(echoes) / len(items)
        if share < shape.echoed:
            continue
        _take(state, block, share, [echoes[t] for t in numbered if t in echoes])
        return


def _take(state: ParseState, block: RawBlock, share: float, heads: list[int]) -> None:
    state.blocks.remove(block)
    state.remove(block, "contents box", "numbered_contents: items printed again below")
    if share < _shape().sure:
        end = block.line + len(block.lines) - 1
        state.warn(
            block.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"removed lines {block.line}-{end} as the page's contents ({share:.0%} of them"
            " printed again below as lines of their own); if they are text, list them in"
            " 'keep'",
        )
    wanted = set(heads)
    out: list[RawBlock] = []
    for each in state.blocks:
        if wanted.isdisjoint(range(each.line, each.line + len(each.lines))):
            out.append(each)
            continue
        out += _split(explode([each]), wanted)
    state.blocks = out
    for line in heads:
        state.headings.add(line)
        state.decide(line, "heading", "numbered_contents: an item of the contents box", 0.85)


def _split(lines: list[RawBlock], wanted: set[int]) -> list[RawBlock]:
    """The lines of a block, each heading alone, the others kept as one block a run."""
    out: list[RawBlock] = []
    run: list[RawBlock] = []
    for line in lines:
        if line.line in wanted:
            out += _joined(run)
            out.append(line)
            run = []
        else:
            run.append(line)
    return out + _joined(run)


def _joined(run: list[RawBlock]) -> list[RawBlock]:
    if not run:
        return []
    first = run[0]
    return [
        RawBlock(
            first.line,
            tuple(b.lines[0] for b in run),
            tuple(b.raw[0] for b in run),
            first.indent,
            first.blanks_before,
        )
    ]


__all__ = ["numbered_contents"]
