"""A sentence broken at its links: each link's text on a line of its own.

Some static exports (a personal wiki saved as a page, TiddlyWiki's among them) put each
link's text on a line of its own when copied as text, and the punctuation after the
link on the next line: "… have tiddlers of their own, tagged" / "Tolley Fen" / "; the
parish survey is summarised in" / "Survey of 1988" / ".".  Read line by line, the
link texts are short lines with no sentence end (headings), and the punctuation a
paragraph of its own.

A line opening with a closing mark (``, . ; : ! ? )``) continues the line above; so
does the short line above it (at most ``_LINK_WORDS`` words, no sentence end: the
link's text) when the line above that stops mid-sentence (no sentence end); and so,
going back, do a lower-case line joining two links ("and") and the link above it.  The
lines of such a chain become one block, the opening marks moved to the end of the
line above (a line that is only a mark takes the last word of the line above with it,
so no line is left empty); the words are unchanged.
"""

from __future__ import annotations

import re

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.state import ParseState

#: a line opening with the punctuation that closes the link's phrase
_OPENING_MARK = re.compile(r"[,.;:!?)](?:\s|$)")
_SENTENCE_END = re.compile(r"[.!?…:][\"”’')\]]*$")
#: a link's text holds at most this many words
_LINK_WORDS = 6
_RULE = "link_rejoin: a sentence broken at its links"


def _link_text(text: str) -> bool:
    return 0 < len(text.split()) <= _LINK_WORDS and not _SENTENCE_END.search(text)


def _continues(blocks: list[RawBlock], index: int) -> bool:
    """Does *blocks[index]* open with a closing mark after a broken sentence's link?"""
    if index < 2 or not _OPENING_MARK.match(blocks[index].text):
        return False
    return _continues_shape(blocks, index)


def _moved(lines: list[str]) -> list[str]:
    """The opening marks of each line moved to the end of the line above.

    >>> _moved(["tagged", "Tolley Fen", "; the survey is in", "Survey of 1988", "."])
    ['tagged', 'Tolley Fen;', 'the survey is in', 'Survey of', '1988.']
    """
    out = list(lines)
    for index in range(1, len(out)):
        mark = _OPENING_MARK.match(out[index])
        if mark is None:
            continue
        rest = out[index][mark.end() :].strip()
        head = out[index - 1].split()
        if rest:
            out[index - 1] += mark.group(0).strip()
            out[index] = rest
        elif len(head) >= 2:  # a mark alone: it takes the word before it along
            out[index - 1] = " ".join(head[:-1])
            out[index] = head[-1] + mark.group(0).strip()
    return out


def _connector(blocks: list[RawBlock], index: int) -> bool:
    """Is *blocks[index]* a lower-case line joining two links ("and", "or the") that
    follows a link after a broken sentence?"""
    if index < 2:
        return False
    here = blocks[index]
    words = here.text.split()
    return (
        bool(words)
        and here.text[:1].islower()
        and not _SENTENCE_END.search(here.text)
        and _continues_shape(blocks, index)
    )


def _continues_shape(blocks: list[RawBlock], index: int) -> bool:
    link, before = blocks[index - 1], blocks[index - 2]
    lines = [before.line + len(before.lines), link.line + len(link.lines)]
    adjacent = lines == [link.line, blocks[index].line]
    return adjacent and _link_text(link.text) and not _SENTENCE_END.search(before.lines[-1])


def _chains(blocks: list[RawBlock]) -> dict[int, int]:
    """The chains of lines to join: first index -> last index (inclusive)."""
    chains: dict[int, int] = {}
    index = 2
    while index < len(blocks):
        if not _continues(blocks, index):
            index += 1
            continue
        start = index - 2
        while start >= 2 and _connector(blocks, start):
            start -= 2  # "… see" / LINK / "and" / LINK / "."
        while index + 2 < len(blocks) and _continues(blocks, index + 2):
            index += 2
        chains[start] = index
        index += 1
    return chains


def link_rejoin(state: ParseState) -> None:
    """Join the lines of sentences broken at their links (see the module docstring)."""
    blocks = state.blocks
    chains = _chains(blocks)
    out: list[RawBlock] = []
    index = 0
    while index < len(blocks):
        last = chains.get(index)
        if last is None:
            out.append(blocks[index])
            index += 1
            continue
        out.append(_joined(state, blocks[index : last + 1]))
        index = last + 1
    state.blocks = out


def _joined(state: ParseState, chain: list[RawBlock]) -> RawBlock:
    first = chain[0]
    lines = _moved([t for b in chain for t in b.lines])
    raw = tuple(r for b in chain for r in b.raw)
    state.decide(first.line, "paragraph", _RULE, 0.85)
    # the audit reads the seed's lines: these short ones are links inside a sentence
    state.settled.update(range(first.line, first.line + len(raw)))
    return RawBlock(first.line, tuple(lines), raw, first.indent, first.blanks_before)


__all__ = ["link_rejoin"]
