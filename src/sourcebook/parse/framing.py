"""What frames the text of an essay or article: an epigraph before it, a bio after it.

An epigraph is a quotation before the text with a ``- Name (1944)`` line; its
quotation starts at its opening quotation mark, so a title line above it is
not swallowed (that line is reported, SB608).  A bio is "Name is a ..." near
the top, or a closing name line and a bio opening with the name -- in two
blocks or in one block of two lines; a bio that opens "Name <verb>" rather
than "Name is" is reported.
"""

from __future__ import annotations

import re

from sourcebook.core.diagnostics import Code
from sourcebook.model import Epigraph, Removed
from sourcebook.parse.blocks import RawBlock, sub_block
from sourcebook.parse.inline import finish_paragraph
from sourcebook.parse.journal import name_like
from sourcebook.parse.pagetop import page_top
from sourcebook.parse.rules import _BIO
from sourcebook.parse.state import ParseState
from sourcebook.parse.tagline import tagline_bio

#: what follows the name opening a bio: a lower-case verb ("teaches") or a bracket
_BIO_OPENING = re.compile(r" (?:\(|[a-z]{2,}\b)")
_OPENING_QUOTE = re.compile(r"[“\"‘'«]")
_ATTRIBUTION = re.compile(r"[-–—―]\s*([^\s].{0,120})")
_EPIGRAPH_LINES = 3
#: a name of two or three capitalised words, then a lower-case word
_BIO_NAME = re.compile(r"((?:[A-Z][\w’'.-]{1,30} ){1,2}[A-Z][\w’'.-]{1,30}) (?=[a-z]{2,}\b)")
#: how far down the text the name must be printed before (the byline's lines)
_HEAD_LINES = 30


def epigraph(state: ParseState) -> None:
    """A quotation before the text followed by a ``- Name (1944)`` line (on a
    line of its own, or the last line of the quotation's block)."""
    _split_attribution(state.blocks)
    blocks = state.blocks
    # the dash line needs text after it (an epigraph stands before the text), and an
    # attribution names someone: a dash line opening with a lower-case word is prose
    for index in range(1, min(_EPIGRAPH_LINES, len(blocks) - 2) + 1):
        block = blocks[index]
        match = _ATTRIBUTION.fullmatch(block.text)
        if not match or not block.single_line or match.group(1)[0].islower():
            continue
        start = _quotation_start(state, blocks[:index])
        quote = [
            finish_paragraph(state.pieces(b.text, b.line), b.line, state.claims, state.ids)
            for b in blocks[start:index]
        ]
        cut = len(block.text) - len(match.group(1))
        pieces = state.pieces(match.group(1), block.line)
        attribution = finish_paragraph(pieces, block.line, state.claims, state.ids)
        state.front.append(Epigraph(tuple(quote), attribution, blocks[0].line))
        state.removed.append(_dash(block, cut))
        state.decide(blocks[start].line, "epigraph", "epigraph: quotation, then a dash line")
        del blocks[start : index + 1]
        return


def _quotation_start(state: ParseState, before: list[RawBlock]) -> int:
    """Where the epigraph's quotation starts: at its opening quotation mark when one
    of the blocks opens with one (a title line above it is not quoted), else at the top."""
    start = next((i for i, b in enumerate(before) if _OPENING_QUOTE.match(b.text)), 0)
    for block in before[:start]:
        state.warn(
            block.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"{block.text[:40]!r} above the epigraph's quotation is left in the text (score"
            f" 0.60); if it is the title, set 'title_line' to {block.line}",
        )
    return start


def _split_attribution(blocks: list[RawBlock]) -> None:
    """Give a dash line closing one of the first blocks a block of its own."""
    for index, block in enumerate(blocks[:_EPIGRAPH_LINES]):
        last = len(block.lines) - 1
        if last and _ATTRIBUTION.fullmatch(block.lines[last]):
            blocks[index : index + 1] = [
                sub_block(block, 0, last),
                sub_block(block, last, last + 1),
            ]
            return


