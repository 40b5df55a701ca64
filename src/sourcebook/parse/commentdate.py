"""The lines of a comment header and thread: names, dates, buttons (data in
``[paired_comments]`` of ``parse/layout.toml``), and the date line that opens a
comment's text under its header ("Jo Ames says:" / "May 3, 2024 at 9:12 am")."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.model import Removed
from sourcebook.parse.blocks import RawBlock, sub_block
from sourcebook.parse.rules import _HEADING_END
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table, vocabulary

_NAME_WORDS = 6


@dataclass(frozen=True, slots=True)
class _Shape:
    name: re.Pattern[str]
    dates: tuple[re.Pattern[str], ...]
    chrome: tuple[re.Pattern[str], ...]
    not_names: frozenset[str]
    between: tuple[re.Pattern[str], ...]


@functools.cache
def _shape() -> _Shape:
    data = layout_table("paired_comments")
    return _Shape(
        re.compile(data["name"]),
        tuple(re.compile(p) for p in data["dates"]),
        tuple(re.compile(p) for p in data["chrome"]),
        frozenset(n.lower() for n in data["not_names"]),
        tuple(re.compile(p) for p in data["between"]),
    )


def comment_date(text: str) -> str | None:
    """The date a line holds, when it holds nothing else.

    >>> comment_date("• 2 years ago"), comment_date("Jun 3"), comment_date("May 15, 2024")
    ('2 years ago', 'Jun 3', 'May 15, 2024')
    >>> comment_date("June is the month for swarms.") is None
    True
    """
    for pattern in (*vocabulary().comment_dates, *_shape().dates):
        match = pattern.fullmatch(text.strip())
        if match:
            return match.group("date")
    return None


def name_line(text: str) -> dict[str, str] | None:
    """The author (and the comment answered) a header's first line names.

    >>> name_line("Tomasz Wren Mod  Ines Calloway")
    {'name': 'Tomasz Wren', 'parent': 'Ines Calloway'}
    >>> name_line("Iris_Trembath")
    {'name': 'Iris_Trembath'}
    >>> name_line("Thanks, that helped.") is None
    True
    """
    if len(text.split()) > _NAME_WORDS or _HEADING_END.search(text) or text.endswith(":"):
        return None
    if text.strip().lower() in _shape().not_names:
        return None
    match = _shape().name.fullmatch(text.strip())
    if match is None or comment_date(text) is not None:
        return None
    return {k: v for k, v in match.groupdict().items() if v}


def between_line(text: str) -> dict[str, str] | None:
    """What a line between a header's name and its date says: a badge (``{}``) or the
    comment it answers (``{"parent": NAME}``); ``None`` for any other line.

    >>> between_line("Reply to  Ruth Pellow"), between_line("Author")
    ({'parent': 'Ruth Pellow'}, {})
    >>> between_line("Reply to this, please.") is None
    True
    """
    for pattern in _shape().between:
        match = pattern.fullmatch(text.strip())
        if match:
            return {k: v for k, v in match.groupdict().items() if v}
    return None


#: what stands between a name printed again and the date on one line: a badge, a dot
_BADGE = re.compile(r"(?: (?:Author|Mod|Moderator|Admin|Staff|OP|Editor))?\s*[•·]\s*")
#: an edit mark after the date ("Mar 10 • Edited")
_EDITED = re.compile(r"\s*[•·]\s*Edited$")


def _after_name(text: str, name: str | None) -> str | None:
    """The date on the line that prints the commenter's name again ("Jo Ames • Mar 10",
    "Jo Ames Author • Mar 10 • Edited": Forem under its avatar line).

    >>> _after_name("Jo Ames Author • Mar 10 • Edited", "Jo Ames")
    'Mar 10'
    >>> _after_name("Jo Ames wrote this • Mar 10", "Jo Ames") is None
    True
    """
    line = text.strip()
    if not name or not line.startswith(name):
        return None
    badge = _BADGE.match(line, len(name))
    if badge is None:
        return None
    return comment_date(_EDITED.sub("", line[badge.end() :]))


def chrome_line(text: str) -> bool:
    """A button or a count of a comment system ("Reply", "3 Likes", a lone "23").

    >>> chrome_line("Reply"), chrome_line("3 Likes"), chrome_line("Reply to this, please.")
    (True, True, False)
    """
    return any(p.fullmatch(text.strip()) for p in _shape().chrome)


def leading_date(state: ParseState, body: list[RawBlock], name: str | None = None) -> str | None:
    """Take what opens a comment's text right under its header: the author's name printed
    again (under an avatar line), the date line, and buttons ("Liked by NAME", "Author")."""
    if not body or body[0].blanks_before > 0:
        return None
    first = body[0]
    at = 1 if name and first.lines[0].strip() == name and len(first.lines) > 1 else 0
    date = comment_date(first.lines[at])
    again = None if date is not None else _after_name(first.lines[at], name)
    if date is None and again is None:
        return None
    end = at + 1
    while end < len(first.lines) and chrome_line(first.lines[end]):
        end += 1
    for offset in range(end):
        state.removed.append(Removed(first.line + offset, first.raw[offset], "comment date"))
    if end == len(first.lines):
        body.pop(0)
    else:
        body[0] = sub_block(first, end, len(first.lines))
    return again or first.lines[at].strip().lstrip("•· ")


__all__ = ["between_line", "chrome_line", "comment_date", "leading_date", "name_line"]
