"""Blog comment threads: numbered comments, replies nested by indentation.

A WordPress thread reaches an extract as indented blocks: ``N. text`` opens
a top-level comment, ``• text`` at a deeper indent opens a reply, and each
comment closes with an author line and a date line.  Blocks indented under
a comment belong to it.  Replies become child comments with their own
author, date and depth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sourcebook.core.diagnostics import Code
from sourcebook.model import Block, Comment
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.body import Body
from sourcebook.parse.inline import InlineRules
from sourcebook.parse.rules import _COMMENT_START, _DATE_LINE, is_author_line, iso_datetime
from sourcebook.parse.state import ParseState

_REPLY_START = re.compile(r"^[•◦▪‣]\s+(.*)$")


@dataclass(slots=True)
class _Entry:
    number: int
    reply: int
    indent: int
    depth: int
    line: int
    parent: int | None
    members: list[RawBlock] = field(default_factory=list)
    author: str | None = None
    date_text: str | None = None
    blocks: list[Block] = field(default_factory=list)


def _start(block: RawBlock) -> tuple[bool, int, re.Match[str]] | None:
    """``(top level?, group of the body text, match)`` for a block opening a comment."""
    top = _COMMENT_START.match(block.text)
    if top:
        return True, 2, top
    reply = _REPLY_START.match(block.text)
    return (False, 1, reply) if reply else None


def _opening_block(block: RawBlock, group: int, match: re.Match[str]) -> RawBlock:
    """The start block with its ``N.`` or ``•`` mark cut from the first line."""
    first = block.lines[0][match.start(group) :]
    return RawBlock(block.line, (first, *block.lines[1:]), block.raw, block.indent, 0)


class Thread:
    """Splits thread blocks into comments; :meth:`build` returns the top level."""

    def __init__(self, state: ParseState) -> None:
        self.state = state
        self.entries: list[_Entry] = []
        self.replies: dict[int, int] = {}

    def split(self, blocks: list[RawBlock]) -> int:
        """Assign blocks to comments; return how many blocks the thread used."""
        stack: list[int] = []
        for index, block in enumerate(blocks):
            opened = _start(block) if block.indent > 0 else None
            if opened is not None:
                self._open(block, opened, stack)
                continue
            while stack and self.entries[stack[-1]].indent >= block.indent:
                stack.pop()
            if not stack:
                return index
            self.entries[stack[-1]].members.append(block)
        return len(blocks)

    def _open(
        self, block: RawBlock, opened: tuple[bool, int, re.Match[str]], stack: list[int]
    ) -> None:
        top, group, match = opened
        while stack and self.entries[stack[-1]].indent >= block.indent:
            stack.pop()
        if top:
            stack.clear()
            number, reply, parent = int(match.group(1)), 0, None
        elif stack:
            parent = stack[-1]
            number = self.entries[parent].number
            reply = self.replies[number] = self.replies.get(number, 0) + 1
        else:
            # a reply whose comment was lost: it keeps the thread's numbering
            # as the next reply of the last comment (of comment 0 at the start)
            number = self.entries[-1].number if self.entries else 0
            reply = self.replies[number] = self.replies.get(number, 0) + 1
            parent = None
            self.state.warn(
                block.line,
                1,
                Code.COMMENT_GUESS,
                "a reply with no comment above it: read as a comment",
            )
        entry = _Entry(number, reply, block.indent, len(stack), block.line, parent)
        entry.members.append(_opening_block(block, group, match))
        self.entries.append(entry)
        stack.append(len(self.entries) - 1)

    def _signature(self, entry: _Entry) -> None:
        """Take the closing date line and the author line above it."""
        members = entry.members
        if len(members) > 1 and _DATE_LINE.match(members[-1].text):
            entry.date_text = members.pop().text
            last = members[-1]
            if last.single_line and is_author_line(last.text):
                if len(members) == 1:
                    self.state.warn(
                        entry.line,
                        1,
                        Code.COMMENT_GUESS,
                        f"comment holds only {last.text!r} and a date: read as its author,"
                        " with an empty body",
                    )
                entry.author = members.pop().text

    def build(self) -> list[Comment]:
        for entry in self.entries:  # document order, so claims stay in order
            self._signature(entry)
            prefix = f"{entry.number}." + (f"{entry.reply}." if entry.reply else "")
            rules = InlineRules(
                bracket_markers=self.state.profile.inline.bracket_markers, label_prefix=prefix
            )
            entry.blocks = Body(self.state, rules, allow_headings=False).build(entry.members)
            who = "reply" if entry.depth else "comment"
            self.state.decide(entry.line, f"{who} (depth {entry.depth})", "thread: item mark")
        return self._tree()

    def _tree(self) -> list[Comment]:
        children: dict[int, list[Comment]] = {}
        built: dict[int, Comment] = {}
        for index in range(len(self.entries) - 1, -1, -1):
            entry = self.entries[index]
            comment = Comment(
                entry.number,
                entry.author,
                entry.date_text,
                iso_datetime(entry.date_text) if entry.date_text else None,
                tuple(entry.blocks),
                entry.line,
                entry.depth,
                tuple(reversed(children.pop(index, []))),
                entry.reply,
            )
            built[index] = comment
            if entry.parent is not None:
                children.setdefault(entry.parent, []).append(comment)
        return [built[i] for i, e in enumerate(self.entries) if e.parent is None]

    @property
    def count(self) -> int:
        return len(self.entries)


__all__ = ["Thread"]
