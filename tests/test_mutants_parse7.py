"""Tests written against survivors of the seventh session's samples of parse/
(``tools/mutation/parse-5530651-s7.json``, the whole package, and
``tools/mutation/parse-new-modules-5530651-s7.json``, the modules added in the sixth
session: auditfoot, pagefoot, truncation): each pins a behaviour one of them broke,
on a small invented text."""

from __future__ import annotations

from sourcebook.inputs.hints import StructureHints
from sourcebook.model import Paragraph
from sourcebook.parse import parse
from sourcebook.parse.profiles import PROFILES
from sourcebook.parse.structure import explain


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


def test_a_block_opening_with_a_kept_note_names_where_the_paragraph_above_ends() -> None:
    # auditfoot.foot_notes_kept 65: a block that opens with a note line (left as text
    # because its second note's mark "2" is printed nowhere above) breaks the text after
    # the paragraph above's last line
    text = (
        f"{_CARRIER}parcels and letters, and he charged for them by the mile.\n\n"
        "1 The cards were red on one side and white on the other.\n"
        "2 Calves went in a crate at the back of the van.\n\n"
        "He gave up the round in 1934, when the bus came, and sold the van to a baker.\n"
    )
    [(line, message)] = _foot(text)
    assert line == 7
    assert "list lines 7-8 in the structure hint 'remove'" in message
    assert "(the text above it ends at line 5)" in message


# -- title: a page left with one header line under its site's name and menu --------------


def test_a_stub_page_under_its_site_and_menu_takes_its_one_line_as_the_title() -> None:
    # title._past_kicker 5: with the site read from the masthead, the one block left is
    # the title; there is no longer line below it for a short one to be the section of
    menu = "\n".join(("Home", "News", "Sport", "Weather", "Letters", "Contact"))
    document, _ = parse(f"Dunmore Gazette\n{menu}\n\nCulture\n", "article", "t.txt")
    assert (document.title, document.site) == ("Culture", "Dunmore Gazette")
    assert document.blocks == ()


# -- undersubject: a comment's subject of one word -------------------------------------


def _journal(subject: str) -> str:
    return (
        "marshwright\nNotes from the Dyke\nRecent Entries\nArchive\nFriends\nProfile\n"
        "The pump house at Wicken\nFeb. 2nd, 2026 | 07:15 pm\n"
        "The old pump house by the dyke was opened to visitors this afternoon, and the beam"
        " engine turned over once.\n"
        "The volunteers say the boiler has not held steam since the drainage board sold the"
        " coal store in the seventies.\n"
        "Tags: fens, engines\nShare\nLink\n2 comments | Leave a comment\n"
        "From: dykewalker\nDate: February 3rd, 2026 09:10 am (UTC)\n"
        f"{subject}\nThe coal store went in 1974, and the boiler was drained the same winter.\n"
        "(Reply) (Thread)\n"
        "From: marshwright\nDate: February 3rd, 2026 10:45 am (UTC)\n"
        f"Re: {subject}\nThat fits what the volunteers said about the gauges.\n"
        "(Reply) (Parent) (Thread)\n"
    )


def test_a_one_word_comment_subject_is_a_subject_and_its_re_line_a_reply() -> None:
    # undersubject._subject 3: a subject of one word counts like a longer one
    document, _ = parse(_journal("Coal"), "blog", "t.txt")
    [comment] = document.comments
    assert comment.author == "dykewalker"
    assert [r.author for r in comment.replies] == ["marshwright"]
    first = comment.blocks[0]
    assert isinstance(first, Paragraph) and first.plain.startswith("The coal store went")
    removed = {r.line: r.reason for r in document.removed}
    assert (removed[17], removed[22]) == ("comment header", "reply line")


# -- pagefoot: a keep hint on the notes, or elsewhere ----------------------------------

_THATCH = (
    "On Thatching\n\n"
    "The thatcher comes in the autumn, when the\n"
    "harvest is in and the straw is dry. He is paid\n"
    "by the square,1 and he is never in a hurry.\n\n"
    "1 A square is a hundred square feet of roof.\n\n"
    "A good thatch will keep out the rain for twenty\n"
    "years, and a bad one will not keep it out for two.\n"
)


def test_a_keep_hint_on_the_notes_block_leaves_it_text() -> None:
    # pagefoot.page_foot_notes 18: a block the hint keeps is never read as notes
    document, diagnostics = parse(_THATCH, "essay", "t.txt", StructureHints(keep=((7, 7),)))
    assert document.footnotes == ()
    assert any(isinstance(b, Paragraph) and b.line == 7 for b in document.blocks)
    assert not any("page-foot note kept as text" in d.message for d in diagnostics)


