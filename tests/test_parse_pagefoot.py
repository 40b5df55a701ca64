"""Page-foot notes, units run together as one paragraph, and glued note marks ending a
line: each rule and audit from both sides of its edge, on constructed texts."""

from __future__ import annotations

from sourcebook.model import Heading, Paragraph
from sourcebook.parse import parse
from sourcebook.parse.auditexport import _forms
from sourcebook.parse.blocks import line_layout, split_blocks

_LONG = (
    "The ferry company printed a new timetable every spring, and every spring it showed"
    " twenty crossings a day in each direction."
)
_OPENING = (
    "Harbour masters printed tide tables long before the admiralty did, and they printed"
    " them for the town rather than for the ships."
)
_SECOND = (
    "The first surviving table, from 1761, gives only the hour of high water for each day"
    " of the month and says nothing of heights."
)
_THIRD = (
    "By the 1830s the tables gave heights in feet and inches, and a note at the foot warned"
    " that a westerly wind would add to them."
)


def _tables(first: str, second: str = "Later tables") -> str:
    """An essay whose second block runs two headings and two paragraphs together."""
    return (
        f"The Tide Tables of Wrenmouth\n\n{_OPENING}\n\n{first}\n{_SECOND}\n{second}\n"
        f"{_THIRD}\n\nThe tables were sold at the custom house for a penny each.\n"
    )


def _messages(text: str, kind: str = "essay") -> list[tuple[int, str]]:
    _, diags = parse(text, kind, "t.txt")  # type: ignore[arg-type]
    return [(d.line, d.message) for d in diags]


def _joined(messages: list[tuple[int, str]]) -> list[int]:
    return [line for line, m in messages if "not a wrap of running text" in m]


def _foot(messages: list[tuple[int, str]]) -> list[int]:
    return [line for line, m in messages if "page-foot note kept as text" in m]


# units run together (auditexport._units_joined)


def test_a_short_bare_line_between_whole_sentences_is_reported_at_its_line() -> None:
    text = _tables("Early tables")
    assert _joined(_messages(text)) == [5]
    message = dict(_messages(text))[5]
    assert "lines 5-8" in message and "(5, 7)" in message and "'headings'" in message


def test_short_bare_lines_without_a_line_of_whole_sentences_stay_quiet() -> None:
    # a stanza quoted in a paragraph: short lines before capitals, no long sentence line
    verse = "Stone for the city\nDust for the lane,\nNothing comes back,\nUp the hill again."
    assert _joined(_messages(f"Title Of It\n\n{verse}\n\n{_LONG}\n")) == []


def test_a_stub_must_end_bare_and_be_followed_by_a_capital() -> None:
    punctuated = _tables("Early tables:", "Later tables:")
    assert _joined(_messages(punctuated)) == []
    # a short bare line before a line opening in lower case is a wrap
    lower = _tables("Early tables", "Later tables").replace(_THIRD, "by " + _THIRD[3:])
    assert _joined(_messages(lower)) == [5]
    assert "1 short lines" in dict(_messages(lower))[5]


def test_a_stub_has_at_most_so_many_words() -> None:
    words = _forms().stub_words
    short = " ".join(["Early"] * words)
    long = " ".join(["Early"] * (words + 1))
    assert _joined(_messages(_tables(short, "Later tables:"))) == [5]
    assert _joined(_messages(_tables(long, "Later tables:"))) == []


def test_a_kept_paragraph_is_not_audited() -> None:
    from sourcebook.inputs.hints import StructureHints

    _, diags = parse(_tables("Early tables"), "essay", "t.txt", StructureHints(keep=((5, 5),)))
    assert not any("not a wrap" in d.message for d in diags)


# the layout: a sentence end carrying a note mark is a complete line


def test_a_glued_note_mark_ends_a_line_of_whole_sentences() -> None:
    prose = "This line of prose runs on for long enough to be a whole paragraph of text."
    marked = f"menu\nhome\n{prose[:-1]}.1\n{prose}\n{prose[:-1]}.†\ntags\n"
    assert line_layout(split_blocks(marked)).per_line
    # a decimal number closing a wrapped line is not a note mark
    wrapped = f"menu\nhome\n{prose} Version 2.1\n{prose}\n{prose}\ntags\n"
    assert not line_layout(split_blocks(wrapped)).per_line


