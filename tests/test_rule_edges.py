"""Rules at their edges: the smallest input on each side of a threshold.

Each test pins one boundary that a one-character slip in the rule would move
(a marker's digit count, the blank-line gap of a lost heading, the brace depth
at which the bibliography scanner leaves its fast path).
"""

from __future__ import annotations

import pytest

from sourcebook.bib.scan import scan
from sourcebook.model import LostHeading
from sourcebook.parse import parse


@pytest.mark.parametrize("number", ["7", "42", "104", "999"])
def test_a_marker_of_up_to_three_digits_closes_a_flagged_claim(number: str) -> None:
    text = f"Title\n\nThe group met in {number} towns.[{number}][citation needed]\n"
    doc, diags = parse(text, "wikipedia", "t.txt")
    assert diags == []
    (claim,) = doc.claims
    assert claim.markers == (number,)
    assert claim.flags == ("citation needed",)
    assert claim.text == f"The group met in {number} towns."


def test_a_four_digit_bracket_is_text_not_a_marker() -> None:
    doc, _ = parse("Title\n\nIt happened in [1984] once.\n", "wikipedia", "t.txt")
    assert doc.claims == ()


@pytest.mark.parametrize(("blanks", "lost"), [(1, False), (2, True), (3, True)])
def test_an_essay_gap_of_two_blank_lines_marks_a_lost_heading(blanks: int, lost: bool) -> None:
    text = "Intro text here.\n\nBody text.\n" + "\n" * blanks + "After the gap.\n"
    doc, _ = parse(text, "essay", "t.txt")
    assert any(isinstance(b, LostHeading) for b in doc.blocks) is lost


def _nested(depth: int, inner: str) -> str:
    return "{" * depth + inner + "}" * depth


@pytest.mark.parametrize("depth", [1, 6, 9])
@pytest.mark.parametrize("inner", ['a 6" disk', "x ) y", '"quoted"'])
def test_quotes_and_parentheses_inside_braces_are_text_at_any_depth(depth: int, inner: str) -> None:
    for opener, closer in (("{", "}"), ("(", ")")):
        text = f"@misc{opener}key,\n  title = {_nested(depth, inner)},\n  year = 2020{closer}\n"
        result = scan(text, "t.bib")
        assert result.diagnostics == [], (opener, depth, inner)
        (entry,) = result.entries
        assert [f.name for f in entry.fields] == ["title", "year"]
