"""More tests written against surviving mutants of ``src/sourcebook/parse/`` (issue 24).

The second sample (seed 20261207) left these behaviours unpinned; each test states one
on a small text written for it and calls the parser in-process.
"""

from __future__ import annotations

import dataclasses

from sourcebook.inputs.hints import StructureHints
from sourcebook.model import MetaField, Removed
from sourcebook.parse import parse
from sourcebook.parse.auditchrome import title_trace
from sourcebook.parse.auditpage import Page
from sourcebook.parse.audittraces import PULL_QUOTE_WORDS
from sourcebook.parse.auditunits import unmatched_markers
from sourcebook.parse.blocks import RawBlock, split_blocks
from sourcebook.parse.figure import figure_score, figure_shape
from sourcebook.parse.inline import InlineRules
from sourcebook.parse.profiles import PROFILES
from sourcebook.parse.quotes import comment_blocks
from sourcebook.parse.state import ParseState
from sourcebook.parse.structure import explain

_BLOG_HEAD = (
    "Harbour Notes\n\nA blog about the docks\n\nThe night ferry is back\n\n"
    "The night ferry returns on Friday after two years away.\n\n"
)


def test_a_published_on_line_gives_its_date_as_metadata() -> None:
    """Even a date no date rule reads ("Friday") is the line's metadata."""
    text = (
        "Harbour Notes\n\nThe Ferry Timetable\n\nPublished on Friday\n\n"
        "The ferry leaves at noon every day.\n"
    )
    document, _ = parse(text, "article", "t.txt")
    assert document.metadata == (MetaField("date", "Friday", 5),)
    assert [(r.line, r.reason) for r in document.removed] == [(5, "document metadata")]


def test_a_caption_of_two_sentences_above_a_credit_is_less_sure_than_one() -> None:
    """The full stop ending the caption counts as a sentence end of its own."""
    shape = figure_shape()
    one = RawBlock(1, ("The pier at dusk.", "Photo courtesy of Ann Lee"), (), 0, 0)
    two = RawBlock(1, ("The pier at dusk. Boats wait.", "Photo courtesy of Ann Lee"), (), 0, 0)
    unended = RawBlock(1, ("The pier at dusk. Boats wait", "Photo courtesy of Ann Lee"), (), 0, 0)
    assert 0 < figure_score(two, shape) < figure_score(one, shape)
    assert figure_score(unended, shape) == figure_score(one, shape)


def test_a_numbered_comment_that_is_only_a_date_keeps_it_as_its_text() -> None:
    """A date closes a comment only below its text: alone it is the text."""
    text = _BLOG_HEAD + "1 Responses\n\n  1. March 4, 2021 at 9:15 am\n"
    document, _ = parse(text, "blog", "t.txt")
    [comment] = document.comments
    assert (comment.author, comment.date_text) == (None, None)
    assert [b.line for b in comment.blocks] == [11]


def test_a_comment_opening_with_a_list_keeps_each_item() -> None:
    """The ``N.`` mark is cut from the opening block; its lines still split into items."""
    tail = (
        "1 Responses\n\n  1. • Bring oars\n  • Bring rope\n\n    Ana Ruiz\n\n"
        "    March 4, 2021 at 9:15 am\n"
    )
    document, _ = parse(_BLOG_HEAD + tail, "blog", "t.txt")
    [comment] = document.comments
    assert (comment.author, comment.date_text) == ("Ana Ruiz", "March 4, 2021 at 9:15 am")
    [listing] = comment.blocks
    assert [item.line for item in listing.items] == [11, 12]  # type: ignore[attr-defined]


def test_a_responses_line_over_unindented_text_builds_an_empty_thread() -> None:
    tail = "2 Responses\n\nThe harbour master replied in print.\n\n  1. Agreed\n"
    document, diagnostics = parse(_BLOG_HEAD + tail, "blog", "t.txt")
    assert document.comments == ()
    assert (9, "thread header") in [(r.line, r.reason) for r in document.removed]
    assert any("declares 2 comments; the text holds 0" in d.message for d in diagnostics)


_LEDGER = "Harbour Ledger\n\nA note on the quay\n\nThe quay was rebuilt in stone after 1903.\n\n"


def _pull_quote_messages(*paragraphs: str) -> list[tuple[int, str]]:
    text = _LEDGER + "\n\n".join(paragraphs) + "\n"
    # an encyclopaedia: the other kinds' pull-quote pass (parse/pullquote.py) removes a
    # quotation found again word for word before the audit would see it
    _, diagnostics = parse(text, "wikipedia", "t.txt")
    return [(d.line, d.message) for d in diagnostics if "printed again" in d.message]


