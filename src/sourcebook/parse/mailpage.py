"""A mail message as a list archive prints it: header block, signature, navigation.

A mailing-list archive's message page (MHonArc, Hypermail, mail-archive sites) prints
the archive's banner, help line and a "[Date Prev] | [Thread Prev] …" bar, then the
message's header block, one "Label: value" line each (Subject, From, To, Date), the
message itself (hard-wrapped, a quoted reply, a sign-off), a "-- " signature and the
archive's navigation (Follow-Ups, References, "Prev by Date:", index links, the bar
again).  Read as a blog post, the banner becomes the title, the headers and the
navigation paragraphs.  The evidence is the header block (``[mail_page]`` in
``parse/layout.toml``): at least ``min_header`` header lines in a row, a Subject and a
From or Date among them, within the first ``window`` lines (or a Subject line alone
under the archive's navigation bar, as some archives print it).  Then the subject less its
reply and list prefixes ("Re: [list] ") is the title, the sender's name the author, the
Date line the date; the header lines go to the record; the short lines above the block
are the archive's head (the first, the site); the signature (the "-- " line and the
short lines under it, up to a blank line) is removed; and from the first navigation
line below the message to the end, the archive's navigation is removed.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock, sub_block
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: a line above the header block with more words than this is text, not the archive's head
_HEAD_WORDS = 30
#: a line of at least this many words that runs on to the next line is a wrapped paragraph
_WRAP_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?…:][\"”’')\]]*$")
#: a signature line has at most this many words
_SIGNATURE_WORDS = 12
#: the archive's name on the page's first line has at most this many words
_SITE_WORDS = 6


@dataclass(frozen=True, slots=True)
class _Shape:
    window: int
    min_header: int
    header: re.Pattern[str]
    subject_prefix: re.Pattern[str]
    signature: re.Pattern[str]
    signature_lines: int
    nav: tuple[re.Pattern[str], ...]


@functools.cache
def _shape() -> _Shape:
    table = layout_table("mail_page")
    return _Shape(
        int(table["window"]),
        int(table["min_header"]),
        re.compile(table["header"]),
        re.compile(table["subject_prefix"]),
        re.compile(table["signature"]),
        int(table["signature_lines"]),
        tuple(re.compile(p) for p in table["nav"]),
    )


def subject_title(subject: str) -> str:
    """The subject less its reply and list prefixes.

    >>> subject_title("Re: [tidewatch-dev] Gauge offsets")
    'Gauge offsets'
    >>> subject_title("Fwd: Re: Minutes of 3 May [draft]")
    'Minutes of 3 May [draft]'
    """
    return _shape().subject_prefix.sub("", subject.strip(), count=1).strip()


def sender_name(value: str) -> str | None:
    """The sender's name in a From value ("Ann Lee <ann@x.example>", "ann@x (Ann Lee)").

    >>> sender_name('"Lee, Ann" <ann@x.example>')
    'Lee, Ann'
    >>> sender_name("ann@x.example (Ann Lee)")
    'Ann Lee'
    >>> sender_name("ann@x.example") is None
    True
    """
    value = value.strip()
    if match := re.fullmatch(r"\S+@\S+ \((?P<name>[^()@]{2,60})\)", value):
        return match.group("name").strip()
    name = re.sub(r"\s*<[^<>]*>\s*$", "", value).strip().strip("\"'")
    return name if name and "@" not in name else None


#: one non-blank line of the text: (block index, offset in the block)
_Spot = tuple[int, int]


def _spots(blocks: list[RawBlock]) -> list[_Spot]:
    return [(b, o) for b, block in enumerate(blocks) for o in range(len(block.lines))]


def text_lines(blocks: list[RawBlock]) -> list[tuple[int, str]]:
    """Every non-blank line of *blocks* as (seed line, text), in order."""
    return [(block.line + o, text) for block in blocks for o, text in enumerate(block.lines)]


def first_match(
    lines: list[tuple[int, str]], pattern: re.Pattern[str], window: int
) -> tuple[int, re.Match[str]] | None:
    """The index of the first of *lines* within the first *window* seed lines that
    *pattern* matches whole, with its match, or ``None``."""
    for i, (line, text) in enumerate(lines):
        if line > window:
            return None
        if match := pattern.fullmatch(text):
            return i, match
    return None


def _header_run(state: ParseState, spots: list[_Spot]) -> tuple[int, int] | None:
    """The first and last spot index of the header block, or ``None``."""
    shape = _shape()
    start = 0
    barred = False  # an archive's navigation bar stands above
    while start < len(spots):
        end = start
        labels: list[str] = []
        while end < len(spots):
            block, offset = spots[end]
            line = state.blocks[block].line + offset
            if line > shape.window or line in state.keep:
                break
            match = shape.header.fullmatch(state.blocks[block].lines[offset])
            if match is None:
                break
            labels.append(match.group("label").lower())
            end += 1
        if _is_header_block(labels, barred):
            return start, end - 1
        if end < len(spots):
            block, offset = spots[end]
            barred = barred or _is_nav(state.blocks[block].lines[offset])
        start = end + 1
    return None


def _is_header_block(labels: list[str], barred: bool) -> bool:
    """Enough header lines: ``min_header`` with a Subject and a From or Date, or a
    Subject alone under the archive's navigation bar (an archive that prints no more)."""
    if "subject" not in labels:
        return False
    enough = len(labels) >= _shape().min_header and ("from" in labels or "date" in labels)
    return enough or barred


