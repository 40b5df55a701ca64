"""A site menu's items, one a line, and the thresholds that read them (``[menu]`` of
``layout.toml``): shared by the menu passes and the rules that must not take a menu's
item for a title or a site's name."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.parse.vocabulary import layout_table, vocabulary

_SENTENCE_END = re.compile(r"[.!?:;,][”’\"')]*$")
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class MenuShape:
    min_lines: int
    item_words: int
    share: float
    sure_share: float
    top_lines: int


@functools.cache
def menu_shape() -> MenuShape:
    """The ``[menu]`` thresholds of ``layout.toml`` (read once)."""
    data = layout_table("menu")
    return MenuShape(
        int(data["min_lines"]),
        int(data["item_words"]),
        float(data["share"]),
        float(data["sure_share"]),
        int(data["top_lines"]),
    )


@functools.cache
def menu_words() -> frozenset[str]:
    """Words site menus print (``[line_menu] words`` of ``layout.toml``), case-folded."""
    return frozenset(w.casefold() for w in layout_table("line_menu")["words"])


def is_menu_word(line: str) -> bool:
    """A line that is one of the words site menus print ("Home", "Log in"): never a
    site's name, a journal's or a title.

    >>> is_menu_word(" Home "), is_menu_word("Home Truths")
    (True, False)
    """
    return line.strip().casefold() in menu_words()


def menu_item(line: str, words: int) -> bool:
    """A short line with no sentence end and no date in it.

    >>> menu_item("Log In", 4), menu_item("Talk (0)", 4)
    (True, True)
    >>> menu_item("The council met on Tuesday.", 4), menu_item("March 3, 2024", 4)
    (False, False)
    """
    if not line or len(line.split()) > words or _SENTENCE_END.search(line):
        return False
    return not any(p.search(line) for p in vocabulary().comment_dates) and (
        len(_DIGITS.findall(line)) < 4
    )


__all__ = ["MenuShape", "is_menu_word", "menu_item", "menu_shape", "menu_words"]
