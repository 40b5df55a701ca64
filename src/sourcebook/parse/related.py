"""The link titles under a "related posts" heading are furniture.

Magazines and blogs close a page with "You might also like", "Related
posts", "More from …" and a few other pages' titles, each perhaps with a
"by NAME" or a date line.  The heading is evidence (``related posts
heading`` in ``parse/layout.toml``); the blocks right after it whose every
line is short and has no sentence end are its links, and leave the text
with it.  The first block with a sentence in it ends the list.
"""

from __future__ import annotations

import re

from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_HEADING = "removed (related posts heading)"
_SENTENCE_END = re.compile(r"[.!:;,][”’\"')]*$")


def _link_line(text: str, words: int) -> bool:
    """A link title, a "by NAME" line or a date: short, with no sentence end.

    >>> _link_line("Hive Management 7 390 Apr 2024", 10), _link_line("It was late.", 10)
    (True, False)
    """
    return 0 < len(text.split()) <= words and not _SENTENCE_END.search(text)


def related(state: ParseState) -> None:
    """Remove the link titles below each related-posts heading."""
    words = int(layout_table("footer")["item_words"])
    heads = sorted(d.line for d in state.decisions if d.became == _HEADING)
    for head in heads:
        after = [b for b in state.blocks if b.line > head]
        for block in after:
            if block.line in state.keep or not all(_link_line(t, words) for t in block.lines):
                break
            state.blocks.remove(block)
            state.remove(block, "related links", "related: link titles under a related heading")


__all__ = ["related"]
