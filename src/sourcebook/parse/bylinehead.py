"""A page's head printed one item a line, read from its byline up: the title.

Portals, how-to wikis, digital libraries, agencies and encyclopaedias print, with no
blank line anywhere, a skip link, the site's name, menus, a language switcher and
breadcrumbs one item a line, then the title, then the page's byline or date ("Story
by NAME", "Co-authored by NAME", "Last Updated: DATE", "First published DATE",
"Publisher: NAME", a bare date).  Whatever the menus hold, the title is the line
just above that byline: the first byline or date line among the text's first
``[byline_head] window`` lines, with at least ``min_above`` short lines above its
title and no running sentence before it, anchors the head.

Going up from the anchor, up to ``max_skip`` tool lines (a line the head prints
twice, "Download Article"; a line the vocabulary knows) are passed over; the first
line that reads as a title (``title_words`` words or more, no sentence end, no
breadcrumb separator, no menu word) is the title.  The lines above it are the
site's chrome, removed; the site is a newspaper's name among them (a portal
carrying a paper's story names the paper right above the headline), or else their
first line that reads as a name (not a skip link, a menu word or a language).
The title is sure when it stands right on the anchor; a title found past tool
lines is reported (SB608) with the hint that overrides it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.core.diagnostics import Code
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.menu import masthead_line, menu_words
from sourcebook.parse.scoring import score_line
from sourcebook.parse.state import ParseState
from sourcebook.parse.title import title_score
from sourcebook.parse.vocabulary import known_heading, layout_table, vocabulary

_SURE = 0.85
_GUESS = 0.6
#: a word of this many letters is capitalised in a site's name
_LONG_WORD = 4
_SENTENCE_END = re.compile(r"[.!:;][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class _Shape:
    window: int
    min_above: int
    title_words: int
    title_max: int
    max_skip: int
    anchors: tuple[re.Pattern[str], ...]
    stack: tuple[re.Pattern[str], ...]
    credit: re.Pattern[str]
    dek_words: int
    languages: frozenset[str]
    caption: re.Pattern[str]
    app_bar: frozenset[str]
    crumbs: re.Pattern[str]


@functools.cache
def _shape() -> _Shape:
    data = layout_table("byline_head")
    return _Shape(
        int(data["window"]),
        int(data["min_above"]),
        int(data["title_words"]),
        int(data["title_max"]),
        int(data["max_skip"]),
        tuple(re.compile(p) for p in data["anchors"]),
        tuple(re.compile(p) for p in data["stack"]),
        re.compile(data["credit"], re.IGNORECASE),
        int(data["dek_words"]),
        frozenset(data["languages"]),
        re.compile(data["caption"]),
        frozenset(w.casefold() for w in data["app_bar"]),
        re.compile(data["breadcrumb"]),
    )


def _anchor(text: str) -> bool:
    """A byline or a date line: the vocabulary's metadata of any kind, or an anchor of
    ``[byline_head]`` (a record's "Publisher: NAME")."""
    vocab = vocabulary()
    verdict = score_line(text, 0, 1, vocab.lines, vocab.window)
    if verdict is not None and verdict.evidence.field in ("author", "date"):
        return verdict.score >= vocab.apply
    return any(p.fullmatch(text) for p in _shape().anchors)


def _known(text: str) -> bool:
    """A line of the vocabulary, of any kind, in the case of a title too ("Skip to Main
    Content")."""
    vocab = vocabulary()
    return any(
        score_line(t, 0, 1, vocab.lines, vocab.window) is not None
        for t in (text, text[:1] + text[1:].lower())
    )


def _head(state: ParseState) -> tuple[list[RawBlock], int] | None:
    """The head's lines down to its anchor, and the anchor's index among them."""
    shape = _shape()
    lines: list[RawBlock] = []
    for block in state.blocks:
        if block.line > shape.window:
            break
        lines += explode([block])
    for index, line in enumerate(lines):
        if line.line in state.keep:
            return None
        if _anchor(line.text):
            return lines, index  # its menus counted in the printed text
        if is_running(line.text):
            return None  # the text began: no byline above it
    return None


def _title_shaped(text: str, kind: str) -> bool:
    shape = _shape()
    return (
        shape.title_words <= len(text.split()) <= shape.title_max
        and (text[:1].isupper() or text[:1].isdigit())
        and title_score(text) >= 0.7
        and not _SENTENCE_END.search(text)
        and not shape.crumbs.search(text)
        and text.casefold() not in menu_words()
        and not known_heading(text, kind)
    )


def _title(state: ParseState, lines: list[RawBlock], anchor: int) -> tuple[int, int] | None:
    """The title's index, the nearest title line above the anchor, and how many tool
    lines stand between."""
    printed = [line.text for line in lines]
    skipped = 0
    for index in range(anchor - 1, -1, -1):
        text = lines[index].text
        if _stacked(lines, index):
            continue  # the byline's stack: a label, an age, an author list, a credit
        if _title_shaped(text, state.profile.kind) and printed.count(text) == 1:
            above = lines[index - 1].text if index else ""
            if (
                _title_shaped(above, state.profile.kind)
                and len(above.split()) >= _shape().dek_words
            ):
                return None  # a headline over its standfirst: which is which?
            return index, skipped
        tool = printed.count(text) > 1 or _known(text) or text.casefold() in menu_words()
        skipped += 1
        if not tool or skipped > _shape().max_skip:
            return None
    return None


@dataclass(frozen=True, slots=True)
class _Found:
    lines: list[RawBlock]
    anchor: int
    at: int
    skipped: int
    printed: list[str]


def _find(state: ParseState) -> _Found | None:
    """The head, its byline and its title, when every guard lets the pass decide."""
    if "title" in state.header or state.title_line is not None:
        return None
    found = _head(state)
    if found is None:
        return None
    lines, anchor = found
    found_title = _title(state, lines, anchor)
    if found_title is None:
        return None
    at, skipped = found_title
    if skipped and _below(state, lines, anchor):
        return None  # past tool lines, with a title line below the byline too: no guess
    title = lines[at]
    between = state.text.split("\n")[title.line - 1 : lines[anchor].line]
    if not all(t.strip() for t in between):
        return None  # a blank line between: blocks of their own, the header's and dek's
    # the lines printed above the title, the menus an earlier pass removed too
    printed = [t.strip() for t in state.text.split("\n")[: title.line - 1] if t.strip()]
    if len(printed) < _shape().min_above:
        return None
    if any(_SENTENCE_END.search(t) and len(t.split()) > 3 for t in printed):
        return None  # a sentence above: not a head of menus
    return _Found(lines, anchor, at, skipped, printed)


def byline_head(state: ParseState) -> None:
    """Take the title above the head's byline (see the module docstring)."""
    found = _find(state)
    if found is None:
        return
    lines, anchor, at = found.lines, found.anchor, found.at
    above, title = lines[:at], lines[at]
    site = _site(state, above, found.printed)
    # the vocabulary's lines (a skip link, a wiki's tools) are left to the evidence
    # pass, which names them
    vocab = vocabulary()
    here = vocab.for_kind(state.profile.kind)
    above = [b for b in above if score_line(b.text, 0, 1, here, vocab.window) is None]
    for line in above:
        if line is not site:
            state.remove(line, "site menu", "byline_head: a line of the head above the title")
    cut = {b.line for b in above} | {title.line} | _under(state, lines, at, anchor)
    state.blocks = without_lines(state.blocks, cut)
    state.header["title"] = title.text
    state.title_line = title.line
    _decide_title(state, title, lines[anchor].line, found.skipped)


def _under(state: ParseState, lines: list[RawBlock], at: int, anchor: int) -> set[int]:
    """Remove the head's furniture around the byline: tool lines printed twice, the
    byline's stack, a language switcher and a captioned picture; their lines."""
    stack = [b for i, b in enumerate(lines[at + 1 : anchor], at + 1) if _stacked(lines, i)]
    parts = (
        (_tools(lines, at, anchor), "page tools", "a tool line the head prints twice"),
        (_switcher(lines, anchor), "language switcher", "language names under the byline"),
        (_caption(lines, anchor), "image caption", "a caption under its label"),
        # the vocabulary's own byline and date lines are the evidence pass's
        ([b for b in stack if not _anchor(b.text)], "post metadata", "the byline's stack"),
    )
    cut: set[int] = set()
    for found, reason, why in parts:
        for line in found:
            state.remove(line, reason, f"byline_head: {why}")
            cut.add(line.line)
    return cut


def _decide_title(state: ParseState, title: RawBlock, byline: int, skipped: int) -> None:
    score = _GUESS if skipped else _SURE
    state.decide(title.line, "title", "byline_head: the line above the head's byline", score)
    if score < vocabulary().sure:
        state.warn(
            title.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"took {title.text[:40]!r} as the title: the nearest title line above the"
            f" byline at line {byline}, past {skipped} tool line(s)"
            f" (score {score:.2f}); if the title is another line, set 'title_line' in the"
            " structure hints",
        )


def _stacked(lines: list[RawBlock], index: int) -> bool:
    """A line of the byline's stack: a byline or a date, a label, an age, an author
    list, or the name under a credit label ("News provided by" / NAME)."""
    shape = _shape()
    text = lines[index].text
    if _anchor(text) or any(p.fullmatch(text) for p in shape.stack):
        return True
    return index > 0 and shape.credit.fullmatch(lines[index - 1].text) is not None


def _below(state: ParseState, lines: list[RawBlock], anchor: int) -> bool:
    """A title line stands right below the byline's stack (a kicker and a date above
    the headline): the title may be below, not above."""
    index = anchor + 1
    while index < len(lines) and _stacked(lines, index):
        index += 1
    if index >= len(lines):
        return False
    text = lines[index].text
    once = sum(b.text == text for b in lines) == 1  # not a tool printed twice
    return once and _title_shaped(text, state.profile.kind) and not _known(text)


def _switcher(lines: list[RawBlock], anchor: int) -> list[RawBlock]:
    """A language switcher printed again right under the byline's stack: two or more
    language names in a row, removed."""
    index = anchor + 1
    while index < len(lines) and _stacked(lines, index):
        index += 1
    end = index
    while end < len(lines) and lines[end].text in _shape().languages:
        end += 1
    return lines[index:end] if end - index >= 2 else []


def _caption(lines: list[RawBlock], anchor: int) -> list[RawBlock]:
    """A picture's caption between the byline and the text, under its label ("Image
    caption," / the caption): the label and the caption line, when that line is no
    sentence of running text."""
    for index in range(anchor + 1, len(lines) - 1):
        if is_running(lines[index].text):
            return []
        if _shape().caption.fullmatch(lines[index].text):
            below = lines[index + 1]
            return [] if is_running(below.text) else [lines[index], below]
    return []


def _tools(lines: list[RawBlock], at: int, anchor: int) -> list[RawBlock]:
    """The tool lines passed over between the title and its byline that the head prints
    twice ("Download Article"), with their copies down to the text's first sentence."""
    end = next((i for i in range(anchor, len(lines)) if is_running(lines[i].text)), anchor)
    twice = {b.text for b in lines[at + 1 : anchor]}
    return [
        b
        for b in lines[at + 1 : end]
        if b.text in twice and sum(c.text == b.text for c in lines[:end]) > 1
    ]


def _site(state: ParseState, above: list[RawBlock], printed: list[str]) -> RawBlock | None:
    """The site's name among the head's printed lines (see the module docstring); its
    line, when it is still to be removed."""
    if "site" in state.header:
        return None
    papers = [t for t in printed if masthead_line(t)]
    named = list(dict.fromkeys(t for t in printed if _named(t)))
    site = papers[-1] if papers else (named[0] if named else None)
    if site is None:
        return None
    state.header["site"] = site
    all_lines = [t.strip() for t in state.text.split("\n")]
    number = all_lines.index(site) + 1
    line = next((b for b in above if b.text == site), None)
    if line is not None:  # not taken with a menu by an earlier pass
        state.remove(line, "site name", "byline_head: the site's name in the head")
    sure = bool(papers) or len(named) == 1
    state.decide(number, "site", "byline_head: the site's name in the head", _SITE[sure])
    if not sure:
        state.warn(
            number,
            1,
            Code.STRUCTURE_UNSURE,
            f"took {site[:40]!r} as the site's name, the first of {len(named)} name-like"
            f" lines {number}-{max(all_lines.index(n) + 1 for n in named)} of the page's"
            f" head (others: {', '.join(repr(n[:20]) for n in named[1:4])}); if it is not"
            " the site, set the document's 'publisher'",
        )
    return line


#: the site's score: a newspaper's name or the head's one name-like line, or the first
_SITE = {True: 0.8, False: 0.6}


def _named(text: str) -> bool:
    """A site's name: not vocabulary, no menu word, every long word capitalised."""
    words = text.split()
    if not words or _known(text) or _shape().crumbs.search(text) or text in _shape().languages:
        return False
    if any(w.casefold() in menu_words() for w in words) or text.casefold() in menu_words():
        return False
    if text.casefold() in _shape().app_bar:
        return False
    long = [w for w in words if len(w) >= _LONG_WORD]
    return words[0][:1].isupper() and all(w[:1].isupper() for w in long)


__all__ = ["byline_head"]
