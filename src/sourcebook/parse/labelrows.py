"""A record printed as label lines over value lines: a register's or a database's
entry summary.

Heritage registers, collection catalogues and official databases print an
entry's record as a column of labels and values that extraction puts one a
line: "Grade:" then "II", "Date first listed:" then "14-Mar-1968", perhaps
under a group's name ("Location").  Each label reads as a lead-in and each value
as a fragment (or a heading), so the record came out as paragraphs, a quotation
after a colon, or headings.

A run of at least ``[label_rows] min_rows`` pairs on consecutive lines in the
text's first half, each a label (a capitalised line of at most ``label_words``
words ending in ":") right above its value (at most ``value_words`` words, no
lead-in colon, no sentence), with group lines (at most ``group_words`` words, no
colon, no sentence end) allowed right above a label inside the run, is the
entry's record: each pair a metadata field named by its label (a label of
``[label_pairs] labels`` names its field: "Author:" fills ``author``), every line
removed to the provenance record.  A label over a sentence ("Note:" over a
paragraph) is no pair: the run ends there.
"""

from __future__ import annotations

import functools
import re

from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_RULE = "label_rows: a record's labels over their values"
_SCORE = 0.85
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")

#: a pair: the label's line and its value's (None for a group line)
_Row = tuple[RawBlock, RawBlock | None]


@functools.cache
def _shape() -> tuple[int, int, int, int]:
    data = layout_table("label_rows")
    return (
        int(data["min_rows"]),
        int(data["label_words"]),
        int(data["value_words"]),
        int(data["group_words"]),
    )


def _label(text: str) -> bool:
    words = len(text.split())
    return text.endswith(":") and 0 < words <= _shape()[1] and text[:1].isupper()


def _value(text: str) -> bool:
    return (
        0 < len(text.split()) <= _shape()[2]
        and not text.endswith(":")
        and not _SENTENCE_END.search(text)
    )


def _group(text: str) -> bool:
    return (
        0 < len(text.split()) <= _shape()[3]
        and text[:1].isupper()
        and ":" not in text
        and not _SENTENCE_END.search(text)
    )


def _next(lines: list[RawBlock], index: int) -> RawBlock | None:
    """The line after *index* when it stands on the very next line of the text."""
    if index + 1 < len(lines) and lines[index + 1].line == lines[index].line + 1:
        return lines[index + 1]
    return None


def _run(lines: list[RawBlock], start: int) -> tuple[list[_Row], int]:
    """The rows of a record starting at *start*, and the index after it."""
    rows: list[_Row] = []
    index = start
    while index < len(lines):
        here, below = lines[index], _next(lines, index)
        if below is None:
            break
        if _label(here.text) and _value(below.text):
            rows.append((here, below))
            index += 2
            if _next(lines, index - 1) is None:
                break
            continue
        value = _next(lines, index + 1)
        group = rows and _group(here.text) and _label(below.text)
        if group and value is not None and _value(value.text):
            rows.append((here, None))
            index += 1
            continue
        break
    return rows, index


def _records(state: ParseState) -> list[list[_Row]]:
    """Each record's rows, in the text's first half."""
    lines = explode(state.blocks)
    total = len(state.text.splitlines())
    found: list[list[_Row]] = []
    index = 0
    while index < len(lines):
        if 2 * lines[index].line > total or not _label(lines[index].text):
            index += 1
            continue
        rows, end = _run(lines, index)
        pairs = sum(1 for _, value in rows if value is not None)
        if pairs < _shape()[0] or any(b.line in state.keep for b in lines[index:end]):
            index += 1
            continue
        found.append(rows)
        index = end
    return found


@functools.cache
def _fields() -> dict[str, str]:
    """The labels that name a field the rest of the normaliser knows ("Author" ->
    author), from ``[label_pairs] labels``."""
    labels = layout_table("label_pairs")["labels"]
    return {str(k).casefold(): str(v) for k, v in labels.items()}


#: what a field's name may not hold (the document schema's names: ``[a-z][a-z-]*``)
_NOT_NAME = re.compile(r"[^a-z]+")


def field_name(label: str) -> str:
    """The metadata field a record's label names, in the schema's form.

    >>> field_name("Date first listed:"), field_name("Author:"), field_name("NGR (2010):")
    ('date-first-listed', 'author', 'ngr')
    """
    bare = label.rstrip(":").strip().casefold()
    known = _fields().get(bare)
    if known is not None:
        return known
    return _NOT_NAME.sub("-", bare).strip("-") or "record"


def label_rows(state: ParseState) -> None:
    """Read a record of label and value lines (see the module docstring)."""
    for rows in _records(state):
        cut: set[int] = set()
        for label, value in rows:
            if value is not None:
                state.metadata.append(MetaField(field_name(label.text), value.text, label.line))
                state.remove(value, "document metadata", _RULE)
                cut.add(value.line)
            state.remove(label, "document metadata", _RULE)
            cut.add(label.line)
        state.decide(rows[0][0].line, "record", _RULE, _SCORE)
        state.blocks = without_lines(state.blocks, cut)
    state.metadata.sort(key=lambda f: f.line)


__all__ = ["field_name", "label_rows"]
