"""Which comments of a headed thread are replies, from the cues the extract keeps.

A Blogger or Substack thread flattened to text loses its indentation in most
extracts, but often keeps a cue that a comment answers the one above it:

* its header line is indented more than the thread's top-level headers;
* its header says so ("Jo Ames replied:"), from ``reply_headers`` in
  ``[comments]`` of ``parse/layout.toml``;
* it follows a line opening the replies ("Replies", "2 replies") -- until a
  closing line ("Reply", Blogger's link under the replies, found among the
  lines removed as furniture) or, for a counted opener, for that many comments.

Replies are nested one level under the nearest top-level comment above them.
A thread without any cue stays flat, as printed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.core.diagnostics import Code
from sourcebook.model import Removed
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.commentdate import comment_date
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table, vocabulary
from sourcebook.parse.vocative import vocative_cue

#: a comment of the thread: its header block, the header's values and its body
Entry = tuple[RawBlock, dict[str, str], list[RawBlock]]


@dataclass(slots=True)
class _Open:
    """Replies opened by a line: how many are left (``None``: until a closing line)."""

    left: int | None
    #: the line of the last comment taken, to look for a closing line after it
    last: int


def _fits(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    return next((m for p in patterns if (m := p.fullmatch(text.strip()))), None)


def is_reply_header(text: str) -> bool:
    """Does the header line itself say it is a reply?

    >>> is_reply_header("Jo Ames replied:"), is_reply_header("Jo Ames said...")
    (True, False)
    """
    return _fits(vocabulary().reply_headers, text) is not None


def reply_cues(state: ParseState, entries: list[Entry]) -> list[str | None]:
    """For each comment, the cue that makes it a reply (``None``: a top-level comment).

    Lines opening the replies are taken out of the comment bodies (and recorded
    as removed).
    """
    if not entries:
        return []
    base = min(header.indent for header, _, _ in entries)
    closers = [
        r.line for r in state.removed if _fits(vocabulary().reply_closers, r.text) is not None
    ]
    cues: list[str | None] = []
    opened: _Open | None = None
    for index, (header, _, body) in enumerate(entries):
        if opened is not None and _closed(opened, closers, header.line):
            opened = None
        named = _named_parent(state, entries, index)
        cue = _cue(header, base, opened) if index else None
        if index and cue is None:
            cue = _later_cue(state, entries, index, named)
        if cue == "a replies line above" and opened is not None and opened.left is not None:
            opened.left -= 1
        cues.append(cue)
        if opened is not None:
            opened.last = header.line
        found = _opener(state, body)
        if found is not None and cue is None:
            # (a closing line above the opener, "Reply" / "Thread", closes nothing)
            opened = _Open(None if found < 0 else found, state.removed[-1].line)
    return cues


def _later_cue(state: ParseState, entries: list[Entry], index: int, named: bool) -> str | None:
    """The cues a comment's header values, text and buttons give (not its place)."""
    values = entries[index][1]
    return (
        _named_cue(values, named)
        or _mention_cue(entries, index)
        or _linked_cue(state, entries, index)
        or vocative_cue(state, entries, index)
    )


def _cue(header: RawBlock, base: int, opened: _Open | None) -> str | None:
    if header.indent > base:
        return "its header indented"
    if is_reply_header(header.text):
        return "its header says 'replied'"
    if opened is not None:
        return "a replies line above"
    return None


def _closed(opened: _Open, closers: list[int], line: int) -> bool:
    if opened.left is not None:
        return opened.left <= 0
    return any(opened.last < closer < line for closer in closers)


@functools.cache
def reply_to_forms() -> tuple[re.Pattern[str], ...]:
    """``reply_to`` of ``[comments]``: lines naming the comment a reply answers."""
    return tuple(re.compile(p) for p in layout_table("comments").get("reply_to", ()))


def _named_cue(values: dict[str, str], named: bool) -> str | None:
    """The cue of a comment whose header, or a line beside it, names the one it answers."""
    if values.get("parent"):
        return "its header names the comment it answers"
    return "a line names the comment it answers" if named else None


@functools.cache
def parent_links() -> tuple[re.Pattern[str], ...]:
    """``parent_links`` of ``[comments]``: a link under a comment to the one it answers."""
    return tuple(re.compile(p) for p in layout_table("comments").get("parent_links", ()))


