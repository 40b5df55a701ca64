"""The audit of the finished page (parse/audit.py) at its thresholds.

The fixture suite shows each trace on a whole text; these tests pin the
edges: one word more or less, one line more or less, a marker, a kept line.
"""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.parse import parse
from sourcebook.parse.audit import NUMBERED_TAIL, REPEAT_WORDS
from sourcebook.parse.auditpage import FRAGMENT_WORDS, is_fragment

OPENING = "Harbour Ledger\n\nA note on the quay\n\n"
OPENING += "The quay was rebuilt in stone after the storm of 1903.\n\n"


def _page(*paragraphs: str) -> str:
    """The opening, then *paragraphs* separated by blank lines."""
    return OPENING + "\n\n".join(paragraphs) + "\n"


def _unsure_lines(text: str, kind: str = "article") -> list[int]:
    _, diags = parse(text, kind, "t.txt")  # type: ignore[arg-type]
    return [d.line for d in diags if d.code is Code.STRUCTURE_UNSURE]


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_fragment_is_at_most_so_many_words_without_a_sentence_end() -> None:
    short = " ".join(["Word"] + ["word"] * (FRAGMENT_WORDS - 1))
    longer = " ".join(["Word"] + ["word"] * FRAGMENT_WORDS)
    assert is_fragment(short) and not is_fragment(longer)
    assert not is_fragment(short + ".") and not is_fragment(short + ")")


def test_a_sentence_end_or_a_marker_makes_a_short_line_text() -> None:
    text = OPENING + "It rained.\n\nThe tide came in[3]\n\nBoats waited a while:\n"
    assert _unsure_lines(text) == []


def test_a_menu_glued_into_one_block_is_one_finding_over_its_lines() -> None:
    text = (
        OPENING + "Home\nArchive\nWrite to us\n\nThe harbour master kept a diary of every ship.\n"
    )
    _, diags = parse(text, "article", "t.txt")
    unsure = [d for d in diags if d.code is Code.STRUCTURE_UNSURE]
    start = _line_of(text, "Home")
    assert [d.line for d in unsure] == [start]
    assert "3 short lines" in unsure[0].message and f"{start}-{start + 2}" in unsure[0].message


def test_a_short_line_glued_above_a_sentence_is_reported_at_its_own_line() -> None:
    text = _page("Old quay walks\nThe harbour master kept a diary of every ship that came in.")
    assert _unsure_lines(text) == [_line_of(text, "Old quay walks")]


def test_a_wrapped_paragraph_is_text() -> None:
    text = _page(
        "The harbour master kept a diary of every ship that came in, and\n"
        "every ship that left, for thirty years without a gap.\nIt is kept."
    )
    assert _unsure_lines(text) == []


def test_links_in_a_row_and_a_copyright_line_are_furniture() -> None:
    text = _page(
        "The quay opened in spring.",
        "About us | Masthead | Contact",
        "The ships came back.",
        "Tide tables © 2024 Harbour Board",
        "The last ship left at dusk.",
    )
    assert _unsure_lines(text) == [_line_of(text, "About us"), _line_of(text, "Tide tables")]


def test_a_pull_quote_is_a_quotation_found_again_in_another_paragraph() -> None:
    said = "We kept the diary because nobody else would"
    text = _page(
        f"The harbour master smiled. “{said},” she said, and closed the book.",
        f"“{said}.”",
        "“Nobody asked us twice about anything at all.”",
    )
    # an article's pull-quote pass removes it (parse/pullquote.py); where no pass reads
    # pull quotes (an encyclopaedia), the audit reports it
    assert _unsure_lines(text, "wikipedia") == [_line_of(text, f"“{said}.”")]
    doc, _ = parse(text, "article", "t.txt")
    assert [r.line for r in doc.removed if r.reason == "pull quote"] == [
        _line_of(text, f"“{said}.”")
    ]


