"""A wiki page's tag pills, one a line under its modified line.

A personal wiki saved as a static page (TiddlyWiki) prints under each page's title
the modifier and the date ("NAME 15th October 2026 at 9:42am"), then the page's tags,
one pill a line ("Archaeology" / "Ashwater valley" / "Stone tools"), then the text.
Read line by line, the pills are short lines with no sentence end: headings.

The evidence reads the modified line (a line of ``[tag_pills] after``, by the name of
its vocabulary entry); the lines right below it, each short (at most ``[tag_pills]
max_words`` words) with no sentence end, up to the text's first line of running text
(at most ``max_tags`` of them), are the page's ``tag`` fields, removed.  Short lines
with no running text after them within the limit stay.
"""

from __future__ import annotations

import functools
import re

from sourcebook.model import MetaField
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_SENTENCE_END = re.compile(r"[.!?…:;,][\"”’')\]]*$")
_RULE = "tag_pills: short lines under the page's modified line"


@functools.cache
def _shape() -> tuple[frozenset[str], int, int]:
    data = layout_table("tag_pills")
    return frozenset(data["after"]), int(data["max_words"]), int(data["max_tags"])


def tag_pills(state: ParseState) -> None:
    """Read the tag pills under a wiki's modified line (see the module docstring)."""
    after, max_words, max_tags = _shape()
    rules = {f"evidence: {name}" for name in after}
    anchor = next((d.line for d in state.decisions if d.rule in rules), None)
    if anchor is None:
        return
    lines = [b for b in explode(state.blocks) if b.line > anchor]
    pills: list[RawBlock] = []
    for block in lines[: max_tags + 1]:
        if block.line != anchor + len(pills) + 1 or block.line in state.keep:
            break
        if is_running(block.text):
            break
        if len(block.text.split()) > max_words or _SENTENCE_END.search(block.text):
            return  # a line that is neither a pill nor the text: not a tag row
        pills.append(block)
    following = lines[len(pills)] if len(pills) < len(lines) else None
    if not pills or following is None or not is_running(following.text):
        return
    for pill in pills:
        state.metadata.append(MetaField("tag", pill.text, pill.line))
        state.remove(pill, "document metadata", _RULE)
    state.decide(pills[0].line, "metadata (tag)", _RULE, 0.85)
    state.blocks = without_lines(state.blocks, {p.line for p in pills})


__all__ = ["tag_pills"]