def _linked_cue(state: ParseState, entries: list[Entry], index: int) -> str | None:
    """A comment with a link to its parent among its buttons ("Parent", a technology
    news aggregator's; the top-level comments carry "Reply to This" instead) answers a
    comment above it; with the indentation lost, the one directly above is taken (group
    ``under``, see ``nesting.linked_depths``): a guess, reported once a thread."""
    header = entries[index][0]
    end = entries[index + 1][0].line if index + 1 < len(entries) else None
    links = parent_links()
    for removed in state.removed:
        inside = removed.line > header.line and (end is None or removed.line < end)
        if inside and _fits(links, removed.text) is not None:
            entries[index][1]["under"] = "above"
            if not any(e[1].get("under") for e in entries[:index]):
                state.warn(
                    removed.line,
                    1,
                    Code.STRUCTURE_UNSURE,
                    f"the comment of line {header.line} links to its parent ({removed.text!r})"
                    " but the copy lost the indentation: each such reply is placed under the"
                    " comment right above it; a reply to an earlier comment would be misplaced"
                    " (indent its header, or set 'comment_header' in the structure hints)",
                )
            return "a link to its parent under it"
    return None


#: a mention opening a reply ("Jo Ames the point stands", "@jo_ames thanks"): a name of
#: two words or more, or a handle, so that a text opening with a common word is no mention
_MENTION_WORDS = 2


def _mention_cue(entries: list[Entry], index: int) -> str | None:
    """A comment whose text opens with the name of the author of a comment above (the
    mention a professional network or a video site puts at the head of a reply) answers
    that comment: its values get the parent's name, placed by ``nesting.named_depths``."""
    _, values, body = entries[index]
    lines = [t.strip() for b in body[:2] for t in b.lines]
    if lines and comment_date(lines[0]) is not None:
        lines = lines[1:]  # the date line under a two-line header
    if not lines:
        return None
    text = lines[0]
    own = values.get("name")
    for _, above, _ in reversed(entries[:index]):
        name = above.get("name")
        if not name or name == own:
            continue
        mention = name if len(name.split()) >= _MENTION_WORDS else None
        if text.startswith("@" + name):
            mention = "@" + name
        if (
            mention
            and text.startswith(mention)
            and text[len(mention) : len(mention) + 1]
            in (
                " ",
                ",",
            )
        ):
            values["parent"] = name
            return "its text opens with the name of the comment it answers"
    return None


def _named_parent(state: ParseState, entries: list[Entry], index: int) -> bool:
    """Is comment *index* named a reply by an "In reply to …" line, under its header
    (WordPress themes) or at the end of the comment above, over its subject (Drupal)?
    Either line is taken out of the thread."""
    body = entries[index][2]
    # under the header, or under its date line (a journal's subject under "Date: …")
    dated = len(body) > 1 and body[0].single_line and comment_date(body[0].text) is not None
    under = _reply_to(state, body, 0) or (dated and _reply_to(state, body, 1))
    above = index > 0 and _reply_to(state, entries[index - 1][2], -1)
    return under or above


def _reply_to(state: ParseState, body: list[RawBlock], at: int) -> bool:
    """Take an "In reply to …" line out of *body* (its block *at*: 0 the first, 1 the
    one under a date line, -1 the last); whether there was one."""
    if not body or not body[at].single_line:
        return False
    block = body[at]
    if _fits(reply_to_forms(), block.text) is None:
        return False
    body.remove(block)
    state.removed.append(Removed(block.line, "\n".join(block.raw), "reply line"))
    state.decide(block.line, "removed (reply line)", "thread: a line naming the comment answered")
    return True


def _opener(state: ParseState, body: list[RawBlock]) -> int | None:
    """Take a "Replies" / "2 replies" line out of *body*; its count, ``-1`` when it has
    none (read until a closing line), ``None`` when there is no such line."""
    for block in body:
        if not block.single_line:
            continue
        match = _fits(vocabulary().reply_openers, block.text)
        if match is None:
            continue
        body.remove(block)
        state.removed.append(Removed(block.line, "\n".join(block.raw), "replies line"))
        state.decide(block.line, "removed (replies line)", "thread: a line opening replies")
        count = match.groupdict().get("count")
        return int(count) if count else -1
    return None


__all__ = ["Entry", "is_reply_header", "reply_cues", "reply_to_forms"]
