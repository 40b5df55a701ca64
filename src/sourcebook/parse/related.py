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
from sourcebook.parse.vocabulary import layout_table, vocabulary

#: the evidence that names a related-posts heading (another piece of evidence, such as
#: a "Related" widget line, may have removed the line first)
_EVIDENCE = "related posts heading"
#: a sorting option ("Sort" / "Recommended") is no related heading: the answer follows it
_SORTING = frozenset({"answer sort bar"})
_SENTENCE_END = re.compile(r"[.!:;,][”’\"')]*$")
#: "TITLE - AUTHOR - Jan 28": a teaser's title, author and date parted by dashes
_DATED_TEASER = re.compile(
    r"[^.!?]{1,120} [-–—] [^\W\d][^.!?]{0,40} [-–—] \w{3,9} \d{1,2}(?:, \d{4})?"
)


def _link_line(text: str, words: int) -> bool:
    """A link title, a "by NAME" line or a date: short, with no sentence end.

    >>> _link_line("Hive Management 7 390 Apr 2024", 10), _link_line("It was late.", 10)
    (True, False)
    """
    count = len(text.split())
    if count > words and count <= 2 * words and _DATED_TEASER.fullmatch(text):
        return True  # a title with its author and date after dashes (Forem's "Read next")
    if words < count <= 2 * words and text.endswith("?") and "?" not in text[:-1]:
        return True  # a headline asking a question ("… Will they survive the drought?")
    return 0 < count <= words and not _SENTENCE_END.search(text)


def _thread_line(text: str) -> bool:
    vocab = vocabulary()
    return any(e.role == "thread" and e.pattern.fullmatch(text) for e in vocab.lines)


def _heading_lines(state: ParseState) -> set[int]:
    """The lines removed as a related heading (each family's array may add its own)."""
    patterns = [e.pattern for e in vocabulary().lines if e.name == _EVIDENCE]
    return {
        r.line
        for r in state.removed
        if r.reason not in _SORTING and any(p.fullmatch(r.text.strip()) for p in patterns)
    }


def related(state: ParseState) -> None:
    """Remove the link titles below each related-posts heading."""
    words = int(layout_table("footer")["item_words"])
    removed = _heading_lines(state)
    heads = sorted(
        d.line for d in state.decisions if d.became.startswith("removed (") and d.line in removed
    )
    for head in heads:
        after = [b for b in state.blocks if b.line > head]
        taken = {d.line for d in state.decisions if d.became.startswith("metadata")}
        end = head
        for block in after:
            if block.line in state.keep or not all(_link_line(t, words) for t in block.lines):
                break
            if any(end < n < block.line for n in taken) or _thread_line(block.text):
                break  # post metadata or a comment count: the list has ended
            end = block.line + len(block.lines) - 1
            state.blocks.remove(block)
            state.remove(block, "related links", "related: link titles under a related heading")


__all__ = ["related"]
