"""A work's tag block: label lines, each over its value lines, above the text.

Fan-fiction archives, recipe and pattern sites, repositories and catalogue pages
print a work's details as a block of labels, each on a line of its own ending in
a colon, with its values on the lines below: "Rating:" / "General Audiences",
"Additional Tags:" / "Meta" / "Essays" / "Worldbuilding", "Stats:" / "Published:"
/ "2026-10-02" / "Words:" / "1,046".  An extract with no blank line reads the
values as one-word paragraphs and headings.  No single line carries the
evidence; the run does: at least ``_MIN_LABELS`` label lines among the lines
above the text's first line of running text, each followed by at most
``_MAX_VALUES`` value lines (short, no sentence end, no colon at the end) or by
the next label (a group's label: "Stats:").  The run is removed as "tag block";
each label with values is recorded as a metadata field named by the label
("fandom", "additional-tags"), one per value.  A run of fewer labels stays (a
recipe's "Serves:" / "4" alone is the text's).
"""

from __future__ import annotations

import re

from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock, without_lines
from sourcebook.parse.state import ParseState
from sourcebook.parse.twicehead import head_lines

#: a label: capitalised, at most four words, a colon at the end
_LABEL = re.compile(r"[A-Z][\w’'\-]*(?: [\w’'\-]+){0,3}:")
#: a tag block holds at least this many labels
_MIN_LABELS = 3
#: a label has at most this many value lines
_MAX_VALUES = 8
#: a value line has at most this many words
_VALUE_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*$")


def is_label(text: str) -> bool:
    """A label line ("Additional Tags:"), not a lead-in sentence ("It was like this:").

    >>> is_label("Additional Tags:"), is_label("Rating:"), is_label("it was:")
    (True, True, False)
    >>> is_label("The storm came in from the west like this:")
    False
    """
    return _LABEL.fullmatch(text.strip()) is not None


def field_name(label: str) -> str:
    """The metadata field a label names, in the schema's form (lower-case words joined
    by hyphens).

    >>> field_name("Additional Tags:"), field_name("Rating:"), field_name("No. 2:")
    ('additional-tags', 'rating', 'no')
    """
    words = re.findall(r"[a-z]+", label.casefold())
    return "-".join(words) or "tag"


def _value(text: str) -> bool:
    words = len(text.split())
    return 0 < words <= _VALUE_WORDS and not _SENTENCE_END.search(text.strip())


def label_runs(lines: list[RawBlock]) -> list[list[tuple[RawBlock, list[RawBlock]]]]:
    """The runs of labels, each with its value lines, on consecutive lines."""
    runs: list[list[tuple[RawBlock, list[RawBlock]]]] = []
    index = 0
    while index < len(lines):
        run, index = _run(lines, index)
        if len(run) >= _MIN_LABELS:
            runs.append(run)
    return runs


def _run(lines: list[RawBlock], index: int) -> tuple[list[tuple[RawBlock, list[RawBlock]]], int]:
    """The run of labels from *index* (none when it holds no label) and where to go on."""
    run: list[tuple[RawBlock, list[RawBlock]]] = []
    if not is_label(lines[index].text):
        return run, index + 1
    while index < len(lines) and is_label(lines[index].text):
        if run and lines[index].line != _last(run[-1]).line + 1:
            break  # a gap ends the run
        label, values = lines[index], list[RawBlock]()
        index += 1
        while (
            index < len(lines)
            and len(values) < _MAX_VALUES
            and lines[index].line == (values[-1] if values else label).line + 1
            and _value(lines[index].text)
        ):
            values.append(lines[index])
            index += 1
        run.append((label, values))
    # a closing label with no value opens something else ("Summary:" over a sentence)
    while run and not run[-1][1]:
        run.pop()
    if run and len(run[-1][1]) > 1:
        # the run's last label takes one value: the lines under it are the page's (a
        # title and its author under "Kudos:" / "140")
        run[-1] = (run[-1][0], run[-1][1][:1])
    return run, index


def _last(entry: tuple[RawBlock, list[RawBlock]]) -> RawBlock:
    return entry[1][-1] if entry[1] else entry[0]


def tag_block(state: ParseState) -> None:
    """Remove a work's tag block above the text (see the module docstring)."""
    head = [b for b in head_lines(state.blocks) if b.line not in state.keep]
    taken: set[int] = set()
    for run in label_runs(head):
        for label, values in run:
            name = field_name(label.text)
            for value in values:
                state.metadata.append(MetaField(name, value.text.strip(), value.line))
            for block in (label, *values):
                state.remove(block, "tag block", "tag_block: a label over its value lines")
                taken.add(block.line)
    if taken:
        state.metadata.sort(key=lambda f: f.line)
        state.blocks = without_lines(state.blocks, taken)


__all__ = ["field_name", "is_label", "label_runs", "tag_block"]
