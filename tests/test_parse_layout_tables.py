"""Layout-table debris, a title printed twice in the head, a judgment's front sheet,
a patent page's record and panels, and a report's link lines: each rule on small
constructed texts, with the texts it must leave alone."""

from __future__ import annotations

from sourcebook.inputs.hints import StructureHints
from sourcebook.model import Document
from sourcebook.parse import parse
from sourcebook.parse.apphead import _link_question, _not_head
from sourcebook.parse.blocks import line_layout, split_blocks
from sourcebook.parse.borders import is_border, unit_break
from sourcebook.parse.contents import _first_again
from sourcebook.parse.evidence import score_line
from sourcebook.parse.vocabulary import vocabulary

_PROSE = "The court heard that the wall had stood on the same line for more than a century."
#: a body of whole sentences one a line: the text is read one line a block
_BODY = "".join(
    f"{n} The court heard that the wall had stood on the same line for years.\n"
    for n in ("First,", "Second,", "Third,", "Then", "Last,")
)


def _doc(text: str, hints: StructureHints | None = None) -> Document:
    document, _ = parse(text, "article", "t.txt", hints)
    return document


def _reasons(document: Document) -> dict[int, str]:
    return {r.line: r.reason for r in document.removed}


# -- borders and the layout ------------------------------------------------------------


def test_borders_are_bars_alone_or_rules_of_three() -> None:
    assert [is_border(x) for x in ("|", "||", "___", "----", "===", "~~~")] == [True] * 6
    assert [is_border(x) for x in ("|||", "--", "__", "a |", "| a", "- and -")] == [False] * 6


def test_a_unit_ends_at_a_border_or_a_short_heading_over_an_item() -> None:
    assert unit_break("Claimant", "|") and unit_break("|", "Defendant")
    assert unit_break("HER HONOUR JUDGE ROSE", "____")
    assert unit_break("Background", "- The claimant owns the end house.")
    assert unit_break("The facts", "[0003] Fixed deflectors reduce the spread.")
    assert unit_break("Eight words make a heading over an item", "- x")
    assert not unit_break("Nine words are too many for a heading over it", "- x")
    assert not unit_break("background", "- The claimant owns the end house.")
    assert not unit_break("the wall was built in", "and the gate")
    assert not unit_break("", "- x")


def test_a_layout_table_text_is_read_one_line_a_block() -> None:
    text = (
        "OWEN ASH\n|\nClaimant\n|\n- and -\n|\nRIVER BOARD\n|\nDefendant\n____\n"
        "Background\n- A first numbered paragraph of the judgment, ending here.\n"
        "Decision\n- A second numbered paragraph of the judgment, ending here.\n"
    )
    assert line_layout(split_blocks(text)).per_line
    wrapped = (
        "The wall that\ndivides the two\ngardens was built\nin the year\nthe estate was sold.\n"
    )
    assert not line_layout(split_blocks(wrapped)).per_line


# -- table debris -------------------------------------------------------------------------


_LINKS = "[\nHome]\n[\nCase Law Search]\n[\nHelp]\n"


def test_lone_bars_and_broken_bracket_links_are_removed() -> None:
    text = f"Valley Law Library\n{_LINKS}Ash v River Board\n|\n{_PROSE}\n|\n{_BODY}"
    reasons = _reasons(_doc(text))
    assert [reasons.get(n) for n in (2, 3, 6, 7)] == ["link bar"] * 4
    assert reasons.get(9) == reasons.get(11) == "layout table border"
    assert 10 not in reasons


def test_bars_inside_a_line_and_long_brackets_stay() -> None:
    text = (
        f"Valley Law Library\n[\nthe clerk said the list was long and then it ended.]\n"
        f"Cases: | Ash | Reed |\n{_PROSE}\n{_BODY}"
    )
    reasons = _reasons(_doc(text))
    assert reasons.get(2) != "link bar" and reasons.get(3) != "link bar"
    assert 4 not in reasons or reasons[4] != "layout table border"


def test_a_bracket_link_is_short_and_on_the_next_line() -> None:
    long = "[\nthe clerk said the list of cases was long]\n"
    apart = "[\n\nHome]\n"
    for links in (long, apart):
        text = f"Valley Law Library\n{links}Ash v River Board\n{_PROSE}\n{_BODY}"
        assert "link bar" not in _reasons(_doc(text)).values(), links


def test_a_kept_bar_stays() -> None:
    text = f"Valley Law Library\nAsh v River Board\n{_PROSE}\n|\n{_BODY}"
    assert _reasons(_doc(text)).get(4) == "layout table border"
    kept = _doc(text, StructureHints(keep=((4, 4),)))
    assert _reasons(kept).get(4) != "layout table border"


# -- a title printed twice in the head ------------------------------------------------------