def test_headings_between_one_line_paragraphs_with_glued_notes_come_out() -> None:
    text = (
        f"Skip to main content\nThe Ferry Tables\n{_LONG[:-1]}.1\nThe Promise\n{_OPENING}\n"
        f"The Crossings\n{_SECOND[:-1]}.2\n{_THIRD}\nNotes\n1. Tide books. ↩︎\n2. The lease. ↩︎\n"
    )
    document, _ = parse(text, "essay", "t.txt")
    headings = [b.text for b in document.blocks if isinstance(b, Heading)]
    assert headings == ["The Promise", "The Crossings"]
    assert [n.label for n in document.footnotes] == ["1", "2"]


# page-foot notes (pagefoot.page_foot_notes and auditfoot)

_PAGE = (
    "On Thatching\n\n"
    "The thatcher comes in the autumn, when the\n"
    "harvest is in and the straw is dry. He is paid\n"
    "by the square,1 and he is never in a hurry.\n\n"
    "1 A square is a hundred square feet of roof,\n"
    "as thatchers reckon it.\n\n"
    "A good thatch will keep out the rain for twenty\n"
    "years, and a bad one will not keep it out for two.\n"
)


def test_a_block_of_notes_whose_marks_the_text_prints_becomes_the_footnotes() -> None:
    document, diags = parse(_PAGE, "essay", "t.txt")
    assert [(n.label, n.text, n.line) for n in document.footnotes] == [
        ("1", "A square is a hundred square feet of roof, as thatchers reckon it.", 7)
    ]
    assert [c.markers for c in document.claims] == [("1",)]
    assert not any(b.line == 7 for b in document.blocks)
    assert _foot([(d.line, d.message) for d in diags]) == []


def test_a_numbered_line_with_no_mark_printed_above_stays_text() -> None:
    text = _PAGE.replace("square,1 and", "square, and")
    document, diags = parse(text, "essay", "t.txt")
    assert document.footnotes == ()
    assert any(isinstance(b, Paragraph) and b.line == 7 for b in document.blocks)
    assert _foot([(d.line, d.message) for d in diags]) == []


def test_numbers_that_do_not_count_from_one_are_no_notes() -> None:
    text = _PAGE.replace("square,1 and", "square,3 and").replace("\n1 A square", "\n3 A square")
    document, _ = parse(text, "essay", "t.txt")
    assert document.footnotes == ()


def test_a_note_line_inside_a_paragraph_is_reported_with_its_run() -> None:
    text = (
        "The Carrier\n\n"
        "The carrier left the square at seven on Tuesdays and Fridays, and\n"
        "called at every farm that hung a card in its window.1 He carried\n"
        "1 The cards were red on one side and white on\n"
        "the other.\n"
        "He gave up the round in 1934, when the bus came.\n"
    )
    messages = _messages(text)
    assert _foot(messages) == [5]
    message = dict(messages)[5]
    assert "list lines 5-6 in the structure hint 'remove'" in message
    assert "ends at line 4" in message


def test_symbol_notes_get_identifier_labels_and_their_markers() -> None:
    text = (
        "The Dyke Reeves\n\nBy Hannah Selby\n\n"
        f"{_OPENING}\n\n"
        "The office was unpaid, and many reeves served only because nobody else would.*\n\n"
        "* Eleven of forty served more than once.\n\n"
        "The drainage boards took over the work by the end of the century.\n"
    )
    document, _ = parse(text, "essay", "t.txt")
    assert [n.label for n in document.footnotes] == ["star"]
    assert [c.markers for c in document.claims] == [("star",)]
    assert document.claims[0].id == "ref-star"


def test_a_bullet_star_after_emphasis_is_no_note() -> None:
    text = (
        "The Dyke Reeves\n\nBy Hannah Selby\n\n"
        "The office was *unpaid* and nobody wanted it, so it went round the parish.\n\n"
        "* Eleven of forty served more than once.\n\n"
        "The drainage boards took over the work by the end of the century.\n"
    )
    document, _ = parse(text, "essay", "t.txt")
    assert document.footnotes == ()


def test_a_later_page_s_note_counts_on_the_marks_of_a_paragraph_holding_a_note() -> None:
    # page 1's note is inside its paragraph; page 2's note 2 counts on mark 1 above it
    text = (
        "The Carrier\n\n"
        "The carrier left the square at seven on Tuesdays and Fridays, and\n"
        "called at every farm that hung a card in its window.1 He carried\n"
        "1 The cards were red on one side and white on\n"
        "the other.\n\n"
        "He gave up the round in 1934, when the bus came, and sold the\n"
        "horse to a farmer at Fenby for eleven pounds.2 The cart stayed\n"
        "2 It stood in the yard of the inn until the war.\n"
    )
    messages = _messages(text)
    assert _foot(messages) == [5, 10]
    assert "ends at line 9" in dict(messages)[10]
