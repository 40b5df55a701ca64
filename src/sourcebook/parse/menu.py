"""A masthead and menu printed one item a line above the page.

News and magazine sites, wiki farms, forums and newsletters print their
name and a menu ("Home", "Archive", "Log In", "Sports") one item a line,
with no blank line between, above the page's title.  Read as text the block
becomes the page's first paragraph, or (with many single line breaks) makes
the whole text look like a line-per-paragraph extract.  The evidence is the
block's shape (thresholds in ``layout.toml`` ``[menu]``): many lines, nearly
all of them short with no sentence end, near the top.  The block is removed;
its first line is the site's name when the kind has a site line and the
line is not itself known furniture.
"""

from __future__ import annotations

import functools
import itertools
import re

from sourcebook.core.diagnostics import Code
from sourcebook.parse.blocks import RawBlock, line_layout, sub_block
from sourcebook.parse.evidence import Verdict, score_line
from sourcebook.parse.languages import is_language

# the items' rules live in menuitems; re-exported for the passes that import them here
from sourcebook.parse.menuitems import MenuShape, is_menu_word, menu_item, menu_shape, menu_words
from sourcebook.parse.pagetop import NAV_BAR_RULE, banner_lines
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table, vocabulary

_SENTENCE_END = re.compile(r"[.!?:;,][”’\"')]*$")
#: a line of this many words is prose: the text has begun
_PROSE_WORDS = 15
#: a reference marker ("[12]")
_REFERENCE = re.compile(r"\[\d{1,4}\]")


def menu_share(block: RawBlock, shape: MenuShape) -> float:
    """The share of the block's lines that are menu items (0 for a short block)."""
    if len(block.lines) < shape.min_lines:
        return 0.0
    items = sum(menu_item(line, shape.item_words) for line in block.lines)
    return round(items / len(block.lines), 2)


def menu(state: ParseState) -> None:
    """Remove a masthead-and-menu block near the top (see the module docstring)."""
    shape = menu_shape()
    index, taken, bars = 0, False, True
    while index < len(state.blocks):
        block = state.blocks[index]
        # the page's top is below a consent banner and a navigation bar taken above
        top = shape.top_lines + banner_lines(state)
        if block.line > top or block.line > (state.title_line or block.line):
            return  # a masthead stands above the page's title
        share = menu_share(block, shape)
        if share < shape.share or _touches_hints(state, block) or _cites(block):
            if _menus_end(state, block, taken):
                return  # the menus end at the first block that is not one, or at prose
            index += 1
            continue
        if _page_block(block) and line_layout(state.blocks).per_line:
            return  # the whole page in one block: the layout pass reads it line by line
        if _holds_byline(state, block):
            # a byline block of short lines ("NAME / Follow / 4 min read / date")
            if taken:
                return
            index += 1
            continue
        titled = _title_below(block, shape)
        prose = _trailing_prose(block) or titled
        if prose:  # the text's first paragraph (or its title) glued under the menu: it stays
            state.blocks[index : index + 1] = [
                sub_block(block, 0, prose),
                sub_block(block, prose, len(block.lines)),
            ]
            block = state.blocks[index]
            share = menu_share(block, shape) if titled == prose else share
        # a wiki prints its menus as several blocks in a row (page tools, site links)
        # a navigation bar above the masthead ("Skip to content", "Menu", items) leaves
        # the masthead below it the page's opening
        bars = _take(state, block, index if not taken or bars else -1, share, shape) and bars
        taken = True
        if prose:
            return  # the menus end at prose


def _menus_end(state: ParseState, block: RawBlock, taken: bool) -> bool:
    """Does *block*, no menu, end the menus?  It does after a menu was taken (unless
    it is a skip link between two bars), and always when it holds prose."""
    if taken and not skip_link(state, block):
        return True
    return any(len(line.split()) >= _PROSE_WORDS for line in block.lines)


