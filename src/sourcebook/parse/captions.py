"""A picture's caption glued between two paragraphs: removed, the paragraphs kept.

Gallery and museum essays, long-form magazines and blogs print a picture between
two paragraphs with its caption under it: "NAME, Title, 1929. Oil on board,
30 × 40 cm. Private collection. © The Estate of NAME".  An extract that drops
the picture keeps the caption, often with no blank line around it, so the
caption is read as a paragraph of its own or glued into the paragraphs around it.
The caption's closing rights line ("© …", "Courtesy of …") is also what a page's
footer prints; what tells them apart is the caption's place: a line that is a
caption closed by its credit (``[figure] inline_credits``), with a line of
running text right above it and right below it, stands where a picture stood.
Such a line inside a block is split out and removed; the lines around it stay
the paragraphs they were (a line per paragraph, or the paragraph's last line
and the next one's first).
"""

from __future__ import annotations

import re

from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock, runs_without
from sourcebook.parse.state import ParseState

#: a note mark glued to a sentence end ("behind.2"): the sentence still ends there
_GLUED_MARK = re.compile(r"(?<=[.!?…”’\"')])(?:\d{1,3}|[*†‡])$")


def between_running(above: str | None, below: str | None) -> bool:
    """Running text right above and right below a line: a picture's place.

    >>> between_running("The tide rose faster than the harbour master said it would.2",
    ...                 "By noon the slipway was under water and the boats were out.")
    True
    >>> between_running("Notes", "By noon the slipway was under water and the boats were out.")
    False
    """
    if above is None or below is None:
        return False
    return is_running(_GLUED_MARK.sub("", above)) and is_running(below)


def _neighbours(blocks: list[RawBlock], index: int, offset: int) -> tuple[str | None, str | None]:
    """The lines right above and right below line *offset* of block *index*, across
    the blocks' edges."""
    block = blocks[index]
    if offset > 0:
        above: str | None = block.lines[offset - 1]
    else:
        above = blocks[index - 1].lines[-1] if index > 0 else None
    if offset + 1 < len(block.lines):
        below: str | None = block.lines[offset + 1]
    else:
        below = blocks[index + 1].lines[0] if index + 1 < len(blocks) else None
    return above, below


def glued_captions(state: ParseState, inline: tuple[re.Pattern[str], ...], words: int) -> None:
    """Split out and remove the captions glued inside blocks (see the module
    docstring); a block of one line is the figure pass's."""
    out: list[RawBlock] = []
    for index, block in enumerate(state.blocks):
        drop: set[int] = set()
        for offset, line in enumerate(block.lines):
            if block.single_line or block.line + offset in state.keep:
                continue
            shaped = len(line.split()) <= words and any(p.fullmatch(line) for p in inline)
            if shaped and between_running(*_neighbours(state.blocks, index, offset)):
                drop.add(offset)
        if not drop:
            out.append(block)
            continue
        for offset in sorted(drop):
            caption = RawBlock(
                block.line + offset, (block.lines[offset],), (block.raw[offset],), 0, 0
            )
            state.remove(caption, "figure caption", "figure: a caption between two paragraphs")
        out += runs_without(block, drop)
    state.blocks = out


__all__ = ["between_running", "glued_captions"]
