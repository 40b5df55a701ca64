"""A title a cover image's caption echoes ("Cover image for TITLE", Forem and its kin).

Some platforms print the alt text of a post's cover image as the page's first
line, then the author's name, the date and the tags, and only then the title
itself.  When the first line has a form of ``[cover_echo]`` in ``layout.toml`` and a
line below it (within the head) repeats the title it names, that line is the title
and the caption is removed; a bare personal name right below the caption is the
author.  Without the echo nothing is decided here: the header pass reads the head.
"""

from __future__ import annotations

import functools
import re

from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.journal import name_like
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: the echo stands within this many lines of the caption
_WINDOW = 8
_SCORE = 0.9


@functools.cache
def _forms() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in layout_table("cover_echo")["forms"])


def _echo(lines: list[RawBlock], title: str) -> int | None:
    want = " ".join(title.split())
    return next(
        (i for i, b in enumerate(lines[1:_WINDOW], 1) if " ".join(b.text.split()) == want), None
    )


def cover_echo(state: ParseState) -> None:
    """Take the title the cover caption names, where the page prints it again."""
    if state.title_line is not None or "title" in state.header or not state.blocks:
        return
    lines = explode(state.blocks[:_WINDOW])
    caption = lines[0]
    match = next((m for form in _forms() if (m := form.fullmatch(caption.text))), None)
    if match is None or caption.line in state.keep:
        return
    at = _echo(lines, match.group("title"))
    if at is None or lines[at].line in state.keep:
        return
    title = lines[at]
    state.remove(caption, "cover image caption", "cover echo: the caption names the title")
    state.header["title"] = title.text
    state.title_line = title.line
    state.decide(title.line, "title", "cover echo: the line the caption names", _SCORE)
    drop = {caption.line, title.line}
    name = lines[1]
    if at > 1 and name.line not in state.keep and name_like(name.text):
        state.metadata.append(MetaField("author", name.text, name.line))
        state.metadata.sort(key=lambda f: f.line)
        state.remove(name, "document metadata", "cover echo: the name below the caption")
        drop.add(name.line)
    state.blocks = without_lines(state.blocks, drop)


__all__ = ["cover_echo"]
