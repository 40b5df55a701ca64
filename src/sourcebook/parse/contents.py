"""An encyclopaedia page's own furniture by evidence: its title echoed by the
lead sentence, and its table of contents.

* **Title echo.**  An encyclopaedia article's first sentence opens with the
  article's name ("Tessaly Harbour Lighthouse, lighthouse standing on …",
  "Bramcote Junction is an OO gauge …").  A short line above the first
  paragraph of prose whose text (less a disambiguation in brackets) opens
  that paragraph is the title, wherever menus, toolbars and banners put it.
  A short lower-case line right below such a title is the encyclopaedia's
  descriptor ("lighthouse, Cardrow, Westmere"): removed, and reported.
* **Table of contents.**  A "Contents" line followed by short lines with no
  sentence end, each numbered ("2.1 Fiddle yard") or printed again later as
  a heading, is the page's table of contents: removed.  The share of items
  found again as headings is the score; below ``sure`` it is reported.
"""

from __future__ import annotations

import re

from sourcebook.core.diagnostics import Code
from sourcebook.core.text import is_title_case
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.evidence import score_line
from sourcebook.parse.pagetop import page_top
from sourcebook.parse.state import ParseState
from sourcebook.parse.trail import is_trail
from sourcebook.parse.vocabulary import vocabulary
from sourcebook.parse.wrapped import runs_on

#: a contents box's heading, with MediaWiki's "hide" toggle
_CONTENTS = re.compile(
    r"(?:Contents|Table of [Cc]ontents|On this page|In this article|Jump to section)"
    r"(?: ?\[?(?:hide|show|toggle)\]?)?:?"
)
#: a contents item's number ("2", "2.1", "3.")
_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.? ")
_ITEM_WORDS = 8
#: a heading's edit link ("Overview[edit]", "Overview [edit | edit source]")
_EDIT_LINK = re.compile(r"\S\s?\[edit(?: \| edit source)?\]$")
#: a line of prose: the paragraph a title is echoed in
_PROSE_WORDS = 15
_TITLE_WORDS = 12
_LIST_MARK = re.compile(r"(?:[•·*–-]|\d{1,3}[.)])\s")
#: a disambiguation after a title: "Bramcote Junction (layout)"
_DISAMBIGUATION = re.compile(r"\s*\([^()]{1,60}\)$")
#: a lead sentence may open with an article the title leaves out ("The Ferry of X was …")
_ARTICLE = re.compile(r"(?:The|A|An) ")
_DESCRIPTOR_WORDS = 8
#: a word glued to another (an infobox label and its value) or a web address
_GLUED = re.compile(r"[a-z][A-Z]|\w\.\w")
#: a short description in sentence case has at least this many words
_DESCRIPTION_WORDS = 3
_DESCRIPTOR_SCORE = 0.7
_ECHO_SCORE = 0.9


def _short(text: str, words: int) -> bool:
    return 0 < len(text.split()) <= words and not text.endswith((".", "!", "?", ";", ","))


def _echoed(candidate: str, prose: str) -> bool:
    """*prose* opens with *candidate* (less a bracketed disambiguation), then a
    word boundary.

    >>> _echoed("Bramcote Junction (layout)", "Bramcote Junction is an OO gauge layout")
    True
    >>> _echoed("Bram", "Bramcote Junction is an OO gauge layout")
    False
    >>> _echoed("Ferry of Saint Odrun", "The Ferry of Saint Odrun was a chain ferry")
    True
    """
    base = _DISAMBIGUATION.sub("", candidate).strip()
    prose = _ARTICLE.sub("", prose) if not _ARTICLE.match(base) else prose
    if len(base) < 3 or not prose.lower().startswith(base.lower()):
        return False
    after = prose[len(base) : len(base) + 1]
    return not after or not after.isalnum()


