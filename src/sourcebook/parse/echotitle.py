"""A title printed twice in a page's head, with other lines between the copies.

Some sites print the page's title twice above the text, apart: a legal information
institute ends its breadcrumb with the case's name ("… >>" / "Carrow v Pendleby
[2025] WHC 418 (3 June 2025)"), then prints its address, citation and tools, then
the case's name again over the judgment; a patent search page opens with the
browser's page title ("NUMBER - TITLE - SITE"), then the site's name, its search and
sign-in links, and the title again.  (Two copies in a row are :mod:`.twicetitle`'s.)

Among the single-line blocks above the text's first line of running text (within
``_WINDOW`` blocks), the first line of ``[echo_title] min_words`` to ``max_words``
words printed again -- as one part of an earlier line split at `` - ``, `` | ``,
`` – `` or `` · `` (a page-title line), or whole as the last part of a breadcrumb
printed one part a line (the line above the earlier copy ends with ">>", ">", "»",
"›" or "/") -- is the title: the later copy.  A menu item printed again in a
breadcrumb with no separators is not taken: nothing tells it from a title.  Every line above it is
the site's chrome: the earlier copy is removed as the title printed again; the site's
name is the page-title line's other part printed as a line of its own, or else the
head's first line (joined with the second when that one ends with an organisation's
head noun, ``site_nouns``: a name split over two lines); the rest is the site's menu.
A contributor's ``keep`` on any of those lines leaves the head to the other passes.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.menu import is_menu_word
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: the head (chrome and both copies) stands within this many blocks from the top
_WINDOW = 60
#: a page-title line's separators
_SEPARATOR = re.compile(r" (?:-|–|—|\||·) ")
#: a breadcrumb's part ends with its separator ("Databases >>"): the line after the
#: last such part is the page's own name
_CRUMB_END = re.compile(r"\s(?:>>?|»|›|/|\\)$")
#: a site's name has at least this many words, and at most this many
_SITE_WORDS = (2, 8)
#: the lines a site's name is split over end with no punctuation
_PUNCTUATED = re.compile(r"[.,;:!?>»|)\]]$")


@dataclass(frozen=True, slots=True)
class _Shape:
    min_words: int
    max_words: int
    site_nouns: frozenset[str]


@functools.cache
def _shape() -> _Shape:
    data = layout_table("echo_title")
    return _Shape(int(data["min_words"]), int(data["max_words"]), frozenset(data["site_nouns"]))


def _head(state: ParseState) -> list[RawBlock] | None:
    """The single-line blocks above the first line of running text, if any is in reach."""
    head: list[RawBlock] = []
    for block in state.blocks[:_WINDOW]:
        if any(is_running(line) for line in block.lines):
            return head
        head.append(block)
    return None


def _parts(text: str) -> list[str]:
    return [p.strip().casefold() for p in _SEPARATOR.split(text)]


def _copies(head: list[RawBlock]) -> tuple[int, int] | None:
    """The first line printed again (its earlier copy's index and its own), if any."""
    shape = _shape()
    for later, block in enumerate(head):
        words = len(block.text.split())
        if not block.single_line or not shape.min_words <= words <= shape.max_words:
            continue
        key = block.text.casefold()
        for earlier in range(later):
            other = head[earlier]
            if not other.single_line:
                continue
            if key in _parts(other.text) and other.text.casefold() != key:
                return earlier, later  # a page-title line holds it
            crumb = earlier > 0 and bool(_CRUMB_END.search(head[earlier - 1].text))
            if other.text.casefold() == key and crumb:
                return earlier, later  # a breadcrumb ends with it
    return None


def echo_title(state: ParseState) -> None:
    """Take a title printed twice in the head (see the module docstring)."""
    if "title" in state.header or state.title_line is not None:
        return
    head = _head(state)
    found = _copies(head) if head else None
    if head is None or found is None:
        return
    earlier, at = found
    if any(b.line in state.keep for b in head[: at + 1]):
        return
    title = head[at]
    state.header["title"] = title.text
    state.title_line = title.line
    state.decide(title.line, "title", "echo_title: the line printed twice in the head", 0.8)
    site = _site(head[:at], head[earlier], title.text)
    if site and "site" not in state.header:
        state.header["site"] = " ".join(b.text for b in site)
    for index, block in enumerate(head[:at]):
        if index == earlier:
            state.remove(block, "title printed again", "echo_title: the title's earlier copy")
        elif block in site:
            state.remove(block, "site name", "echo_title: the site's name in the head")
        else:
            state.remove(block, "site menu", "echo_title: a line above the title")
    state.blocks = state.blocks[at + 1 :]


def _site(above: list[RawBlock], copy: RawBlock, title: str) -> list[RawBlock]:
    """The lines that print the site's name (see the module docstring)."""
    parts = [p for p in _parts(copy.text) if p != title.casefold()]
    named = [b for b in above if b is not copy and b.text.casefold() in parts]
    if named:
        return named[:1]
    if not above or above[0] is copy or not _name_line(above[0].text):
        return []
    second = above[1] if len(above) > 1 else None
    if second is not None and second is not copy and _split_name(above[0].text, second.text):
        return above[:2]
    return above[:1]


def _name_line(text: str) -> bool:
    """A line that can print a site's name (or its first part): a few words, no end
    punctuation, not a word menus print."""
    words = len(text.split())
    return (
        _SITE_WORDS[0] <= words <= _SITE_WORDS[1]
        and not _PUNCTUATED.search(text)
        and not is_menu_word(text)
        and text[:1].isupper()
    )


def _split_name(first: str, second: str) -> bool:
    """*second* goes on with the site's name *first*: it ends with an organisation's
    head noun and the two together are still a name's length."""
    words = second.split()
    together = len(first.split()) + len(words)
    return (
        bool(words)
        and words[-1] in _shape().site_nouns
        and together <= _SITE_WORDS[1]
        and second[:1].isupper()
        and not _PUNCTUATED.search(second)
    )


__all__ = ["echo_title"]
