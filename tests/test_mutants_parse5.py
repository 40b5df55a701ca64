"""Tests written against survivors of the fresh parse/ sample on cb97968
(``tools/mutation/parse-cb97968.json``): each pins a behaviour one of them broke, on a
small invented text."""

from __future__ import annotations

from sourcebook.inputs.hints import StructureHints
from sourcebook.parse import parse
from sourcebook.parse.auditchrome import glued_rows
from sourcebook.parse.auditprose import _body_end
from sourcebook.parse.audittraces import _glued_line
from sourcebook.parse.auditunits import _item, units
from sourcebook.parse.inline import _cited_numbers
from sourcebook.parse.labelpairs import _value
from sourcebook.parse.vocabulary import known_heading
from tests.test_mutants_parse4 import _page_with


def test_glued_label_rows_kept_as_a_paragraph_are_reported_with_their_lines() -> None:
    # auditchrome.glued_rows_12 and _24: the span names the paragraph's first and last line
    page, kept = _page_with("Born1901\nDiedMarch 1975\nSpouseAnn Lee\n")
    found = [(f.line, f.message) for f in glued_rows(page)]
    assert len(found) == 1 and found[0][0] == kept.line
    assert f"an infobox? list {kept.line}-{kept.line + 2} in the" in found[0][1]


def test_the_text_may_end_at_the_last_seed_line_of_a_paragraph() -> None:
    # auditprose._body_end_8: the finding stands at the paragraph's last line
    page, kept = _page_with("The crane was switched on.\nIt lifted the first stone.\n")
    finding = _body_end(page, kept)
    assert finding.line == kept.line + 1
    assert f"at line {kept.line + 1}:" in finding.message


def test_a_furniture_line_glued_under_text_is_reported_at_its_own_line() -> None:
    # audittraces._glued_line_29: the line is the paragraph's line plus the offset
    page, kept = _page_with("The crane was switched on this morning.\nShare this\n")
    found = _glued_line(page, kept)
    assert found is not None and found[0] == kept.line + 1


def test_a_list_item_may_have_exactly_the_item_words() -> None:
    # auditunits._item_7
    limit = units().item_words
    assert _item(" ".join(["Crane"] + ["hook"] * (limit - 1)))
    assert not _item(" ".join(["Crane"] + ["hook"] * limit))


def test_a_kept_sign_off_stays_text() -> None:
    # footer._sign_off_18: the lines kept are the sign-off's own
    text = (
        "Plot Notes\n\nThe spring sowing\n\n"
        "The beans went in on Saturday, and the onions follow next week.\n\n"
        "See you on the plots,\nIda Quell\n"
    )
    document, _ = parse(text, "blog", "t.txt")
    assert [r.reason for r in document.removed if r.line == 7] == ["sign-off"]
    kept, _ = parse(text, "blog", "t.txt", StructureHints(keep=((7, 8),)))
    assert not any(r.reason == "sign-off" for r in kept.removed)
    assert 7 in [b.line for b in kept.blocks]


def test_a_credit_on_the_last_line_of_its_block_takes_no_name() -> None:
    # byline.name_below_5: there is no line below the block's last one
    text = (
        "Pell Mill\n\nA watermill\nWritten by\n\n"
        "Pell Mill is a watermill on the River Pell, built in 1790 and still grinding.\n"
    )
    document, _ = parse(text, "wikipedia", "t.txt")
    assert not any(f.name == "author" for f in document.metadata)


def test_a_citation_range_is_expanded_up_to_twenty_numbers_on() -> None:
    # inline._cited_numbers_27
    assert _cited_numbers("3–23") == [str(n) for n in range(3, 24)]
    assert _cited_numbers("3–24") == ["3", "24"]


def test_a_label_value_is_short_and_ends_no_sentence() -> None:
    # labelpairs._value_7: both conditions, not either
    assert _value("author", "Ida Quell")
    assert not _value("author", "The quay reopened.")
    assert not _value("author", " ".join(["Quay"] * 13))


def test_a_section_word_is_a_known_heading_without_being_a_link_section() -> None:
    # vocabulary.known_heading_7
    assert known_heading("Summary", "article")
    assert known_heading("See also", "article")
    assert not known_heading("The quay", "article")