def title_echo(state: ParseState) -> None:
    """Take the title a lead sentence echoes (see the module docstring)."""
    if state.title_line is not None or "title" in state.header:
        return
    lines = explode(state.blocks)
    prose = _first_prose(lines)
    if prose is None:
        return
    found = [
        i
        for i, b in enumerate(lines[:prose])
        if _short(b.text, _TITLE_WORDS)
        and b.text[:1].isupper()
        and b.line not in state.keep
        and _echoed(b.text, lines[prose].text)
    ]
    if not found:
        return
    title = lines[found[-1]]
    if found[-1] == 0 and state.blocks[0].single_line:
        return  # the opening line: the header pass takes it as it stands
    state.header["title"] = title.text
    state.title_line = title.line
    state.decide(title.line, "title", "title echo: the lead sentence opens with it", _ECHO_SCORE)
    drop = {title.line}
    below = lines[found[-1] + 1] if found[-1] + 1 < prose else None
    if below is not None and _descriptor(state, below):
        drop.add(below.line)
    elif found[-1] + 1 < prose - 1 and _short_description(state, lines[prose - 1]):
        drop.add(lines[prose - 1].line)
    state.blocks = without_lines(state.blocks, drop)


def _first_prose(lines: list[RawBlock]) -> int | None:
    """The index of the first line of running text: long enough, or wrapped onto the
    next line (a lead hard-wrapped at 72 columns), and no list item nor a trail of
    breadcrumbs or of a taxonomy, however long."""
    return next(
        (
            i
            for i, b in enumerate(lines)
            if (len(b.text.split()) >= _PROSE_WORDS or _wrapped_at(lines, i))
            and not _LIST_MARK.match(b.text)
            and not is_trail(b.text)
        ),
        None,
    )


def _wrapped_at(lines: list[RawBlock], index: int) -> bool:
    """Line *index* is running text wrapped onto the next line of its block."""
    below = lines[index + 1] if index + 1 < len(lines) else None
    next_line = below.text if below is not None and below.line == lines[index].line + 1 else None
    return runs_on(lines[index].text, next_line)


def above_title(state: ParseState) -> None:
    """The blocks still standing above an echoed title once the menus, the contents
    box and the vocabulary's lines are gone, when none holds prose: the site's header
    (its name, alone on the first line, then tool menus, a breadcrumb, a page id),
    since an article's text starts below its title."""
    # (a raw wikitext page's "View source for TITLE" line is as sure a title: rawwiki.py)
    echoed = any(
        d.line == state.title_line and d.rule.startswith(("title echo", "raw_wikitext"))
        for d in state.decisions
    )
    if state.title_line is None or not echoed:
        return
    above = [b for b in state.blocks if b.line < state.title_line]
    if not above or any(b.line in state.keep or is_running(b.text) for b in above):
        return
    for block in _site_line(state, above):
        state.remove(block, "page header", "above_title: a block above the title")
    state.blocks = [b for b in state.blocks if b.line > state.title_line]


def _site_line(state: ParseState, above: list[RawBlock]) -> list[RawBlock]:
    """Take the site's name from the first of the blocks *above* the title (alone on the
    first line, or over a tool row); the blocks left to remove."""
    top, first = above[0], page_top(state)  # the page's first line, below a consent banner
    vocab = vocabulary()
    known = score_line(top.text, 0, 1, vocab.for_kind(state.profile.kind), vocab.window)
    if top.single_line and known is None and _short(top.text, _TITLE_WORDS) and top.line == first:
        state.header.setdefault("site", top.text)
        state.remove(top, "site name", "above_title: the first line, alone, above the title")
        return above[1:]
    if top.line == first and not top.single_line and _name_over_tools(state, top):
        state.header.setdefault("site", top.lines[0])
        state.decide(top.line, "site", "above_title: the first line, above a tool row")
    return above


#: a row of tool links ("Recent Changes - Search:"), or a search box's label
_TOOL_ROW = re.compile(r"[^|·•\-]{1,30}(?: [-|·•] [^|·•\-]{1,30}){1,8}:?|\w{1,20}(?: \w{1,20})?:")


def _name_over_tools(state: ParseState, block: RawBlock) -> bool:
    """The page's first line, short and no vocabulary line, over lines that are only a
    tool row (PmWiki's "Recent Changes - Search:"): the site's name printed with them."""
    vocab = vocabulary()
    first = block.lines[0]
    known = score_line(first, 0, 1, vocab.for_kind(state.profile.kind), vocab.window)
    return (
        known is None
        and _short(first, _TITLE_WORDS)
        and not _TOOL_ROW.fullmatch(first)
        and all(_TOOL_ROW.fullmatch(t) for t in block.lines[1:])
    )


