"""Units the rules joined or dropped: lists and headings inside paragraphs, notes unread.

An extract prints one paragraph a line; a paragraph of the finished page made
of several seed lines is either wrapped text (a line breaks mid-sentence and
the next goes on in lower case) or units the rules joined.  Two shapes of
joined units are a decision gone wrong on any site:

* a run of short lines that each start with a capital and end alike (all a
  sentence, or none), after a lead-in ("… must:") or a heading-like line: a
  list no rule read (:func:`list_runs`);
* a short question standing first over more lines: a heading such as "What
  happens now?" glued to its section (:func:`question_headings`).

And a page whose notes section was removed while its markers found no note
lost its notes (:func:`unmatched_markers`).  Each is one located SB608
finding (see :mod:`sourcebook.parse.audit`); thresholds are ``[audit_units]``
in ``parse/layout.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sourcebook.model import Block, Heading, Paragraph
from sourcebook.parse.auditpage import Finding, Page, is_fragment, quote
from sourcebook.parse.vocabulary import layout_table

_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class Units:
    """The thresholds of ``[audit_units]`` (documented there)."""

    list_items: int
    item_words: int
    question_words: int
    notes_reasons: frozenset[str]
    notes_kinds: frozenset[str]


@functools.cache
def units() -> Units:
    """The shipped thresholds, read once."""
    data = layout_table("audit_units")
    return Units(
        list_items=int(data["list_items"]),
        item_words=int(data["item_words"]),
        question_words=int(data["question_words"]),
        notes_reasons=frozenset(data["notes_reasons"]),
        notes_kinds=frozenset(data["notes_kinds"]),
    )


def _item(line: str) -> bool:
    """A line that can stand as a list item: a capital or a digit first, and short."""
    return (
        bool(line)
        and (line[0].isupper() or line[0].isdigit())
        and (len(line.split()) <= units().item_words)
    )


def _lead_in(line: str) -> bool:
    """A line that announces a list: it ends in a colon, or it is a heading-like fragment."""
    return line.endswith(":") or is_fragment(line)


def _item_run(raw: list[str], headed: bool) -> tuple[int, int] | None:
    """The first run of list items after a lead-in in *raw*, as offsets (first, last);
    a *headed* paragraph (right under a heading) may open with its run."""
    index = 0 if headed else 1
    while index < len(raw):
        led = _lead_in(raw[index - 1]) if index else headed
        if not (led and _item(raw[index])):
            index += 1
            continue
        ends = bool(_ENDS_SENTENCE.search(raw[index]))
        last = index
        while (
            last + 1 < len(raw)
            and _item(raw[last + 1])
            and bool(_ENDS_SENTENCE.search(raw[last + 1])) == ends
        ):
            last += 1
        # a run of bare fragments is the short-line trace's to report (a menu, a footer)
        if last - index + 1 >= units().list_items and not all(
            is_fragment(line) for line in raw[index : last + 1]
        ):
            return index, last
        index = last + 1
    return None


def list_runs(page: Page) -> Iterator[Finding]:
    """Short items joined into a paragraph after a lead-in: a list no rule read."""
    previous: Block | None = None
    for block in page.document.blocks:
        headed, previous = isinstance(previous, Heading), block
        if not isinstance(block, Paragraph) or page.trusted(block):
            continue
        found = _item_run(page.raw(block), headed)
        if found is None:
            continue
        first, last = block.line + found[0], block.line + found[1]
        if first in page.keep:
            continue
        yield Finding(
            first,
            f"{last - first + 1} short lines in a row joined into a paragraph after a lead-in"
            f" ({quote(page.lines[first - 1].strip())}, lines {first}-{last}): a list no rule"
            f" read? list lines {first}-{last} in the structure hint 'keep' to accept them"
            " as text (or in 'remove' if they are chrome)",
        )


def question_headings(page: Page) -> Iterator[Finding]:
    """A short question opening a paragraph of several lines: a heading glued to its text."""
    limit = units().question_words
    for block in page.document.blocks:
        if not isinstance(block, Paragraph) or page.trusted(block):
            continue
        raw = page.raw(block)
        if len(raw) < 2 or not raw[0].endswith("?") or len(raw[0].split()) > limit:
            continue
        yield Finding(
            block.line,
            f"a short question ({quote(raw[0])}) opens a paragraph of {len(raw)} lines: a"
            f" heading glued to its section? list line {block.line} in the structure hint"
            " 'headings' (or in 'keep' if it is text)",
        )


def unmatched_markers(page: Page) -> Iterator[Finding]:
    """Markers with no note while a notes section was removed: the notes were not read."""
    document = page.document
    if document.kind not in units().notes_kinds:
        return
    labels = {note.label for note in document.footnotes}
    markers = sorted(
        {m for claim in document.claims for m in claim.markers if m not in labels},
        key=lambda m: (len(m), m),
    )
    # a notes heading removed alone is a section the extract did not hold: nothing lost
    notes = [r for r in document.removed if r.reason in units().notes_reasons and "\n" in r.text]
    if not markers or not notes:
        return
    removed = notes[0]
    last = removed.line + removed.text.count("\n")
    if removed.line in page.keep:
        return
    shown = ", ".join(markers[:4]) + (", …" if len(markers) > 4 else "")
    yield Finding(
        removed.line,
        f"{len(markers)} markers of the text ({shown}) have no note, while lines"
        f" {removed.line}-{last} were removed as a {removed.reason}: notes in a form no"
        f" rule read? list lines {removed.line}-{last} in the structure hint 'keep' to"
        " keep them as text",
    )


#: a note number glued to a sentence's end with a closing parenthesis ("footpath.1)",
#: DokuWiki's footnote references), or with a caret ("learn.^2")
_PAREN_MARKER = re.compile(r"(?<=[.!?\"”’])(?:(\d{1,3})\)|\^(\d{1,3}))(?=\s|$)")


def glued_markers(page: Page) -> Iterator[Finding]:
    """Note numbers glued to sentence ends as "1)", "2)" in order, kept as text: the
    markers of notes no rule read (one finding a line, from the second number on)."""
    expected, found = 1, []
    for block in page.document.blocks:
        if not isinstance(block, Paragraph):
            continue
        for offset, text in enumerate(page.raw(block)):
            for match in _PAREN_MARKER.finditer(text):
                if int(match.group(1) or match.group(2)) == expected:
                    expected += 1
                    found.append((block.line + offset, match.group(0)))
    if len(found) < 2:
        return
    for line, marker in found:
        if line in page.keep:
            continue
        yield Finding(
            line,
            f"{marker!r} glued to a sentence end reads as a note marker no rule read (one of"
            f" {len(found)} numbered in order): the markers stay text and the claims carry no"
            " marker; list the notes' lines in 'remove' if they are the page's notes, or"
            f" list line {line} in 'keep' if the number is text",
        )


def unit_findings(page: Page) -> list[Finding]:
    """Every finding of this module (the audit sorts them)."""
    return [
        *list_runs(page),
        *question_headings(page),
        *unmatched_markers(page),
        *glued_markers(page),
    ]


__all__ = ["unit_findings"]
