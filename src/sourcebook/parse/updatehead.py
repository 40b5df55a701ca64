"""The head of a project update (crowdfunding and membership platforms).

A crowdfunding project's update page (and a membership platform's post) prints, under
the platform's menu, the project's name and tabs, a numbered label ("Update #14"), the
update's title, the creator's name, perhaps a badge ("Creator"), and the date, one a
line.  Copied with no blank line between, the whole head reads as one block of short
lines and is removed as a menu, the update's title and byline with it.  The evidence
is the run under the label (``label`` in ``[update_head]`` of ``parse/layout.toml``): a
title line, a name line (:func:`~sourcebook.parse.commentdate.name_line`), at most one
badge (``between`` of ``[paired_comments]``) and a date line.  The title becomes the
page's title, the name its author and the date its date; the label, the badge and the
date lines go to the record.  The lines above the label, when they are short lines
(the menu, the project's name and creator, its tabs with their counts), are the page's
head: removed, the first the site's name.
"""

from __future__ import annotations

import functools
import re

from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock, sub_block
from sourcebook.parse.commentdate import between_line, comment_date, name_line
from sourcebook.parse.menu import menu_shape, menu_share
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: the label stands among the text's first blocks
_WINDOW = 4
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")


@functools.cache
def _label() -> re.Pattern[str]:
    return re.compile(layout_table("update_head")["label"])


def byline_below(lines: tuple[str, ...], at: int) -> tuple[int, int] | None:
    """The offsets of the name and the date lines of the byline under the title at
    *at*, or ``None`` when the lines there are not a name, a badge and a date.

    >>> byline_below(("Title", "Ann Lee", "Creator", "May 3, 2026"), 0)
    (1, 3)
    >>> byline_below(("Title", "Ann Lee", "Our plan is simple.", "May 3, 2026"), 0) is None
    True
    """
    name = at + 1
    if name >= len(lines) or name_line(lines[name]) is None:
        return None
    date = name + 1
    if date < len(lines) and between_line(lines[date]) == {}:
        date += 1  # a badge
    if date >= len(lines) or comment_date(lines[date]) is None:
        return None
    return name, date


def update_head(state: ParseState) -> None:
    """Take the update's title and byline out of the head (see the module docstring)."""
    if "title" in state.header or state.title_line is not None:
        return
    for index, block in enumerate(state.blocks[:_WINDOW]):
        for at, text in enumerate(block.lines):
            if not _label().fullmatch(text.strip()) or at + 1 >= len(block.lines):
                continue
            title = block.lines[at + 1].strip()
            found = byline_below(block.lines, at + 1)
            if found is None or _SENTENCE_END.search(title) or block.line + at in state.keep:
                continue
            _take(state, index, at, found)
            return


def _take(state: ParseState, index: int, at: int, found: tuple[int, int]) -> None:
    block = state.blocks[index]
    name, date = found
    line = block.line
    state.header["title"] = block.lines[at + 1].strip()
    state.title_line = line + at + 1
    state.decide(line + at + 1, "title", "update_head: the line under the update's label")
    state.metadata.append(MetaField("author", block.lines[name].strip(), line + name))
    when = comment_date(block.lines[date]) or block.lines[date].strip()
    state.metadata.append(MetaField("date", when, line + date))
    state.metadata.sort(key=lambda f: f.line)
    for offset in range(at, date + 1):
        if offset != at + 1:
            state.remove(sub_block(block, offset, offset + 1), "post metadata", "update_head")
    parts: list[RawBlock] = []
    if at > 0 and not _page_head(state, sub_block(block, 0, at)):
        parts.append(sub_block(block, 0, at))
    if date + 1 < len(block.lines):
        parts.append(sub_block(block, date + 1, len(block.lines)))
    state.blocks[index : index + 1] = parts


def _page_head(state: ParseState, top: RawBlock) -> bool:
    """The lines above the label, when they are short lines (the platform's menu, the
    project's name, creator and tabs with their counts, where a "by NAME" line keeps
    the menu pass from taking them): removed, the first line the site's name."""
    shape = menu_shape()
    if menu_share(top, shape) < shape.share or any(
        top.line + i in state.keep for i in range(len(top.lines))
    ):
        return False
    if "site" in state.profile.header and "site" not in state.header:
        state.header["site"] = top.lines[0].strip()
        state.decide(top.line, "site", "update_head: the first line of the page's head")
    state.remove(top, "site menu", "update_head: the page's head above the update's label")
    return True


__all__ = ["byline_below", "update_head"]
