"""A figure printed in the text: its caption and credit, removed by evidence.

An extract keeps a picture's caption and credit where the picture stood:
"Readers at the branch library on Tuesday." above "Photo courtesy of NAME",
a short label above a caption above "NAME Picture Library", or one line
closed by "Image: NAME" or "(AGENCY Photo/NAME)".  Read as text they become
a paragraph of the body.  The evidence (``layout.toml`` ``[figure]``): a
block of a few short lines whose last line is a credit, or a single line
closed by an inline credit.  A block whose credit line is the only evidence
and whose other lines read as sentences is reported (SB608): it may be a
paragraph that ends on an attribution.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.core.diagnostics import Code
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.captions import between_running, glued_captions
from sourcebook.parse.evidence import score_line
from sourcebook.parse.footer import footer_shape
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table, vocabulary

#: a sentence ending before another ("c. 1910" is no sentence end)
_SENTENCE_BREAK = re.compile(r"[.!?] [A-Z“‘\"]")
_SURE = 0.85
_UNSURE = 0.65


@dataclass(frozen=True, slots=True)
class FigureShape:
    kinds: frozenset[str]
    max_lines: int
    caption_words: int
    credits: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]


@functools.cache
def figure_shape() -> FigureShape:
    """The ``[figure]`` table of ``layout.toml`` (read once)."""
    data = layout_table("figure")
    return FigureShape(
        frozenset(data["kinds"]),
        int(data["max_lines"]),
        int(data["caption_words"]),
        tuple(re.compile(p) for p in data["credits"]),
        tuple(re.compile(p) for p in data["inline_credits"]),
    )


def figure_score(block: RawBlock, shape: FigureShape) -> float:
    """How surely *block* is a figure's caption and credit (0 when it is not one).

    >>> shape = figure_shape()
    >>> figure_score(RawBlock(1, ("A pier at dusk.", "Photo courtesy of Ann Lee"), (), 0, 0), shape)
    0.85
    >>> figure_score(RawBlock(1, ("The pier opened in 1901.",), (), 0, 0), shape)
    0.0
    """
    lines = block.lines
    if len(lines) > shape.max_lines or any(len(x.split()) > shape.caption_words for x in lines):
        return 0.0
    if any(p.fullmatch(lines[-1]) for p in shape.inline):
        # a paragraph's line above it: the caption glued under the text, not a figure
        # of its own (parse/captions.py reads a caption between two paragraphs)
        return 0.0 if any(is_running(x) for x in lines[:-1]) else _SURE
    if len(lines) < 2 or not any(p.fullmatch(lines[-1]) for p in shape.credits):
        return 0.0
    # a label or a one-sentence caption above the credit; two sentences read as prose
    sentences = sum(len(_SENTENCE_BREAK.findall(x)) + x.endswith(".") for x in lines[:-1])
    return _SURE if sentences <= 1 else _UNSURE


def _known(state: ParseState, block: RawBlock) -> bool:
    """A line above the credit that other evidence reads (a byline above "Photographs
    by", a row of footer links above a copyright) makes the block no figure; a single
    line the vocabulary reads (a wire photo caption) is left to it."""
    vocab = vocabulary()
    lines = vocab.for_kind(state.profile.kind)
    footer = footer_shape().patterns
    return any(
        score_line(text, 0, 1, lines, 0) is not None or any(p.fullmatch(text) for p in footer)
        for text in (block.lines if block.single_line else block.lines[:-1])
    )


def _between_paragraphs(blocks: list[RawBlock], index: int) -> bool:
    """A single line standing between two lines of running text: a picture's place in
    the text, never the page's footer (whose copyright sign the caption's rights line
    also prints: "… Private collection. © The Estate of NAME")."""
    if not blocks[index].single_line or not 0 < index < len(blocks) - 1:
        return False
    return between_running(blocks[index - 1].lines[-1], blocks[index + 1].lines[0])


def figure(state: ParseState) -> None:
    """Remove the figures' captions and credits (see the module docstring)."""
    shape = figure_shape()
    if state.profile.kind not in shape.kinds:
        return
    kept: list[RawBlock] = []
    for index, block in enumerate(state.blocks):
        lines = range(block.line, block.line + len(block.lines))
        known = _known(state, block) and not _between_paragraphs(state.blocks, index)
        plain = not any(n in state.keep for n in lines) and not known
        score = figure_score(block, shape) if plain else 0.0
        if not score:
            kept.append(block)
            continue
        state.remove(block, "figure caption", "figure: a caption closed by a credit")
        if score < _SURE:
            last = block.line + len(block.lines) - 1
            state.warn(
                block.line,
                1,
                Code.STRUCTURE_UNSURE,
                f"removed lines {block.line}-{last} ({block.lines[0][:40]!r}) as a figure's"
                f" caption and credit (score {score:.2f}); if they are text, list them in"
                " 'keep'",
            )
    state.blocks = kept
    glued_captions(state, shape.inline, shape.caption_words)


__all__ = ["FigureShape", "figure", "figure_score", "figure_shape"]
