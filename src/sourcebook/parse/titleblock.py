"""The title block under an essay's title: its subtitle and its category words.

Static-site generators for essays and notes (Quarto, Hugo and Jekyll themes,
digital gardens) print a title block: the title, a subtitle line, the post's
categories one word a line ("ecology" / "conservation"), then labelled fields
("Author" / NAME, "Published" / DATE) before the text's first sentence.  Read
as text, the subtitle becomes the first paragraph and the categories
paragraphs of one word.  The evidence is the block as a whole: only when the
head between the title and the first paragraph of running text already gave
the page's author or date (a field the label, byline or date rules took) is it
a title block.  Then a single line right under the title with no sentence end
is the ``subtitle`` (a line of two or more bare names there is the
authors, when none was found), and a block of one- to three-word lines starting in lower
case (or ``#tags``) is the page's ``tag`` fields.  Anything else stays text.
"""

from __future__ import annotations

import re

from sourcebook.model import MetaField
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.journal import name_like
from sourcebook.parse.state import ParseState

#: a subtitle has at most this many words
_SUBTITLE_WORDS = 25
#: a category line has at most this many words
_TAG_WORDS = 3
#: the subtitle stands this many lines under the title at most (one blank line)
_UNDER = 2
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*$")
_TAG = re.compile(r"#?[a-z0-9][\w\-]*(?: [\w\-]+){0,2}")
_HEAD_FIELDS = frozenset({"author", "date"})
_LIST = re.compile(r",\s*(?:and\s+)?|\s+(?:and|&)\s+")


def title_block(state: ParseState) -> None:
    """Take the subtitle and category lines of a title block (module docstring)."""
    if state.title_line is None:
        return
    head = _head(state)
    if not head:
        return
    end = state.blocks[len(head)].line if len(head) < len(state.blocks) else None
    fields = {f.line for f in state.metadata if f.name in _HEAD_FIELDS}
    if end is None or not any(state.title_line < line < end for line in fields):
        return  # no field under the title: a short opening line, not a title block
    taken = [b for i, b in enumerate(head) if b.line not in state.keep and _read(state, b, i)]
    state.blocks = [b for b in state.blocks if b not in taken]
    state.metadata.sort(key=lambda f: f.line)


def _read(state: ParseState, block: RawBlock, index: int) -> bool:
    """Take *block*, the head's *index*-th, as the authors, the subtitle or the tags."""
    names = names_line(block.text) if block.single_line else []
    if index == 0 and names and not any(f.name == "author" for f in state.metadata):
        _meta(state, block, "author", names)  # the authors under a paper's title
    elif index == 0 and not names and _subtitle(state, block):
        _meta(state, block, "subtitle", [block.text])
    elif all(_TAG.fullmatch(line) and len(line.split()) <= _TAG_WORDS for line in block.lines):
        _meta(state, block, "tag", [line.lstrip("#") for line in block.lines])
    else:
        return False
    return True


def _head(state: ParseState) -> list[RawBlock]:
    """The blocks under the title above the first block of running text."""
    head: list[RawBlock] = []
    title = state.title_line or 0
    for block in state.blocks:
        if block.line < title:
            return []  # blocks stand above the title: not a head this rule reads
        if any(is_running(line) for line in block.lines):
            return head
        head.append(block)
    return []


def _subtitle(state: ParseState, block: RawBlock) -> bool:
    assert state.title_line is not None
    return (
        block.single_line
        and block.line <= state.title_line + _UNDER
        and len(block.text.split()) <= _SUBTITLE_WORDS
        and block.text[:1].isupper()
        and not _SENTENCE_END.search(block.text)
        and not any(f.name == "subtitle" for f in state.metadata)
    )


def names_line(text: str) -> list[str]:
    """The bare personal names a line lists ("Ana Ruiz and Jo Ames"), or none."""
    parts = [p for p in _LIST.split(text.strip()) if p]
    return parts if len(parts) > 1 and all(name_like(p) for p in parts) else []


def _meta(state: ParseState, block: RawBlock, name: str, values: list[str]) -> None:
    lines = len(block.lines)
    for offset, value in enumerate(values):
        state.metadata.append(MetaField(name, value, block.line + min(offset, lines - 1)))
    state.remove(block, "document metadata", f"title_block: the {name} under the title")


__all__ = ["names_line", "title_block"]