_CRUMBS = "You are here:\nVLL >>\nDecisions >>\n"
_CASE = "Ash v River Board [2024] VC 12 (3 May 2024)"


def test_the_breadcrumbs_last_part_printed_again_is_the_title() -> None:
    text = f"Valley Law\nFree law for all\n{_CRUMBS}{_CASE}\nURL: http://vll.example/1\n{_CASE}\n{_BODY}"
    document = _doc(text)
    assert document.title == _CASE
    reasons = _reasons(document)
    assert reasons[6] == "title printed again"
    assert reasons[7] == "site menu"
    assert document.site == "Valley Law"  # "all" is no organisation's head noun


def test_a_site_name_split_before_its_head_noun_is_joined() -> None:
    text = f"Valley and Marsh\nLaw Library\n{_CRUMBS}{_CASE}\nCite as:\n{_CASE}\n{_PROSE}\n"
    document = _doc(text)
    assert document.site == "Valley and Marsh Law Library"
    assert _reasons(document)[2] == "site name"


def test_a_repeated_line_needs_a_breadcrumb_separator_above_its_first_copy() -> None:
    text = f"Valley Law Library\nHome\n{_CASE}\nContact\n{_CASE}\n{_PROSE}\n"
    assert "title printed again" not in _explain(text)


def test_a_page_title_lines_part_printed_again_is_the_title() -> None:
    text = "ZZ123 - Hinged gutter hook for ladders - Patentwise\nPatentwise\nSign in\n"
    text += f"Hinged gutter hook for ladders\n{_PROSE}\n"
    document = _doc(text)
    assert (document.title, document.site) == ("Hinged gutter hook for ladders", "Patentwise")
    assert _reasons(document)[1] == "title printed again"


def test_a_title_copy_has_four_words_at_least() -> None:
    three = f"Valley Law Library\n{_CRUMBS}Ash v Reed\nCite as:\nAsh v Reed\n{_PROSE}\n"
    four = f"Valley Law Library\n{_CRUMBS}Ash v Reed Ltd\nCite as:\nAsh v Reed Ltd\n{_PROSE}\n"
    assert "title printed again" not in _explain(three)
    assert _doc(four).title == "Ash v Reed Ltd"


def test_a_kept_head_line_leaves_the_head_to_the_other_passes() -> None:
    text = f"Valley Law Library\n{_CRUMBS}{_CASE}\nCite as:\n{_CASE}\n{_PROSE}\n"
    assert "title printed again" not in _explain(text, StructureHints(keep=((6, 6),)))


def _explain(text: str, hints: StructureHints | None = None) -> str:
    """The removal reasons: "title printed again" is echo_title's alone."""
    return " ".join(_reasons(_doc(text, hints)).values())


# -- a judgment's front sheet ---------------------------------------------------------------

_SHEET = (
    "Case No: VC-2024-12\nIN THE VALLEY COURT\nB e f o r e :\nHIS HONOUR JUDGE REED\n"
    "Between:\nOWEN ASH\nClaimant\n- and -\nRIVER BOARD\nDefendant\n"
    "Hearing date: 2 May 2024\nHTML VERSION OF JUDGMENT\n"
)


def test_a_front_sheet_closed_by_the_judges_line_is_removed() -> None:
    text = f"Valley Law Library\n{_CASE}\n{_SHEET}HHJ Reed :\nBackground\n- {_PROSE}\n- {_PROSE}\n"
    document = _doc(text)
    reasons = _reasons(document)
    assert {reasons[n] for n in range(3, 15)} == {"judgment front sheet"}
    assert document.meta("author") == ("HHJ Reed",)
    assert "Background" in [getattr(b, "text", "") for b in document.blocks] or 16 not in reasons


def test_judges_lines_of_several_forms() -> None:
    for line, name in (
        ("Lady Justice Arden :", "Lady Justice Arden"),
        ("MR JUSTICE PLENDER:", "MR JUSTICE PLENDER"),
        ("The Honourable Mr Justice Hale:", "The Honourable Mr Justice Hale"),
    ):
        text = f"Valley Law Library\n{_CASE}\n{_SHEET}{line}\n- {_PROSE}\n- {_PROSE}\n- {_PROSE}\n"
        assert _doc(text).meta("author") == (name,), line


def test_no_judges_line_no_front_sheet() -> None:
    text = f"Valley Law Library\n{_CASE}\n{_SHEET}Background\n- {_PROSE}\n- {_PROSE}\n"
    assert "judgment front sheet" not in _reasons(_doc(text)).values()


def test_running_text_before_the_judges_line_ends_the_search() -> None:
    text = f"Valley Law Library\n{_CASE}\n{_SHEET}{_PROSE}\nHHJ Reed :\n- {_PROSE}\n- {_PROSE}\n"
    assert "judgment front sheet" not in _reasons(_doc(text)).values()


