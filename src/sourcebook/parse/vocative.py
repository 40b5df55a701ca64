"""Replies in a flat thread that address the commenter above them by name.

A blog's or a crowdfunding page's comment thread copied as text loses its
indentation: the post author's answers stand flat under the comments they answer.
What survives is the address: "Thank you, Ruth.", "You can, Tomasz, but …", "Yes,
Marisol – …".  A comment whose text addresses the author of the comment right
above it by first name (the forms are ``address`` in ``[comments]`` of
``parse/layout.toml``: the name after a comma, a greeting or the text's start,
before a comma, a dash or a sentence end) is read as a reply to that comment.
A text naming someone in passing ("I asked Ruth about it") is no address.  The
rule is a guess from the words, so the first reply it makes in a thread is
reported (SB608) with the structure hint that overrides it.
"""

from __future__ import annotations

import functools
import re

from sourcebook.core.diagnostics import Code
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.commentdate import comment_date
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: a comment of the thread: its header block, the header's values and its body
Entry = tuple[RawBlock, dict[str, str], list[RawBlock]]

#: a first name shorter than this is no evidence ("Al" is also a word's start)
_MIN_NAME = 2
_CUE = "its text addresses the author of the comment above"


@functools.cache
def _forms() -> tuple[str, ...]:
    return tuple(layout_table("comments").get("address", ()))


def first_name(name: str) -> str | None:
    """The name a reply addresses a commenter by: the first word of a name of words, a
    handle whole; ``None`` for a name too short to be evidence.

    >>> first_name("Ruth Calloway"), first_name("quiltmaker_22"), first_name("Al")
    ('Ruth', 'quiltmaker_22', None)
    """
    word = name.split()[0] if name.split() else ""
    return word if len(word) > _MIN_NAME and word[0].isalpha() else None


def addresses(text: str, name: str) -> bool:
    """Does *text* address *name* ("Thank you, Ruth.", "Ruth, try …")?

    >>> addresses("Lovely! Thank you, Ruth.", "Ruth"), addresses("Yes, Ruth – it fits.", "Ruth")
    (True, True)
    >>> addresses("I asked Ruth about it.", "Ruth"), addresses("Ruthless, that.", "Ruth")
    (False, False)
    """
    escaped = re.escape(name)
    return any(re.search(form.replace("{name}", escaped), text) for form in _forms())


def _text(body: list[RawBlock]) -> str:
    """A comment's text, without the date line a two-line header leaves on top."""
    lines = [t.strip() for b in body for t in b.lines]
    if lines and comment_date(lines[0]) is not None:
        lines = lines[1:]
    return " ".join(lines)


def vocative_cue(state: ParseState, entries: list[Entry], index: int) -> str | None:
    """The cue of comment *index* when it addresses the author of the comment above (see
    the module docstring); its values get the parent's name (``nesting.named_depths``)."""
    if index == 0:
        return None
    header, values, body = entries[index]
    above = entries[index - 1][1].get("name")
    if not above or above == values.get("name"):
        return None
    first = first_name(above)
    if first is None or not addresses(_text(body), first):
        return None
    values["parent"] = above
    if not any(e[1].get("addressed") for e in entries[:index]):
        state.warn(
            header.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"the comment of line {header.line} addresses {first!r}, the author of the comment"
            " above, and is read as a reply to it (the copy lost the thread's indentation);"
            " if it is not, indent the replies' headers in the text, or set 'comment_header'"
            " in the structure hints",
        )
    values["addressed"] = "yes"
    return _CUE


__all__ = ["addresses", "first_name", "vocative_cue"]