def _descriptor(state: ParseState, block: RawBlock, *, lower: bool = True) -> bool:
    """A short lower-case line with no sentence end just below the title."""
    text = block.text
    if lower and (
        block.line in state.keep or not text[:1].islower() or not _short(text, _DESCRIPTOR_WORDS)
    ):
        return False
    state.remove(block, "descriptor", "title echo: a short description below the title")
    state.warn(
        block.line,
        1,
        Code.STRUCTURE_UNSURE,
        f"read {text[:40]!r} below the title as the encyclopaedia's descriptor and removed it"
        f" (score {_DESCRIPTOR_SCORE}); if it is text, list line {block.line} in 'keep'",
    )
    return True


def _short_description(state: ParseState, block: RawBlock) -> bool:
    """A sentence-case line of a few words right above the lead, under the title and its
    toolbar: the encyclopaedia's short description ("Former chain ferry in Kent")."""
    text = block.text
    words = text.split()
    vocab = vocabulary()
    if (
        block.line in state.keep
        or not _short(text, _DESCRIPTOR_WORDS)
        or len(words) < _DESCRIPTION_WORDS
        or not text[:1].isupper()
        or is_title_case(text)
        or _GLUED.search(text)
        or score_line(text, 0, 1, vocab.for_kind(state.profile.kind), vocab.window) is not None
    ):
        return False
    return _descriptor(state, block, lower=False)


def contents(state: ParseState) -> None:
    """Remove a table of contents (see the module docstring)."""
    lines = explode(state.blocks)
    start = next(
        (
            i
            for i, b in enumerate(lines)
            if _CONTENTS.fullmatch(b.text) and b.line not in state.keep
        ),
        None,
    )
    if start is None:
        return
    end = start + 1
    while end < len(lines) and _item(state, lines, end, start):
        end += 1
    items = end - start - 1
    # the lead's own entry ("Introduction", "Overview") has no heading of its own
    # (numbered headings print their number again: "2. Background[edit]")
    later = {_bare(_NUMBER.sub("", b.text, count=1)) for b in lines[end:]}
    later |= vocabulary().section_words
    found = sum(_bare(_NUMBER.sub("", b.text, count=1)) in later for b in lines[start + 1 : end])
    if items == 0:
        return
    score = round(max(found / items, 0.5 if _NUMBER.match(lines[start + 1].text) else 0.0), 2)
    if score < vocabulary().apply:
        return
    drop = {b.line for b in lines[start:end]}
    for block in lines[start:end]:
        state.remove(block, "table of contents", "contents: a contents box and its items")
    state.blocks = without_lines(state.blocks, drop)
    if score < vocabulary().sure:
        first, last = lines[start].line, lines[end - 1].line
        state.warn(
            first,
            1,
            Code.STRUCTURE_UNSURE,
            f"removed lines {first}-{last} as the page's table of contents ({found} of {items}"
            f" items found again as headings, score {score:.2f}); if they are text, list them"
            " in 'keep'",
        )


def _bare(text: str) -> str:
    """A heading's text without an edit link, lower-cased."""
    return re.sub(r"\s*\[[^\]]{0,20}\]$", "", text).strip().lower()


def _item(state: ParseState, lines: list[RawBlock], index: int, start: int) -> bool:
    """The next line of the box: short, no sentence end, no blank line before it
    (except before the first item), not a line the contributor keeps."""
    block = lines[index]
    if block.line in state.keep or not _short(block.text, _ITEM_WORDS):
        return False
    vocab = vocabulary()
    known = score_line(block.text, 0, 1, vocab.for_kind(state.profile.kind), 0) is not None
    if known and block.text not in (b.text for b in lines[index + 1 :]):
        # a line the vocabulary knows ("Related Topics: …") ends the box, unless the
        # page prints it again below as a section's heading ("Contributors")
        return False
    if _EDIT_LINK.search(block.text):
        return False  # a heading with its edit link: the text has begun
    if index > start + 1 and _first_again(lines[start + 1].text, block.text):
        return False  # the first section's heading, right under a box with no blank line
    return index == start + 1 or block.blanks_before == 0


def _first_again(first: str, text: str) -> bool:
    """*text* is the box's numbered first item printed again without its number.

    >>> _first_again("1. Main points", "Main points"), _first_again("Main points", "Main points")
    (True, False)
    """
    bare = _NUMBER.sub("", first, count=1)
    return bare != first and _bare(bare) == _bare(text)


__all__ = ["contents", "title_echo"]
