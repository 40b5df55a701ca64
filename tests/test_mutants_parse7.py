"""Tests written against survivors of the seventh session's samples of parse/
(``tools/mutation/parse-5530651-s7.json``, the whole package, and
``tools/mutation/parse-new-modules-5530651-s7.json``, the modules added in the sixth
session: auditfoot, pagefoot, truncation): each pins a behaviour one of them broke,
on a small invented text."""

from __future__ import annotations

from sourcebook.parse import parse


def _foot(text: str) -> list[tuple[int, str]]:
    """The page-foot findings of the audit: (line, message)."""
    _, diagnostics = parse(text, "essay", "t.txt")
    return [(d.line, d.message) for d in diagnostics if "page-foot note kept as text" in d.message]


# -- auditfoot: where a kept note's run ends, and a closing list of notes -----------------

_CARRIER = (
    "The Carrier of Ashby Fold\n\n"
    "The carrier left the square at seven on Tuesdays and Fridays, and\n"
    "called at every farm that hung a card in its window.1 He carried\n"
)


def test_a_note_line_closing_its_paragraph_is_reported_alone() -> None:
    # auditfoot._note_run 2 and 4: the run reaches the paragraph's last line and stops
    # there (reading past it would fail on the line after the last)
    text = (
        f"{_CARRIER}1 The cards were red on one side and white on the other.\n\n"
        "He gave up the round in 1934, when the bus came, and sold the van to a baker.\n"
    )
    [(line, message)] = _foot(text)
    assert line == 5
    assert "list line 5 in the structure hint 'remove'" in message
    assert "ends at line 4" in message


def test_two_note_lines_closing_the_text_are_a_list_not_a_kept_note() -> None:
    # auditfoot._closing_list 5: two note lines in the last paragraph are a notes list
    # (another audit reports it where the text ends); one alone is a page-foot note
    head = (
        f"{_CARRIER}parcels, letters and a calf,2 and he charged for them by the mile.\n\n"
        "He gave up the round in 1934, when the bus came, and sold the van.\n"
        "1 The cards were red on one side and white on the other.\n"
    )
    assert _foot(head + "2 A calf went in a crate at the back.\n") == []
    [(line, message)] = _foot(head)
    assert line == 8 and "list line 8 in" in message
