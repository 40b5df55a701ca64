"""An infobox printed "Label value" a row, its values continued on the next line.

A mirror that re-hosts an encyclopaedia's pages (and many a copy made with a browser's
"save as text") prints the infobox one row a line, the label and its value on one line
with a space between ("Born 3 March 1841"), and a value of two lines in the box (a date
over a place) on two lines: "Born 3 March 1841" / "Hallam Cross, Dunmere".  Read line by
line, the rows and the continued values are short lines with no sentence end: headings.

Above the text's first line of running text, a run of consecutive lines of which at
least ``[infobox] min_rows`` open with a known label (``[infobox] labels``) then a space
and a value opening with a capital, a digit or a bracket, the other lines each a short
continuation (at most ``continuation_words`` words, no sentence end) of the row above
(at most ``continuations`` after a row), is the infobox: its table stands before the
text (the continued value joined to its row with "; "), as a stacked infobox's does.  A
date's machine-readable copy glued after it ("19 November 1903(1903-11-19)") is dropped
from the value.  The short line right above the run, under a line the lead sentence
opens with (the infobox's name, the title again), is the image's caption: removed.  A
run with as many continued lines as rows is reported (SB608).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.core.diagnostics import Code
from sourcebook.model import Removed
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.contents import _echoed
from sourcebook.parse.infobox import fields_table
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table, vocabulary

_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*$")
#: a date's machine-readable copy MediaWiki prints hidden after it
_ISO_COPY = re.compile(r"(?<=\d)\(\d{4}-\d{2}-\d{2}\)")
#: a row holds at most this many words
_ROW_WORDS = 15
_RULE = "infobox_run: 'Label value' lines above the text"


@dataclass(frozen=True, slots=True)
class _Shape:
    min_rows: int
    continuation_words: int
    continuations: int


@functools.cache
def _shape() -> _Shape:
    data = layout_table("infobox")
    return _Shape(
        int(data["min_rows"]), int(data["continuation_words"]), int(data["continuations"])
    )


def spaced_row(line: str, labels: tuple[str, ...]) -> tuple[str, str] | None:
    """``(label, value)`` when *line* opens with a known label, a space and a value.

    >>> spaced_row("Born 3 March 1841", ("Born",)), spaced_row("Borne away", ("Born",))
    (('Born', '3 March 1841'), None)
    >>> spaced_row("Died (aged 62)", ("Died",)), spaced_row("Died in the fire.", ("Died",))
    (('Died', '(aged 62)'), None)

    A sentence is no row (a hatnote: "Type 3 redirects here. For the tram, see …"):

    >>> spaced_row("Type 3 redirects here. For the tram, see Type 3 (tram).", ("Type",))
    """
    if len(line.split()) > _ROW_WORDS or ". " in line or line.endswith("."):
        return None
    for label in labels:
        rest = line[len(label) + 1 :]
        if line.startswith(f"{label} ") and (rest[:1].isupper() or rest[:1] in "0123456789("):
            return label, rest
    return None


def _continuation(line: str) -> bool:
    words = len(line.split())
    return 0 < words <= _shape().continuation_words and not _SENTENCE_END.search(line)


def _run(lines: list[RawBlock], start: int, labels: tuple[str, ...]) -> list[RawBlock]:
    """The lines of the run opening at *start* (a row), up to its last row or value."""
    run = [lines[start]]
    after = 0  # continuations since the last row
    for line in lines[start + 1 :]:
        if line.line != run[-1].line + 1:
            break
        if spaced_row(line.text, labels) is not None:
            after = 0
        elif _continuation(line.text) and after < _shape().continuations:
            after += 1
        else:
            break
        run.append(line)
    return run


def _rows(run: list[RawBlock], labels: tuple[str, ...]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for line in run:
        row = spaced_row(line.text, labels)
        if row is not None:
            rows.append(row)
        else:
            label, value = rows[-1]
            rows[-1] = (label, f"{value}; {line.text}")
    return rows


def infobox_run(state: ParseState) -> None:
    """Read an infobox printed one "Label value" row a line (see the module docstring)."""
    lines = explode(state.blocks)
    lead = next((i for i, b in enumerate(lines) if is_running(b.text)), None)
    if lead is None:
        return
    labels = vocabulary().infobox_labels
    for start in range(lead):
        if lines[start].line in state.keep or spaced_row(lines[start].text, labels) is None:
            continue
        run = _run(lines[:lead], start, labels)
        rows = _rows(run, labels)
        if len(rows) < _shape().min_rows or any(b.line in state.keep for b in run):
            continue
        _take(state, run, rows, lines[max(start - 2, 0) : start], lines[lead].text)
        return


def _take(
    state: ParseState,
    run: list[RawBlock],
    rows: list[tuple[str, str]],
    above: list[RawBlock],
    lead: str,
) -> None:
    first = run[0].line
    cut = {b.line for b in run}
    # the table shows every row's words; only a date's machine copy leaves the page
    for index, (label, value) in enumerate(rows):
        for copy in _ISO_COPY.findall(value):
            state.removed.append(Removed(first, copy, "date copy"))
        rows[index] = (label, _ISO_COPY.sub("", value))
    state.front.append(fields_table(state, first, rows, state.profile.inline))
    continued = len(run) - len(rows)
    score = 0.85 if continued < len(rows) else 0.6
    state.decide(first, "infobox", _RULE, score)
    if score < vocabulary().sure:
        state.warn(
            first,
            1,
            Code.STRUCTURE_UNSURE,
            f"read lines {first}-{run[-1].line} as an infobox of {len(rows)} rows, {continued}"
            f" lines continuing a value (score {score}); if they are text, list them in 'keep'",
        )
    # the caption right above the run, under the infobox's name (the lead opens with it)
    lines = [b.line for b in above]
    named = lines == [first - 2, first - 1] and _echoed(above[0].text, lead)
    caption = above[-1]
    if named and _continuation(caption.text) and caption.line not in state.keep:
        state.remove(caption, "infobox caption", _RULE)
        cut.add(caption.line)
    state.blocks = without_lines(state.blocks, cut)


__all__ = ["infobox_run", "spaced_row"]
