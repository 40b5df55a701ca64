"""A notes app's property table under the page's title, one cell a line.

A page published from a notes or wiki app (Notion, and the databases that copy
it) prints the page's properties under its title as a table of two columns;
read as text, each cell is a line: "Author" / NAME / "Created" / DATE / "Tags" /
TAG / TAG / "Status" / VALUE.  No line carries the evidence alone: a label is a
one-word fragment, a value a name, a date or a word.  The evidence is the run:
at least ``min_labels`` labels of ``[property_table] labels`` (``layout.toml``)
among the first ``window`` lines, each followed by one value line or more, with
nothing else between them.  Each label's values become its field (a date loses
its time of day; a list field such as the tags takes every value line); the
labels and values leave the text.  A label the table does not know ends the run,
so a heading followed by its text is never read as a property.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.model import MetaField
from sourcebook.parse.audithead import head_line
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
#: a value line has at most this many words
_VALUE_WORDS = 8
#: a time of day after a date ("October 3, 2026 9:14 PM"), dropped from the date field
_TIME = re.compile(r",? (?:at )?\d{1,2}:\d{2}(?: ?[AaPp][Mm])?$")


@dataclass(frozen=True, slots=True)
class _Table:
    window: int
    min_labels: int
    labels: dict[str, str]
    lists: frozenset[str]


@functools.cache
def _table() -> _Table:
    data = layout_table("property_table")
    labels = {str(k).casefold(): str(v) for k, v in data["labels"].items()}
    return _Table(int(data["window"]), int(data["min_labels"]), labels, frozenset(data["lists"]))


def _value(text: str) -> bool:
    """A cell's value: a few words with no sentence end, holding a letter or a digit
    (a callout's icon alone under the table is not a value)."""
    words = len(text.split())
    cell = 0 < words <= _VALUE_WORDS and not _SENTENCE_END.search(text)
    return cell and any(c.isalnum() for c in text)


def _run(lines: list[RawBlock], start: int) -> list[tuple[RawBlock, list[RawBlock]]]:
    """The labels from *start* on, each with its value lines, while they follow one
    another on consecutive lines."""
    table = _table()
    rows: list[tuple[RawBlock, list[RawBlock]]] = []
    index = start
    while index < len(lines) and lines[index].text.strip().casefold() in table.labels:
        label, values = lines[index], []
        index += 1
        while index < len(lines) and lines[index].line == lines[index - 1].line + 1:
            text = lines[index].text.strip()
            if text.casefold() in table.labels or not _value(text):
                break
            values.append(lines[index])
            index += 1
        if not values:
            break
        rows.append((label, values))
        if index < len(lines) and lines[index].line != values[-1].line + 1:
            break
    return rows


def property_table(state: ParseState) -> None:
    """Read the property table near the top (see the module docstring)."""
    table = _table()
    top = state.blocks[: table.window]
    lines = explode(top)
    for start in range(len(lines)):
        rows = _run(lines, start)
        if len(rows) < table.min_labels:
            continue
        cells = {b.line for label, values in rows for b in (label, *values)}
        if cells & state.keep:
            return
        for label, values in rows:
            _take(state, table.labels[label.text.strip().casefold()], label, values, table)
        state.metadata.sort(key=lambda f: f.line)
        state.blocks = without_lines(top, cells) + state.blocks[len(top) :]
        return


def _take(
    state: ParseState, field: str, label: RawBlock, values: list[RawBlock], table: _Table
) -> None:
    known = any(f.name == field for f in state.metadata)
    for index, value in enumerate(values):
        text = value.text.strip()
        if field == "date":
            if head_line(text) != "a date" and head_line(_TIME.sub("", text)) != "a date":
                continue  # "Created" over something that is no date: left as a cell
            text = _TIME.sub("", text)
        if not known and (index == 0 or field in table.lists):
            state.metadata.append(MetaField(field, text, value.line))
    for line in (label, *values):
        state.remove(line, "document metadata", f"property_table: the {field} property")


__all__ = ["property_table"]
