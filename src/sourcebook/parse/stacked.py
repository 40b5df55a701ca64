"""Forum threads whose post headers are stacked one field a line (XenForo and its kind).

A forum thread copied as text prints each post's header one field a line: the
poster's name, perhaps a member title ("Member", "Well-known member", or one the
member chose), the post's date, and the post's number ("#3"); then the post's text.
The evidence is the number line (``number`` in ``[stacked_posts]`` of
``parse/layout.toml``) right under a date line with a name line one or two lines
above it.  With at least two such headers the first post is the page's text (its
header gives the author and date) and the posts after it are the comments; the
header lines are removed, not read as headings or text.  A thread's own
"Thread starter NAME Start date DATE" line (``starter``) gives the author and
marks the thread's title, the line right above it; the short lines between the
site's menu and that title are the forum's breadcrumb.

A post's furniture goes too: its reactions ("Reactions:" and the names under it,
``reactions``) and a signature, the one short line with no sentence end closing a
post after its text (reported, since a post may end without a full stop).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from sourcebook.core.diagnostics import Code
from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.commentdate import comment_date, name_line
from sourcebook.parse.headed import build_thread
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: a member title under the name has at most this many words
_TITLE_WORDS = 4
#: a signature line has at most this many words
_SIGNATURE_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class Shape:
    starter: re.Pattern[str]
    number: re.Pattern[str]
    titles: frozenset[str]
    reactions: re.Pattern[str]


@functools.cache
def shape() -> Shape:
    data: dict[str, Any] = layout_table("stacked_posts")
    return Shape(
        re.compile(data["starter"]),
        re.compile(data["number"]),
        frozenset(t.lower() for t in data["titles"]),
        re.compile(data["reactions"]),
    )


@dataclass(frozen=True, slots=True)
class Unit:
    """One post header: the indexes of its name, title (or -1), date (-1 when an earlier
    pass took the line as the page's date) and number lines, and the date's text."""

    name: int
    title: int
    date: int
    number: int
    when: str


def _one(blocks: list[RawBlock], at: int) -> str | None:
    return blocks[at].text.strip() if 0 <= at < len(blocks) and blocks[at].single_line else None


def _member_title(text: str | None) -> bool:
    if text is None:
        return False
    return text.lower() in shape().titles or (
        len(text.split()) <= _TITLE_WORDS and not _SENTENCE_END.search(text)
    )


def _date(blocks: list[RawBlock], at: int, taken: dict[int, str]) -> tuple[int, str] | None:
    """The date line right above the number line *at*: block ``at - 1``, or the line an
    earlier pass took as the page's date (``-1`` and its text, from *taken*)."""
    line = blocks[at].line - 1
    above = _one(blocks, at - 1)
    if above is not None and blocks[at - 1].line == line:
        date = comment_date(above)
        return None if date is None else (at - 1, date)
    date = comment_date(taken[line]) if line in taken else None
    return None if date is None else (-1, date)


def unit_at(blocks: list[RawBlock], at: int, floor: int, taken: dict[int, str]) -> Unit | None:
    """The header whose number line is block *at* (its name line at *floor* or below;
    *taken*: the lines earlier passes removed, by line number)."""
    text = _one(blocks, at)
    if text is None or not shape().number.fullmatch(text):
        return None
    found = _date(blocks, at, taken)
    if found is None:
        return None
    date, when = found
    top = at - 1 if date < 0 else at - 2  # the line above the date
    above, two_up = _one(blocks, top), _one(blocks, top - 1)
    listed = above is not None and above.lower() in shape().titles
    titled = listed
    if not titled and two_up is not None and name_line(two_up):
        titled = _member_title(above)
    if titled and top - 1 >= floor and two_up is not None and name_line(two_up):
        return Unit(top - 1, top, date, at, when)
    if top >= floor and above is not None and not listed and name_line(above):
        return Unit(top, -1, date, at, when)  # a member title is never the name
    return None


def find_units(blocks: list[RawBlock], taken: dict[int, str] | None = None) -> list[Unit]:
    """The post headers of *blocks*, in order."""
    units: list[Unit] = []
    for at in range(1, len(blocks)):
        floor = units[-1].number + 2 if units else 0  # a post holds a line of text
        unit = unit_at(blocks, at, floor, taken or {})
        if unit is not None:
            units.append(unit)
    return units


def _stacked_lines(blocks: list[RawBlock]) -> list[RawBlock]:
    """Blocks holding a number line are read line by line (a copy with no blank lines)."""
    out: list[RawBlock] = []
    for block in blocks:
        hit = any(shape().number.fullmatch(t.strip()) for t in block.lines)
        out += explode([block]) if hit and not block.single_line else [block]
    return out


def thread_head(state: ParseState) -> None:
    """The "Thread starter" line: the author and date, and the title right above it."""
    if "title" in state.header or state.title_line is not None:
        return
    blocks = state.blocks
    for index, block in enumerate(blocks):
        match = shape().starter.fullmatch(block.text) if block.single_line else None
        if match is None or block.line in state.keep:
            continue
        for name in ("author", "date"):
            state.metadata.append(MetaField(name, match.group(name).strip(), block.line))
        state.remove(block, "post metadata", "stacked: the thread starter line")
        if index == 0 or not blocks[index - 1].single_line:
            del blocks[index]
            return
        title = blocks[index - 1]
        for crumb in blocks[: index - 1]:
            if crumb.single_line and not _SENTENCE_END.search(crumb.text):
                state.remove(crumb, "breadcrumb", "stacked: a line above the thread's title")
            else:
                return  # text above the title: not a thread's head
        state.header["title"] = title.text
        state.title_line = title.line
        state.decide(title.line, "title", "stacked: the line above the thread starter line")
        del blocks[: index + 1]
        return


def stacked_thread(state: ParseState) -> None:
    """Read a thread of stacked post headers (see the module docstring)."""
    if state.comments:
        return
    blocks = _stacked_lines(state.blocks)
    taken = {r.line: r.text for r in state.removed}
    units = find_units(blocks, taken)
    if len(units) < 2 or any(blocks[u.number].line in state.keep for u in units):
        return
    blocks = _without_reactions(state, blocks)
    units = find_units(blocks, taken)
    first = units[0]
    _first_header(state, blocks, first)
    body = blocks[first.number + 1 : units[1].name]
    _signature(state, body)
    heads: dict[str, dict[str, str]] = {}
    region: list[RawBlock] = []
    for unit, after in zip(units[1:], [*units[2:], None], strict=True):
        end = after.name if after is not None else len(blocks)
        # the date line stays under the name, read as the comment's date there: a
        # member's posts share the header's text, not its date
        heads[blocks[unit.name].text] = {"name": blocks[unit.name].text.strip()}
        if unit.date < 0:
            heads[blocks[unit.name].text]["date"] = unit.when
        for at in (unit.title, unit.number):
            if at >= 0:
                state.remove(blocks[at], "post header", "stacked: a post header's line")
        text = blocks[unit.number + 1 : end]
        _signature(state, text)
        dated = [blocks[unit.date]] if unit.date >= 0 else []
        region += [blocks[unit.name], *dated, *text]
    state.blocks = blocks[: first.name] + body
    build_thread(state, region, lambda t: dict(heads[t]) if t in heads else None)


def _first_header(state: ParseState, blocks: list[RawBlock], unit: Unit) -> None:
    """The opening post's header: the page's author and date, unless a starter line
    gave them."""
    values = {"author": blocks[unit.name].text.strip(), "date": unit.when}
    for name, value in values.items():
        if name not in {f.name for f in state.metadata}:
            state.metadata.append(MetaField(name, value, blocks[unit.name].line))
    # the post's date an earlier pass took, when the starter line gave it already
    first: dict[tuple[str, str], int] = {}
    for index, field in enumerate(sorted(state.metadata, key=lambda f: f.line)):
        first.setdefault((field.name, field.value), index)
    ordered = sorted(state.metadata, key=lambda f: f.line)
    state.metadata[:] = [f for i, f in enumerate(ordered) if first[(f.name, f.value)] == i]
    for at in (unit.name, unit.title, unit.date, unit.number):
        if at >= 0:
            state.remove(blocks[at], "post metadata", "stacked: the opening post's header")


def _without_reactions(state: ParseState, blocks: list[RawBlock]) -> list[RawBlock]:
    """A post's reactions line ("Reactions: A and B", or "Reactions:" over the names)."""
    out: list[RawBlock] = []
    skip = False
    for block in blocks:
        text = block.text.strip()
        if skip and block.single_line and not _SENTENCE_END.search(text):
            state.remove(block, "post reactions", "stacked: the names under 'Reactions:'")
            skip = False
            continue
        skip = False
        if block.single_line and shape().reactions.fullmatch(text):
            state.remove(block, "post reactions", "stacked: a post's reactions line")
            skip = text.endswith(":")
            continue
        out.append(block)
    return out


def _signature(state: ParseState, text: list[RawBlock]) -> None:
    """A post's last line, short with no sentence end, under a line ending a sentence:
    the member's signature, removed and reported."""
    if len(text) < 2 or not text[-1].single_line:
        return
    last, above = text[-1].text.strip(), text[-2].text.strip()
    words = len(last.split())
    if not 2 <= words <= _SIGNATURE_WORDS or _SENTENCE_END.search(last):
        return
    if not _SENTENCE_END.search(above) or text[-1].line in state.keep:
        return
    block = text.pop()
    state.remove(block, "signature", "stacked: a short line closing a post")
    state.warn(
        block.line,
        1,
        Code.STRUCTURE_UNSURE,
        f"line {block.line} ({last[:40]!r}) closes a post with no sentence end and is read"
        " as the member's signature and removed; if it is the post's text, list it in 'keep'",
    )


__all__ = ["Unit", "find_units", "stacked_thread", "thread_head", "unit_at"]
