"""A standfirst that names the page's own author in the third person.

Magazines and academic blogs print a sentence or two above the text that
introduce it and its writer: "Here, NAME, author of BOOK, explains how …",
"NAME looks at … and argues that …".  Read as text it becomes the first
paragraph, in a voice that is not the writer's.  The evidence is the name:
the first block of the text names the author the page gives elsewhere (a
byline, a closing bio, a tagline), followed, perhaps after an apposition
between commas, by a reporting verb in the present tense (``[standfirst]
verbs`` in ``layout.toml``: "explains", "argues", "looks at").  The block
becomes the ``subtitle`` field.  A first paragraph naming someone else ("The
mayor, Jo Ames, argues …" on a page by another writer), or naming the author
without such a verb ("Jo Ames was born in …"), stays text.
"""

from __future__ import annotations

import functools
import re

from sourcebook.model import MetaField
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table
from sourcebook.parse.wrapped import one_paragraph


@functools.cache
def _shape() -> tuple[int, int, str]:
    data = layout_table("standfirst")
    verbs = "|".join(re.escape(v) for v in data["verbs"])
    return int(data["max_words"]), int(data["apposition_chars"]), verbs


def _authors(state: ParseState) -> list[str]:
    """The author's names the page gives (a byline field, a bio's or tagline's name)."""
    names = [f.value for f in state.metadata if f.name == "author"]
    if state.author:
        names.append(state.author)
    return [n for n in dict.fromkeys(names) if len(n.split()) >= 2]


def introduces(text: str, name: str) -> bool:
    """Does *text* name *name* as the subject of a reporting verb?

    >>> introduces("Here, Jo Ames, author of Tides, explains how it ended.", "Jo Ames")
    True
    >>> introduces("Jo Ames looks at the figures, and argues that they lie.", "Jo Ames")
    True
    >>> introduces("Jo Ames was born in Kell in 1931.", "Jo Ames")
    False
    """
    _, apposition, verbs = _shape()
    pattern = rf"\b{re.escape(name)}(?:,\s[^,.;]{{1,{apposition}}},)?\s(?:{verbs})\b"
    return re.search(pattern, text) is not None


def standfirst(state: ParseState) -> None:
    """Take the first block as the standfirst when it introduces the page's author
    (see the module docstring)."""
    if any(f.name == "subtitle" for f in state.metadata):
        return
    # the first block holding a line of running length: short head lines (a title no
    # rule read, a caption) may stand above it
    at = next((i for i, b in enumerate(state.blocks) if _long(b.lines)), None)
    if at is None:
        return
    block = state.blocks[at]
    max_words, _, _ = _shape()
    if block.line in state.keep or not one_paragraph(block.lines):
        return
    if len(block.text.split()) > max_words:
        return
    if not any(introduces(block.text, name) for name in _authors(state)):
        return
    state.metadata.append(MetaField("subtitle", block.text, block.line))
    state.metadata.sort(key=lambda f: f.line)
    state.remove(block, "document metadata", "standfirst: it names the page's author")
    del state.blocks[at]


#: a line of running text has at least this many words
_RUNNING_WORDS = 12


def _long(lines: tuple[str, ...]) -> bool:
    return any(len(line.split()) >= _RUNNING_WORDS for line in lines)


__all__ = ["introduces", "standfirst"]
