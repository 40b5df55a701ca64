"""A patent search engine's patent page: its record and the panels after the claims.

A patent page (a Google-Patents-like search engine's, an office register's) prints,
between the patent's title and its abstract, the bibliographic record one label or
value a line: "Publication number" / the number, "Inventor" / one name a line,
"Current Assignee (The listed assignees may be inaccurate …)" / the company, the
dates, the prior-art keywords, "Links", "Images", the classification codes.  After
the claims it prints its panels: "Cited By (0)", "Similar Documents" and a table of
them, related applications, legal events, then the site's footer.

The evidence (``[patent_page]`` in ``layout.toml``): once a title is taken, at least
``min_labels`` lines between it and the ``abstract`` line are record labels
(``labels``, each alone or followed by a bracketed note).  Then every line between
the title and the abstract is the record: removed, the values of an ``author_labels``
label (the inventors) becoming ``author`` fields.  And the first ``tail_starts``
line after the ``claims`` heading ends the text: it and every line below are the
page's panels, removed.  A page with no such record (an article that names a patent
number, a journal paper with its own "Abstract") is left alone; a line the
contributor keeps stops the pass.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: the abstract line stands within this many blocks after the title
_WINDOW = 120
#: an inventor's name has at most this many words
_NAME_WORDS = 6


@dataclass(frozen=True, slots=True)
class _Shape:
    label: re.Pattern[str]
    authors: frozenset[str]
    min_labels: int
    abstract: re.Pattern[str]
    claims: re.Pattern[str]
    tail: re.Pattern[str]


@functools.cache
def _shape() -> _Shape:
    data = layout_table("patent_page")
    names = "|".join(re.escape(label) for label in data["labels"])
    return _Shape(
        re.compile(rf"(?P<label>{names})(?: \([^()]{{1,600}}\)?)?"),
        frozenset(data["author_labels"]),
        int(data["min_labels"]),
        re.compile(data["abstract"]),
        re.compile(data["claims"]),
        re.compile(data["tail_starts"]),
    )


def _label(text: str) -> str | None:
    match = _shape().label.fullmatch(text)
    return match.group("label") if match else None


def _record(state: ParseState) -> int | None:
    """How many blocks from the top are the record (the abstract line's index)."""
    shape = _shape()
    for index, block in enumerate(state.blocks[:_WINDOW]):
        if block.line in state.keep or not block.single_line:
            return None
        if shape.abstract.fullmatch(block.text):
            labels = sum(_label(b.text) is not None for b in state.blocks[:index])
            return index if labels >= shape.min_labels else None
    return None


def patent_page(state: ParseState) -> None:
    """Remove a patent page's record and its panels (see the module docstring)."""
    if state.title_line is None:
        return
    end = _record(state)
    if end is None:
        return
    authors = _shape().authors
    current: str | None = None
    for block in state.blocks[:end]:
        label = _label(block.text)
        if label is not None:
            current = label
        elif current in authors and len(block.text.split()) <= _NAME_WORDS:
            state.metadata.append(MetaField("author", block.text, block.line))
        state.remove(block, "patent record", "patent_page: the record above the abstract")
    state.blocks = state.blocks[end:]
    _panels(state)


def _panels(state: ParseState) -> None:
    """Remove the panels after the claims: from the first panel line on."""
    shape = _shape()
    claims = next((i for i, b in enumerate(state.blocks) if shape.claims.fullmatch(b.text)), None)
    if claims is None:
        return
    blocks = state.blocks
    start = next(
        (
            i
            for i in range(claims + 1, len(blocks))
            if blocks[i].single_line and shape.tail.fullmatch(blocks[i].text)
        ),
        None,
    )
    if start is None or any(b.line in state.keep for b in blocks[start:]):
        return
    cut: list[RawBlock] = blocks[start:]
    for block in cut:
        state.remove(block, "patent page panels", "patent_page: the panels after the claims")
    state.blocks = blocks[:start]


__all__ = ["patent_page"]
