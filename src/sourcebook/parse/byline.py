"""A byline glued to the first paragraph's line: ``By Sarah Kruse As the narrator …``.

Some extracts lose the line break after a byline, so the author's name opens
the first paragraph.  The name is one to three Capitalised words after "By";
the text after it must open like a sentence (a Capitalised word, then a
lower-case one).  Exactly one split has to fit: then the byline becomes the
``author`` field and leaves the paragraph (its words kept in the provenance
record) -- reported (SB608), since a phrase such as "By Christmas Eve Santa
was …" fits the same shape.  No split, or more than one, leaves the text as
it is.
"""

from __future__ import annotations

import re

from sourcebook.core.diagnostics import Code
from sourcebook.model import MetaField, Removed
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.state import ParseState

_BY = re.compile(r"[Bb]y:? ")
_NAME_WORD = re.compile(r"[A-Z][\w’'.\-]{0,30}")
_MAX_NAME_WORDS = 3


def name_split(line: str) -> int | None:
    """How many words after "By" are the name, when exactly one count fits.

    >>> name_split("By Sarah Kruse As the narrator walks in, the rain starts.")
    2
    >>> name_split("By Ann Lee Ward The council met on Monday.")
    3
    >>> name_split("By the time it ended, we were tired.") is None
    True
    >>> name_split("By Sarah Kruse New York City officials said so.") is None
    True
    """
    by = _BY.match(line)
    if by is None:
        return None
    words = line[by.end() :].split(" ", _MAX_NAME_WORDS + 2)
    fits = [
        count
        for count in range(1, _MAX_NAME_WORDS + 1)
        if len(words) > count + 1
        and all(_NAME_WORD.fullmatch(w) for w in words[:count])
        and _NAME_WORD.fullmatch(words[count].strip('“"‘'))
        and words[count + 1][:1].islower()
    ]
    return fits[0] if len(fits) == 1 else None


def glued_byline(state: ParseState) -> None:
    """Split a byline off the first paragraph's line (see the module docstring)."""
    if not state.blocks or any(f.name == "author" for f in state.metadata):
        return
    first = state.blocks[0]
    if first.line in state.keep:
        return
    line = first.lines[0]
    count = name_split(line)
    by = _BY.match(line)
    if count is None or by is None:
        return
    prefix = by.end()
    name = " ".join(line[prefix:].split(" ")[:count])
    cut = prefix + len(name) + 1
    state.metadata.append(MetaField("author", name, first.line))
    state.metadata.sort(key=lambda f: f.line)
    state.removed.append(Removed(first.line, line[:cut].strip(), "byline"))
    rest = (line[cut:], *first.lines[1:])
    state.blocks[0] = RawBlock(first.line, rest, first.raw, first.indent, first.blanks_before)
    state.decide(first.line, "metadata (author)", "byline: glued to the first paragraph", 0.7)
    state.warn(
        first.line,
        1,
        Code.STRUCTURE_UNSURE,
        f"read {line[:cut].strip()!r} opening the first paragraph as its byline (score 0.70);"
        f" if it is text, list line {first.line} in the document's structure hint 'keep'",
    )


#: the longest credited name ("The Editors of Encyclopaedia Meridiana")
_CREDIT_WORDS = 8


def name_below(state: ParseState, block: RawBlock, offset: int, field: str) -> list[int]:
    """The line just below a bare credit ("Written by") is the credited name: take it
    as *field*; returns the offsets taken (none when that line reads as text)."""
    below = offset + 1
    if below >= len(block.lines) or block.line + below in state.keep:
        return []
    text = block.lines[below]
    if len(text.split()) > _CREDIT_WORDS or not text[:1].isupper() or text.endswith("."):
        return []
    state.metadata.append(MetaField(field, text, block.line + below))
    state.removed.append(Removed(block.line + below, block.raw[below], "document metadata"))
    state.decide(block.line + below, f"metadata ({field})", "evidence: a name below a credit", 0.85)
    return [below]


def near_above(state: ParseState, above: RawBlock, block: RawBlock) -> bool:
    """Between *above* and *block* stands at most one printed line (a button) besides
    the byline's own metadata (a date) and lone marks ("·"): a name above a run of
    removed tool lines ("Advanced", "Clipboard") is the site's, not the byline's."""
    first = above.line + len(above.lines)
    meta = {d.line for d in state.decisions if d.became.startswith("metadata")}
    lines = state.text.splitlines()[first - 1 : block.line - 1]
    others = [t for n, t in enumerate(lines, first) if len(t.strip()) > 1 and n not in meta]
    return len(others) <= 1


__all__ = ["glued_byline", "name_below", "name_split", "near_above"]
