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
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.menu import menu_item, menu_shape, menu_words
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table


@dataclass(frozen=True, slots=True)
class _Shape:
    item_words: int
    known: int


@functools.cache
def _shape() -> _Shape:
    data = layout_table("line_menu")
    return _Shape(int(data["item_words"]), int(data["known"]))


def _runs(blocks: list[RawBlock], top: int) -> list[list[RawBlock]]:
    """Runs of single-line blocks on consecutive lines, each a short menu item, among
    the first *top* lines."""
    shape = _shape()
    runs: list[list[RawBlock]] = [[]]
    for block in blocks:
        if block.line > top:
            break
        item = block.single_line and menu_item(block.text, shape.item_words)
        follows = bool(runs[-1]) and block.line == runs[-1][-1].line + 1
        if item and (follows or not runs[-1]):
            runs[-1].append(block)
        else:
            runs.append([block] if item else [])
    return [run for run in runs if run]


def line_menu(state: ParseState) -> None:
    """Remove the site's menu of a one-line-a-block text (see the module docstring)."""
    menu, shape = menu_shape(), _shape()
    for run in _runs(state.blocks, menu.top_lines):
        known = sum(b.text.strip().casefold() in menu_words() for b in run)
        if len(run) < menu.min_lines or known < shape.known:
            continue
        if any(b.line in state.keep or b.line == state.title_line for b in run):
            continue
        _site_name(state, run)
        for block in run:
            state.remove(block, "site menu", "line_menu: a run of menu items, one a line")
        taken = {id(b) for b in run}
        state.blocks = [b for b in state.blocks if id(b) not in taken]
        return


def _site_name(state: ParseState, run: list[RawBlock]) -> None:
    """The run's first line, when it opens the page and is no menu word, is the site's
    name (a masthead over its menu), as the ``menu`` pass reads a menu block."""
    first = run[0]
    sited = "site" in state.profile.header or "above_title" in state.profile.passes
    if not sited or "site" in state.header or first is not state.blocks[0]:
        return
    if first.text.strip().casefold() in menu_words():
        return
    state.header["site"] = first.text.strip()
    state.decide(first.line, "site", "line_menu: the first line of a masthead and menu")


__all__ = ["line_menu"]