def _dash(block: RawBlock, cut: int) -> Removed:
    return Removed(block.line, block.text[:cut].strip(), "attribution dash")


def bio(state: ParseState) -> None:
    """The author's bio: "Name is a …" near the top, or a closing name + bio."""
    profile, blocks = state.profile, state.blocks
    if profile.leading_bio:
        for index, block in enumerate(blocks[:3]):
            match = _BIO.match(block.text)
            if match:
                state.author, state.bio = match.group(1), block.text
                state.decide(block.line, "bio", "bio: 'Name is a' near the top")
                blocks.pop(index)
                break
    if profile.trailing_bio and blocks:
        _trailing_bio(state, blocks)
    if (profile.trailing_bio or profile.leading_bio) and blocks and state.bio is None:
        _closing_bio(state, blocks)
    if (profile.trailing_bio or profile.leading_bio) and state.bio is None:
        tagline_bio(state, blocks)


def _closing_bio(state: ParseState, blocks: list[RawBlock]) -> None:
    """A closing paragraph opening with a name printed near the top (a byline)
    and a lower-case word ("Dana Reyes covers the council ...") is the bio."""
    last = blocks[-1]
    match = _BIO_NAME.match(last.text)
    if match is None or last.line in state.keep or len(blocks) < 2:
        return
    name = match.group(1)
    # the head's lines counted below chrome printed above the page (a consent banner,
    # a navigation bar), or the byline the evidence read wherever the head ends
    top = page_top(state) - 1
    head = state.text.split("\n")[top : min(top + _HEAD_LINES, last.line - 1)]
    bylined = any(f.name == "author" and f.value == name for f in state.metadata)
    if not name_like(name) or not (bylined or any(name in line for line in head)):
        return
    if _not_the_author(state, blocks, name):
        return
    state.decide(last.line, "bio", "bio: a closing paragraph opening with the byline's name")
    state.author = state.author or name
    state.bio = last.text
    del blocks[-1]


def _not_the_author(state: ParseState, blocks: list[RawBlock], name: str) -> bool:
    """*name* opens a closing paragraph but is not the author's: a byline read another
    name, or the paragraph stands under "About NAME" (a press release's boilerplate on
    the company it is about, whose name the headline prints too)."""
    above = blocks[-2].text if len(blocks) > 1 else ""
    if above.casefold().startswith("about ") and name.casefold() in above.casefold():
        return True
    authors = [f.value for f in state.metadata if f.name == "author"]
    return bool(authors) and not any(name in a or a in name for a in authors)


def _trailing_bio(state: ParseState, blocks: list[RawBlock]) -> None:
    """A closing name line and a bio that opens with the name: two blocks, or one
    block of two lines (no blank line between them)."""
    last = blocks[-1]
    if len(last.lines) >= 2:
        name, text, drop = last.lines[0], " ".join(last.lines[1:]), 1
    elif len(blocks) >= 2 and blocks[-2].single_line:
        name, text, drop = blocks[-2].text, last.text, 2
    else:
        return
    first = blocks[-drop].line
    sure = text.startswith(name + " is ")
    verb = text.startswith(name) and _BIO_OPENING.match(text.removeprefix(name))
    if not name_like(name) or not (sure or verb) or first in state.keep:
        return
    if sure:
        state.decide(first, "author and bio", "bio: closing name + 'Name is'")
    else:
        state.decide(first, "author and bio", "bio: closing name + 'Name <verb>'", 0.7)
        state.warn(
            first,
            1,
            Code.STRUCTURE_UNSURE,
            f"read the closing {name!r} and the line after it as the author and bio (score"
            f" 0.70); if they are text, list line {first} in 'keep'",
        )
    state.author, state.bio = name, text
    del blocks[-drop:]


__all__ = ["bio", "epigraph"]
