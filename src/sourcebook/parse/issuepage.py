"""An issue page of a code host read as a post with its comment thread.

A code host's issue page (GitHub-like), copied as text, prints the repository's head
and tabs with their counts, the issue's title with its number and state (twice), the
line "NAME opened this issue DATE · N comments", the labels one a line, then the
opener's "NAME commented DATE" head over the issue's text, and the comments, each
under an avatar's "@NAME" line and a head, perhaps with a role badge ("Member") below
it; reaction lines ("👍 3") and timeline events ("NAME self-assigned this DATE", a
linked pull request's title and state) stand between them; a sign-in prompt opens the
sidebar and the footer.  The evidence is the "opened this issue" line among the first
``window`` lines with a title line above it ("TITLE #N", or a title over a "#N" line)
and the opener's own head below it (``[issue_page]`` in ``parse/layout.toml``).  The
title and its author and date are taken; everything above the opener's head goes (the
repository's head, the issue's); the avatars, badges, reactions and events go; the
sidebar goes from the sign-in prompt on; and the lines under a steps heading of the
issue's template ("To reproduce") up to the next heading are read as a list whose
numbers were lost.  The comment heads are left to the thread passes.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.model import MetaField
from sourcebook.parse.mailpage import cut_lines, first_match, text_lines
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: a line of the repository's head above the title has at most this many words
_HEAD_WORDS = 8
#: a step has at most this many words; fewer than this many steps is no list
_STEP_WORDS = 40
_MIN_STEPS = 2
_COMMENTED = re.compile(r"([A-Za-z0-9][\w.\-]{0,38}) commented ")
_SENTENCE_END = re.compile(r"[.!?…:;)][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class _Shape:
    window: int
    opened: re.Pattern[str]
    numbered_title: re.Pattern[str]
    number: re.Pattern[str]
    state: re.Pattern[str]
    avatar: re.Pattern[str]
    badges: re.Pattern[str]
    reactions: re.Pattern[str]
    events: re.Pattern[str]
    end: tuple[re.Pattern[str], ...]
    steps: re.Pattern[str]


@functools.cache
def _shape() -> _Shape:
    t = layout_table("issue_page")
    return _Shape(
        window=int(t["window"]),
        opened=re.compile(t["opened"]),
        numbered_title=re.compile(t["numbered_title"]),
        number=re.compile(t["number"]),
        state=re.compile(t["state"]),
        avatar=re.compile(t["avatar"]),
        badges=re.compile(t["badges"]),
        reactions=re.compile(t["reactions"]),
        events=re.compile(t["events"]),
        end=tuple(re.compile(p) for p in t["end"]),
        steps=re.compile(t["steps_headings"]),
    )


_Line = tuple[int, str]


def _title_at(lines: list[_Line], opened: int) -> tuple[int, str] | None:
    """The index and text of the issue's title above the "opened" line."""
    shape = _shape()
    for at in range(opened):
        text = lines[at][1]
        if match := shape.numbered_title.fullmatch(text):
            return at, match.group("title").strip()
        if at + 1 < opened and shape.number.fullmatch(lines[at + 1][1]):
            return at, text.strip()
    return None


def _head_of(text: str, name: str) -> bool:
    return text.startswith(f"{name} commented ")


def issue_page(state: ParseState) -> None:
    """Read a code host's issue page (see the module docstring)."""
    if "title" in state.header or state.title_line is not None:
        return
    lines = text_lines(state.blocks)
    found = first_match(lines, _shape().opened, _shape().window)
    if found is None:
        return
    opened, match = found
    title = _title_at(lines, opened)
    name = match.group("name")
    start = next((i for i in range(opened, len(lines)) if _head_of(lines[i][1], name)), None)
    if title is None or start is None or any(line in state.keep for line, _ in lines[:start]):
        return
    at, text = title
    state.header["title"] = text
    state.title_line = lines[at][0]
    state.decide(lines[at][0], "title", "issue_page: the title above 'opened this issue'", 0.9)
    state.metadata += [
        MetaField("author", name, lines[opened][0]),
        MetaField("date", match.group("date"), lines[opened][0]),
    ]
    state.metadata.sort(key=lambda f: f.line)
    head = [line for line, _ in lines[:at]]
    if any(len(t.split()) > _HEAD_WORDS for _, t in lines[:at]):
        head = []
    end = next((i for i in range(start, len(lines)) if _ends(lines[i][1])), len(lines))
    state.bare_items.update(_steps(lines, start + 1, end))
    cuts = [
        (head, "repository header"),
        ([line for line, _ in lines[at : start + 1]], "issue header"),
        *_between(state, lines[start + 1 : end]),
        ([line for line, _ in lines[end:]], "issue sidebar"),
    ]
    for chosen, reason in cuts:
        cut_lines(state, chosen, reason, f"issue_page: the page's {reason}")


def _ends(text: str) -> bool:
    return any(p.fullmatch(text) for p in _shape().end)


def _between(state: ParseState, lines: list[_Line]) -> list[tuple[list[int], str]]:
    """The avatars, badges, reactions, events and linked items among the comments."""
    shape = _shape()
    found: dict[str, list[int]] = {}
    linked = False
    # an event's actor is someone the thread shows ("I added the fix on Sep 4, 2026"
    # in a comment is no event)
    names = {m.group(1) for _, t in lines if (m := _COMMENTED.match(t))}
    for i, (line, text) in enumerate(lines):
        after = lines[i + 1][1] if i + 1 < len(lines) else ""
        before = lines[i - 1][1] if i else ""
        reason = None
        avatar = shape.avatar.fullmatch(text)
        if avatar and _head_of(after, avatar.group("name")):
            reason = "comment avatar"
        elif shape.badges.fullmatch(text) and " commented " in before:
            reason = "role badge"
        elif shape.reactions.fullmatch(text):
            reason = "reactions"
        elif (event := shape.events.fullmatch(text)) and event.group("name") in names:
            reason, linked = "timeline event", True
        elif linked and (shape.numbered_title.fullmatch(text) or shape.state.fullmatch(text)):
            reason = "timeline event"
        else:
            linked = False
        if reason and line not in state.keep:
            found.setdefault(reason, []).append(line)
    return [(lines_, reason) for reason, lines_ in found.items()]


def _steps(lines: list[_Line], start: int, end: int) -> set[int]:
    """The lines under the issue text's steps heading, up to the next heading."""
    shape = _shape()
    out: set[int] = set()
    for i in range(start, end):
        if not shape.steps.fullmatch(lines[i][1]):
            continue
        steps = []
        for line, text in lines[i + 1 : end]:
            words = len(text.split())
            if not _SENTENCE_END.search(text) or words > _STEP_WORDS:
                break  # the next heading, or a comment's head
            steps.append(line)
        if len(steps) >= _MIN_STEPS:
            out.update(steps)
        break
    return out


__all__ = ["issue_page"]