def _trailing_prose(block: RawBlock) -> int:
    """Where the running text glued under a menu block starts (a closing run of
    lines of `_PROSE_WORDS` words or more), 0 when the block does not end in prose."""
    start = len(block.lines)
    while start > 1 and len(block.lines[start - 1].split()) >= _PROSE_WORDS:
        start -= 1
    return start if start < len(block.lines) else 0


#: a headline has at most this many words
_HEADLINE_WORDS = 20


def _title_below(block: RawBlock, shape: MenuShape) -> int:
    """Where the page's title stands under a menu printed in the same block: after a
    run of at least ``min_lines`` menu items, a capitalised line longer than any item
    with no sentence end (a headline) over a line that is no menu item (a caption, a
    standfirst); 0 when there is none.  The menus end at the
    title, so the title and what follows it (a caption, a standfirst) stay.

    >>> lines = ["Home", "News", "Books", "Shop", "How the canal was dug", "A lock."]
    >>> _title_below(RawBlock(1, tuple(lines), tuple(lines), 0, 0), menu_shape())
    4
    >>> lines[-1] = "Contact"
    >>> _title_below(RawBlock(1, tuple(lines), tuple(lines), 0, 0), menu_shape())
    0
    """
    at = 0
    while at < len(block.lines) and menu_item(block.lines[at], shape.item_words):
        at += 1
    if at < shape.min_lines or at >= len(block.lines) - 1:
        return 0
    line = block.lines[at]
    words = len(line.split())
    headline = shape.item_words < words <= _HEADLINE_WORDS and line[:1].isupper()
    if menu_item(block.lines[at + 1], shape.item_words):
        return 0  # an item after it: a longer item of the menu ("Choosing a roost at dusk")
    return at if headline and not _SENTENCE_END.search(line) else 0


#: lines of prose inside a block (not at its end) that make it the whole page
_PAGE_PROSE = 2


def _page_block(block: RawBlock) -> bool:
    """Lines of prose inside the block with short lines after them: the whole page printed with
    no blank line (masthead, post, comments, footer), not a masthead glued to the
    text's first paragraph."""
    prose = [i for i, line in enumerate(block.lines) if len(line.split()) >= _PROSE_WORDS]
    trailing = _trailing_prose(block)
    inner = [i for i in prose if not trailing or i < trailing]
    return len(inner) >= _PAGE_PROSE  # (one long line is a notice: "We use cookies …")


def _cites(block: RawBlock) -> bool:
    """A reference marker makes a block text: no menu cites a source."""
    return any(_REFERENCE.search(line) for line in block.lines)


@functools.cache
def _author_labels() -> frozenset[str]:
    """The ``[label_pairs]`` labels printed over an author's name, case-folded."""
    labels = layout_table("label_pairs")["labels"]
    return frozenset(str(k).casefold() for k, v in labels.items() if v == "author")


#: an author's name under its label has at most this many words
_NAME_WORDS = 8


def _author_pair(label: str, name: str) -> bool:
    """An author's label over a name ("Preached by" / "The Revd Jo Ames").

    >>> _author_pair("Preached by", "The Revd Jo Ames"), _author_pair("Home", "About")
    (True, False)
    """
    if label.rstrip(":").strip().casefold() not in _author_labels():
        return False
    return 0 < len(name.split()) <= _NAME_WORDS and not _SENTENCE_END.search(name)


def _holds_byline(state: ParseState, block: RawBlock) -> bool:
    """A line of the block is a byline of the vocabulary (a masthead may hold a date),
    or an author's label over the name ("Preached by" / NAME): no menu names one."""
    if any(_author_pair(a, b) for a, b in itertools.pairwise(block.lines)):
        return True
    vocab = vocabulary()
    evidence = vocab.for_kind(state.profile.kind)
    for line in block.lines:
        verdict = score_line(line, 0, 1, evidence, vocab.window)
        if verdict is not None and "author" in (
            verdict.evidence.field,
            verdict.evidence.name_above,
        ):
            return verdict.score >= vocab.apply
    return False


