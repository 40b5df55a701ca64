"""Comment threads whose comments open with the author's bare name and close with a date.

Team wikis and issue trackers print a page's comments under a count line ("2
Comments") as: the commenter's name alone on a line, the comment's text, its
date alone on a line, then the comment's buttons ("Permalink", "Reply", "Like").
No "said" or "wrote" marks the header and the date comes last, so neither the
one-line headers of :mod:`.headed` nor the name-then-date pairs of :mod:`.pairs`
find them.  The evidence is the repeated shape: after a count line
(``[named_thread] count`` in ``layout.toml``), one or more units of a name line
(:func:`~sourcebook.parse.commentdate.name_line`), at least one line of text, a
date line (:func:`~sourcebook.parse.commentdate.comment_date`) and any buttons.
The thread ends where the shape does; what follows is left to the footer pass.
When the units found are fewer than the count line declares, the thread is kept
and the difference reported (SB608) with the hint that overrides it.
"""

from __future__ import annotations

import functools
import re

from sourcebook.core.diagnostics import Code
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.commentdate import chrome_line, comment_date, name_line
from sourcebook.parse.headed import build_thread
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table


@functools.cache
def _count() -> re.Pattern[str]:
    return re.compile(layout_table("named_thread")["count"])


def _number(word: str) -> int:
    """``2`` / ``One`` / ``No`` -> a number."""
    lowered = word.lower()
    return 0 if lowered == "no" else 1 if lowered == "one" else int(word)


def _unit(blocks: list[RawBlock], start: int) -> int | None:
    """The end (exclusive) of the comment opening at *start*: a name line, text, a date
    line and buttons; ``None`` when the blocks there do not have that shape."""
    if not blocks[start].single_line or name_line(blocks[start].text) is None:
        return None
    end = start + 1
    while end < len(blocks) and comment_date(blocks[end].text) is None:
        if chrome_line(blocks[end].text) or name_line(blocks[end].text) is not None:
            return None  # a button or another name before any date: not this shape
        end += 1
    if end == start + 1 or end == len(blocks):
        return None  # no text, or no closing date
    end += 1
    while end < len(blocks) and chrome_line(blocks[end].text):
        end += 1
    return end


def named_thread(state: ParseState) -> None:
    """Read the thread after a count line (see the module docstring)."""
    if "omment" not in state.text:
        return  # no count line can stand in the text
    blocks = state.blocks
    for index, block in enumerate(blocks):
        match = _count().fullmatch(block.text) if block.single_line else None
        if match is None or block.line in state.keep:
            continue
        starts, at = [], index + 1
        while at < len(blocks) and (end := _unit(blocks, at)) is not None:
            starts.append(at)
            at = end
        if not starts:
            return
        declared = _number(match.group("n"))
        state.remove(block, "thread header", "named_thread: a comment-count line")
        headers = {blocks[i].text for i in starts}
        build_thread(state, blocks[index + 1 : at], functools.partial(_header, headers=headers))
        state.blocks = blocks[:index] + blocks[at:]
        if declared != len(starts):
            state.warn(
                block.line,
                1,
                Code.STRUCTURE_UNSURE,
                f"the page declares {declared} comments; {len(starts)} read as a name, text"
                f" and a date: set 'comments_start' and 'comment_header' in the structure"
                f" hints if the thread holds more",
            )
        return


def _header(text: str, headers: set[str]) -> dict[str, str] | None:
    return {"name": text.strip()} if text in headers else None


__all__ = ["named_thread"]