def test_a_date_alone_is_reported_with_up_to_three_words_before_it() -> None:
    three = "Checked by the clerk 4 March 2021"  # four words before the date
    text = (
        OPENING
        + "Checked by clerk 4 March 2021\n\nThe quay opened in spring.\n\n"
        + three
        + "\n\nIt held.\n"
    )
    lines = _unsure_lines(text)
    assert _line_of(text, "Checked by clerk") in lines
    assert _line_of(text, three) not in lines


def test_a_repeated_paragraph_is_reported_at_its_second_printing() -> None:
    repeated = " ".join(["Quay"] + ["quay"] * (REPEAT_WORDS - 1)) + "."
    short = " ".join(["Tide"] + ["tide"] * (REPEAT_WORDS - 2)) + "."
    text = (
        OPENING
        + f"{repeated}\n\n{short}\n\nA plain sentence sits between.\n\n{repeated}\n\n{short}\n"
    )
    second = text.rindex(repeated)
    assert _unsure_lines(text) == [text[:second].count("\n") + 1]


def test_numbered_lines_closing_the_text_are_a_notes_list_from_two_lines() -> None:
    one = OPENING + "The minutes were lost.\n\n1 Minutes of 1903, now lost.\n"
    assert _unsure_lines(one) == []
    notes = "\n".join(f"{n} Note number {n} of the text." for n in range(1, NUMBERED_TAIL + 1))
    two = OPENING + "The minutes were lost.\n\n" + notes + "\n"
    # reported where the text then ends: the line above the notes
    assert _unsure_lines(two) == [_line_of(two, "The minutes were lost.")]
    _, diags = parse(two, "article", "t.txt")
    assert "1 Note" in diags[0].message and "text may end here" in diags[0].message


def test_numbered_lines_followed_by_text_are_a_list_in_the_text() -> None:
    text = (
        OPENING + "1 The first step.\n2 The second step.\n\nAfter both steps the quay was done.\n"
    )
    assert _unsure_lines(text) == []


def test_the_title_printed_again_further_down_is_reported_even_when_short() -> None:
    text = "Quay Notes\n\nA blog of the harbour\n\nThe storm\n\n"
    text += "It came at night and took the old quay.\n\nThe storm\n\nNobody slept.\n"
    assert _unsure_lines(text, "blog") == [_line_of(text, "The storm\n\nNobody")]


def test_a_paragraph_starting_in_lower_case_is_reported() -> None:
    text = _page("knitting, mending and the odd rant", "The quay opened in spring.")
    assert _unsure_lines(text) == [_line_of(text, "knitting")]


def test_numbered_lines_under_a_heading_are_a_notes_list_even_when_text_follows() -> None:
    notes = "1 Minutes of 1903.\n2 Letter of the clerk."
    text = _page("The quay was finished.", "Notes", notes, "Ada Reyes writes about harbours.")
    _, diags = parse(text, "essay", "t.txt")
    assert _line_of(text, "1 Minutes") in [d.line for d in diags]


def test_links_in_a_row_inside_a_comment_are_reported() -> None:
    text = (
        "Harbour Notes\n\nA blog about the docks\n\nThe night ferry\n\n"
        "The night ferry returns on Friday.\n\n2 Responses\n\n"
        "  1. Good news for the quay.\n\n    Ana Ruiz\n\n    March 4, 2021 at 9:15 am\n\n"
        "  2. About time too.\n\n    Ferries • Tides • Quays\n\n    Tom Hale\n\n"
        "    March 4, 2021 at 10:00 am\n"
    )
    assert _line_of(text, "Ferries •") in _unsure_lines(text, "blog")


def test_note_numbers_glued_as_n_paren_are_reported_from_two_in_order() -> None:
    one = OPENING + "The kiln was built about 1820.1) It burned lime.\n"
    assert _unsure_lines(one) == []
    two = one + "\nThe lime went to farms across the valley.2) It closed before 1890.\n"
    assert _unsure_lines(two, "wikipedia") == [
        _line_of(two, "The kiln was built"),
        _line_of(two, "The lime went"),
    ]
    prose = OPENING + "Take route 1) or route 2) to reach the kiln.\n"
    assert _unsure_lines(prose) == []
