"""An essay's head above its byline: masthead, section label, title and standfirst.

Blog-hosted essays, literary magazines and research notebooks print their
head as a few short lines and then a byline ("By NAME", "Published DATE by
NAME") that the evidence pass has already taken as metadata.  The byline
anchors the head: when every block above it reads as header lines (short,
not prose), the line just above it is the title -- unless that line reads as
a standfirst (a longer sentence-case line under a short or Title-Case one),
in which case the line above it is the title and the standfirst becomes the
``subtitle``.  Above the title, a one- or two-word line is the section label
and the first line of the block above is the publication's name
(``journal``), its other lines a tagline.  Guesses below ``sure`` are
reported (SB608) with the hint that overrides them.  A head line printed again
below it (a published document's name, then its own title in capitals) is the
title whatever stands under it; those lines are the title block's
(:mod:`.titleblock`).  A title a hint or the
journal header chose, or no byline in the first blocks, leaves the text as
it is.
"""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.core.text import is_title_case
from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.menu import is_menu_word
from sourcebook.parse.state import ParseState
from sourcebook.parse.title import header_like, title_score
from sourcebook.parse.titleblock import echoed_title
from sourcebook.parse.vocabulary import vocabulary

#: the byline must stand among this many blocks from the top
_WINDOW = 6
#: a section label above a title has at most this many words
_LABEL_WORDS = 2
#: a standfirst has at least this many words
_DEK_WORDS = 5
_BYLINE_FIELDS = frozenset({"author", "date"})


def _anchor(state: ParseState) -> int | None:
    """The line of the first byline the evidence took near the top, or of the first
    date line when it took no byline (a listing's "Date" field may stand above the
    title; the byline stands under it)."""
    lines = [f.line for f in state.metadata if f.name == "author"]
    lines = lines or [f.line for f in state.metadata if f.name in _BYLINE_FIELDS]
    if not lines or not state.blocks:
        return None
    first = min(lines)
    above = [b for b in state.blocks if b.line < first]
    return first if 0 < len(above) <= _WINDOW else None


def _dek_like(title: str, dek: str) -> bool:
    """*dek* reads as a standfirst under *title*: longer, and in sentence case
    where the title is short or in Title Case.

    >>> _dek_like("The Inventory", "On clearing the house, one drawer at a time")
    True
    >>> _dek_like("The Inventory", "Notes From The Back Room")
    False
    """
    words = dek.split()
    short_title = len(title.split()) <= _DEK_WORDS or is_title_case(title)
    return len(words) >= _DEK_WORDS and not is_title_case(dek) and short_title


def essay_head(state: ParseState) -> None:
    """Take the head above the byline (see the module docstring)."""
    if "title" in state.header:
        return
    anchor = _anchor(state)
    if anchor is None:
        return
    above = _past_menu_words(state, [b for b in state.blocks if b.line < anchor])
    lines = explode(above)
    if any(not header_like(b) or b.line in state.keep for b in lines):
        return  # prose or a kept line above the byline: not a head
    if not above[-1].single_line:
        return  # a masthead right above the byline, and no title line
    echoed = echoed_title(above)
    if echoed is not None:  # printed again below: the lines under it are the title block's
        _title(state, echoed, "the head line printed again below it")
        _masthead(state, [b for b in above if b.line < echoed.line], echoed)
        return
    title = above[-1]
    if len(above) >= 2 and above[-2].single_line and _dek_like(above[-2].text, title.text):
        _subtitle(state, title)
        _label_or_title(state, above[-2], title)
        title = above[-2]
    _title(state, title)
    _masthead(state, [b for b in above if b.line < title.line], title)


def _label_or_title(state: ParseState, title: RawBlock, dek: RawBlock) -> None:
    """A title of one or two words over a longer line may be a section's label over
    the title ("Talks" / "Ordinary time: counting the sparrows"): reported (SB608)."""
    if len(title.text.split()) > _LABEL_WORDS:
        return
    state.warn(
        title.line,
        1,
        Code.STRUCTURE_UNSURE,
        f"took {title.text[:40]!r} as the title and line {dek.line} as its standfirst; if"
        f" line {title.line} is a section's label, set 'title_line' to {dek.line} in the"
        " structure hints",
    )


def _past_menu_words(state: ParseState, above: list[RawBlock]) -> list[RawBlock]:
    """Lines of a menu word ("Home") opening the head are the menu's: removed."""
    while len(above) > 1 and above[0].single_line and is_menu_word(above[0].text):
        state.blocks.remove(above[0])
        state.remove(above[0], "site menu", "essay_head: a menu word above the title")
        above = above[1:]
    return above


def _subtitle(state: ParseState, block: RawBlock) -> None:
    state.metadata.append(MetaField("subtitle", block.text, block.line))
    state.remove(block, "document metadata", "essay_head: a standfirst under the title")
    state.blocks.remove(block)


def _title(state: ParseState, block: RawBlock, rule: str = "the line above the byline") -> None:
    score = title_score(block.text)
    state.header["title"] = block.text
    state.title_line = block.line
    state.blocks.remove(block)
    state.decide(block.line, "title", f"essay_head: {rule}", score)
    if score < vocabulary().sure:
        state.warn(
            block.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"took {block.text[:40]!r} above the byline as the title (score {score:.2f});"
            " if the title is another line, set 'title_line' in the structure hints",
        )


def _masthead(state: ParseState, blocks: list[RawBlock], title: RawBlock) -> None:
    """The blocks above the title: a section label just above it, the publication's
    name and tagline at the top."""
    for block in blocks:
        state.blocks.remove(block)
    if blocks and blocks[-1].single_line and len(blocks[-1].text.split()) <= _LABEL_WORDS:
        label = blocks.pop()
        state.metadata.append(MetaField("section", label.text, label.line))
        state.remove(label, "document metadata", "essay_head: a section label above the title")
    if not blocks:
        state.metadata.sort(key=lambda f: f.line)
        return
    top = explode(blocks)
    name = top[0]
    if not any(f.name == "journal" for f in state.metadata):
        state.metadata.append(MetaField("journal", name.text, name.line))
    state.remove(name, "document metadata", "essay_head: the publication's name above the title")
    for block in top[1:]:
        state.remove(block, "masthead", "essay_head: a tagline under the publication's name")
    if len(top) == 1 and len(blocks) == 1:
        state.warn(
            name.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"read {name.text[:40]!r} above the title as the publication's name (score"
            f" {vocabulary().apply:.2f}); if it is text, list line {name.line} in 'keep'",
        )
    state.metadata.sort(key=lambda f: f.line)


__all__ = ["essay_head"]
