"""The author's card printed under a post's title: the name twice, then a headline.

Professional networks, thread unrollers and some newsletter platforms print the
author's card between the title and the text: the avatar's alternative text and
the name (the same name on two lines in a row), then a one-line headline or
profile line ("Operations Lead at Brackwater Freight | Logistics, Safety"),
often with a "Follow" button.  Read as text the name becomes a heading twice
and the headline a third.  The evidence is the repetition: two identical lines
in a row that read as a person's name, among the first lines under the title
(``[author_card]`` of ``parse/layout.toml``).  The name is the author (when the
page names none yet), the line under it is the bio when it reads as a headline
(no sentence end, at most ``headline_words`` words, not a date), and both are
removed from the body.  A question-and-answer page prints the answerer's name once,
over a credential line closed by the answer's age ("… (2014–present) · 3y",
``credential``): the name is the author, the credential the bio.
"""

from __future__ import annotations

import functools
import itertools
import re

from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.commentdate import comment_date
from sourcebook.parse.journal import name_like
from sourcebook.parse.menu import is_menu_word
from sourcebook.parse.rules import _HEADING_END
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table


@functools.cache
def _shape() -> tuple[int, int, re.Pattern[str]]:
    """``[author_card]``: how far under the title the card stands, the headline's length
    at most, and a handle line ("@tessoriel") the card may print under the name."""
    data = layout_table("author_card")
    return int(data["top_lines"]), int(data["headline_words"]), re.compile(data["handle"])


@functools.cache
def _credential() -> re.Pattern[str]:
    """``[author_card] credential``: a credential line closed by the answer's age."""
    return re.compile(layout_table("author_card")["credential"])


def author_card(state: ParseState) -> None:
    """Read the author's card under the title (see the module docstring)."""
    top, words, handle = _shape()
    start = state.title_line or 0
    # with no title chosen yet (an essay's head), the card stands among the first lines
    # and must show more than the repetition: a handle or a headline under the name
    span = top if state.title_line else 2 * top
    lines = [b for b in state.blocks if b.single_line and start < b.line <= start + span]
    for first, second in itertools.pairwise(lines):
        name = first.text.strip()
        if second.line != first.line + 1 or second.text.strip() != name or not name_like(name):
            continue
        if first.line in state.keep or second.line in state.keep:
            return
        handle_line, bio = _under(lines, second, words, handle)
        if state.title_line is None and handle_line is None and bio is None:
            continue
        _take(state, first, second, name)
        if handle_line is not None:
            state.blocks.remove(handle_line)
            state.remove(handle_line, "author's card", "author_card: the author's handle")
        if bio is not None:
            state.blocks.remove(bio)
            state.bio = state.bio or bio.text.strip()
            state.remove(bio, "author's card", "author_card: the headline under the name")
            state.decide(bio.line, "bio", "author_card: the headline under the name", 0.8)
        return
    _answerer(state, lines)


def _under(
    lines: list[RawBlock], second: RawBlock, words: int, handle: re.Pattern[str]
) -> tuple[RawBlock | None, RawBlock | None]:
    """The handle line right under the name printed twice, and the bio line under the
    name or the handle (``None`` where the card has none)."""
    rest = [b for b in lines if b.line > second.line]
    handled = bool(rest) and rest[0].line == second.line + 1
    handled = handled and bool(handle.fullmatch(rest[0].text.strip()))
    below = rest[1 if handled else 0 :][:1]
    bio = below[0] if below else None
    if bio is not None and (
        bio.line > second.line + 2 + handled or not _bio(bio.text, words, handled)
    ):
        bio = None
    return (rest[0] if handled else None), bio


def _bio(text: str, words: int, handled: bool) -> bool:
    """A profile headline; under a handle, also a profile line of a sentence or two
    ("Historian of small towns. Writing a book.") of at most *words* words (without a
    handle, a sentence under the name is the text's first)."""
    count = len(text.split())
    sentence = handled and 0 < count <= words and text.rstrip()[-1:] in ".!"
    return _headline(text, words) or sentence


def _answerer(state: ParseState, lines: list[RawBlock]) -> None:
    """A question-and-answer page's answerer: a name line, then a credential line closed
    by the answer's age ("Marine ecology technician · 3y"): the author and the bio."""
    for name, below in itertools.pairwise(lines):
        match = _credential().fullmatch(below.text.strip())
        if match is None or below.line != name.line + 1 or not name_like(name.text.strip()):
            continue
        if {name.line, below.line} & state.keep:
            return
        state.remove(below, "author's card", "author_card: the answerer's credential and age")
        _author(state, (name, below), name, "a name over a credential")
        state.bio = state.bio or match.group("bio").strip()
        return


def _take(state: ParseState, first: RawBlock, second: RawBlock, name: str) -> None:
    state.remove(first, "author's card", "author_card: the avatar's name above the name")
    _author(state, (first, second), second, "the name printed twice", 0.85)


def _author(
    state: ParseState, card: tuple[RawBlock, ...], name: RawBlock, why: str, score: float = 0.8
) -> None:
    """Take the *card*'s lines out of the text; the *name* line is the author's."""
    for block in card:
        state.blocks.remove(block)
    author = name.text.strip()
    state.remove(name, "document metadata", f"author_card: {why}")
    state.decide(name.line, "metadata (author)", f"author_card: {why}", score)
    if not any(f.name == "author" for f in state.metadata):
        state.metadata.append(MetaField("author", author, name.line))
        state.metadata.sort(key=lambda f: f.line)
    state.author = state.author or author


def _headline(text: str, words: int) -> bool:
    """A profile headline: no sentence end, not a date, not longer than *words* words.

    >>> _headline("Operations Lead at Brackwater Freight | Logistics", 20)
    True
    >>> _headline("For three years I ran the night desk.", 20), _headline("Oct 14, 2026", 20)
    (False, False)
    """
    text = text.strip()
    count = len(text.split())
    if not 0 < count <= words or _HEADING_END.search(text) or is_menu_word(text):
        return False
    return comment_date(text) is None and not text.startswith("+")  # "+ Follow"


__all__ = ["author_card"]
