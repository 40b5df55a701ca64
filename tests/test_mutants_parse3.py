"""Tests written against survivors of the parse/ mutation sample on f0ccabd
(``tools/mutation/parse-f0ccabd.json``): each pins a boundary no other test reached."""

from __future__ import annotations

from sourcebook.parse.auditprose import function_share
from sourcebook.parse.contents import _short
from sourcebook.parse.pullquote import _elsewhere


def test_a_passage_at_the_very_start_of_the_text_is_found_there() -> None:
    # pullquote._elsewhere_11: a match at index 0 is a match, not "look after the quote"
    joined = "the quay was rebuilt in 1901\nthe quay was rebuilt"
    assert _elsewhere(joined, "the quay was rebuilt", 29, len(joined)) == 0


def test_a_line_without_words_has_no_function_words() -> None:
    # auditprose.function_share_4: no words is a share of 0, not of 1
    assert function_share("— · —") == 0.0
    assert function_share("") == 0.0


def test_a_line_ending_a_sentence_is_not_a_short_contents_item() -> None:
    # contents._short_7: a full stop ends a sentence, so the line is text
    assert _short("Early life", 4)
    assert not _short("Early life.", 4)
    assert not _short("Early life;", 4)


def test_a_glued_furniture_line_at_the_very_start_is_found_there() -> None:
    # audittraces._elsewhere_10: index 0 is "found before"
    from sourcebook.parse.audittraces import _elsewhere as glued_elsewhere

    assert glued_elsewhere("abc def", "abc", 4, 3) == 0


def test_a_record_box_continuation_row_keeps_the_label_above() -> None:
    # recordbox._rows_19: the continuation belongs to the label, not to the value
    from sourcebook.parse.blocks import RawBlock
    from sourcebook.parse.recordbox import _rows

    raw = (
        "Case number:\t2026/114",
        "Parties:\tHarbour Board v Quay Traders",
        " \tand the Ferry\tCompany",
    )
    assert _rows(RawBlock(1, raw, raw, 0, 0)) == [
        ("Case number", "2026/114"),
        ("Parties", "Harbour Board v Quay Traders"),
        ("Parties", "and the Ferry Company"),
    ]


def test_a_notes_section_ends_at_a_heading_with_an_edit_link() -> None:
    # evidence._edit_link_bare_10: the heading is read without its edit link
    from sourcebook.model import Heading, Paragraph
    from sourcebook.parse import parse

    text = (
        "Harbour Light\n\n"
        "Harbour Light is a lighthouse on the north pier of Carrow, built in 1868.[1]\n\n"
        "References[edit]\n\n^ Harlow 1999, p. 12.\n\n"
        "Later history[edit]\n\n"
        "The light was automated in 1985 and still shines every night.\n"
    )
    document, _ = parse(text, "wikipedia", "t.txt")
    kinds = [type(b) for b in document.blocks]
    assert kinds == [Paragraph, Heading, Paragraph]
    assert [b.text for b in document.blocks if isinstance(b, Heading)] == ["Later history"]
