"""Forum threads: posts opened by a header line naming the author and date.

A forum page (phpBB and its kind) prints each post below a header line
("Post by NAME » Sat Jan 13, 2024 6:41 pm", forms in ``layout.toml``
``[forum]``), often under the thread's title again or "Re: TITLE", with a
"Top" link between posts.  With at least two such headers the first post is
the page's text -- its header gives the author and date -- and the posts
after it are the comments, each with its author and date.  Short navigation
lines between the title and the first post ("Post Reply", "5 posts") are
removed.
"""

from __future__ import annotations

import functools
import re

from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.footer import short_line
from sourcebook.parse.headed import build_thread, openers_above, split_at_headers
from sourcebook.parse.state import ParseState
from sourcebook.parse.subjects import drop_subjects
from sourcebook.parse.vocabulary import layout_table

_NAV_WORDS = 8


@functools.cache
def forum_shape() -> tuple[tuple[re.Pattern[str], ...], frozenset[str]]:
    data = layout_table("forum")
    return tuple(re.compile(p) for p in data["post_headers"]), frozenset(data["chrome"])


def post_header(text: str) -> dict[str, str] | None:
    """The author and date of a forum post's header line.

    >>> post_header("Post by Ann Lee » Sat Jan 13, 2024 6:41 pm")
    {'name': 'Ann Lee', 'date': 'Sat Jan 13, 2024 6:41 pm'}
    >>> post_header("Posted by Ann Lee at 6:41 PM") is None
    True
    """
    for pattern in forum_shape()[0]:
        match = pattern.fullmatch(text)
        if match:
            return {k: v for k, v in match.groupdict().items() if v}
    return None


def forum(state: ParseState) -> None:
    """Read a forum thread (see the module docstring)."""
    blocks = split_at_headers(state.blocks, post_header)
    heads = [i for i, b in enumerate(blocks) if b.single_line and post_header(b.text)]
    if any(blocks[i].line in state.keep for i in heads):
        return
    if heads == [0]:  # one post (a node with no comments): its header under the title
        _take_byline(state, blocks[0])
        state.blocks = blocks[1:]
        return
    if len(heads) < 2:
        return
    blocks = _drop_titles_and_chrome(state, blocks)
    blocks = drop_subjects(state, blocks, post_header)
    heads = [i for i, b in enumerate(blocks) if b.single_line and post_header(b.text)]
    first, second = heads[0], heads[1]
    _take_byline(state, blocks[first])
    before = [b for b in blocks[:first] if not _navigation(state, b)]
    state.blocks = before + blocks[first + 1 : second]
    openers_above(state)  # "Comments" over the first comment's subject
    build_thread(state, blocks[second:], post_header)


def _take_byline(state: ParseState, header: RawBlock) -> None:
    """The first post's header: the page's author and date."""
    values = post_header(header.text) or {}
    for name in ("author", "date"):
        value = values.get("name" if name == "author" else name)
        if value:
            state.metadata.append(MetaField(name, value, header.line))
    state.metadata.sort(key=lambda f: f.line)
    state.remove(header, "post metadata", "forum: the first post's header")


def _drop_titles_and_chrome(state: ParseState, blocks: list[RawBlock]) -> list[RawBlock]:
    """The title or "Re: TITLE" above a post header, and "Top" lines, are removed."""
    title = state.header.get("title", "")
    chrome = forum_shape()[1]
    kept: list[RawBlock] = []
    for index, block in enumerate(blocks):
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        above = after is not None and after.single_line and post_header(after.text) is not None
        text = block.text
        if block.line in state.keep:
            kept.append(block)
        elif above and (text.startswith("Re: ") or (title and text == title)):
            state.remove(block, "title repeated", "forum: the thread's title above a post")
        elif block.single_line and text in chrome:
            state.remove(block, "forum navigation", "forum: a link between posts")
        else:
            kept.append(block)
    return kept


def _navigation(state: ParseState, block: RawBlock) -> bool:
    """Short navigation lines before the first post ("Post Reply", "5 posts")."""
    if block.line in state.keep or not all(short_line(t, _NAV_WORDS) for t in block.lines):
        return False
    state.remove(block, "forum navigation", "forum: short lines above the first post")
    return True


__all__ = ["forum", "forum_shape", "post_header"]
