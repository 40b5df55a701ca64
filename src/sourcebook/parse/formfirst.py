"""A comment form printed above the comments it collects.

Most blog themes print the comment form ("Leave a Comment", "Your email address will
not be published", the field labels, "Post Comment") below the thread, so the form's
heading starts the page's closing furniture (the profile's ``tail_starts``).  Others
(recipe-blog themes among them, and any theme with the form set above the list) print
it first: the comments follow the form's button.  When at least two comment header
lines (``[comments]`` of ``parse/layout.toml``) stand below the form's heading, the form
ends at the first of them and only the form is removed; the thread below is left to the
thread passes.
"""

from __future__ import annotations

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.headed import vocabulary_matcher
from sourcebook.parse.state import ParseState

#: headers below the form that make a thread (one may be a quotation's "X says:")
_MIN_HEADERS = 2


def form_end(blocks: list[RawBlock], start: int) -> int | None:
    """The index of the block that opens the thread below the comment form starting at
    block *start*, or ``None`` when no thread of headed comments follows it."""
    heads = [
        i
        for i in range(start + 1, len(blocks))
        if blocks[i].single_line and vocabulary_matcher(blocks[i].text) is not None
    ]
    return heads[0] if len(heads) >= _MIN_HEADERS else None


def cut_form(state: ParseState, start: int) -> bool:
    """Remove the comment form opening at block *start* when a thread follows it (and
    say so); ``False``, removing nothing, when none does."""
    end = form_end(state.blocks, start)
    if end is None:
        return False
    for cut in state.blocks[start:end]:
        state.remove(cut, "comment form", "tail: a comment form above the thread")
    del state.blocks[start:end]
    return True


__all__ = ["cut_form", "form_end"]
