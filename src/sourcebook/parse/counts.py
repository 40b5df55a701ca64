"""A comment count printed bare beside a share button ("Share full article" / "214").

News pages print the number of comments in a bubble by the share button, once under
the byline and again at the foot, where a line spells it out ("Read 214 Comments").
A bare number on a line of its own is text anywhere else; here it is the page's
comment count, because the page says so: a line of the page names that many
comments.  Such bare lines are removed.
"""

from __future__ import annotations

import re

from sourcebook.parse.state import ParseState

#: a line spelling out the comment count ("Read 214 Comments", "214 comments", "See all 12
#: comments")
_SPELLED = re.compile(
    r"(?:(?:Read|View|See|Show|Load)(?: all)? )?(?P<count>\d{1,6}) (?:[Cc]omments?|[Rr]esponses?)"
)
_BARE = re.compile(r"\d{1,6}")


def count_bubbles(state: ParseState) -> None:
    """Remove bare numbers that the page spells out as its comment count."""
    counts = {
        m.group("count")
        for line in state.text.split("\n")
        if (m := _SPELLED.fullmatch(line.strip()))
    }
    if not counts:
        return
    kept = []
    for block in state.blocks:
        text = block.text.strip()
        bare = block.single_line and _BARE.fullmatch(text) is not None and text in counts
        if bare and block.line not in state.keep:
            state.remove(block, "comment count", "counts: the page's comment count, bare")
            continue
        kept.append(block)
    state.blocks = kept


__all__ = ["count_bubbles"]
