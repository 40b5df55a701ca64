"""A record box near the head: "Label:<TAB>value" rows (a decision's number and
date, a museum object's record, a preprint's "Comments:" / "Subjects:" /
"Cite as:").

A block in the first half of the text whose rows are tab-split, each opening
with a short label ending in ":" (a row with no label continues the one above),
is the page's record.  It stays in the body as printed (the body pass makes it
a two-column table: an object's record is the page's content as much as its
metadata), and a row whose label names a date (``[record_box] date_labels``)
and whose value is a full date ("2026-11-18", "9 Nov 2026"; not "about 1855")
fills ``date``, one whose label names the writer (``author_labels``) fills
``author``, as the dateline pass records a dateline it leaves in the text.
Prose with a colon ("The rule is simple: …") has no tab and is no record; a
table whose first cells end in no colon is no record.
"""

from __future__ import annotations

import functools
import re

from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.state import ParseState
from sourcebook.parse.tables import tab_cells
from sourcebook.parse.vocabulary import layout_table

#: a short page's head: the box is looked for in these first blocks at least
_HEAD_BLOCKS = 4
#: a date to the day: "2026-11-18", "9 Nov 2026", "November 9, 2026"
_FULL_DATE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}"
)


@functools.cache
def _shape() -> tuple[int, int, tuple[str, ...], tuple[str, ...]]:
    data = layout_table("record_box")
    return (
        int(data["min_rows"]),
        int(data["label_words"]),
        tuple(data["date_labels"]),
        tuple(data["author_labels"]),
    )


def _rows(block: RawBlock) -> list[tuple[str, str]] | None:
    """The (label, value) rows of a record box, or None if *block* is not one."""
    min_rows, label_words, _, _ = _shape()
    rows: list[tuple[str, str]] = []
    for raw in block.raw:
        cells = tab_cells(raw)
        if cells is None:
            return None
        label = cells[0]
        if raw[:1].isspace() and raw.lstrip(" ").startswith("\t") and rows:
            rows.append((rows[-1][0], " ".join(cells)))  # a continuation row
            continue
        if not label.endswith(":") or len(label.split()) > label_words:
            return None
        rows.append((label[:-1].strip(), " ".join(cells[1:])))
    return rows if len(rows) >= min_rows else None


def record_box(state: ParseState) -> None:
    """Read the record box near the head as metadata (see the module docstring)."""
    blocks = state.blocks
    for block in blocks[: max(_HEAD_BLOCKS, len(blocks) // 2)]:
        if any(n in state.keep for n in range(block.line, block.line + len(block.raw))):
            continue
        rows = _rows(block)
        if rows is None:
            continue
        _record(state, block, rows)
        return


def _record(state: ParseState, block: RawBlock, rows: list[tuple[str, str]]) -> None:
    _, _, date_labels, author_labels = _shape()
    # a field read above the box counts; one read from the page's foot (a "last
    # updated" line) does not outrank the record printed under the title
    have = {f.name for f in state.metadata if f.line < block.line}
    state.decide(block.line, "record box", "record_box: 'Label:<TAB>value' rows near the head")
    for offset, (label, value) in enumerate(rows):
        line = block.line + offset
        words = label.lower().split()
        for field, labels in (("date", date_labels), ("author", author_labels)):
            if field == "date" and not _FULL_DATE.fullmatch(value):
                continue
            if field not in have and any(word in words for word in labels):
                state.metadata.insert(0, MetaField(field, value, line))
                have.add(field)


__all__ = ["record_box"]
