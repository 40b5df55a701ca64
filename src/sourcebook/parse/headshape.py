"""A page's head read by the shape of its lines, when no byline or rule found the title.

Run in essays, and in articles whose head holds a menu (at least ``min_lines``
lines, ``[head_shape]``): a short article head is the header pass's.

Personal sites, forums and essay platforms print a head of short lines above the
text's first sentence: a site name (on a personal site, the author's name), a menu,
the title, then a byline ("by NAME"), a reading time ("9 min read"), a date
("14th Oct 2025", "November 2026") and a comment count, often in one block with no
blank line between.  When every block above the first paragraph of running text
is such a line (and the head stands within the first ``_WINDOW`` blocks), each line
is read by its form (``[audit_head]`` and ``[head_shape]`` in ``layout.toml``):
bylines and dates become metadata, reading times, comment counts and menus are
removed, and the title is the line that reads most like one (score, at least a
few words, nearest the text).  Above the title, the first line is the site's name,
or the author's when it is a bare personal name and no byline says otherwise;
the lines between are the site's menu.  A bare personal name right below the title
is the author.  The title is *sure* when a byline, a date or that name stands right
below it, or when it stands alone at the top of the page; otherwise the guess is
reported (SB608) with the hint that overrides it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sourcebook.core.diagnostics import Code
from sourcebook.model import Comment, MetaField
from sourcebook.parse.audithead import head_forms, head_line
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.bareitems import summary_points
from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.menu import is_menu_word, masthead_line, menu_words
from sourcebook.parse.pagetop import page_top
from sourcebook.parse.state import ParseState
from sourcebook.parse.title import title_score
from sourcebook.parse.titleblock import colon_subtitle, names_line
from sourcebook.parse.vocabulary import known_heading, layout_table, vocabulary

#: the head stands within this many blocks from the top
_WINDOW = 14
_TITLE_WORDS = 15
_TITLE_MIN_WORDS = 8
#: Title Case capitalises the words of this many letters or more
_LONG_WORD = 4
#: a subtitle stands at most this many lines under its title (one blank line)
_UNDER = 2
#: the separators of a breadcrumb or a menu on one line
_SEPARATED = re.compile(r"\s[/|·•›»>]\s")
#: a title read from the head's shape alone
_GUESS = 0.6
_SURE = 0.8
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
#: a "Label: value" line of a details table or a post's head ("Topics: #repair")
_FIELD = re.compile(r"[^\W\d][\w’' ]{0,25}:(?:\t|\s+#)")
_TWO_SENTENCES = re.compile(r"[.!?] [A-Z]")


def _kind(text: str) -> str:
    """What a head's line is: byline, date, reading, count, menu or other."""
    forms = head_forms()
    if forms["byline"].fullmatch(text):
        return "byline"
    what = head_line(text)
    if what == "a date":
        return "date"
    if what is not None:
        return "reading"
    if forms["count"].fullmatch(text):
        return "count"
    if forms["menu"].search(text):
        return "menu"
    return "other"


def _head(state: ParseState) -> list[RawBlock] | None:
    """The blocks above the first paragraph of running text, if they are a head."""
    kicked = _under_kicker(state)
    for index, block in enumerate(state.blocks[:_WINDOW]):
        if block.line in kicked and block.single_line:
            continue  # a headline under its kicker, a question ("Did X do Y?"): the head's
        # a summary box's points open the text as its first paragraph would
        points = summary_points(state.blocks, index) > index
        if points or any(is_running(line) for line in block.lines):
            head = state.blocks[:index]
            lines = explode(head)
            if not lines or any(
                b.line in state.keep or (_not_head(b.text) and b.line not in kicked) for b in lines
            ):
                return None
            return head
    return None


def _not_head(text: str) -> bool:
    """A line no head holds: it ends a sentence or leads in, or holds two sentences."""
    return bool(_SENTENCE_END.search(text) or text.endswith(":") or _TWO_SENTENCES.search(text))