def test_a_pull_quote_above_the_paragraph_it_repeats_is_found() -> None:
    said = "We kept the diary because nobody else would"
    found = _pull_quote_messages(
        f"“{said}.”", f"The harbour master smiled. “{said},” she said, and closed the book."
    )
    assert [(line, "from line 9" in message) for line, message in found] == [(7, True)]


def test_a_pull_quote_names_the_first_paragraph_that_printed_it() -> None:
    said = "We kept the diary because nobody else would"
    found = _pull_quote_messages(
        f"The harbour master smiled. “{said},” she said.",
        f"Her clerk agreed: “{said}.”",
        f"“{said}.”",
    )
    assert [(line, "from line 7 " in message) for line, message in found] == [(11, True)]


def test_a_comment_block_can_quote_two_earlier_posts_in_turn() -> None:
    """After one quotation the block is read on: a second attribution opens a second."""
    text = (
        "Ann said the ferry is late again today.\n\nBo said the pier needs new planks.\n\n"
        "Cy Dunn wrote:\nAnn said the ferry is late again today.\n"
        "Dee Fox wrote:\nBo said the pier needs new planks.\nI agree with both of them.\n"
    )
    state = ParseState(text, "t.txt", PROFILES["blog"])
    blocks = comment_blocks(state, InlineRules(), split_blocks(text)[2:])
    assert [(type(b).__name__, b.line) for b in blocks] == [
        ("Paragraph", 5),
        ("BlockQuote", 6),
        ("Paragraph", 7),
        ("BlockQuote", 8),
        ("Paragraph", 9),
    ]


_TOPIC = (
    "Fenwick Rowing Forum\nLog In\n\nWhich varnish for a wooden oar blade?\nBoats\n\n"
    "Maren_Holt\nMar 2\n\n"
    "My spruce blades have gone grey along the edges after one wet season on the lake.\n\n"
    "Should I sand them back to bare wood first, or only clean and recoat?\n\n"
    "Upvote\n\nTobias_Wren\nMar 3\n\n"
    "Sand them back first. A thin coat of spar varnish each spring keeps water out.\n\n"
)


def test_a_name_and_date_above_the_text_are_the_page_author_even_with_one_reply() -> None:
    document, _ = parse(_TOPIC, "blog", "t.txt")
    assert document.title == "Which varnish for a wooden oar blade?"
    assert [(f.name, f.value, f.line) for f in document.metadata][1:] == [
        ("author", "Maren_Holt", 7),
        ("date", "Mar 2", 8),
    ]


def test_a_button_above_a_paired_thread_is_removed_by_the_pairs_rule() -> None:
    text = _TOPIC + "Reply\n\nMaren_Holt\nMar 4\n\nSanded and recoated. They look new.\n"
    document, _ = parse(text, "blog", "t.txt")
    assert [c.author for c in document.comments] == ["Tobias_Wren", "Maren_Holt"]
    assert (14, "comment chrome") in [(r.line, r.reason) for r in document.removed]
    decisions = explain(text, PROFILES["blog"], "t.txt")
    assert [(d.line, d.rule) for d in decisions if d.line == 14] == [
        (14, "pairs: buttons and counts above the thread")
    ]


def test_short_sentences_right_under_a_heading_are_reported_as_a_list() -> None:
    """Under a heading the run may open the paragraph: the heading is its lead-in."""
    text = (
        _LEDGER + "Before you row\n\nBring two oars.\nWear a life vest.\nCheck the tide.\n\n"
        "The club opens at dawn on every weekday.\n"
    )
    _, diagnostics = parse(text, "article", "t.txt")
    assert [(d.line, d.message.split(" (")[0]) for d in diagnostics] == [
        (9, "3 short lines in a row joined into a paragraph after a lead-in")
    ]


_FERRY = "Ferry to run all winter\n\nThe council voted to keep the ferry running all winter.\n"


def test_a_masthead_line_that_is_vocabulary_of_the_kind_does_not_name_the_site() -> None:
    """ "Kell Post Premium" holds a paper's word but reads as an article's upsell."""
    text = f"Skip to content\nHome\nKell Post Premium\nNews\nSport\nWeather\n\n{_FERRY}"
    document, _ = parse(text, "article", "t.txt")
    assert (document.site, document.title) == (None, "Ferry to run all winter")
    assert [r.reason for r in document.removed] == ["site menu"]