def test_a_sheet_running_to_the_end_with_no_judge_is_not_taken() -> None:
    cells = "".join(f"Cell {n}\n" for n in range(12))
    text = f"Valley Law Library\n{_CASE}\n{_BODY}Case No: VC-2024-12\n{cells}"
    assert "judgment front sheet" not in _reasons(_doc(text)).values()


def test_a_sheet_longer_than_its_limit_is_not_taken() -> None:
    filler = "".join(f"Cell {n}\n" for n in range(80))
    text = f"Valley Law Library\n{_CASE}\n{_SHEET}{filler}HHJ Reed :\n- {_PROSE}\n" * 1
    text += "".join(f"- {_PROSE}\n" for _ in range(60))
    assert "judgment front sheet" not in _reasons(_doc(text)).values()


# -- a patent page --------------------------------------------------------------------------

_HEAD = (
    "ZZ1 - Hinged gutter hook for ladders - Patentwise\nPatentwise\n"
    "Hinged gutter hook for ladders\n"
)
_RECORD = (
    "Info\nPublication number\nZZ1\nInventor\nMara Holt\nOtto Fenn\n"
    "Current Assignee (The listed assignees may be inaccurate.)\nHolt Ladders Ltd\n"
    "Filing date\n2024-01-02\nLinks\nImages\n"
)
_CLAIMS = "Claims (2)\n1. A hook for a ladder.\n2. A hook according to claim 1.\n"
_PANELS = "Cited By (0)\nSimilar Documents\nLegal Events\nAbout\nTerms\n"


def test_a_patent_record_is_removed_and_its_inventors_are_the_authors() -> None:
    text = f"{_HEAD}{_RECORD}Abstract\n{_PROSE}\nDescription\n{_PROSE}\n{_CLAIMS}{_PANELS}"
    document = _doc(text)
    reasons = _reasons(document)
    assert {reasons[n] for n in range(4, 16)} <= {"patent record", "contact line"}
    assert document.meta("author") == ("Mara Holt", "Otto Fenn")
    assert {reasons[n] for n in range(23, 28)} == {"patent page panels"}
    assert 22 not in reasons  # the last claim stays


def test_two_labels_are_no_patent_record() -> None:
    text = f"{_HEAD}Info\nInventor\nMara Holt\nAbstract\n{_PROSE}\n{_CLAIMS}{_PANELS}"
    reasons = _reasons(_doc(text))
    assert "patent record" not in reasons.values()
    assert "patent page panels" not in reasons.values()


def test_a_panel_line_above_the_claims_stays() -> None:
    text = f"{_HEAD}{_RECORD}Abstract\n{_PROSE}\nCited By (0)\n{_PROSE}\n{_CLAIMS}"
    reasons = _reasons(_doc(text))
    assert reasons.get(19) != "patent page panels"


def test_no_title_no_patent_record() -> None:
    text = f"{_RECORD}Abstract\n{_BODY}"
    assert "patent record" not in _reasons(_doc(text)).values()


# -- a report's contents box, head and link lines -------------------------------------------


def test_a_numbered_contents_box_ends_where_its_first_item_is_printed_again() -> None:
    assert _first_again("1. Main points", "Main points")
    assert not _first_again("Main points", "Main points")
    assert not _first_again("1. Main points", "Other points")


def test_a_short_question_is_a_menu_link_in_a_head() -> None:
    assert _link_question("Taking part in a survey?") and not _not_head("Need help?")
    assert not _link_question("Why did the ferry stop running last year?")
    assert _not_head("Why did the ferry stop running last year?")
    assert not _link_question("Taking part in a survey")


def _line_reason(text: str, at: int = 0) -> str | None:
    verdict = score_line(text, at, 40, vocabulary().for_kind("article"), 8)
    return verdict.evidence.name if verdict and verdict.score >= 0.5 else None


def test_report_link_lines_are_furniture_and_sentences_are_not() -> None:
    assert _line_reason("Back to table of contents") == "back to contents link"
    assert _line_reason("Return to contents") == "back to contents link"
    assert _line_reason("Back to the contents of the report, the panel said.") is None
    assert _line_reason("Download this chart Figure 2: Fares") == "chart download"
    assert _line_reason("Image .csv .xls") == "chart download"
    assert _line_reason("Image") is None
    assert _line_reason("Dataset | Released 4 May 2026") == "release card line"
    assert _line_reason("Dataset of ferry fares") is None


def test_a_phase_banner_needs_its_call_for_feedback_and_the_top() -> None:
    banner = "This is a new service – your feedback will help us to improve it."
    assert _line_reason(banner) == "phase banner"
    assert _line_reason(banner, 20) is None
    assert _line_reason("This is a new service for the island, the council said.") is None
