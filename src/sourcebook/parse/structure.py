"""Block rules: from raw blocks to the document model, guided by a profile.

The rules are general (what a heading, a list, a quotation, a comment or a
piece of boilerplate looks like in a web extract); the profile says which
of them apply to a kind.  Nothing here knows a seed's line numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sourcebook.diagnostics import Code, Diagnostic
from sourcebook.model import (
    Block,
    BlockQuote,
    Claim,
    Comment,
    Document,
    Footnote,
    Heading,
    ListBlock,
    LostHeading,
    Removed,
)
from sourcebook.parse.blocks import RawBlock, split_blocks
from sourcebook.parse.inline import (
    FootnoteSequence,
    InlineRules,
    PendingAnchor,
    Piece,
    finish_paragraph,
    leading_anchor,
    scan,
)
from sourcebook.parse.profiles import Profile
from sourcebook.text import is_title_case

_BULLET = re.compile(r"^[•·▪◦‣]\s*")
_LETTER_ITEM = re.compile(r"^([a-z])\.\s+")
_FOOTNOTE_DEF = re.compile(
    r"^\[(\d{1,3})\]\s+(\S*https?://\S.*)$"
)  # a reference list line: [n] URL
_COMMENT_START = re.compile(r"^(\d{1,4})\.\s+(.*)$")
_RESPONSES = re.compile(r"^(\d+|One|No) (?:Responses?|Comments?)(?: to .*)?$")
_DATE_LINE = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{1,2}), (\d{4}) at (\d{1,2}):(\d{2}) ?([ap]m)$"
)
_AUTHOR_LINE = re.compile(r"^(?:(?:Dr|Prof|Rev|Sir)\.? )?[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}$")
_BIO = re.compile(r"^((?:[A-Z][\w’'.-]+ ){1,3}[A-Z][\w’'.-]+) is (?:a|an|the)\b")
_REPORTING = re.compile(
    r"\b(?:wrote|writes|said|says|stated|states|argued|argues|explained|put it"
    r"|words(?: in [^:,]{1,60})?)[:,]$"
)
_WHOLE_QUOTE = re.compile(r"^“.*”(?: \([^()]{1,80}\))?$")
_OUTLET_LINE = re.compile(r"^(?:The )?[A-Z][\w’'&-]*(?: [A-Z][\w’'&-]*){0,3}\.$")
_GLUED_END = re.compile(r"[^\s\d]\d{1,3}$")
_HEADING_END = re.compile(r"[.,;:!…”’\"')\]]$")

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        1,
    )
}


def iso_datetime(date_text: str) -> str | None:
    """``September 20, 2016 at 3:30 pm`` -> ``2016-09-20T15:30``.

    >>> iso_datetime("September 21, 2016 at 12:23 pm"), iso_datetime("May 1, 2020 at 12:05 am")
    ('2016-09-21T12:23', '2020-05-01T00:05')
    >>> iso_datetime("yesterday") is None
    True
    """
    match = _DATE_LINE.match(date_text)
    if not match:
        return None
    month, day, year, hour, minute, half = match.groups()
    hour_24 = int(hour) % 12 + (12 if half == "pm" else 0)
    try:
        stamp = dt.datetime(int(year), _MONTHS[month], int(day), hour_24, int(minute))
    except ValueError:
        return None
    return stamp.strftime("%Y-%m-%dT%H:%M")


def is_heading(block: RawBlock) -> bool:
    """A short single line without closing punctuation, starting with a capital.

    >>> is_heading(RawBlock(1, ("Why a Socialist International?",), (), 0, 1))
    True
    >>> is_heading(RawBlock(1, ("It also has links, [29] and more.",), (), 0, 1))
    False
    """
    if not block.single_line:
        return False
    text = block.text
    words = text.split()
    return (
        1 <= len(words) <= 10
        and text[0].isupper()
        and not _HEADING_END.search(text)
        and not text.startswith(("•", "“", "‘", "["))
        and not _GLUED_END.search(text)
    )


def is_author_line(text: str) -> bool:
    """A bare name line, as comment authors and essay signatures are printed.

    >>> is_author_line("Dr Paul"), is_author_line("John Rogan")
    (True, True)
    >>> is_author_line("View at Medium.com")
    False
    """
    return bool(_AUTHOR_LINE.match(text)) and not text.endswith(".") and "." not in text.split()[-1]


def is_whole_quote(text: str) -> bool:
    """A paragraph that is one quotation, optionally followed by its source.

    >>> is_whole_quote("“The ideal should not be the secretary …” (What Is To Be Done?)")
    True
    >>> is_whole_quote("“Flood” was the headline, she said.")
    False
    """
    return bool(_WHOLE_QUOTE.match(text)) and text.count("“") >= 1


def introduces_quote(text: str) -> bool:
    """A sentence ending in a reporting verb and a colon or comma.

    >>> introduces_quote("Already in 1971, Hal Draper wrote:")
    True
    >>> introduces_quote("In Vladimir Lenin’s famous words in What is To Be Done:")
    True
    >>> introduces_quote("Fill in your details below or click an icon to log in:")
    False
    """
    return bool(_REPORTING.search(text))


@dataclass(slots=True)
class _State:
    path: str
    profile: Profile
    sequence: FootnoteSequence = field(default_factory=FootnoteSequence)
    claims: list[Claim] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    diags: list[Diagnostic] = field(default_factory=list)

    def pieces(self, block: RawBlock, rules: InlineRules | None = None) -> list[Piece]:
        pieces, diags = scan(
            block.text, block.line, rules or self.profile.inline, self.path, self.sequence
        )
        self.diags.extend(diags)
        return pieces

    def remove(self, block: RawBlock, reason: str) -> None:
        self.removed.append(Removed(block.line, "\n".join(block.raw), reason))


def _strip_item(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub("", text, count=1)


class _Body:
    """Turns a run of raw blocks into model blocks (used for posts and comments)."""

    def __init__(self, state: _State, rules: InlineRules, allow_headings: bool) -> None:
        self.state = state
        self.rules = rules
        self.allow_headings = allow_headings
        # each entry: a finished block, or a list of paragraph pieces awaiting freezing
        self.out: list[Block | _Open | _LostHeading | _OpenList] = []

    def build(self, blocks: list[RawBlock]) -> list[Block]:
        profile = self.state.profile
        index = 0
        quote_until_title = False
        while index < len(blocks):
            block = blocks[index]
            text = block.text
            if all(_FOOTNOTE_DEF.match(line) for line in block.lines):
                for offset, line in enumerate(block.lines):
                    match = _FOOTNOTE_DEF.match(line)
                    assert match is not None
                    self.state.footnotes.append(
                        Footnote(
                            self.rules.label_prefix + match.group(1),
                            match.group(2),
                            block.line + offset,
                        )
                    )
                index += 1
                continue
            if profile.lost_headings and block.blanks_before >= 2 and self.out:
                self.out.append(_LostHeading(block.line - 1))
            if _BULLET.match(text) or _LETTER_ITEM.match(text):
                index = self._list(blocks, index)
                continue
            if self.allow_headings and is_heading(block) and index + 1 < len(blocks):
                self.out.append(Heading(text, block.line))
                index += 1
                continue
            previous = blocks[index - 1].text if index else ""
            if (
                profile.outlet_quotes
                and block.single_line
                and _OUTLET_LINE.match(text)
                and index + 1 < len(blocks)
            ):
                self._paragraph(block)
                quote_until_title = True
                index += 1
                continue
            if quote_until_title and is_title_case(text) and not _HEADING_END.search(text):
                quote_until_title = False
            quoted = (
                quote_until_title
                or is_whole_quote(text)
                or (index > 0 and introduces_quote(previous))
            )
            self._paragraph(block, quoted=quoted)
            index += 1
        return self._freeze()

    def _list(self, blocks: list[RawBlock], index: int) -> int:
        first = blocks[index].text
        pattern = _BULLET if _BULLET.match(first) else _LETTER_ITEM
        style = "bullet" if pattern is _BULLET else "lower-alpha"
        items: list[_Open] = []
        line = blocks[index].line
        while index < len(blocks) and pattern.match(blocks[index].text):
            block = blocks[index]
            stripped = _strip_item(block.text, pattern)
            cut = len(block.text) - len(stripped)
            pieces, diags = scan(
                stripped, block.line, self.rules, self.state.path, self.state.sequence
            )
            self.state.diags.extend(diags)
            items.append(_Open(pieces, block.line, quoted=False, prefix=block.text[:cut].strip()))
            index += 1
        self.out.append(_OpenList(items, style, line))
        return index

    def _paragraph(self, block: RawBlock, quoted: bool = False) -> None:
        pieces, diags = scan(
            block.text, block.line, self.rules, self.state.path, self.state.sequence
        )
        self.state.diags.extend(diags)
        lead = leading_anchor(pieces)
        if lead is not None and self.state.profile.leading_markers_to_previous:
            target = self._last_open()
            if target is None:
                self.state.diags.append(
                    Diagnostic(
                        self.state.path,
                        lead.line,
                        lead.col,
                        Code.ORPHAN_MARKER,
                        "marker opens the text: there is no sentence before it to attach to",
                    )
                )
            else:
                pieces.pop(0)
                if pieces and isinstance(pieces[0], str):
                    pieces[0] = pieces[0].lstrip()
                target.pieces.append(lead)
        self.out.append(_Open(pieces, block.line, quoted=quoted))

    def _last_open(self) -> _Open | None:
        for node in reversed(self.out):
            if isinstance(node, _Open):
                return node
            if isinstance(node, _OpenList):
                return node.items[-1]
            return None
        return None

    def _freeze(self) -> list[Block]:
        blocks: list[Block] = []
        for node in self.out:
            if isinstance(node, _Open):
                paragraph = finish_paragraph(node.pieces, node.line, self.state.claims)
                if node.quoted:
                    if blocks and isinstance(blocks[-1], BlockQuote):
                        last = blocks[-1]
                        blocks[-1] = BlockQuote((*last.paragraphs, paragraph), last.line)
                    else:
                        blocks.append(BlockQuote((paragraph,), node.line))
                else:
                    blocks.append(paragraph)
            elif isinstance(node, _OpenList):
                items = tuple(
                    finish_paragraph(i.pieces, i.line, self.state.claims) for i in node.items
                )
                labels = tuple(i.prefix for i in node.items)
                blocks.append(ListBlock(items, node.style, node.line, labels))
            elif isinstance(node, _LostHeading):
                blocks.append(LostHeading(node.line))
            else:
                blocks.append(node)
        return blocks


@dataclass(slots=True)
class _Open:
    pieces: list[Piece]
    line: int
    quoted: bool
    prefix: str = ""


@dataclass(slots=True)
class _OpenList:
    items: list[_Open]
    style: str
    line: int


@dataclass(slots=True)
class _LostHeading:
    line: int


def _split_comments(state: _State, blocks: list[RawBlock]) -> tuple[list[Comment], int]:
    """Parse an indented, numbered comment thread; return comments and blocks used."""
    comments: list[Comment] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        match = _COMMENT_START.match(block.text)
        if not match or block.indent == 0:
            break
        number = int(match.group(1))
        first_lines = (block.lines[0][match.start(2) :], *block.lines[1:])
        members = [RawBlock(block.line, first_lines, block.raw, block.indent, block.blanks_before)]
        index += 1
        while (
            index < len(blocks)
            and blocks[index].indent > block.indent
            and not _COMMENT_START.match(blocks[index].text)
        ):
            members.append(blocks[index])
            index += 1
        date_text = author = None
        if members and _DATE_LINE.match(members[-1].text) and len(members) > 1:
            date_text = members.pop().text
            if len(members) > 1 and members[-1].single_line and is_author_line(members[-1].text):
                author = members.pop().text
        body = _Body(
            state,
            InlineRules(
                bracket_markers=state.profile.inline.bracket_markers, label_prefix=f"{number}."
            ),
            allow_headings=False,
        )
        comments.append(
            Comment(
                number,
                author,
                date_text,
                iso_datetime(date_text) if date_text else None,
                tuple(body.build(members)),
                block.line,
            )
        )
    return comments, index


def parse_document(text: str, profile: Profile, path: str) -> tuple[Document, list[Diagnostic]]:
    """Parse a decoded seed into a :class:`Document` under *profile*."""
    state = _State(path, profile)
    blocks = split_blocks(text)

    for index, block in enumerate(blocks):
        if any(p.fullmatch(block.text) for p, _ in profile.tail_starts):
            reason = next(r for p, r in profile.tail_starts if p.fullmatch(block.text))
            for tail in blocks[index:]:
                state.remove(tail, reason)
            blocks = blocks[:index]
            break

    header: dict[str, str] = {}
    for role in profile.header:
        if blocks and blocks[0].single_line:
            header[role] = blocks.pop(0).text

    kept: list[RawBlock] = []
    for block in blocks:
        dropped = next((r for p, r in profile.boilerplate if p.fullmatch(block.text)), None)
        if dropped:
            state.remove(block, dropped)
        else:
            kept.append(block)
    blocks = kept

    if profile.date_line is not None and blocks:
        match = profile.date_line.fullmatch(blocks[0].text)
        if match and not match.group(1).strip():
            state.remove(blocks.pop(0), "empty date line")

    author = bio = None
    if profile.leading_bio:
        for index, block in enumerate(blocks[:3]):
            bio_match = _BIO.match(block.text)
            if bio_match:
                author, bio = bio_match.group(1), block.text
                blocks.pop(index)
                break
    if profile.trailing_bio and len(blocks) >= 2:
        name, last = blocks[-2].text, blocks[-1].text
        if is_author_line(name) and last.startswith(name + " is "):
            author, bio = name, last
            blocks = blocks[:-2]

    declared = None
    comments: list[Comment] = []
    if profile.comments:
        for index, block in enumerate(blocks):
            match = _RESPONSES.match(block.text)
            if match:
                number = match.group(1)
                declared = 0 if number == "No" else 1 if number == "One" else int(number)
                thread = blocks[index + 1 :]
                blocks = blocks[:index]
                state.removed.append(Removed(block.line, block.raw[0], "thread header"))
                comments, used = _split_comments(state, thread)
                for leftover in thread[used:]:
                    state.remove(leftover, "after the comment thread")
                break

    body = _Body(state, profile.inline, allow_headings=profile.headings)
    document_blocks: list[Block] = body.build(blocks)
    document_blocks.extend(comments)

    document = Document(
        kind=profile.kind,
        title=header.get("title"),
        site=header.get("site"),
        tagline=header.get("tagline"),
        author=author,
        bio=bio,
        blocks=tuple(document_blocks),
        claims=tuple(state.claims),
        footnotes=tuple(state.footnotes),
        removed=tuple(sorted(state.removed, key=lambda r: r.line)),
        declared_comments=declared,
    )
    if declared is not None and declared != len(comments):
        state.diags.append(
            Diagnostic(
                path,
                1,
                1,
                Code.COMMENT_COUNT,
                f"thread header declares {declared} comments; the text holds {len(comments)}",
            )
        )
    return document, state.diags


__all__ = ["PendingAnchor", "parse_document"]