def head_shape(state: ParseState) -> None:
    """Read the head line by line (see the module docstring)."""
    if "title" in state.header or state.title_line is not None:
        return
    head = _head(state)
    if head is None:
        return
    lines = [(b, _kind(b.text)) for b in explode(head)]
    least = dict(layout_table("head_shape")["min_lines"]).get(state.profile.kind, 1)
    if len(lines) < int(least):
        return  # a short head: the kind's header pass reads it
    titles = [
        (i, b)
        for i, (b, kind) in enumerate(lines)
        if kind == "other"
        and len(b.text.split()) <= _TITLE_WORDS
        and title_score(b.text) >= 0.7
        and not head_forms()["name"].fullmatch(b.text)  # a bare name: an author, a site
        and not known_heading(b.text, state.profile.kind)
        and not _FIELD.match(b.raw[0].strip())  # "Credit line:\tGift of …": a field
        and not names_line(b.text)  # "Ana Ruiz and Jo Ames": the authors
    ]
    if not titles:
        return
    kicked = _under_kicker(state)
    bylines = _byline_lines(state, lines)
    at, title = max(
        titles,
        key=lambda c: (
            c[1].line in kicked,  # a kicker ("FACT CHECK") stands right above the title
            any(0 < n - c[1].line <= _OVER_BYLINE for n in bylines),
            title_score(c[1].text),
            min(len(c[1].text.split()), _TITLE_MIN_WORDS),
            c[1].line,
        ),
    )
    # a subtitle has the title block's fields below it; one in a subtitle's shape
    # ("Advent Sunday: waiting well") may have the byline a rule read before below it
    over = any(0 < n - title.line <= _OVER_BYLINE for n in bylines)
    if at + 1 < len(lines) or (over and colon_subtitle(title.text)):
        at, title = _over_subtitle(titles, at, title)
    rest = state.blocks[len(head) :]
    kept = _take(state, lines, at)
    state.blocks = kept + rest
    _title(state, title, lines[at + 1 :], _over_byline(state, title, bylines))


#: a title stands at most this many lines above its byline (a subtitle between)
_OVER_BYLINE = 3


def _over_byline(state: ParseState, title: RawBlock, bylines: set[int]) -> bool:
    """The title stands right over its byline: within :data:`_OVER_BYLINE` lines, and
    nothing between them ends a sentence (a standfirst, a subtitle, a label may; a
    headline in a sentence is the title this rule missed).  A title in a subtitle's
    shape ("Lent 3: the harvest") may be the subtitle of a title no rule took."""
    if colon_subtitle(title.text):
        return False
    text = state.text.split("\n")
    return any(
        0 < n - title.line <= _OVER_BYLINE
        and not any(_between(text[m - 1].strip()) for m in range(title.line + 1, n))
        for n in bylines
    )


def _between(line: str) -> bool:
    """A line between a title and its byline that leaves the title in doubt: a
    sentence (a headline this rule missed) or a short Title Case line ("Rain
    Indoors": the title, read as a name)."""
    return bool(_SENTENCE_END.search(line)) or bool(head_forms()["name"].fullmatch(line))


def _byline_lines(state: ParseState, lines: list[tuple[RawBlock, str]]) -> set[int]:
    """The lines that name the author: the head's bylines, and the author's lines a
    rule read before ("Preached by" / NAME).  The title stands right above them, a
    subtitle perhaps between, whatever menus and taglines stand higher up."""
    found = {b.line for b, kind in lines if kind == "byline"}
    return found | {f.line for f in state.metadata if f.name == "author"}


def _under_kicker(state: ParseState) -> set[int]:
    """The lines right under a kicker removed by the evidence (``[kicker] reasons``)."""
    reasons = frozenset(layout_table("kicker")["reasons"])
    return {r.line + 1 for r in state.removed if r.reason in reasons}


def _over_subtitle(
    titles: list[tuple[int, RawBlock]], at: int, title: RawBlock
) -> tuple[int, RawBlock]:
    """A title block prints the title in Title Case right above a subtitle in sentence
    case ("On Counting Ditches" / "Why a drained parish still remembers its water"),
    with more of the block under it: when the line chosen is such a subtitle, the line
    above it is the title."""
    above = next((c for c in titles if c[0] == at - 1), None)
    if above is None or not _title_case(above[1].text) or _title_case(title.text):
        return at, title
    words = above[1].text.split()
    menu = sum(w.casefold() in menu_words() for w in words)
    if title.line - above[1].line > _UNDER or menu > 1 or _SEPARATED.search(above[1].text):
        return at, title  # a menu or a breadcrumb in Title Case: no title
    return above


def _title_case(text: str) -> bool:
    """Every word of four letters or more capitalised, and at least two of them."""
    long = [w for w in text.split() if len(w) >= _LONG_WORD and w[0].isalpha()]
    return len(long) >= 2 and all(w[0].isupper() for w in long)


def _take(state: ParseState, lines: list[tuple[RawBlock, str]], at: int) -> list[RawBlock]:
    """Metadata and furniture out of the head's lines; the lines left stay as text."""
    # a byline in the head, or an author a rule read before ("Preached by" / NAME)
    author = any(kind == "byline" for _, kind in lines) or any(
        f.name == "author" for f in state.metadata
    )
    site = _masthead_at(lines, at)
    kept: list[RawBlock] = []
    for index, (block, kind) in enumerate(lines):
        if index == at:
            continue
        if index == site:
            state.header.setdefault("site", block.text)
            state.remove(block, "site name", "head_shape: a masthead line with a paper's word")
            continue
        if kind == "byline":
            name = head_forms()["byline"].fullmatch(block.text)
            assert name is not None
            _meta(state, "author", name.group("value"), block)
        elif kind == "date":
            _meta(state, "date", block.text, block)
        elif kind in ("reading", "count"):
            state.remove(block, "post metadata", f"head_shape: a {kind} line in the page's head")
        elif index == 0 and index < at and site is None:
            _top(state, block, author, above_title=index == at - 1)
        elif index == at + 1 and not author and _author_line(state, block.text):
            _meta(state, "author", block.text, block)
        elif index < at:
            state.remove(block, "site menu", "head_shape: a line above the title")
        else:
            kept.append(block)
    state.metadata.sort(key=lambda f: f.line)
    return kept


