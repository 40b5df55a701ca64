"""A picture's caption printed twice in a row in the page's head.

Magazine and blog themes print the lead picture's text twice: once as the
image's alternative text, once as its caption ("A signal box clock, about
1900." / the same line).  Read as text the pair sits between the title and the
standfirst, and hides the title from the rules that read a head of short lines.
The evidence is the repetition: above the text's first line of prose, a line
that ends a sentence and is followed at once (in its block or in the next) by
the same line.  Both copies are removed as the figure caption.  A title printed
twice has no sentence end (:mod:`.twicetitle` reads it), and a line repeated in
the text (a refrain) stands below its first line of prose.
"""

from __future__ import annotations

import itertools
import re

from sourcebook.parse.blocks import RawBlock, runs_without, sub_block
from sourcebook.parse.state import ParseState

#: a line of this many words is prose: the head has ended
_PROSE_WORDS = 15
#: a caption has at most this many words
_CAPTION_WORDS = 30
#: the head stands within this many blocks from the top
_WINDOW = 20
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")


def _head_lines(state: ParseState) -> list[tuple[int, int]]:
    """(block index, offset) of each line above the text's first line of prose."""
    out: list[tuple[int, int]] = []
    for index, block in enumerate(state.blocks[:_WINDOW]):
        for offset, line in enumerate(block.lines):
            if len(line.split()) >= _PROSE_WORDS:
                return out
            out.append((index, offset))
    return []  # no prose in reach: no head to read


def twice_caption(state: ParseState) -> None:
    """Remove a caption printed twice in a row in the head (see the module docstring)."""
    lines = _head_lines(state)
    for (bi, oi), (bj, oj) in itertools.pairwise(lines):
        first, second = state.blocks[bi], state.blocks[bj]
        text = first.lines[oi].strip()
        if text != second.lines[oj].strip() or not _SENTENCE_END.search(text):
            continue
        if len(text.split()) > _CAPTION_WORDS or {first.line + oi, second.line + oj} & state.keep:
            continue
        drop: dict[int, set[int]] = {bi: {oi}}
        drop.setdefault(bj, set()).add(oj)
        kept: list[RawBlock] = []
        for index, block in enumerate(state.blocks):
            if index not in drop:
                kept.append(block)
                continue
            for offset in sorted(drop[index]):
                state.remove(
                    sub_block(block, offset, offset + 1),
                    "figure caption",
                    "twice_caption: a caption printed twice in the head",
                )
            kept += runs_without(block, drop[index])
        state.blocks = kept
        return


__all__ = ["twice_caption"]
