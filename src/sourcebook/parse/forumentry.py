"""A blog entry on a forum's blog module: byline, tags, avatars, sidebar.

A forum's blog module (Invision-like) prints, under the forum's menu, a breadcrumb
("Forum → Blogs → NAME's Diary"), the blog's name, the avatar's alt text ("Photo"),
the entry's title and "Posted by NAME , in CATEGORY DATE - - - - · N views", then a
line of comma-separated tags.  Each comment is the avatar's alt text, the name, the
date and the text; "Recent Entries", "Recent Comments" and "Categories" close the page.
Copied with one line a block, the breadcrumb becomes the title and the blog's name and
"Photo" headings.  The evidence is the byline (``[forum_entry]`` in
``parse/layout.toml``) among the first ``window`` lines: the line above it (less
avatar lines) is the title, its name the author, its date the date; the lines above the
title are the forum's head (removed), the tag line under the byline becomes the
``tags`` field, every avatar line goes, and the sidebar goes from its first heading to
the end when every line from there on is short.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.model import MetaField
from sourcebook.parse.mailpage import cut_lines, first_match, text_lines
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: a tag has at most this many words, the tag line at most this many
_TAG_WORDS = 3
_TAGS_WORDS = 15
#: a line of the forum's head or the sidebar has at most this many words
_SHORT_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class _Shape:
    window: int
    byline: re.Pattern[str]
    avatar: re.Pattern[str]
    sidebar: re.Pattern[str]


@functools.cache
def _shape() -> _Shape:
    t = layout_table("forum_entry")
    keys = ("byline", "avatar", "sidebar")
    return _Shape(int(t["window"]), *(re.compile(t[k]) for k in keys))


def tag_line(text: str) -> list[str] | None:
    """The tags of a comma-separated tag line, or ``None``.

    >>> tag_line("bowls, ash, green wood")
    ['bowls', 'ash', 'green wood']
    >>> tag_line("Last spring, I came home.") is None
    True
    """
    tags = [t.strip() for t in text.split(",")]
    if len(tags) < 2 or len(text.split()) > _TAGS_WORDS or _SENTENCE_END.search(text):
        return None
    if any(not t or len(t.split()) > _TAG_WORDS for t in tags):
        return None
    return tags


def forum_entry(state: ParseState) -> None:
    """Read a forum blog module's entry (see the module docstring)."""
    if "title" in state.header or state.title_line is not None:
        return
    shape = _shape()
    lines = text_lines(state.blocks)
    found = first_match(lines, shape.byline, shape.window)
    if found is None:
        return
    at, match = found
    avatar = shape.avatar.fullmatch
    title = next((i for i in range(at - 1, -1, -1) if not avatar(lines[i][1])), None)
    if title is None or _SENTENCE_END.search(lines[title][1]) or lines[title][0] in state.keep:
        return
    line = lines[title][0]
    state.header["title"] = lines[title][1].strip()
    state.title_line = line
    state.decide(line, "title", "forum_entry: the line above the 'Posted by' line", 0.9)
    cut_lines(state, [line], "title", "forum_entry", record=False)
    state.metadata += [
        MetaField("author", match.group("name").strip(), lines[at][0]),
        MetaField("date", match.group("date"), lines[at][0]),
    ]
    removed = [(lines[at][0], "post metadata"), *_tags(state, lines, at + 1)]
    state.metadata.sort(key=lambda f: f.line)
    removed += _furniture(lines, title, at)
    for reason in dict.fromkeys(r for _, r in removed):
        chosen = [n for n, r in removed if r == reason and n not in state.keep]
        cut_lines(state, chosen, reason, f"forum_entry: the entry's {reason}")


def _furniture(lines: list[tuple[int, str]], title: int, at: int) -> list[tuple[int, str]]:
    """The forum's head above the title, the avatar lines and the sidebar below."""
    head = [n for n, t in lines[:title] if len(t.split()) <= _SHORT_WORDS]
    out = [(n, "forum head") for n in head if len(head) == title]
    out += [(n, "avatar") for n, t in lines[at:] if _shape().avatar.fullmatch(t)]
    return out + [(n, "blog sidebar") for n in _sidebar(lines[at:])]


def _tags(state: ParseState, lines: list[tuple[int, str]], at: int) -> list[tuple[int, str]]:
    """The tag line under the byline, as the ``tags`` field (its line to remove)."""
    tags = tag_line(lines[at][1]) if at < len(lines) else None
    if not tags:
        return []
    state.metadata.append(MetaField("tags", ", ".join(tags), lines[at][0]))
    return [(lines[at][0], "post metadata")]


def _sidebar(lines: list[tuple[int, str]]) -> list[int]:
    """The sidebar's lines: from its first heading on, when every line there is short."""
    for i, (_, text) in enumerate(lines):
        if _shape().sidebar.fullmatch(text):
            rest = lines[i:]
            if all(len(t.split()) <= _SHORT_WORDS for _, t in rest):
                return [n for n, _ in rest]
    return []


__all__ = ["forum_entry", "tag_line"]
