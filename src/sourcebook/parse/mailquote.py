"""A quoted reply in a post's text: the lines a mail marks with "> ".

A mail message (a list archive's page, a newsletter quoting a reader) quotes the message
it answers under an attribution line ("On Wed, 11 Nov 2026 at 21:14, NAME wrote:"), each
quoted line opening with "> ", often with no blank line between the attribution and the
quotation.  The comment rules read such blocks as quotations already
(:func:`~sourcebook.parse.quotes.comment_blocks`); in the post's text they were one
paragraph with the marks in it.  A block whose last lines (one or more) are all marked is
split there; a block whose every line is marked becomes a block quote, its marks kept in
the provenance record; the text around it is built as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sourcebook.model import Block
from sourcebook.parse.blocks import RawBlock, sub_block
from sourcebook.parse.body import Body
from sourcebook.parse.inline import InlineRules
from sourcebook.parse.quotes import marked_quote
from sourcebook.parse.state import ParseState

_MARKED = re.compile(r"> ?\S.*|>")


def _marked(line: str) -> bool:
    return bool(_MARKED.fullmatch(line))


def split_marked(blocks: list[RawBlock]) -> list[RawBlock]:
    """*blocks* with each block whose closing lines are all marked split before them.

    >>> from sourcebook.parse.blocks import split_blocks
    >>> b = split_blocks("On Monday, Ann wrote:\\n> Yes.\\n> No.\\n")[0]
    >>> [x.lines for x in split_marked([b])]
    [('On Monday, Ann wrote:',), ('> Yes.', '> No.')]
    """
    out: list[RawBlock] = []
    for block in blocks:
        start = len(block.lines)
        while start > 0 and _marked(block.lines[start - 1]):
            start -= 1
        if 0 < start < len(block.lines) and block.raw:
            out += [sub_block(block, 0, start), sub_block(block, start, len(block.lines))]
        else:
            out.append(block)
    return out


def build_with_quotes(
    state: ParseState, make: Callable[[], Body], rules: InlineRules, blocks: list[RawBlock]
) -> list[Block]:
    """The post's blocks, with its "> " quotations as block quotes (see the docstring);
    a body from *make* builds the text around them (all of it, without a quotation)."""
    split = split_marked(blocks)
    if not any(all(map(_marked, b.lines)) for b in split):
        return make().build(blocks)
    out: list[Block] = []
    plain: list[RawBlock] = []
    for block in split:
        quote = marked_quote(state, rules, block) if all(map(_marked, block.lines)) else None
        if quote is None:
            plain.append(block)
            continue
        out += make().build(plain) if plain else []
        out.append(quote)
        plain = []
    return out + (make().build(plain) if plain else [])


__all__ = ["build_with_quotes", "split_marked"]
