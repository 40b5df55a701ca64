"""A site's menu in a text read one line a block (no blank line anywhere).

The ``menu`` pass finds a masthead-and-menu block by its shape, before the
``layout`` pass decides whether each line is a block: in an extract with no
blank line at all the whole page is one block, so no menu block stands out.
Once each line is a block, a run of at least ``[menu] min_lines`` lines in a
row near the top, each a menu item of at most ``[line_menu] item_words`` words
and at least ``[line_menu] known`` of them words site menus print ("About",
"Archive", "Subscribe": ``[line_menu] words``), is the menu: removed.  The run
ends at a longer line, a date, a sentence, so the site's name, a tagline, the
post's date and title stay for the header.

A title of at most ``item_words`` words ("Saggar Firing") is shaped like a menu
item, so the run would swallow it.  The run's last line stays for the header
when it is no word menus print, starts with a capital, and the line right after
the run is the post's date or byline, or its first sentence: nothing else
stands between it and the body.  Without that evidence it goes with the menu
(a line after it that reads as a header is the title).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.labelpairs import pair_field
from sourcebook.parse.menu import (
    echoed_in_footer,
    menu_item,
    menu_shape,
    menu_words,
    skip_link,
)
from sourcebook.parse.scoring import score_line
from sourcebook.parse.state import ParseState
from sourcebook.parse.title import header_like
from sourcebook.parse.vocabulary import layout_table, vocabulary

#: a line after the run of at least this many words ending a sentence is the body
_BODY_WORDS = 8


@dataclass(frozen=True, slots=True)
class _Shape:
    item_words: int
    known: int


@functools.cache
def _shape() -> _Shape:
    data = layout_table("line_menu")
    return _Shape(int(data["item_words"]), int(data["known"]))


def _runs(blocks: list[RawBlock], top: int) -> list[list[RawBlock]]:
    """Runs of single-line blocks on consecutive lines, each a short menu item, starting
    among the first *top* lines (a run started there goes on past them: a news site's
    section and topic menus one word a line)."""
    shape = _shape()
    runs: list[list[RawBlock]] = [[]]
    for block in blocks:
        follows = bool(runs[-1]) and block.line == runs[-1][-1].line + 1
        if block.line > top and not follows:
            break
        item = block.single_line and _item(block.text, shape.item_words)
        if item and (follows or not runs[-1]):
            runs[-1].append(block)
        else:
            runs.append([block] if item else [])
    return [run for run in runs if run]


def _item(text: str, words: int) -> bool:
    """A menu item, or a label over the next row of the menu ("Topics:", "Follow us:").

    >>> _item("Topics:", 2), _item("Sign up", 2), _item("it was:", 2)
    (True, True, False)
    """
    if menu_item(text, words):
        return True
    label = text.strip()
    return label.endswith(":") and label[:1].isupper() and menu_item(label[:-1], words)


def line_menu(state: ParseState) -> None:
    """Remove the site's menu of a one-line-a-block text (see the module docstring)."""
    menu = menu_shape()
    for run in _runs(state.blocks, menu.top_lines):
        if not _qualifies(run) or any(
            b.line in state.keep or b.line == state.title_line for b in run
        ):
            continue
        run = _without_label(state, run)
        title = _short_title(state, run)
        if title is not None:
            run = run[:-1]
        _site_name(state, run)
        for block in run:
            state.remove(block, "site menu", "line_menu: a run of menu items, one a line")
        taken = {id(b) for b in run}
        state.blocks = [b for b in state.blocks if id(b) not in taken]
        if title is not None:
            _take_title(state, title)
        return


def _without_label(state: ParseState, run: list[RawBlock]) -> list[RawBlock]:
    """The run less its last line when that is a label over its value on the next line
    ("Date" / "Sunday, 8 March 2026"): the page's metadata, read by ``label_pairs``."""
    index = state.blocks.index(run[-1])
    after = state.blocks[index + 1] if index + 1 < len(state.blocks) else None
    if after is None or after.line != run[-1].line + 1:
        return run
    return run[:-1] if pair_field(run[-1].text, after.text) is not None else run


