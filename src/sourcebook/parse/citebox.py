"""A reference work's "Cite this" box closing an entry.

Encyclopaedias, biographical dictionaries, species databases and heritage
registers close an entry with a box telling the reader how to cite it: a heading
("Cite This Article", "To cite this page:", "How to cite this entry"), the
entry's reference with its address and the date it was read, and often the same
reference cut into labelled fields ("Author of Article: NAME", "Permalink: URL",
"Access Date: DATE"), perhaps with a link or two printed right above the heading
("General Bibliography").  None of it is the text.

A line matching ``[cite_box] heading`` (``layout.toml``) in the text's second
half starts the box when a line of reference evidence (``evidence``: an address,
"accessed"/"retrieved" and a date) stands within ``reach`` lines below it: the
heading, every line after it, and the short lines with no sentence end printed
right above it in its block (reported, SB608: they may be a section's last
lines) are removed.  A field naming the entry's author (``author_labels``) fills
``author`` when no rule has.  A heading with no such evidence is left alone: an
essay may have a section called "How to cite sources".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.core.diagnostics import Code
from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*$")
#: a link above the heading has at most this many words
_LINK_WORDS = 4
_RULE = "cite_box: an entry's citation box"


@dataclass(frozen=True, slots=True)
class _Shape:
    heading: re.Pattern[str]
    evidence: re.Pattern[str]
    reach: int
    author: re.Pattern[str]


@functools.cache
def _shape() -> _Shape:
    data = layout_table("cite_box")
    return _Shape(
        re.compile(data["heading"], re.IGNORECASE),
        re.compile(data["evidence"], re.IGNORECASE),
        int(data["reach"]),
        re.compile(data["author"]),
    )


def _start(state: ParseState, lines: list[RawBlock]) -> int | None:
    """The index of the box's heading among *lines*, if the evidence holds."""
    shape = _shape()
    total = len(state.text.splitlines())
    for index, line in enumerate(lines):
        if 2 * line.line <= total or line.line in state.keep:
            continue  # the text's second half only: a reader's guide up top is the text's
        if not shape.heading.fullmatch(line.text):
            continue
        below = lines[index + 1 : index + 1 + shape.reach]
        if any(shape.evidence.search(b.text) for b in below):
            return index
    return None


def _links_above(state: ParseState, lines: list[RawBlock], start: int) -> int:
    """How far up the box reaches: the short lines with no sentence end right above the
    heading, with no blank line between (a link printed with the box)."""
    top = start
    while top > 0 and lines[top].blanks_before == 0:
        above = lines[top - 1]
        words = len(above.text.split())
        if above.line in state.keep or words > _LINK_WORDS or _SENTENCE_END.search(above.text):
            break
        top -= 1
    return top


def _span(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def cite_box(state: ParseState) -> None:
    """Remove an entry's citation box (see the module docstring)."""
    lines = explode(state.blocks)
    start = _start(state, lines)
    if start is None:
        return
    top = _links_above(state, lines, start)
    cut = lines[top:]
    if top < start:
        state.warn(
            lines[top].line,
            1,
            Code.STRUCTURE_UNSURE,
            f"removed {_span(lines[top].line, lines[start - 1].line)} ({lines[top].text[:40]!r})"
            " with the citation box right below; if they are text, list them in 'keep'",
        )
    for line in cut:
        if line.line in state.keep:
            continue
        match = _shape().author.fullmatch(line.text)
        if match and not any(f.name == "author" for f in state.metadata):
            state.metadata.append(MetaField("author", match.group("value"), line.line))
        state.remove(line, "citation box", _RULE)
    kept = {b.line for b in cut if b.line in state.keep}
    state.blocks = [b for b in state.blocks if b.line < cut[0].line]
    state.blocks += [b for b in cut if b.line in kept]
    state.metadata.sort(key=lambda f: f.line)


__all__ = ["cite_box"]
