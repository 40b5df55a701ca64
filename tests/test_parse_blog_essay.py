"""Blog platforms and blog-hosted essays (issue 19): notes sections, the head above a
byline, two-line comment headers, furniture runs.  Small texts written for the tests;
each asserts one decision and the case next to it that must not be taken."""

from __future__ import annotations

from sourcebook.core.diagnostics import Diagnostic
from sourcebook.model import BlockQuote, Comment, Document, Heading
from sourcebook.parse import parse


def _comments(document: Document) -> list[Comment]:
    out: list[Comment] = []
    todo = [b for b in document.blocks if isinstance(b, Comment)]
    while todo:
        comment = todo.pop(0)
        out.append(comment)
        todo = [*comment.replies, *todo]
    return out


def _codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code.value[0] for d in diags]


ESSAY = """Field Papers
A notebook on field names

The names of the Upper Meadows

Published 03/04/2024 by Nora Quist

The meadows were named after their owners until 1800.[1] After the enclosure
they were named after their size.[2]

Notes

[1] Tithe map, 1799.

[2] Enclosure award, 1803.
"""


def test_notes_become_footnotes_and_bracket_markers_markers() -> None:
    document, diags = parse(ESSAY, "essay", "t.txt")
    assert [(f.label, f.text) for f in document.footnotes] == [
        ("1", "Tithe map, 1799."),
        ("2", "Enclosure award, 1803."),
    ]
    assert [c.markers for c in document.claims] == [("1",), ("2",)]
    assert document.title == "The names of the Upper Meadows"
    fields = {(m.name, m.value) for m in document.metadata}
    assert {("journal", "Field Papers"), ("author", "Nora Quist"), ("date", "03/04/2024")} <= fields
    assert "SB620" not in _codes(diags)


def test_notes_stop_at_a_number_out_of_order_and_the_rest_stays_text() -> None:
    text = ESSAY.replace("[2] Enclosure award, 1803.", "[3] Enclosure award, 1803.")
    document, diags = parse(text, "essay", "t.txt")
    assert [f.label for f in document.footnotes] == ["1"]
    assert "SB620" in _codes(diags)  # marker 2 has no note


def test_a_note_line_without_a_number_continues_the_note_above() -> None:
    text = ESSAY.replace("[2] Enclosure award, 1803.\n", "[2] Enclosure award,\nsheet 4.\n")
    document, _ = parse(text, "essay", "t.txt")
    assert document.footnotes[-1].text == "Enclosure award, sheet 4."


def test_plain_numbered_notes_leave_bracket_runs_as_text() -> None:
    text = "A Title\n\nBy Ann Lee\n\nThe vote was close.1 See [2] below.\n\nNotes\n1 Minutes.\n"
    document, _ = parse(text, "essay", "t.txt")
    assert [c.markers for c in document.claims if c.markers] == [("1",)]


def test_prose_above_the_byline_is_not_a_head() -> None:
    text = "Spring came late.\n\nBy the river the ice held until May. It was cold.\n\nMore text.\n"
    document, _ = parse(text, "essay", "t.txt")
    assert document.title is None


def test_a_standfirst_under_a_short_title_and_a_section_label_above_it() -> None:
    text = (
        "Essays\n\nThe Kettle\n\nOn what my father gave away, one kettle a year\n\n"
        "By Odile Franck\n\nHe bought a kettle every winter.\n"
    )
    document, _ = parse(text, "essay", "t.txt")
    fields = {(m.name, m.value) for m in document.metadata}
    assert document.title == "The Kettle"
    assert ("section", "Essays") in fields
    assert ("subtitle", "On what my father gave away, one kettle a year") in fields


def test_a_title_case_line_under_the_title_is_the_title_itself() -> None:
    text = "Essays Quarterly\n\nNotes From The Back Room\n\nBy Ann Lee\n\nIt was late.\n"
    document, _ = parse(text, "essay", "t.txt")
    assert document.title == "Notes From The Back Room"


THREAD = """Tide Notes

Ink that survives the rain

Posted on March 2, 2024

I draw outside in all weathers. The ink has to survive a shower.

3 comments

Fen Voss
March 3, 2024 at 9:40 am

Which pen do you use?

Reply

Ana Pett  Fen Voss
March 4, 2024 at 6:12 pm

A fountain pen with pigment ink.

Reply

Ida Roe
2 days ago

Rice is a clever idea.
"""


def test_two_line_headers_make_comments_with_dates_and_a_named_parent_a_reply() -> None:
    document, diags = parse(THREAD, "blog", "t.txt")
    comments = _comments(document)
    assert [(c.author, c.date_text, c.depth) for c in comments] == [
        ("Fen Voss", "March 3, 2024 at 9:40 am", 0),
        ("Ana Pett", "March 4, 2024 at 6:12 pm", 1),
        ("Ida Roe", "2 days ago", 0),
    ]
    assert document.declared_comments == 3
    assert "SB505" not in _codes(diags)


def test_a_declared_count_the_thread_does_not_hold_is_reported() -> None:
    document, diags = parse(THREAD.replace("3 comments", "5 comments"), "blog", "t.txt")
    assert len(_comments(document)) == 3
    assert "SB505" in _codes(diags)


def test_one_name_and_date_pair_without_a_count_line_stays_text() -> None:
    text = (
        "Letters\n\nA title here\n\nPosted on May 2, 2024\n\nHe signed:\n\nArthur Penrose\nJune 4\n"
    )
    document, _ = parse(text, "blog", "t.txt")
    assert _comments(document) == []


def test_a_statistics_label_is_never_a_commenter() -> None:
    text = THREAD.replace("Ida Roe\n2 days ago", "created\n2 days ago")
    document, _ = parse(text, "blog", "t.txt")
    assert [c.author for c in _comments(document)] == ["Fen Voss", "Ana Pett"]


def test_a_line_quoted_word_for_word_under_a_handle_is_a_block_quote() -> None:
    text = THREAD.replace(
        "A fountain pen with pigment ink.",
        "Fen Voss:\nWhich pen do you use?\nA fountain pen with pigment ink.",
    )
    document, _ = parse(text, "blog", "t.txt")
    reply = _comments(document)[1]
    quotes = [b for b in reply.blocks if isinstance(b, BlockQuote)]
    assert [q.paragraphs[0].plain for q in quotes] == ["Which pen do you use?"]


def test_a_line_under_a_handle_not_found_earlier_is_not_a_quote() -> None:
    text = THREAD.replace(
        "A fountain pen with pigment ink.", "Update:\nA fountain pen with pigment ink."
    )
    document, _ = parse(text, "blog", "t.txt")
    reply = _comments(document)[1]
    assert not any(isinstance(b, BlockQuote) for b in reply.blocks)


def test_a_short_line_between_two_furniture_lines_is_removed_and_reported() -> None:
    text = "A Title Here\n\nBy Ann Lee\n\nThe text of the essay.\n\nShare\nX\nEmail\n"
    document, diags = parse(text, "essay", "t.txt")
    assert "X" in {r.text for r in document.removed}
    assert "SB608" in _codes(diags)
    assert not any(isinstance(b, Heading) for b in document.blocks)


def test_related_links_end_at_the_first_sentence() -> None:
    text = (
        "A Title Here\n\nBy Ann Lee\n\nThe text of the essay.\n\nRead next\n\n"
        "The Winter Ferry\n\nThanks for reading. I will write again soon.\n"
    )
    document, _ = parse(text, "essay", "t.txt")
    removed = {r.text for r in document.removed}
    assert "The Winter Ferry" in removed
    assert "Thanks for reading. I will write again soon." not in removed
