"""A court judgment's front sheet, one cell a line: removed, its judge the author.

Courts print a record above a judgment: the neutral citation and case number, the
court and where it sat, the date, "Before:" and the judges, the parties with their
roles ("Claimant", "- and -", "Defendant"), counsel and their solicitors, the hearing
date, the version and copyright lines; then the judge's line ("Lady Justice Arden :")
opens the judgment.  A legal information institute's page, copied as plain text,
prints each cell of that layout table on a line of its own; read one line a block,
the cells would be short headings ("Claimant", "Hearing date: 14 May 2025").

The evidence (``[front_sheet]`` in ``layout.toml``): a line that opens a sheet
(``openers``: "Neutral Citation Number: …", "Case No: …") in the first half of the
text, then no line of running text until the judge's line (``judge``) within
``max_lines`` lines.  The lines from the opener to the judge's line are removed as
the judgment's front sheet (the title and the text keep the parties' names), and
the judge's name becomes the ``author``.  Without the judge's line (a decision
summary, a report that cites a case number) nothing is taken; a line the contributor
keeps stops the sheet.
"""

from __future__ import annotations

import functools
import re

from sourcebook.model import MetaField
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table


@functools.cache
def _shape() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str], int]:
    data = layout_table("front_sheet")
    openers = tuple(re.compile(p) for p in data["openers"])
    return openers, re.compile(data["judge"]), int(data["max_lines"])


def _judge_at(blocks: list[RawBlock], start: int, state: ParseState) -> int | None:
    """The index of the judge's line closing the sheet opened at *start*, if any."""
    _, judge, most = _shape()
    first = blocks[start].line
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if block.line - first > most or block.line in state.keep or not block.single_line:
            return None
        if judge.fullmatch(block.text):
            return index
        if is_running(block.text):
            return None
    return None


def front_sheet(state: ParseState) -> None:
    """Remove a judgment's front sheet (see the module docstring)."""
    openers, judge, _ = _shape()
    blocks = state.blocks
    half = len(blocks) // 2
    for start, block in enumerate(blocks[: half + 1]):
        if not block.single_line or block.line in state.keep:
            continue
        if not any(p.fullmatch(block.text) for p in openers):
            continue
        end = _judge_at(blocks, start, state)
        if end is None:
            return
        for part in blocks[start:end]:
            state.remove(part, "judgment front sheet", "front_sheet: the court's record")
        closing = blocks[end]
        match = judge.fullmatch(closing.text)
        assert match is not None  # _judge_at matched it
        state.metadata.append(MetaField("author", match.group("name"), closing.line))
        state.remove(closing, "document metadata", "front_sheet: the judge's line")
        state.blocks = blocks[:start] + blocks[end + 1 :]
        return


__all__ = ["front_sheet"]