def test_a_second_menu_block_leaves_the_site_the_first_one_named() -> None:
    """Only the first masthead names the site, even when the footer repeats a later one."""
    text = (
        "The Kell Gazette\nNews\nSport\nWeather\n\nHarbour Desk\nShop\nEvents\nAbout\n\n"
        f"{_FERRY}\nHarbour Desk\n"
    )
    document, _ = parse(text, "article", "t.txt")
    assert document.site == "The Kell Gazette"
    assert [(r.line, r.reason) for r in document.removed][:2] == [
        (1, "site menu"),
        (6, "site menu"),
    ]


def test_a_kept_section_label_stays_the_title() -> None:
    text = (
        "The Kell Gazette\nNews\nSport\nWeather\n\nCulture\n\n"
        "The Night Ferry Returns to the Harbour\n\n"
        "The council voted to keep the ferry running all winter, and the town cheered.\n"
    )
    read, _ = parse(text, "article", "t.txt")
    assert (read.title, read.metadata) == (
        "The Night Ferry Returns to the Harbour",
        (MetaField("section", "Culture", 6),),
    )
    kept, diagnostics = parse(text, "article", "t.txt", StructureHints(keep=((6, 6),)))
    assert (kept.title, kept.metadata, diagnostics) == ("Culture", (), [])
    assert [b.line for b in kept.blocks] == [8, 10]


def test_related_links_run_on_past_a_block_of_several_titles() -> None:
    """Post metadata above the related heading does not end the list below it."""
    said = "The lock keeper opened the gates at six, as he has every morning since 1990."
    text = (
        "Notes From the Lock\n\n"
        + (said + "\n\n") * 6
        + "Tags: locks, canals\n\nRead next\n\n"
        + "The Winter Lock\nIce on the Canal\nThe Last Barge\nA Towpath in Spring\n\n"
        + "The Keeper's Cat\n\nThanks for reading; more when the canal reopens in spring.\n"
    )
    document, _ = parse(text, "essay", "t.txt")
    assert [(r.line, r.reason) for r in document.removed] == [
        (15, "post metadata"),
        (17, "related posts heading"),
        (19, "related links"),
        (24, "related links"),
    ]
    assert [b.line for b in document.blocks][-1:] == [26]


def test_a_pull_quote_of_the_longest_length_is_still_looked_up() -> None:
    # letters only: in an encyclopaedia "word1 word2" would read as a glued infobox run
    said = " ".join(f"word{chr(97 + n % 26)}{chr(97 + n // 26)}" for n in range(PULL_QUOTE_WORDS))
    found = _pull_quote_messages(f"“{said}.”", f"She said “{said},” and left.")
    assert [line for line, _ in found] == [7]
    longer = said + " more"
    assert _pull_quote_messages(f"“{longer}.”", f"She said “{longer},” and left.") == []


def test_a_title_that_is_vocabulary_of_the_kind_is_reported() -> None:
    """The audit reads the title with the page kind's vocabulary ("premium upsell")."""
    text = "Kell Gazette\n\nSubscribe Now\n\nThe council voted to keep the ferry running.\n"
    document, _ = parse(text, "article", "t.txt")
    taken = dataclasses.replace(document, title="Subscribe Now")
    found = [(f.line, f.message.split(":")[0]) for f in title_trace(Page.of(taken, text, set()))]
    assert found == [(3, "the title 'Subscribe Now' reads as premium upsell")]


def test_unmatched_markers_show_four_then_an_ellipsis() -> None:
    for count, shown in ((6, "(3, 4, 5, 6)"), (7, "(3, 4, 5, 6, …)")):
        marks = " ".join(f"Lock {i} was cut in {1780 + i}.[{i}]" for i in range(1, count + 1))
        text = (
            f"Salt Locks of the Vale\n\n{marks}\n\nEndnotes\n\n"
            "[1] Vale Canal Trust, accounts for 1790.\n[2] Ibid., accounts for 1801.\n"
        )
        document, _ = parse(text, "essay", "t.txt")
        assert [f.label for f in document.footnotes] == ["1", "2"]
        # the notes as a form no rule read: removed as one passage
        unread = Removed(5, "Endnotes\nsee the canal ledger", "notes section")
        page = Page.of(dataclasses.replace(document, removed=(unread,)), text, set())
        [finding] = unmatched_markers(page)
        assert finding.message.startswith(f"{count - 2} markers of the text {shown} have no note")
