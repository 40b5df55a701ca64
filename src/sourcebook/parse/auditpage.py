"""The finished page as the audit sees it: the model with the seed's own lines.

Shared by :mod:`sourcebook.parse.audit` (the traces of short lines, dates,
repeats, notes lists, comment chrome) and :mod:`sourcebook.parse.audittraces`
(furniture glued into paragraphs, pull quotes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from sourcebook.model import (
    Anchor,
    Block,
    BlockQuote,
    Comment,
    Document,
    Epigraph,
    ListBlock,
    Paragraph,
    Table,
)

#: a paragraph of at most this many words, with no sentence end, is a fragment
FRAGMENT_WORDS = 5
#: how much of a line a message quotes
QUOTE = 40

_SENTENCE_END = re.compile(r"[.!?…:;,\"”’')\]]$")


@dataclass(frozen=True, slots=True)
class Finding:
    """One trace of an unknown layout: where, and what to say."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Page:
    """The finished model with the seed's lines, which the model joins into paragraphs."""

    document: Document
    lines: list[str]
    keep: set[int]
    #: the first line of every node of the model and of every removed passage: a
    #: paragraph's seed lines end before the next one (or at a blank line), so reading
    #: them costs their own length even when each line of a block is a paragraph
    starts: frozenset[int] = frozenset()
    #: the seed lines already read, by paragraph line: each audit asks again
    read: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, document: Document, text: str, keep: set[int]) -> Page:
        starts = {r.line for r in document.removed} | {m.line for m in document.metadata}
        starts.update(_node_lines(document.blocks))
        return cls(document, text.split("\n"), keep, frozenset(starts))

    def raw(self, paragraph: Paragraph) -> list[str]:
        """The seed lines of *paragraph*: up to a blank line or the next node's line."""
        known = self.read.get(paragraph.line)
        if known is None:
            known = self.read[paragraph.line] = tuple(self._read(paragraph.line))
        return list(known)

    def _read(self, line: int) -> list[str]:
        out: list[str] = []
        index = line - 1
        while index < len(self.lines) and self.lines[index].strip():
            if out and index + 1 in self.starts:
                break
            out.append(" ".join(self.lines[index].split()))
            index += 1
        return out

    def comments(self) -> Iterator[Comment]:
        """Every comment of the thread, replies after their parent."""
        stack = list(reversed(self.document.comments))
        while stack:
            comment = stack.pop()
            yield comment
            stack.extend(reversed(comment.replies))

    def trusted(self, paragraph: Paragraph) -> bool:
        """Kept by the contributor, or holding a marker: text, whatever it looks like."""
        return paragraph.line in self.keep or any(isinstance(i, Anchor) for i in paragraph.inlines)


def _node_lines(blocks: tuple[Block, ...]) -> Iterator[int]:
    """The first line of every node under *blocks*, comments and quotations included."""
    for block in blocks:
        yield block.line
        if isinstance(block, BlockQuote | Epigraph):
            yield from (p.line for p in block.paragraphs)
        elif isinstance(block, ListBlock):
            yield from (p.line for p in block.items)
        elif isinstance(block, Table):
            yield from (r.line for r in block.rows)
        elif isinstance(block, Comment):
            yield from _node_lines(block.blocks)
            yield from _node_lines(block.replies)


def text_of(paragraph: Paragraph) -> str:
    """The paragraph's words, markers left out, spaces collapsed."""
    return " ".join(paragraph.plain.split())


def quote(text: str) -> str:
    """*text* as a message quotes it: short, and as a Python literal (no markup)."""
    return repr(text if len(text) <= QUOTE else text[: QUOTE - 1] + "…")


def is_fragment(text: str, words: int = FRAGMENT_WORDS) -> bool:
    """A few words with no sentence end: not a sentence of running text.

    >>> is_fragment("Share this"), is_fragment("It rained."), is_fragment("")
    (True, False, False)
    """
    return bool(text) and len(text.split()) <= words and not _SENTENCE_END.search(text)


__all__ = ["FRAGMENT_WORDS", "Finding", "Page", "is_fragment", "quote", "text_of"]