def skip_link(state: ParseState, block: RawBlock) -> bool:
    """A block of its own holding only a skip link ("Skip to main content"): the
    masthead below it still opens the page."""
    vocab = vocabulary()
    known = score_line(block.text, 0, 1, vocab.for_kind(state.profile.kind), vocab.window)
    return block.single_line and known is not None and known.evidence.name == "skip link"


def _touches_hints(state: ParseState, block: RawBlock) -> bool:
    lines = range(block.line, block.line + len(block.lines))
    return any(n in state.keep or n == state.title_line for n in lines)


#: a site's name read from an essay head's menu has at least this many words
_SHAPE_SITE_WORDS = 2


def _sited(state: ParseState) -> tuple[bool, bool]:
    """Whether the kind has a site line of its own, and whether the site is still open.
    A kind with none may still name the site above its title (an encyclopaedia
    mirror's, an essay platform's head read by its shape)."""
    passes = state.profile.passes
    own = "site" in state.profile.header or "above_title" in passes
    return own, (own or "head_shape" in passes) and "site" not in state.header


def _site_name(first: str, shape: MenuShape, own: bool) -> bool:
    """Can a menu's first line be the site's name?"""
    return (
        menu_item(first, shape.item_words)
        and first.strip().casefold() not in menu_words()  # "Home" is no site's name
        # read by the head's shape, a one-word first line is a section ("Fiction")
        and (own or len(first.split()) >= _SHAPE_SITE_WORDS)
    )


def _masthead_line(state: ParseState, block: RawBlock) -> tuple[str, Verdict | None]:
    """The menu block's line that may name the site, and what the vocabulary knows of
    it: its first line, or the one under a skip link ("Skip to content") or under a
    language switcher's item ("Français")."""
    vocab = vocabulary()
    evidence = vocab.for_kind(state.profile.kind)
    at = 0
    known = score_line(block.lines[0], 0, 1, evidence, vocab.window)
    if known is not None and known.evidence.name == "skip link" and len(block.lines) > 1:
        at = 1
    if is_language(block.lines[at]) and at + 1 < len(block.lines):
        at += 1
    if at:
        known = score_line(block.lines[at], 0, 1, evidence, vocab.window)
    return block.lines[at], known


def _take(state: ParseState, block: RawBlock, index: int, share: float, shape: MenuShape) -> bool:
    """Remove *block*; *index* is its place among the blocks, -1 for a later menu block
    (whose first line is never the site's name).  True when the block is a navigation
    bar (a menu toggle, "Open menu", at its head): it names no site."""
    state.blocks.remove(block)
    first, known = _masthead_line(state, block)
    # a toggle first, or under a skip link of any wording ("Jump to content")
    bar = any(line.strip().casefold() in _toggles() for line in block.lines[:2])
    if bar:
        index = -1
    own, open_site = _sited(state)
    echoed = echoed_in_footer(state, block, shape) if open_site else None
    opening = index == 0 or (index > 0 and all(skip_link(state, b) for b in state.blocks[:index]))
    first_site = open_site and opening and known is None and _site_name(first, shape, own)
    named = _masthead_name(state, block, shape) if open_site and opening else None
    if echoed is not None:
        state.header["site"] = block.lines[echoed]
        state.decide(block.line + echoed, "site", "menu: the masthead line the footer repeats", 0.9)
    elif first_site:
        state.header["site"] = first
        state.decide(block.line, "site", "menu: the first line of a masthead and menu", share)
    elif named is not None:  # the first line is chrome ("Skip to content")
        state.header["site"] = block.lines[named]
        state.decide(block.line + named, "site", "menu: a masthead line with a paper's word", 0.85)
    state.remove(
        block, "site menu", NAV_BAR_RULE if bar else "menu: a block of short lines near the top"
    )
    if share < shape.sure_share:
        lines = f"{block.line}-{block.line + len(block.lines) - 1}"
        state.warn(
            block.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"removed lines {lines} as the site's masthead and menu ({share:.0%} of them short"
            f" lines with no sentence end, score {share:.2f}); if they are text, list them in"
            " 'keep'",
        )
    return bar


