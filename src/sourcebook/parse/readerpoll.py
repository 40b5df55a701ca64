"""A reader poll printed above the page: a question, its options and a vote button.

Trade and local news sites put a poll in the page's top bar, above the masthead:
"Which change would help your depot most this winter?", three to six options one a
line, and a button ("Vote", "View results").  Read as text the question becomes the
site's name and the options the title and headings.  The evidence is the shape and
the button: among the first ``top_lines`` lines, a question (at most ``question_words``
words, ending "?"), then ``min_options`` to ``max_options`` short lines with no
sentence end, then a button of ``[reader_poll] buttons``.  The lines are removed as
the "reader poll".  A question in the text with no button under its lines (an FAQ's
heading, a headline asking a question) stays.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.parse.blocks import RawBlock, runs_without, sub_block
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_SENTENCE_END = re.compile(r"[.!?:;][”’\"')]*$")


@dataclass(frozen=True, slots=True)
class _Poll:
    top_lines: int
    question_words: int
    option_words: int
    min_options: int
    max_options: int
    buttons: frozenset[str]


@functools.cache
def _poll() -> _Poll:
    data = layout_table("reader_poll")
    return _Poll(
        int(data["top_lines"]),
        int(data["question_words"]),
        int(data["option_words"]),
        int(data["min_options"]),
        int(data["max_options"]),
        frozenset(b.casefold() for b in data["buttons"]),
    )


def _span(lines: list[str], at: int, poll: _Poll) -> int:
    """How many lines the poll opening at *at* takes (0 when none opens there)."""
    question = lines[at]
    if not question.endswith("?") or len(question.split()) > poll.question_words:
        return 0
    end = at + 1
    while end < len(lines) and end - at - 1 < poll.max_options:
        line = lines[end]
        if line.casefold() in poll.buttons or _SENTENCE_END.search(line):
            break
        if len(line.split()) > poll.option_words:
            return 0
        end += 1
    options = end - at - 1
    if options < poll.min_options or end >= len(lines):
        return 0
    return end - at + 1 if lines[end].casefold() in poll.buttons else 0


def reader_poll(state: ParseState) -> None:
    """Remove a reader poll among the page's first lines (see the module docstring)."""
    poll = _poll()
    where = [(b, o) for b in state.blocks for o in range(len(b.lines))]
    where = [(b, o) for b, o in where if b.line + o <= poll.top_lines]
    lines = [b.lines[o].strip() for b, o in where]
    for at in range(len(lines)):
        span = _span(lines, at, poll)
        if not span or any(b.line + o in state.keep for b, o in where[at : at + span]):
            continue
        drop: dict[int, set[int]] = {}
        for block, offset in where[at : at + span]:
            drop.setdefault(block.line, set()).add(offset)
            state.remove(sub_block(block, offset, offset + 1), "reader poll", "reader_poll: a poll")
        kept: list[RawBlock] = []
        for block in state.blocks:
            kept += runs_without(block, drop[block.line]) if block.line in drop else [block]
        state.blocks = kept
        return


__all__ = ["reader_poll"]
