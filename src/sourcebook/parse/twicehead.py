"""A run of the page's head printed twice in a row: the second copy is removed.

Church and podcast sites, event pages and some magazine themes print a page's
header block twice, once in a hero banner and once in the content column (or
once for a narrow screen and once for a wide one): "Sermon preached by" /
NAME / DATE / "Text: …", then the same lines again, right above the text.  A
copy of text keeps one reading: the second copy is removed as "repeated
header" (the record keeps it), so the header rules read the first.

The evidence is exact: among the lines above the text's first line of running
text (the head), a run of at least ``_MIN_RUN`` lines followed at once by the
same lines in the same order.  One line printed twice is the title rules'
(:mod:`~sourcebook.parse.twicetitle`), and the body never counts (a refrain or
a repeated line of verse is the text's own).  A run of just ``_MIN_RUN`` lines is
reported (SB608): two short lines repeated may be a menu's and the page's own.
"""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.state import ParseState

#: a repeated header has at least this many lines (one line twice is a title's)
_MIN_RUN = 2
#: the head stands within this many lines of the top
_WINDOW = 60


def head_lines(blocks: list[RawBlock]) -> list[RawBlock]:
    """The lines (one block each) above the first line of running text, within
    :data:`_WINDOW` lines; none when no running text is in reach."""
    out: list[RawBlock] = []
    for line in explode(blocks[:_WINDOW])[:_WINDOW]:
        if is_running(line.text):
            return out
        out.append(line)
    return []


def repeated_run(texts: list[str]) -> tuple[int, int] | None:
    """The first run printed twice in a row: (its start, its length), the longest at
    the first start that has one.

    >>> repeated_run(["Site", "A", "B", "C", "A", "B", "C", "Text"])
    (1, 3)
    >>> repeated_run(["A", "A", "B"]) is None, repeated_run(["A", "B", "A", "C"]) is None
    (True, True)
    """
    keys = [" ".join(t.split()).casefold() for t in texts]
    for start in range(len(keys)):
        longest = (len(keys) - start) // 2
        for length in range(longest, _MIN_RUN - 1, -1):
            first = keys[start : start + length]
            if first == keys[start + length : start + 2 * length]:
                return start, length
    return None


def twice_head(state: ParseState) -> None:
    """Remove the second copy of a head run printed twice (see the module docstring)."""
    head = head_lines(state.blocks)
    found = repeated_run([b.text for b in head])
    if found is None:
        return
    start, length = found
    second = head[start + length : start + 2 * length]
    if any(b.line in state.keep or b.line == state.title_line for b in second):
        return  # the contributor says the lines are the text's (a hint)
    for block in second:
        state.remove(block, "repeated header", "twice_head: the head's lines printed again")
    if length == _MIN_RUN:
        state.warn(
            second[0].line,
            1,
            Code.STRUCTURE_UNSURE,
            f"removed lines {second[0].line}-{second[-1].line} ({second[0].text[:40]!r}) as"
            f" a copy of lines {head[start].line}-{head[start + length - 1].line} printed"
            " again; if they are the text's, list them in 'keep'",
        )
    state.blocks = without_lines(state.blocks, {b.line for b in second})


__all__ = ["head_lines", "repeated_run", "twice_head"]
