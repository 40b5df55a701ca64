"""A consent banner printed as a block of its own above the page.

A site's cookie or privacy notice is printed by a consent widget before
everything else: a sentence or two about cookies and the reader's device or
choices, and the widget's buttons ("Accept all", "Settings", "OK"), one a
line.  Its wording varies from widget to widget, so the evidence is the
block's shape rather than its sentences (those ``layout.toml`` knows are
``[[line]]`` "cookie banner" entries, matched line by line): among the first
blocks, a short block with at least one button line, whose other lines each
speak of cookies or consent (``[consent]`` in ``layout.toml``), one of them
naming cookies.  Read as text the banner became the site's name, the title
or the first paragraph.  The block is removed; the rules that look for a
masthead "near the top" count from below it (:mod:`.pagetop`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.menu import is_menu_word
from sourcebook.parse.pagetop import CONSENT_REASON, CONSENT_RULE
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_SENTENCE_END = re.compile(r"[.!?][”’\"')]*$")


@dataclass(frozen=True, slots=True)
class ConsentShape:
    #: a line naming cookies (or the consent itself)
    mention: re.Pattern[str]
    #: a line about the reader's choice or device: a banner's sentence
    speaks: re.Pattern[str]
    first_blocks: int
    max_lines: int
    button_words: int


@functools.cache
def consent_shape() -> ConsentShape:
    """The ``[consent]`` table of ``layout.toml`` (read once)."""
    data = layout_table("consent")
    return ConsentShape(
        re.compile(data["mention"], re.IGNORECASE),
        re.compile(data["speaks"], re.IGNORECASE),
        int(data["first_blocks"]),
        int(data["max_lines"]),
        int(data["button_words"]),
    )


def button(line: str, shape: ConsentShape) -> bool:
    """A banner's button: a few words, no sentence end ("Accept all", "OK")."""
    return 0 < len(line.split()) <= shape.button_words and not _SENTENCE_END.search(line)


def is_banner(block: RawBlock, shape: ConsentShape) -> bool:
    """A block of a banner's sentences and buttons: a line of three words or more
    about cookies and the reader's choice, every other line a button or a line that
    names cookies or speaks of that choice, and no line a menu's ("Home", "About": a
    menu with a "Privacy and cookies" link is a menu).

    >>> shape = consent_shape()
    >>> lines = ("This site keeps your settings in cookies.", "Agree", "Settings")
    >>> is_banner(RawBlock(1, lines, lines, 0, 0), shape)
    True
    >>> lines = ("Oat cookies for a cold day", "by Ann Reed")
    >>> is_banner(RawBlock(1, lines, lines, 0, 0), shape)
    False
    >>> lines = ("Hollin Bakery", "Home", "Privacy and cookies")
    >>> is_banner(RawBlock(1, lines, lines, 0, 0), shape)
    False
    """
    if not 2 <= len(block.lines) <= shape.max_lines:
        return False
    if any(is_menu_word(line) for line in block.lines):
        return False
    buttons = [line for line in block.lines if button(line, shape)]
    said = [line for line in block.lines if not button(line, shape)]
    return (
        bool(buttons)
        and all(shape.speaks.search(line) or shape.mention.search(line) for line in said)
        and any(
            len(line.split()) >= 3 and shape.mention.search(line) and shape.speaks.search(line)
            for line in block.lines
        )
    )


def consent(state: ParseState) -> None:
    """Remove a consent banner among the first blocks (see the module docstring)."""
    shape = consent_shape()
    for block in list(state.blocks[: shape.first_blocks]):
        lines = range(block.line, block.line + len(block.lines))
        if any(n in state.keep or n == state.title_line for n in lines):
            return  # the structure hints say the text starts here
        if is_banner(block, shape):
            state.blocks.remove(block)
            state.remove(block, CONSENT_REASON, CONSENT_RULE)


__all__ = ["consent", "consent_shape", "is_banner"]