#: a user name: one token of letters, digits, "_", "-" or "." (a handle)
_HANDLE = re.compile(r"[\w][\w.\-]{2,39}")


def _author_line(state: ParseState, text: str) -> bool:
    """A line under the title naming its author: a bare personal name, or a user name
    ("quietcartographer") that signs a comment of the page's thread (the author
    answering readers under their own work)."""
    if head_forms()["name"].fullmatch(text):
        return True
    if _HANDLE.fullmatch(text) is None:
        return False
    return any(c.author == text for c in _flat(state.comments))


def _flat(comments: Iterable[Comment]) -> Iterator[Comment]:
    for comment in comments:
        yield comment
        yield from _flat(comment.replies)


#: a section's label over the title has at most this many words
_LABEL_WORDS = 2


def _label_under_menu(state: ParseState, block: RawBlock) -> bool:
    """A line of one or two words right above the title, with the site's menu removed
    above it: the section's label ("Exhibition essay"), since a site prints its
    name above its menu, not between the menu and the page's title."""
    menu = any(r.reason == "site menu" and r.line < block.line for r in state.removed)
    return menu and len(block.text.split()) <= _LABEL_WORDS and not is_menu_word(block.text)


#: a masthead line has at most this many words
_MASTHEAD_WORDS = 6


def _masthead_at(lines: list[tuple[RawBlock, str]], at: int) -> int | None:
    """The head line above the title that reads as a paper's name ("THE COASTAL
    LEDGER") when the first line does not (a section's label, "Local", above it)."""
    if not lines or masthead_line(lines[0][0].text):
        return None
    return next(
        (
            i
            for i, (block, kind) in enumerate(lines[1:at], 1)
            if kind not in ("byline", "date", "reading", "count")
            and len(block.text.split()) <= _MASTHEAD_WORDS
            and masthead_line(block.text)
        ),
        None,
    )


def _meta(state: ParseState, name: str, value: str, block: RawBlock) -> None:
    if not any(f.name == name for f in state.metadata):
        state.metadata.append(MetaField(name, value, block.line))
    state.remove(block, "document metadata", f"head_shape: the {name} in the page's head")


def _top(state: ParseState, block: RawBlock, author: bool, *, above_title: bool) -> None:
    """The head's first line: the author on a personal site, else the site's name
    (never a word menus print: "Home" is the menu's; right above the title under a
    menu, a section's label)."""
    if above_title and _label_under_menu(state, block):
        _meta(state, "section", block.text, block)
        return
    if is_menu_word(block.text):
        state.remove(block, "site menu", "head_shape: a menu word above the title")
        return
    personal = state.profile.kind in layout_table("head_shape")["top_author_kinds"]
    if personal and not author and head_forms()["name"].fullmatch(block.text):
        _meta(state, "author", block.text, block)
        state.warn(
            block.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"read {block.text[:40]!r} at the top of the page as the author's name (a"
            " personal site's name); if it is the site's, set 'author' in the document",
        )
        return
    state.header.setdefault("site", block.text)
    state.remove(block, "site name", "head_shape: the first line of the page's head")


def _author_below(state: ParseState, block: RawBlock) -> bool:
    """The bare name right below the title is the author's (the head's byline, if it
    has one, names someone on another line: then the name may be the title's)."""
    lines = {f.line for f in state.metadata if f.name == "author"}
    return _author_line(state, block.text) and lines <= {block.line}


def _title(
    state: ParseState, title: RawBlock, below: list[tuple[RawBlock, str]], over: bool
) -> None:
    # sure: a byline, a date or a bare name right below it (or the byline a subtitle
    # below), or the title alone on top
    sure = (
        over
        or (not below and title.line == page_top(state))
        or (
            bool(below) and (below[0][1] in ("byline", "date") or _author_below(state, below[0][0]))
        )
    )
    score = _SURE if sure else _GUESS
    state.header["title"] = title.text
    state.title_line = title.line
    state.decide(title.line, "title", "head_shape: the head line most like a title", score)
    if score < vocabulary().sure:
        state.warn(
            title.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"took {title.text[:40]!r} as the title from the shape of the page's head"
            f" (score {score:.2f}); if the title is another line, set 'title_line' in the"
            " structure hints",
        )


__all__ = ["head_shape"]
