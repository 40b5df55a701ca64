"""A page's tabs and tools printed one a line right under its title.

Registers, catalogues and reference sites print, under an entry's title, the
tabs of the entry's views ("Overview", "Map", "Comments and Photos") and its
tools ("Print", "Download PDF", "Share"), one a line.  Each reads as a heading,
and a run of headings with no text between them is no outline.

A run of at least ``[tab_bar] min_items`` lines starting within ``reach`` lines
under the title, each a menu item (at most ``item_words`` words, no sentence end,
no lead-in colon, no date), is the bar: removed.  The run's last line stays when
running text follows it (a section's heading over its text: "Summary").  A bar
in which fewer than half the lines are words site menus or the vocabulary know
is reported (SB608) with the hint that keeps it.
"""

from __future__ import annotations

import functools

from sourcebook.core.diagnostics import Code
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.menu import menu_item, menu_words
from sourcebook.parse.scoring import score_line
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table, vocabulary

#: the bar is looked for in this many blocks under the title
_WINDOW = 40
_RULE = "tab_bar: tabs and tools one a line under the title"


@functools.cache
def _shape() -> tuple[int, int, int]:
    data = layout_table("tab_bar")
    return int(data["min_items"]), int(data["item_words"]), int(data["reach"])


def _known(state: ParseState, text: str) -> bool:
    vocab = vocabulary()
    if text.casefold() in menu_words():
        return True
    return score_line(text, 0, 1, vocab.for_kind(state.profile.kind), vocab.window) is not None


def _run(state: ParseState, lines: list[RawBlock], title: int) -> tuple[list[RawBlock], int]:
    """The bar's lines left in the text (items on consecutive lines from just under
    the title), and how many of the bar's lines an earlier rule removed ("Print")."""
    min_items, item_words, reach = _shape()
    gone = {r.line for r in state.removed}
    text = state.text.split("\n")
    run: list[RawBlock] = []
    last, removed = title, 0
    for index, line in enumerate(lines):
        between = range(last + 1, line.line)
        blank = {n for n in between if not text[n - 1].strip()} if not run else set()
        if not run and len(between) >= reach:
            break  # the bar stands right under the title
        if not all(n in gone or n in blank for n in between):
            break  # a line of text between, a blank inside the bar: it has ended
        removed += len(between) - len(blank)  # the bar's lines a rule removed ("Print")
        if line.line in state.keep or line.line in state.headings:
            break  # a heading a rule is sure of ("English[edit]"), or the contributor's
        if not menu_item(line.text, item_words):
            break
        if not line.text[:1].isupper():
            break
        after = lines[index + 1] if index + 1 < len(lines) else None
        if after is not None and is_running(after.text):
            break  # the run's last line heads the text below it
        run.append(line)
        last = line.line
    if run and removed + len(run) >= min_items:
        return run, removed
    return [], 0


def tab_bar(state: ParseState) -> None:
    """Remove the tabs and tools under the title (see the module docstring)."""
    if state.title_line is None:
        return
    lines = [b for b in explode(state.blocks[:_WINDOW]) if b.line > state.title_line]
    run, gone = _run(state, lines, state.title_line)
    if not run:
        return
    known = gone + sum(_known(state, b.text) for b in run)
    size = gone + len(run)
    score = round(known / size, 2)
    for line in run:
        state.remove(line, "page tabs", _RULE)
    state.blocks = without_lines(state.blocks, {b.line for b in run})
    if 2 * known < size:
        state.warn(
            run[0].line,
            1,
            Code.STRUCTURE_UNSURE,
            f"removed lines {run[0].line}-{run[-1].line} ({run[0].text[:30]!r} …) under the"
            f" title as the page's tabs and tools ({known} of {size} known, score"
            f" {score:.2f}); if they are headings, list them in 'keep'",
        )


__all__ = ["tab_bar"]
