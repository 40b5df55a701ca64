"""Comment threads whose comments open with a header line ("NAME said...").

Blogger, Substack and many WordPress themes do not number their comments:
each opens with a header line naming its author (``Jo Ames said...``,
``Jo Ames says:``, ``Jo Ames on 3 May 2011 at 10:14``) and may close with its
date on a line of its own.  The header forms are data (``[comments]`` in
``parse/layout.toml``), or the contributor's ``comment_header`` template.

Replies are nested under the comment they answer when the extract keeps a
cue (:mod:`sourcebook.parse.replies`).

The thread starts at a comment-count line ("4 comments:") or, without one,
at the first of at least two header lines in the second half of the text.
A thread whose count line is followed by numbered, indented comments is the
WordPress form that :mod:`sourcebook.parse.comments` reads; it is left to it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from sourcebook.core.diagnostics import Code
from sourcebook.model import Comment, Removed
from sourcebook.parse.blocks import RawBlock, explode, sub_block
from sourcebook.parse.commentdate import chrome_line, leading_date
from sourcebook.parse.evidence import score_line
from sourcebook.parse.inline import InlineRules
from sourcebook.parse.nesting import (
    SUBJECT_WORDS,
    assemble,
    depths,
    is_subject,
    linked_depths,
    named_depths,
)
from sourcebook.parse.quotes import comment_blocks
from sourcebook.parse.replies import reply_cues
from sourcebook.parse.rules import _COMMENT_START, _HEADING_END
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import Evidence, layout_table, vocabulary

#: a header line's values ("name", "date"), or None when the line is not a header
Matcher = Callable[[str], "dict[str, str] | None"]


def vocabulary_matcher(text: str) -> dict[str, str] | None:
    """Match *text* against the vocabulary's comment headers.

    >>> vocabulary_matcher("Jo Ames said...")
    {'name': 'Jo Ames'}
    >>> vocabulary_matcher("It was said that...") is None
    True
    >>> vocabulary_matcher("Ann Lee replied:")
    {'name': 'Ann Lee'}
    """
    vocab = vocabulary()
    for pattern in (*vocab.comment_headers, *vocab.reply_headers):
        match = pattern.fullmatch(text)
        if match:
            return {k: v for k, v in match.groupdict().items() if v}
    return None


def _date_line(text: str) -> str | None:
    for pattern in vocabulary().comment_dates:
        match = pattern.fullmatch(text)
        if match:
            return match.group("date")
    return None


def headed_thread(state: ParseState) -> None:
    """Find a thread of headed comments in the remaining blocks and build it."""
    if state.comments:
        return  # a thread of two-line headers was found (parse/pairs.py)
    state.blocks = _unglued(state.blocks)
    blocks = state.blocks
    start, opener, declared = _thread_start(state, blocks)
    if start is None:
        return
    if any(_wordpress_numbered(b) for b in blocks[start + 1 : start + 4]):
        return  # the numbered WordPress form: the "thread" pass reads it
    region = blocks[start + opener :]
    if opener:
        first = blocks[start]
        state.removed.append(Removed(first.line, "\n".join(first.raw), "thread header"))
        state.decide(first.line, "removed (thread header)", "thread: comment-count line")
        state.declared_comments = declared
    if not any(vocabulary_matcher(line) for b in region for line in b.lines):
        state.warn(
            blocks[start].line,
            1,
            Code.STRUCTURE_UNSURE,
            "a comment-count line, but no comment header after it: the rest is read as the"
            " body; declare 'comments_start' and 'comment_header' in the structure hints",
        )
        state.blocks = [b for b in blocks if b is not blocks[start]]
        return
    del blocks[start:]
    openers_above(state)
    build_thread(state, region, vocabulary_matcher)


def _unglued(blocks: list[RawBlock]) -> list[RawBlock]:
    """A block holding two comment headers or more is a thread printed with no blank line
    (a comment widget's extract): read line by line, so its count line and its headers
    stand alone."""
    out: list[RawBlock] = []
    for block in blocks:
        headers = sum(1 for t in block.lines if vocabulary_matcher(t) is not None)
        out += explode([block]) if headers >= 2 else [block]
    return out


def openers_above(state: ParseState) -> None:
    """The blocks right above a thread (or its count line) that hold only the thread's
    opening lines ("Discussion about this post", "Comments") and buttons ("Restacks"):
    right above the first header they open the thread wherever they stand."""
    vocab = vocabulary()
    entries = vocab.for_kind(state.profile.kind)
    while state.blocks and state.blocks[-1].line not in state.keep and len(state.blocks) > 1:
        block = state.blocks[-1]
        verdicts = [score_line(t, 0, 1, entries, vocab.window) for t in block.lines]
        roles = [v.evidence.role if v and v.score >= vocab.apply else None for v in verdicts]
        if "thread" in roles and all(r in ("thread", "furniture") for r in roles):
            state.remove(state.blocks.pop(), "thread header", "thread: opening lines above it")
            continue
        if _tag_lines(block):
            state.remove(state.blocks.pop(), "post tags", "thread: short lines right above it")
            state.warn(
                block.line,
                1,
                Code.STRUCTURE_UNSURE,
                f"lines {block.line}-{block.line + len(block.lines) - 1} ({block.lines[0]!r}"
                " …) right above the comment thread read as the post's tags and removed; if"
                " they are text, list them in 'keep'",
            )
        return


#: a tag or a button above a thread has at most this many words
_TAG_WORDS = 3


def _tag_lines(block: RawBlock) -> bool:
    """Two lines or more, each a capitalised word or two with no sentence end: a post's
    tags ("Forecasting" / "Calibration") or a bar's buttons."""
    return len(block.lines) >= 2 and all(
        len(t.split()) <= _TAG_WORDS and t[:1].isupper() and not _HEADING_END.search(t)
        for t in block.lines
    )


def _wordpress_numbered(block: RawBlock) -> bool:
    """An indented ``N.`` comment or ``•`` reply: the thread form of the "thread" pass."""
    return block.indent > 0 and bool(
        _COMMENT_START.match(block.text) or block.text.startswith(("•", "◦", "▪", "‣"))
    )


def _thread_start(state: ParseState, blocks: list[RawBlock]) -> tuple[int | None, bool, int | None]:
    """Index of the block opening the thread, whether it is an opening line (not a
    comment), and the count it declares."""
    vocab = vocabulary()
    lines = vocab.for_kind(state.profile.kind)
    for index, block in enumerate(blocks):
        if block.line in state.keep:
            continue
        if not block.single_line:
            if 2 * index >= len(blocks) and (found := _opening_block(block, lines)) is not None:
                return index, True, found
            continue
        verdict = score_line(block.text, index, len(blocks), lines, vocab.window)
        if verdict and verdict.evidence.role == "thread" and verdict.score >= vocab.apply:
            return index, True, _declared(verdict.value)
    # the second half of the text by its blocks or by its lines (a thread read line by
    # line is many blocks); a header may stand under its comment's subject line
    middle = (blocks[0].line + blocks[-1].line) // 2 if blocks else 0
    headers = [
        i
        for i, b in enumerate(blocks)
        if (i >= len(blocks) // 2 or b.line >= middle)
        and any(vocabulary_matcher(t) for t in b.lines[:2])
    ]
    return (headers[0], False, None) if len(headers) >= 2 else (None, False, None)


#: a line of a thread's opening block other than its count line has at most this many words
_OPENING_WORDS = 8


def _opening_block(block: RawBlock, lines: tuple[Evidence, ...]) -> int | None:
    """The count a block of the thread's opening declares: a count line ("5 comments,
    sorted by top scoring") among buttons, a vote count and short lines with no sentence
    end (a forum's bar above its thread); ``None`` when the block is not one."""
    vocab = vocabulary()
    count: int | None = None
    for text in block.lines:
        verdict = score_line(text, 0, 1, lines, vocab.window)
        if verdict and verdict.score >= vocab.apply and verdict.evidence.role == "thread":
            count = _declared(verdict.value) if count is None else count
        elif not (
            (verdict and verdict.score >= vocab.apply and verdict.evidence.role == "furniture")
            or chrome_line(text)
            or (len(text.split()) <= _OPENING_WORDS and not text.endswith((".", "!", "?")))
        ):
            return None
    return count


def _declared(value: str | None) -> int | None:
    """The count a "4 comments:" line declares.

    >>> _declared("4"), _declared("One"), _declared("No"), _declared(None)
    (4, 1, 0, None)
    """
    if value is None:
        return None
    words = {"no": 0, "one": 1}
    return int(value) if value.isdigit() else words.get(value.lower())


def build_thread(state: ParseState, region: list[RawBlock], match: Matcher) -> None:
    """Split *region* into comments at header lines and build them."""
    entries: list[tuple[RawBlock, dict[str, str], list[RawBlock]]] = []
    before: list[RawBlock] = []
    for block in split_at_headers(region, match):
        values = match(block.text) if block.single_line else None
        if values is None:
            (entries[-1][2] if entries else before).append(block)
            continue
        holder = entries[-1][2] if entries else before
        if holder and _subject(holder, block) and not _not_subject(holder[-1].text):
            subject = holder.pop()
            state.removed.append(Removed(subject.line, subject.raw[0], "comment subject"))
            state.decide(subject.line, "removed (comment subject)", "thread: a line above a header")
        entries.append((block, values, []))
    for block in before:
        if all(chrome_line(t) for t in block.lines):
            state.remove(block, "comment chrome", "thread: a button above the first comment")
            continue
        state.removed.append(Removed(block.line, "\n".join(block.raw), "before the comments"))
        state.warn(
            block.line,
            1,
            Code.STRUCTURE_UNSURE,
            "text between the comment-count line and the first comment header: removed;"
            " if it is a comment, declare 'comment_header' in the structure hints",
        )
    for _, _, body in entries:
        body[:] = _without_buttons(state, body)
    cues = reply_cues(state, entries)
    found = [v for _, v, _ in entries]
    levels = linked_depths(
        named_depths(depths([h.indent for h, _, _ in entries], cues), found), found
    )
    flat: list[Comment] = []
    number, reply = 0, 0
    for entry, cue, depth in zip(entries, cues, levels, strict=True):
        if depth == 0 or not flat:
            number, reply = number + 1, 0
            flat.append(_comment(state, (number, 0), *entry))
            continue
        reply += 1
        linked = "the header's thread links ('parent', 'root')" if "child" in entry[1] else None
        flat.append(_comment(state, (number, reply), *entry, cue=cue or linked, depth=depth))
    state.comments = assemble(flat)
    state.comment_total = len(entries)


def _subject(holder: list[RawBlock], header: RawBlock) -> bool:
    """Is the last block of *holder* the subject line of the comment *header* opens: after
    a blank line (:func:`~sourcebook.parse.nesting.is_subject`), or, in a text with no
    blank line, a short line with no sentence end under the buttons that close the
    comment above (or first in the thread, under its count line)?"""
    last = holder[-1]
    if is_subject(last, header):
        return True
    text = last.text.strip()
    if not last.single_line or header.line != last.line + 1 or last.blanks_before:
        return False
    if any(p.fullmatch(text) for p in _subject_forms()):
        return True  # a subject that says so ("Tidy idea (Score:2)")
    if len(text.split()) > SUBJECT_WORDS or text.endswith((".", "!", "?", ":", "…")):
        return False
    above = holder[-2] if len(holder) > 1 else None
    return above is None or (above.single_line and _button(above.text))


@functools.cache
def _subject_forms() -> tuple[re.Pattern[str], ...]:
    """``subjects`` of ``[comments]``: subject lines marked as such wherever they stand."""
    return tuple(re.compile(p) for p in layout_table("comments").get("subjects", ()))


def _opens_replies(text: str) -> bool:
    """A line opening a comment's replies ("Replies", "1 reply": parse/replies.py)."""
    return any(p.fullmatch(text.strip()) for p in vocabulary().reply_openers)


def _not_subject(text: str) -> bool:
    """A line opening replies or a button ("Collapse") is no comment's subject."""
    return _opens_replies(text) or chrome_line(text)


def _button(text: str) -> bool:
    """A button or count, not a line opening the replies."""
    return not _opens_replies(text) and chrome_line(text)


def _without_buttons(state: ParseState, body: list[RawBlock]) -> list[RawBlock]:
    """The comment's text without the platform's buttons and counts on lines of their
    own ("Reply", "3 likes Like Reply", "(Reply) (Thread)")."""
    out: list[RawBlock] = []
    for block in body:
        start = 0
        for offset, text in enumerate((*block.lines, "")):
            if offset < len(block.lines) and not _button(text):
                continue
            if offset > start:
                out.append(sub_block(block, start, offset))
            if offset < len(block.lines):
                line = sub_block(block, offset, offset + 1)
                state.remove(line, "comment chrome", "thread: a button or count in a comment")
            start = offset + 1
    return out


def _comment(
    state: ParseState,
    at: tuple[int, int],
    header: RawBlock,
    values: dict[str, str],
    body: list[RawBlock],
    cue: str | None = None,
    depth: int = 0,
) -> Comment:
    """Comment number ``at[0]`` (reply ``at[1]`` to it at *depth*, when a *cue* or the
    headers' indentation says it is one)."""
    number, reply = at
    state.removed.append(Removed(header.line, "\n".join(header.raw), "comment header"))
    date = values.get("date")
    if values.get("time"):
        date = f"{date} at {values['time']}" if date else values["time"]
    date = date or leading_date(state, body, values.get("name"))  # a date under the header
    closing = _closing_date(body)
    if closing is not None:
        date = closing.text
        state.removed.append(Removed(closing.line, "\n".join(closing.raw), "comment date"))
    if not body:
        state.warn(header.line, 1, Code.COMMENT_GUESS, "a comment header with no text after it")
    prefix = f"{number}." + (f"{reply}." if reply else "")
    rules = InlineRules(bracket_markers=state.profile.inline.bracket_markers, label_prefix=prefix)
    blocks = comment_blocks(state, rules, body)  # quotations of earlier posts, if any
    if not reply:
        state.decide(header.line, "comment (depth 0)", "thread: comment header line")
    else:  # the depth the thread's nesting gave, not always 1 (a reply to a reply)
        rule = f"thread: {cue}" if cue else "thread: the headers' indentation"
        state.decide(header.line, f"reply (depth {depth})", rule, 0.8)
    name = values.get("name")
    return Comment(number, name, date, None, tuple(blocks), header.line, depth, (), reply)


def _closing_date(body: list[RawBlock]) -> RawBlock | None:
    """The comment's date on its last line, taken off *body*: a block of its own, or
    the last line of the comment's text when no blank line sets it apart."""
    if not body or _date_line(body[-1].lines[-1]) is None:
        return None
    last = body.pop()
    if last.single_line:
        return last
    body.append(sub_block(last, 0, len(last.lines) - 1))
    return sub_block(last, len(last.lines) - 1, len(last.lines))


def split_at_headers(region: list[RawBlock], match: Matcher) -> list[RawBlock]:
    """Each header line its own block (extracts often glue it to the comment's text)."""
    out: list[RawBlock] = []
    for block in region:
        cut = 0
        for offset, line in enumerate(block.lines):
            if offset > cut - 1 and match(line) is not None:
                if offset > cut:
                    out.append(sub_block(block, cut, offset))
                out.append(sub_block(block, offset, offset + 1))
                cut = offset + 1
        if cut < len(block.lines):
            out.append(sub_block(block, cut, len(block.lines)))
    return out


__all__ = [
    "build_thread",
    "headed_thread",
    "openers_above",
    "split_at_headers",
    "vocabulary_matcher",
]
