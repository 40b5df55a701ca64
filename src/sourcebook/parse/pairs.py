"""Comment threads whose headers take two lines: the author, then the date.

Many comment systems print a comment's author on one line and its date on
the next ("Dana Reyes" / "4 May 2024 at 10:31"; "Iris_Trembath" / "Jun 3";
"Ines Calloway" / "• 2 years ago"), with no "said" or "says:" to find.  The
evidence is the pair: a short line that reads as a name or user handle
(``[paired_comments] name``) directly above a line that holds only a date
(``dates``).  A name line that also names another commenter after two spaces
("Tomasz Wren Mod  Ines Calloway") answers that comment: a reply.

When the first pair stands at the top of the text, above its first
paragraph, it is the page's own author and date (a forum topic's opening
post), not a comment.  The thread starts at the first pair below the text,
or at a comment-count line above it; the platform's buttons and counts in
it (``chrome``: "Reply", "3 Likes", a lone vote count) are removed.  A
thread of two-line headers is built only when no one-line header was found
(:mod:`sourcebook.parse.headed`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from sourcebook.model import MetaField, Removed
from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.commentdate import between_line, chrome_line, comment_date, name_line
from sourcebook.parse.evidence import score_line
from sourcebook.parse.headed import _declared, build_thread, vocabulary_matcher
from sourcebook.parse.rules import _HEADING_END
from sourcebook.parse.state import ParseState
from sourcebook.parse.topic import topic_title
from sourcebook.parse.undersubject import is_reply_subject, subject_lines
from sourcebook.parse.vocabulary import vocabulary

#: a forum topic's opening post header stands among this many blocks from the top
_TOP_BLOCKS = 3
#: a paragraph's last line has at least this many words
_PROSE_WORDS = 8
#: a comment-count line stands among this many lines above the first header
_OPENER_LINES = 12
#: a line that only separates the name from the date
_SEPARATORS = frozenset({"•", "·", "-", "|"})
#: badge and reply lines a header holds between its name and its date at most
_BETWEEN = 2
#: a commenter's credential line under the name has at most this many words
_CREDENTIAL_WORDS = 14


@dataclass(frozen=True, slots=True)
class _Pair:
    name: RawBlock
    date: RawBlock
    values: dict[str, str]
    #: a badge or a "Reply to  NAME" line between the name and the date (wpDiscuz)
    between: tuple[RawBlock, ...] = ()


def _pairs(blocks: list[RawBlock]) -> list[_Pair]:
    """Every name line directly above a date line (no blank line between; the lines
    may have been read as blocks of their own by the layout pass)."""
    lines = explode(blocks)
    found: list[_Pair] = []
    for index, (name, date) in enumerate(itertools.pairwise(lines)):
        if date.text in _SEPARATORS and index + 2 < len(lines):
            date = lines[index + 2]  # a separator on a line of its own (Forem: NAME / • / date)
        between, extra = _between(lines, index + 1)
        if not between and _credential(lines, index):
            between = (lines[index + 1],)
        if between:
            date = lines[index + 1 + len(between)]
        if date.line > name.line + 2 + len(between) or date.blanks_before:
            continue
        if name.line in _taken(found):
            continue
        values = name_line(name.raw[0].strip())  # two spaces part name and parent
        if values is not None and comment_date(date.text) is not None:
            found.append(_Pair(name, date, {**values, **extra}, between))
    return found


def _between(lines: list[RawBlock], start: int) -> tuple[tuple[RawBlock, ...], dict[str, str]]:
    """The badge and reply lines from *start* on (at most :data:`_BETWEEN`, none after
    a blank line, a date line after them), and what they say (the parent's name)."""
    taken: list[RawBlock] = []
    said: dict[str, str] = {}
    for line in lines[start : start + _BETWEEN]:
        values = None if line.blanks_before else between_line(line.text)
        if values is None:
            break
        taken.append(line)
        said.update(values)
    if len(taken) == len(lines) - start:
        return (), {}  # no line left for the date
    return tuple(taken), said


def _credential(lines: list[RawBlock], index: int) -> bool:
    """Is the line under the name line at *index* the commenter's credential (a job title,
    a profile headline: "Site Manager at Kellow Port", professional networks and
    question-and-answer sites), with the date under it?  The evidence: a short line with
    no sentence end and no date between a name and a date, and the name line opens a
    comment -- under a button or count that closed the comment above ("Reply", "6
    Reactions") or under furniture already removed; a comment's last line of text is
    not."""
    if index + 2 >= len(lines) or index == 0:
        return False
    above, name, middle, date = lines[index - 1], lines[index], lines[index + 1], lines[index + 2]
    if middle.blanks_before or date.blanks_before or comment_date(date.text) is None:
        return False
    words = len(middle.text.split())
    if not 0 < words <= _CREDENTIAL_WORDS or _HEADING_END.search(middle.text):
        return False
    if comment_date(middle.text) is not None or chrome_line(middle.text):
        return False
    # (a line removed as furniture right above the name also closed what stood above)
    closed = chrome_line(above.text) or bool(name.blanks_before) or above.line < name.line - 1
    vocab = vocabulary()
    known = score_line(name.text, 0, 1, vocab.lines, vocab.window)  # "Comments", "Reply"
    return name_line(name.text) is not None and closed and known is None


def _taken(found: list[_Pair]) -> set[int]:
    if not found:
        return set()
    return {found[-1].date.line, *(b.line for b in found[-1].between)}


def paired_thread(state: ParseState) -> None:
    """Find and build a thread of two-line headers (see the module docstring)."""
    if state.comments or not state.blocks:
        return
    pairs = _pairs(state.blocks)
    if not pairs:
        return
    if _above_text(state, pairs[0]):
        if len(pairs) < 2:
            return
        _page_author(state, pairs[0])
        topic_title(state, pairs[0].name.line)
        pairs = pairs[1:]
    if any(
        vocabulary_matcher(t) for b in state.blocks for t in b.lines if b.line >= pairs[0].name.line
    ):
        return  # one-line headers ("NAME said...", "NAME’s avatar"): the headed thread's
    opener = _opener(state, pairs[0].name.line)
    if len(pairs) < 2 and opener is None:
        return
    start = pairs[0].name.line if opener is None else opener + 1
    subjects = subject_lines(explode(state.blocks), [p.date.line for p in pairs])
    replies = {n for n in subjects if is_reply_subject(_text_at(state, n))}
    between = {b.line for p in pairs for b in p.between}
    region = _region(state, start, opener, between | (subjects - replies))
    headers = {p.name.text: p.values for p in pairs}
    heads = {p.name.line for p in pairs}
    build_thread(state, _regroup(region, heads, replies), headers.get)


def _text_at(state: ParseState, line: int) -> str:
    return next((b.text for b in explode(state.blocks) if b.line == line), "")


def _above_text(state: ParseState, pair: _Pair) -> bool:
    """Does the pair stand above the text's first paragraph (a forum's opening post)?"""
    before = [b for b in state.blocks if b.line < pair.name.line]
    return len(before) <= _TOP_BLOCKS and not any(_prose(b) for b in before)


def _prose(block: RawBlock) -> bool:
    """A paragraph: its last line is a sentence of some length."""
    last = block.lines[-1]
    return len(last.split()) >= _PROSE_WORDS and last.rstrip("”’\"')").endswith((".", "!", "?"))


def _opener(state: ParseState, line: int) -> int | None:
    """The comment-count line above the first header ("4 Comments", perhaps glued to a
    comment system's bar): the thread starts there and the count is the declared one."""
    vocab = vocabulary()
    evidence = vocab.for_kind(state.profile.kind)
    above = [b for b in explode(state.blocks) if b.line < line][-_OPENER_LINES:]
    for block in reversed(above):
        verdict = score_line(block.text, 0, 1, evidence, vocab.window)
        if verdict is None or verdict.evidence.role != "thread" or verdict.score < vocab.apply:
            continue
        if state.declared_comments is None and verdict.value:
            state.declared_comments = _declared(verdict.value)
        state.remove(block, "thread header", "pairs: a comment-count line above the headers")
        return block.line
    return None


def _regroup(lines: list[RawBlock], heads: set[int], alone: set[int]) -> list[RawBlock]:
    """The thread's lines as blocks: a header alone, the line under it (its date) alone,
    a reply's subject (*alone*) alone, and the lines of a text between blank lines
    together."""
    out: list[RawBlock] = []
    previous = ""
    for line in lines:
        if line.line in heads:
            kind = "head"
        elif previous == "head":
            kind = "date"
        elif line.line in alone:
            kind = "subject"
        else:
            kind = "text"
        if kind == "text" and previous == "text" and line.blanks_before == 0:
            last = out[-1]
            lines_, raw = (*last.lines, line.text), (*last.raw, *line.raw)
            out[-1] = RawBlock(last.line, lines_, raw, last.indent, last.blanks_before)
        else:
            out.append(line)
        previous = kind
    return out


def _lines(blocks: list[RawBlock]) -> set[int]:
    return {b.line + i for b in blocks for i in range(len(b.lines))}


def _page_author(state: ParseState, pair: _Pair) -> None:
    """The pair above the text: the page's author and date (a forum's opening post)."""
    state.metadata.append(MetaField("author", pair.values["name"], pair.name.line))
    state.metadata.append(MetaField("date", comment_date(pair.date.text) or "", pair.date.line))
    state.metadata.sort(key=lambda f: f.line)
    for part, field in ((pair.name, "author"), (pair.date, "date")):
        state.removed.append(Removed(part.line, part.raw[0], "document metadata"))
        state.decide(part.line, f"metadata ({field})", "pairs: a header above the text", 0.8)
    cut = {pair.name.line, pair.date.line}
    kept: list[RawBlock] = []
    for block in state.blocks:
        if cut & _lines([block]):
            kept += [line for line in explode([block]) if line.line not in cut]
        else:
            kept.append(block)
    state.blocks = kept


def _region(state: ParseState, start: int, opener: int | None, between: set[int]) -> list[RawBlock]:
    """Take the thread's lines from *start* on out of the blocks, without the
    platform's chrome, the headers' *between* lines and the *opener* line; lines
    before *start* stay in the text."""
    out: list[RawBlock] = []
    kept: list[RawBlock] = []
    for block in state.blocks:
        last = block.line + len(block.lines) - 1
        if last < start and not (opener is not None and block.line <= opener <= last):
            kept.append(block)
            continue
        for line in explode([block]):
            if line.line == opener:
                continue
            if line.line < start:
                kept.append(line)
            elif line.line in between:
                state.remove(line, "comment header", "pairs: a line of a header")
            elif chrome_line(line.text):
                state.remove(line, "comment chrome", "pairs: a button or count in the thread")
            else:
                out.append(line)
    state.blocks = _without_chrome_above(state, kept)
    return out


def _without_chrome_above(state: ParseState, blocks: list[RawBlock]) -> list[RawBlock]:
    """The blocks right above the thread that hold only buttons, counts and dates (a
    forum topic's statistics, the opening post's likes) are the platform's chrome."""
    while blocks and all(chrome_line(t) or comment_date(t) for t in blocks[-1].lines):
        if len(blocks) == 1 or blocks[-1].line in state.keep:
            break
        state.remove(blocks.pop(), "comment chrome", "pairs: buttons and counts above the thread")
    return blocks


__all__ = ["paired_thread"]