def test_a_keep_hint_elsewhere_does_not_stop_the_notes() -> None:
    # pagefoot.page_foot_notes 13: only the kept block is left, not every block
    document, _ = parse(_THATCH, "essay", "t.txt", StructureHints(keep=((9, 10),)))
    assert [(n.label, n.line) for n in document.footnotes] == [("1", 7)]
    assert not any(b.line == 7 for b in document.blocks)


# -- contents: the score is the share found again, to two places -----------------------

_PLACES = ("Quay", "Mill", "Ferry", "Chapel", "Market", "School", "Forge", "Granary")
_ASPECTS = ("history", "buildings", "trade", "people", "records", "maps", "photographs")
_ITEMS = [f"{place} {aspect}" for place in _PLACES for aspect in _ASPECTS][:51]


def _contents_page(found: int) -> str:
    """A wiki page whose contents box lists 51 sections, *found* of them printed later."""
    sections = "".join(
        f"{name}\n\nThe {name.lower()} of Wrenmouth fill a chapter of the parish records.\n\n"
        for name in _ITEMS[:found]
    )
    lead = (
        "Wrenmouth is a small harbour town on the north coast, with a quay, a mill and a"
        " ferry across the estuary.\n\n"
    )
    return f"Wrenmouth\n\n{lead}Contents\n" + "\n".join(_ITEMS) + "\n\n" + sections


def _contents_reports(found: int) -> list[str]:
    document, diagnostics = parse(_contents_page(found), "wikipedia", "t.txt")
    assert sum(r.reason == "table of contents" for r in document.removed) == 52
    return [d.message for d in diagnostics if "as the page's table of contents" in d.message]


def test_a_contents_box_scored_at_two_places_is_sure_at_38_of_51() -> None:
    # contents.contents 77: 38 of 51 is 0.745, 0.75 to two places: sure, not reported;
    # 37 of 51 (0.725) is reported with its score to two places
    assert _contents_reports(38) == []
    [message] = _contents_reports(37)
    assert "(37 of 51 items found again as headings, score 0.73)" in message


# -- linemenu: a menu one item a line, under the site's name and a blank line ------------


def test_a_line_menu_after_a_blank_line_is_removed_whole_and_the_title_below_kept() -> None:
    # linemenu._runs 32: a run of items after a gap starts with its own first item
    post = (
        "By Ottilie Varga\n"
        "The raku kiln went up behind the studio on Friday, and we fired eleven pots before"
        " the rain came in.\n"
        "The reduction bins were old dustbins filled with shredded paper and pine needles"
        " from the yard.\n"
    )
    text = "Kiln Yard\n\nHome\nAbout\nArchive\nContact\nRaku Night\n" + post
    document, _ = parse(text, "blog", "t.txt")
    assert (document.title, document.site) == ("Raku Night", "Kiln Yard")
    removed = {r.line: r.reason for r in document.removed}
    assert [removed.get(line) for line in range(3, 8)] == [*["site menu"] * 4, None]


# -- evidence: the rule a removed glued run is explained by --------------------------------


def test_a_glued_run_with_no_known_label_is_explained_by_its_rule() -> None:
    # evidence._infobox 69: `sourcebook normalise --explain` names the rule that removed it
    text = (
        "Tollmere Lock\n\nberths9 gates2 keepersOne sluices3\n\n"
        "Tollmere Lock is a river lock on the Wend, rebuilt in stone in 1790.\n"
    )
    decisions = explain(text, PROFILES["wikipedia"], "t.txt")
    assert [(d.became, d.rule, d.score) for d in decisions if d.line == 3] == [
        ("removed (infobox)", "evidence: glued run, labels unknown", 0.6)
    ]


# -- auditshape: a bracketed line opening a body with no running text --------------------


def test_a_bracketed_line_over_a_table_is_reported_as_a_placeholder() -> None:
    # auditshape.body_head 30: with no line of running text below, the bracketed
    # opening line is reported as an image's placeholder or caption
    table = "Day\tHigh water\tLow water\nMonday\t06:12\t12:30\nTuesday\t07:01\t13:15\n"
    text = f"Tide Times at Carrow\n\n(Pictured: the quay at dawn, from the lighthouse)\n\n{table}"
    _, diagnostics = parse(text, "article", "t.txt", StructureHints(title_line=1))
    found = [(d.line, d.message) for d in diagnostics if "a line wholly in brackets" in d.message]
    assert [line for line, _ in found] == [3]
    assert "list line 3 in 'remove'" in found[0][1]
