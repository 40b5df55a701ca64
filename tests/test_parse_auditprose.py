"""The audit of the body's edges by the form of its lines (parse/auditprose.py).

Each check from both sides: the chrome it reports, and running text of the same
place and length that it leaves alone.  The texts are invented.
"""

from __future__ import annotations

from dataclasses import replace

from sourcebook.core.diagnostics import Code
from sourcebook.model import Document, Paragraph, Removed, Text
from sourcebook.parse import parse
from sourcebook.parse.auditpage import Page
from sourcebook.parse.auditprose import chrome_form, function_share, is_date_line, prose
from sourcebook.parse.auditprose import prose_findings as findings

HEAD = "Quay Notes\n\nThe new crane\n\n"
BODY = (
    "The harbour board bought a new crane in the spring, and it was put to work on the"
    " east quay in June.\n\n"
    "It lifts twice as much as the old one, and the dockers say it is quieter.\n\n"
)


def _lines(text: str, kind: str = "article") -> list[int]:
    document, _ = parse(text, kind, "t.txt")  # type: ignore[arg-type]
    return [f.line for f in findings(Page.of(document, text, set()))]


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _document(text: str, kind: str = "article") -> Document:
    return parse(text, kind, "t.txt")[0]  # type: ignore[arg-type]


def test_function_share_counts_the_listed_words() -> None:
    assert function_share("the cat and the dog") == 0.6
    assert function_share("Home Archive Contact") == 0.0
    assert function_share("") == 0.0


def test_the_sparse_form_needs_enough_words_and_a_number_or_no_sentence_end() -> None:
    assert (
        function_share("Harbour papers, box 4, folder 2, sheets 3, 4, two leaves.")
        < prose().low_share
    )
    assert chrome_form("Box 4, folder 2, sheets 3") is None  # too few words
    assert chrome_form("Harbour papers, box 4, folder 2, sheets 3, 4, two leaves.") is not None
    # a sentence, no number: a link line of running text stays
    assert chrome_form("Full report of Mayor Quill's speech here: Harbour Futures.") is None
    assert chrome_form("Box 4, folder 2, sheets 3", sparse=False) is None


def test_rows_labels_and_tail_words() -> None:
    assert chrome_form("Home | About | Contact") == "links or fields in a row"
    assert chrome_form("Home | About") is None  # one separator: "A | B" in a sentence
    assert chrome_form("Earlier: the crane · Later: the quay") is not None
    assert chrome_form("Earlier: the crane was old.") is None
    assert chrome_form("All rights reserved.") is not None
    assert chrome_form("All rights reserved.", tail=False) is None
    assert chrome_form("The dockers reserved the right to strike.") is None


def test_a_date_line() -> None:
    assert is_date_line("Oct 3, 2026, 10:02")
    assert not is_date_line("On Oct 3, 2026, at ten the crane was switched on for the first time.")


def test_a_licence_closing_the_body_is_reported_with_where_the_text_ends() -> None:
    text = HEAD + BODY + "This page is published under a Creative Commons licence.\n"
    end = _line_of(text, "It lifts")
    assert sorted(_lines(text)) == [end, _line_of(text, "This page")]
    assert _lines(HEAD + BODY) == []


def test_a_tagline_closing_an_essay_but_not_an_encyclopaedia() -> None:
    tag = "Ida Quell is a crane driver on the east quay.\n"
    assert _line_of(HEAD + BODY + tag, "Ida") in _lines(HEAD + BODY + tag, "essay")
    wiki = "East Quay\n\n" + BODY + "Ida Quell is a crane on the east quay.\n"
    assert _lines(wiki, "wikipedia") == []


def test_a_line_past_removed_furniture_only_when_it_ends_no_sentence() -> None:
    for last, reported in (("Winter timetable and quay fares", True), ("It was blessed.", False)):
        text = HEAD + BODY + "Share this\n\n" + last + "\n"
        document = _document(text)
        # the furniture line between them, as a rule removes it on a known site
        removed = (Removed(_line_of(text, "Share this"), "Share this", "share links"),)
        blocks = tuple(b for b in document.blocks if b.line != _line_of(text, "Share this"))
        page = Page.of(replace(document, removed=removed, blocks=blocks), text, set())
        lines = [f.line for f in findings(page)]
        assert (_line_of(text, last) in lines) is reported


def test_a_record_box_opening_an_article_but_not_an_encyclopaedia() -> None:
    box = "Case number:\tQ-2026-4\nDate of ruling:\t2026-10-02\nPanel:\tIda Quell\n\n"
    text = "Ruling on the crane\n\n" + box + BODY
    assert _lines(text) == [3, _line_of(text, "The harbour board")]
    assert 3 not in _lines("Crane\n\n" + box + BODY, "wikipedia")


def test_a_heading_glued_under_a_byline() -> None:
    role = (
        "Harbour Herald\n\nLifeboat crew honoured\n\nBy Wren Addy\nHarbour and courts reporter\n\n"
    )
    text = role + BODY
    assert _line_of(text, "Harbour and courts") in _lines(text)
    apart = role.replace("Addy\n", "Addy\n\n") + BODY
    assert _line_of(apart, "Harbour and courts") not in _lines(apart)


def test_dates_recurring_inside_one_paragraph_with_no_comment_read() -> None:
    posts = [
        "The crane was switched on this morning.",
        "Oct 3, 2026, 10:02",
        "Ansel Drey",
        "I drove the old one for twenty years.",
        "Oct 3, 2026, 11:15",
    ]
    for count, reported in ((5, True), (3, False)):
        text = HEAD + "\n".join(posts[:count]) + "\n"
        document = _document(text, "blog")
        # the whole thread read as one paragraph, as a text with no blank lines can be
        one = Paragraph((Text(" ".join(posts[:count])),), 5)
        page = Page.of(replace(document, blocks=(one,)), text, set())
        assert (6 in [f.line for f in findings(page)]) is reported


def test_a_kept_line_is_trusted() -> None:
    text = HEAD + BODY + "This page is published under a Creative Commons licence.\n"
    document = _document(text)
    line = _line_of(text, "This page")
    assert line not in [f.line for f in findings(Page.of(document, text, {line}))]


def test_the_findings_are_structure_warnings_in_the_page_audit() -> None:
    text = HEAD + BODY + "This page is published under a Creative Commons licence.\n"
    _, diags = parse(text, "article", "t.txt")
    assert any(d.code is Code.STRUCTURE_UNSURE and "body_end" in d.message for d in diags)