@functools.cache
def _toggles() -> frozenset[str]:
    """A menu's toggle buttons ("Open menu", "Toggle navigation"), case-folded."""
    return frozenset(w.casefold() for w in layout_table("menu")["toggles"])


#: the share of the page, from its end, where its footer is looked for
_FOOTER_SHARE = 3
_COPYRIGHT = ("©", "Copyright", "(c)")


def echoed_in_footer(
    state: ParseState, block: RawBlock, shape: MenuShape, *, owned_only: bool = False
) -> int | None:
    """The offset of the masthead line the page's footer prints again (on a line of
    its own or in its copyright line): the site's name, wherever the masthead has it."""
    lines = state.text.splitlines()
    closing = [line.strip() for line in lines[len(lines) - len(lines) // _FOOTER_SHARE :]]
    vocab = vocabulary()
    names = [
        offset
        for offset, text in enumerate(block.lines)
        # one-word items ("News", "Search") are the menu's, not a name
        if menu_item(text, shape.item_words)
        and len(text.split()) >= 2
        and not score_line(text, 0, 1, vocab.for_kind(state.profile.kind), vocab.window)
    ]
    # the copyright line names the site's owner: surer than a line printed again on
    # its own, which may be a jump menu's section ("Academic Tools") heading the foot
    owned = [o for o in names if any(_owns(c, block.lines[o]) for c in closing)]
    alone = [o for o in names if block.lines[o] in closing]
    first = owned or ([] if owned_only else alone)
    return first[0] if first else None


def _owns(closing: str, name: str) -> bool:
    """A footer line is a copyright notice that names *name* ("© 2026 Name", "The Name
    is copyright © 2026 by …")."""
    folded = closing.casefold()
    return name in closing and (
        closing.startswith(_COPYRIGHT) or "©" in closing or "copyright" in folded
    )


def _masthead_name(state: ParseState, block: RawBlock, shape: MenuShape) -> int | None:
    """The offset of the masthead line that reads as a paper's or a site's name: two
    words or more, one of them a masthead word ("Register", "Times"), not vocabulary."""
    words = _masthead_words()
    vocab = vocabulary()
    for offset, text in enumerate(block.lines):
        if not menu_item(text, shape.item_words) or len(text.split()) < 2:
            continue
        if {w.strip(".,:;’'") for w in text.split()}.isdisjoint(words):
            continue
        if score_line(text, 0, 1, vocab.for_kind(state.profile.kind), vocab.window) is None:
            return offset
    return None


@functools.cache
def _masthead_words() -> frozenset[str]:
    return frozenset(layout_table("news_mastheads")["words"])


def masthead_line(text: str) -> bool:
    """Two words or more, each capitalised, one of them a paper's masthead word in any
    case ("THE COASTAL LEDGER", "Kell Gazette").

    >>> masthead_line("THE COASTAL LEDGER"), masthead_line("Local"), masthead_line("Sign in")
    (True, False, False)
    >>> masthead_line("Press release"), masthead_line("The Isle of Kell Times")
    (False, True)
    """
    words = text.split()
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in ("of", "the") for w in words):
        return False  # a paper's name is capitalised throughout ("Press release" is not)
    return not {w.strip(".,:;’'").capitalize() for w in words}.isdisjoint(_masthead_words())


__all__ = [
    "MenuShape",
    "is_menu_word",
    "masthead_line",
    "menu",
    "menu_item",
    "menu_shape",
    "menu_share",
    "menu_words",
    "skip_link",
]