def _qualifies(run: list[RawBlock]) -> bool:
    """Long enough, and holding enough words menus print, to be a menu."""
    known = sum(b.text.strip().casefold() in menu_words() for b in run)
    return len(run) >= menu_shape().min_lines and known >= _shape().known


def _short_title(state: ParseState, run: list[RawBlock]) -> RawBlock | None:
    """The run's last line when it is the post's short title (see the module
    docstring); otherwise None: the next header line is the title."""
    last = run[-1].text.strip()
    if last.casefold() in menu_words() or not last[:1].isupper() or not _qualifies(run[:-1]):
        return None
    if "title" in state.header:
        return None  # a hint or an earlier pass chose the title
    index = state.blocks.index(run[-1])
    after = state.blocks[index + 1] if index + 1 < len(state.blocks) else None
    if after is not None and after.line == run[-1].line + 1 and _opens_post(state, after):
        return run[-1]
    return None


def _take_title(state: ParseState, title: RawBlock) -> None:
    """The short line closing the menu is the title: nothing else stands between the
    menu and the post's date, byline or first sentence."""
    state.blocks.remove(title)
    state.header["title"] = title.text.strip()
    state.title_line = title.line
    state.decide(
        title.line, "title", "line_menu: a short line closing the menu, above the post", 0.8
    )


def _opens_post(state: ParseState, block: RawBlock) -> bool:
    """The post's date or byline line, or its first sentence."""
    text = block.text.strip()
    if any(p.fullmatch(text) for p in vocabulary().comment_dates):
        return True
    vocab = vocabulary()
    verdict = score_line(
        text, 0, len(state.blocks), vocab.for_kind(state.profile.kind), vocab.window
    )
    if verdict is not None and verdict.evidence.role == "metadata":
        return True
    return not header_like(block) or (len(text.split()) >= _BODY_WORDS and text[-1:] in ".!?")


#: a site's name read from an essay head's menu has at least this many words
_SITE_WORDS = 2


def _site_name(state: ParseState, run: list[RawBlock]) -> None:
    """The run's first line, when it opens the page and is no menu word, is the site's
    name (a masthead over its menu), as the ``menu`` pass reads a menu block."""
    first = run[0]
    sited = "site" in state.profile.header or "above_title" in state.profile.passes
    # a kind that reads its head by shape (an essay) names the site from a menu's first
    # line of two words or more ("Plainset Editions"; a one-word line is a section)
    shaped = "head_shape" in state.profile.passes and len(first.text.split()) >= _SITE_WORDS
    if not (sited or shaped) or "site" in state.header or first not in state.blocks:
        return
    if _footer_site(state, run):
        return
    if not all(skip_link(state, b) for b in state.blocks[: state.blocks.index(first)]):
        return  # only a skip link ("Skip to main content") may stand above the masthead
    if first.text.strip().casefold() in menu_words():
        return
    state.header["site"] = first.text.strip()
    state.decide(first.line, "site", "line_menu: the first line of a masthead and menu")


def _footer_site(state: ParseState, run: list[RawBlock]) -> bool:
    """The site's name is the line of the run, or the masthead line right above it
    (with only a skip link above), that the page's copyright line names ("© NAME
    2026"), wherever it stands: a cookie button or a masthead above the menu."""
    index = state.blocks.index(run[0])
    above = state.blocks[index - 1] if index else None
    masthead = (
        above
        if above is not None
        and above.single_line
        and all(skip_link(state, b) for b in state.blocks[: index - 1])
        else None
    )
    lines = [masthead, *run] if masthead is not None else run
    texts = tuple(b.text for b in lines)
    # only the copyright line's name: a tool printed in the head and again at the foot
    # ("Edit Page") is no site's name
    block = RawBlock(lines[0].line, texts, texts, 0, 0)
    echoed = echoed_in_footer(state, block, menu_shape(), owned_only=True)
    if echoed is None:
        return False
    site = lines[echoed]
    state.header["site"] = site.text.strip()
    state.decide(site.line, "site", "line_menu: the menu's line the footer repeats", 0.9)
    if site is masthead:
        state.blocks.remove(site)
        state.remove(site, "site name", "line_menu: the masthead the footer repeats")
    return True


__all__ = ["line_menu"]