def mail_page(state: ParseState) -> None:
    """Read a list archive's message page (see the module docstring)."""
    if "title" in state.header or state.title_line is not None:
        return
    spots = _spots(state.blocks)
    run = _header_run(state, spots)
    if run is None:
        return
    first, last = run
    above = [state.blocks[b].lines[o] for b, o in spots[:first]]
    if _prose_above(above):
        return
    _headers(state, spots[first : last + 1])
    tail = _tail_lines(state, spots[last + 1 :])
    head = [state.blocks[b].line + o for b, o in spots[:first]]
    if head and "site" in state.profile.header and len(above[0].split()) <= _SITE_WORDS:
        state.header["site"] = above[0].strip()
        state.decide(head[0], "site", "mail_page: the first line of the archive's head")
    headers = [state.blocks[b].line + o for b, o in spots[first : last + 1]]
    cut_lines(state, head, "archive head", "mail_page: the archive's lines above the headers")
    cut_lines(state, headers, "mail headers", "mail_page: the message's header block")
    for lines, reason in tail:
        cut_lines(state, lines, reason, f"mail_page: the message's {reason}")


def _prose_above(lines: list[str]) -> bool:
    """Do the lines above the header block hold running text (a post that prints a
    message's headers after a lead-in, not an archive's head)?

    >>> _prose_above(["Lists Archive", "Browse the archive below.", "[Date Prev] | [Next]"])
    False
    >>> _prose_above(["Every week the club inbox fills up with messages that", "look alike."])
    True
    >>> _prose_above(["Notes", "The lines I read first are these:"])
    True
    """
    if lines and lines[-1].rstrip().endswith(":"):
        return True  # a lead-in: the headers are quoted in a text
    for line, after in itertools.pairwise(lines):
        words = line.split()
        wrapped = not _SENTENCE_END.search(line) and after[:1].islower()
        if len(words) > _HEAD_WORDS or (len(words) >= _WRAP_WORDS and wrapped):
            return True
    return False


def _headers(state: ParseState, spots: list[_Spot]) -> None:
    """Title, author and date from the header block."""
    for block, offset in spots:
        line = state.blocks[block].line + offset
        match = _shape().header.fullmatch(state.blocks[block].lines[offset])
        if match is None:  # pragma: no cover - the run was matched line by line
            continue
        label, value = match.group("label").lower(), match.group("value").strip()
        if label == "subject" and (title := subject_title(value)):
            state.header["title"] = title
            state.title_line = line
            state.decide(line, "title", "mail_page: the Subject line less its prefixes", 0.9)
        elif label == "from" and (name := sender_name(value)):
            state.metadata.append(MetaField("author", name, line))
        elif label == "date":
            state.metadata.append(MetaField("date", value, line))
    state.metadata.sort(key=lambda f: f.line)


def _tail_lines(state: ParseState, spots: list[_Spot]) -> list[tuple[list[int], str]]:
    """The signature's lines and the navigation's, with the reason for each."""
    shape = _shape()
    lines = [(state.blocks[b].line + o, state.blocks[b].lines[o]) for b, o in spots]
    nav = next((i for i, (_, text) in enumerate(lines) if _is_nav(text)), len(lines))
    out: list[tuple[list[int], str]] = []
    for i, (line, text) in enumerate(lines[:nav]):
        if shape.signature.fullmatch(text) and line not in state.keep:
            out.append((_signature(state, lines[i:nav], line), "signature"))
            break
    if nav < len(lines) and lines[nav][0] not in state.keep:
        out.append(([line for line, _ in lines[nav:]], "archive navigation"))
    return out


def _is_nav(text: str) -> bool:
    return any(p.fullmatch(text) for p in _shape().nav)


def _signature(state: ParseState, lines: list[tuple[int, str]], start: int) -> list[int]:
    """The "-- " line and the short lines right under it (no blank line between)."""
    out = [start]
    for line, text in lines[1 : 1 + _shape().signature_lines]:
        if line != out[-1] + 1 or len(text.split()) > _SIGNATURE_WORDS:
            break
        out.append(line)
    return out


def cut_lines(
    state: ParseState, lines: list[int], reason: str, rule: str, record: bool = True
) -> None:
    """Remove *lines* (seed line numbers) from the blocks, splitting blocks around them;
    with *record* false they leave no record (the title, which the page prints)."""
    wanted = set(lines)
    out: list[RawBlock] = []
    for block in state.blocks:
        start = 0
        for offset in range(1, len(block.lines) + 1):
            inside = block.line + start in wanted
            if offset < len(block.lines) and (block.line + offset in wanted) == inside:
                continue
            part = sub_block(block, start, offset) if start or offset < len(block.lines) else block
            if inside and record:
                state.remove(part, reason, rule)
            elif not inside:
                out.append(part)
            start = offset
    state.blocks = out


__all__ = ["cut_lines", "first_match", "mail_page", "sender_name", "subject_title", "text_lines"]
