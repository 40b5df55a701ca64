"""The audit of the page's head (parse/audithead.py) and the head read by the shape
of its lines (parse/headshape.py), at their edges.

The fixtures ``essay/head-*``, ``essay/ebook-*``, ``wikipedia/dokuwiki-*`` and
``essay/audit-*`` show each on a whole text.
"""

from __future__ import annotations

import dataclasses

from sourcebook.core.diagnostics import Code
from sourcebook.parse import parse
from sourcebook.parse.audithead import head_line, no_title
from sourcebook.parse.auditpage import Page

HEAD = "Quorumly\nSign in\nFront page\n\nCounting birds from a moving train\n\n"
TEXT = "I counted every bird I could name between two stations, and wrote the number down.\n"


def _unsure(text: str, kind: str) -> list[tuple[int, str]]:
    _, diags = parse(text, kind, "t.txt")  # type: ignore[arg-type]
    return [(d.line, d.message) for d in diags if d.code is Code.STRUCTURE_UNSURE]


def _no_title(text: str) -> list[int]:
    document, _ = parse(text, "essay", "t.txt")
    page = Page.of(dataclasses.replace(document, title=None), text, set())
    return [finding.line for finding in no_title(page)]


def test_no_title_names_the_head_line_most_like_one() -> None:
    assert _no_title(HEAD + TEXT) == [5]


def test_no_title_is_quiet_when_the_text_opens_with_prose_or_a_sentence() -> None:
    assert _no_title(TEXT) == []
    assert _no_title("The society met in 1961. Its secretary wrote:\n\n" + TEXT) == []
    assert _no_title("Keywords: birds, trains\n\n" + TEXT) == []


def test_head_lines_are_bylines_reading_times_and_dates() -> None:
    assert head_line("by Ysolde Marrin") == "a byline or a reading time"
    assert head_line("7 min read") == "a byline or a reading time"
    assert head_line("2nd Mar 2026") == head_line("March 2025") == "a date"
    assert head_line("The method") is None and head_line("Marching in 2025 was hard") is None


def test_blocks_above_the_title_are_reported_when_prose_keeps_them() -> None:
    text = (
        "Valley Notes\n\nPages here are edited by volunteers of the society.\n\nMill Lane\n\n"
        "Mill Lane is a street in the old town of Harrow Vale, running from the bridge to"
        " the church and lined with weavers' cottages.\n"
    )
    assert [line for line, m in _unsure(text, "wikipedia") if "above the title" in m] == [1]


def test_a_head_title_is_sure_with_a_byline_below_and_guessed_without() -> None:
    sure = "Front page\nTags\n\nCounting birds\nby Ysolde Marrin\n\n" + TEXT
    document, diags = parse(sure, "essay", "t.txt")
    assert document.title == "Counting birds" and document.meta("author") == ("Ysolde Marrin",)
    assert not [d for d in diags if "shape of the page's head" in d.message]
    guess = "Front page\nTags\n\nCounting birds from a train\n\nA note\n\n" + TEXT
    document, diags = parse(guess, "essay", "t.txt")
    assert document.title == "Counting birds from a train"
    assert [d.line for d in diags if "shape of the page's head" in d.message] == [4]


def test_a_bare_name_is_never_the_head_title() -> None:
    document, _ = parse("Harlan Voss\n\n" + TEXT, "essay", "t.txt")
    assert document.title is None
