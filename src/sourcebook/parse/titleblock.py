"""The title block under an essay's title: its subtitle and its category words.

Static-site generators for essays and notes (Quarto, Hugo and Jekyll themes,
digital gardens) print a title block: the title, a subtitle line, the post's
categories one word a line ("ecology" / "conservation"), then labelled fields
("Author" / NAME, "Published" / DATE) before the text's first sentence.  Read
as text, the subtitle becomes the first paragraph and the categories
paragraphs of one word.  The evidence is the block as a whole: only when the
head between the title and the first paragraph of running text already gave
the page's author or date (a field the label, byline or date rules took), or the
title was printed twice (a breadcrumb's last item, a document's own title in
capitals), is it a title block.  Then a single line right under the title with no sentence end
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
_LABELLED = re.compile(r"[^\W\d][\w’' ]{0,30}:\s")
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
    twice = any(r.reason == "title printed again" for r in state.removed)
    if end is None or not (twice or any(state.title_line < line < end for line in fields)):
        return  # no field under the title, no title printed twice: not a title block
    taken: list[RawBlock] = []
    first, anchor = 0, state.title_line  # the head's first line after the title (again)
    for index, block in enumerate(head):
        if block.line in state.keep:
            continue
        if index == first and _echo(state, block):
            state.remove(block, "title printed again", "title_block: the title in other type")
            first, anchor, taken = index + 1, block.line, [*taken, block]
        elif _read(state, block, anchor if index == first else None):
            taken.append(block)
    state.blocks = [b for b in state.blocks if b not in taken]
    state.metadata.sort(key=lambda f: f.line)


def _echo(state: ParseState, block: RawBlock) -> bool:
    """The title printed again in the document's own type ("THE RINGERS' BOOK" under
    "The Ringers' Book: a custom"): the whole title, or its part before a colon."""
    return block.single_line and _echoes(block.text, state.header.get("title", ""))


def _echoes(line: str, title: str) -> bool:
    return bool(title) and line.casefold() in {
        title.casefold(),
        title.partition(":")[0].strip().casefold(),
    }


def echoed_title(blocks: list[RawBlock]) -> RawBlock | None:
    """The head line a later head line prints again (a published document's name above
    the document's own title in capitals): the title, whatever stands under it."""
    singles = [b for b in blocks if b.single_line]
    for index, block in enumerate(singles):
        if any(_echoes(later.text, block.text) for later in singles[index + 1 :]):
            return block
    return None


def _read(state: ParseState, block: RawBlock, first: int | None) -> bool:
    """Take *block* as the authors, the subtitle or the tags, or a bare name as the
    author; *first*: the title's line (or its copy's) when *block* is right under it."""
    names = names_line(block.text) if block.single_line else []
    authored = any(f.name == "author" for f in state.metadata)
    if first is not None and names and not authored:
        _meta(state, block, "author", names)  # the authors under a paper's title
    elif first is not None and not names and _subtitle(state, block, first):
        _meta(state, block, "subtitle", [block.text])
    elif block.single_line and not authored and name_like(block.text):
        _meta(state, block, "author", [block.text])
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


def _next_under(state: ParseState, block: RawBlock, title: int) -> bool:
    """The next line under the title, one gap of the text's unit between (a text that
    prints every gap as two blank lines or more, :mod:`.gaps`)."""
    lines = state.text.split("\n")
    return block.blanks_before <= 1 and not any(
        lines[n - 1].strip() for n in range(title + 1, block.line)
    )


def _subtitle(state: ParseState, block: RawBlock, title: int) -> bool:
    return (
        block.single_line
        and (block.line <= title + _UNDER or _next_under(state, block, title))
        and len(block.text.split()) <= _SUBTITLE_WORDS
        and block.text[:1].isupper()
        and not _SENTENCE_END.search(block.text)
        and not _field(block.text)  # "Decision number: 143": a record's field
        and not any(f.name == "subtitle" for f in state.metadata)
    )


#: a subtitle's phrase after its colon has at least this many words
_PHRASE_WORDS = 2


def _field(text: str) -> bool:
    """A "Label: value" record field, not a subtitle with a colon: the value is a
    number, a code or one word ("Decision number: 143", "Status: Closed"); a phrase
    of words in lower case after the colon ("Advent Sunday: waiting well") is a
    subtitle's.

    >>> _field("Decision number: 143"), _field("Status: Closed"), _field("Advent: waiting well")
    (True, True, False)
    """
    found = _LABELLED.match(text)
    if found is None:
        return False
    value = text[found.end() :]
    phrase = len(value.split()) >= _PHRASE_WORDS and value[:1].islower()
    return not phrase or any(c.isdigit() for c in value)


def colon_subtitle(text: str) -> bool:
    """A subtitle's shape: a phrase in lower case after a colon ("Advent Sunday:
    waiting well"), no record's field.

    >>> colon_subtitle("Lent 3: letting go"), colon_subtitle("Status: Closed")
    (True, False)
    """
    return _LABELLED.match(text) is not None and not _field(text)


def names_line(text: str) -> list[str]:
    """The bare personal names a line lists ("Ana Ruiz and Jo Ames"), or none; one
    word either side of "and" is a title's pair ("Salt and Iron", "Romeo and Juliet").

    >>> names_line("Ana Ruiz and Jo Ames"), names_line("Salt and Iron")
    (['Ana Ruiz', 'Jo Ames'], [])
    """
    parts = [p for p in _LIST.split(text.strip()) if p]
    if not any(len(p.split()) > 1 for p in parts):
        return []
    return parts if len(parts) > 1 and all(name_like(p) for p in parts) else []


def _meta(state: ParseState, block: RawBlock, name: str, values: list[str]) -> None:
    lines = len(block.lines)
    for offset, value in enumerate(values):
        state.metadata.append(MetaField(name, value, block.line + min(offset, lines - 1)))
    state.remove(block, "document metadata", f"title_block: the {name} under the title")


__all__ = ["colon_subtitle", "echoed_title", "names_line", "title_block"]
