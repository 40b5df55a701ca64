"""Tests written against survivors of the parse/ mutation sample on f0ccabd run again
(``tools/mutation/parse-f0ccabd-after.json``): each pins a behaviour one of them broke,
on a small invented text.  The equivalent survivors are in tools/mutation/equivalent.toml.
"""

from __future__ import annotations

import dataclasses

import pytest

from sourcebook.core.diagnostics import Code
from sourcebook.inputs.hints import StructureHints
from sourcebook.model import Anchor, BlockQuote, Paragraph, Text
from sourcebook.parse import headed, parse
from sourcebook.parse.auditpage import Page
from sourcebook.parse.auditshape import tab_rows
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.related import _link_line
from sourcebook.parse.scoring import score_line
from sourcebook.parse.sentences import _glued_cuts
from sourcebook.parse.vocabulary import vocabulary

LEAD = "The quay was rebuilt in stone after the storm of 1903, and again in 1961.\n\n"
OPENING = "Harbour Ledger\n\nA note on the quay\n\n" + LEAD


def _unsure(text: str, kind: str = "article", hints: StructureHints | None = None) -> list[str]:
    _, diags = parse(text, kind, "t.txt", hints)  # type: ignore[arg-type]
    return [d.format() for d in diags if d.code is Code.STRUCTURE_UNSURE]


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# -- audits -------------------------------------------------------------------------


def _wrapped(lines: int) -> str:
    """A paragraph of *lines* lines of 20 words each, every line broken mid-sentence."""
    row = "the ferry left the north pier at dawn and the gulls followed it out past"
    row += " the harbour light and over"
    return "\n".join(row for _ in range(lines - 1)) + "\n" + row + " the bar.\n"


def test_a_lost_blank_lines_paragraph_is_found_after_a_short_paragraph() -> None:
    # auditexport._one_block_15: a short paragraph before it does not end the search
    text = "Ferry Log\n\nA short note first.\n\n" + _wrapped(16)
    found = [m for m in _unsure(text, "wikipedia") if "holds most of the text" in m]
    assert len(found) == 1 and found[0].startswith("t.txt:5:1:")


def _page_with(rows: str) -> tuple[Page, Paragraph]:
    """The opening, then *rows* as one paragraph (as a rule that kept them reads them)."""
    text = OPENING + rows
    document, _ = parse(OPENING, "article", "t.txt")
    kept = Paragraph((Text(" ".join(rows.split())),), OPENING.count("\n") + 1)
    blocks = (*document.blocks, kept)
    return Page.of(dataclasses.replace(document, blocks=blocks), text, set()), kept


def test_tab_rows_of_two_cells_kept_as_text_are_reported_with_their_span() -> None:
    # auditshape.tab_rows_17 (two cells are a row) and _tab_finding_10 (the span's first line)
    page, kept = _page_with("Day\tBoats\nMonday\t4\nTuesday\t6\n")
    first = kept.line
    found = [(f.line, f.message) for f in tab_rows(page)]
    assert len(found) == 1
    line, message = found[0]
    span = f"lines {first}-{first + 2}"
    assert line == first and message.startswith(
        f"3 lines split by tabs into cells kept as text ({span})"
    )


def test_a_second_run_of_tab_rows_starts_at_its_first_row() -> None:
    # auditshape.tab_rows_33: the row that breaks a run starts the next one
    text = OPENING + "Day\tBoats\nMonday\t4\n\nNight\tBoats\nMonday\t2\n"
    document, _ = parse(OPENING, "article", "t.txt")
    first, second = _line_of(text, "Day\t"), _line_of(text, "Night\t")
    kept = (
        Paragraph((Text("Day Boats Monday 4"),), first),
        Paragraph((Text("Night Boats Monday 2"),), second),
    )
    page = Page.of(dataclasses.replace(document, blocks=(*document.blocks, *kept)), text, set())
    assert [f.line for f in tab_rows(page)] == [first, second]


def test_a_short_question_after_a_heading_is_still_reported() -> None:
    # auditunits.question_headings_5: a heading before it does not end the search
    text = OPENING + "The boats\n\nWhy so late?\nThe tide was late again, and the boats waited.\n"
    reported = [m for m in _unsure(text) if "a short question" in m]
    assert [m.split(":")[1] for m in reported] == [str(_line_of(text, "Why so late?"))]


def test_a_pull_quote_finding_names_the_hint_that_overrides_it() -> None:
    # audittraces.pull_quotes_65: the message ends with the way out
    said = "We kept the diary because nobody else would"
    text = (
        OPENING
        + f"The harbour master smiled. “{said},” she said, and closed the book.\n\n"
        + f"“{said}.”\n\n“Nobody asked us twice about anything at all.”\n"
    )
    line = _line_of(text, f"“{said}.”")
    found = [m for m in _unsure(text, "wikipedia") if "a pull quote?" in m]
    assert len(found) == 1
    assert found[0].endswith(
        f"a pull quote? list line {line} in the structure hint 'remove'"
        " (or in 'keep' if it is text)"
    )


# -- header and metadata ------------------------------------------------------------


def test_the_copyright_line_of_a_removed_footer_block_names_the_author() -> None:
    # copyright.copyright_author_8: only the block's first line is the copyright line
    text = (
        "Quay Notes\n\nTruing a wheel\n\nThe wheel came to me with two spokes loose.\n\n"
        "I drew the spokes and let the rim back down. It now runs true.\n\n"
        "Copyright 2026 Wren Addy\nAll rights reserved.\n"
    )
    document, _ = parse(text, "blog", "t.txt")
    assert [(f.name, f.value, f.line) for f in document.metadata] == [("author", "Wren Addy", 9)]


def test_an_ebook_title_page_ends_at_the_first_line_of_text() -> None:
    # ebook._front_matter_36: the text after a short title page stays the body
    text = (
        "The Quayside Library eBook of Tide Walks, by Ida Quell\n\n"
        "Title: Tide Walks\n\nAuthor: Ida Quell\n\n"
        "*** START OF THE QUAYSIDE LIBRARY EBOOK TIDE WALKS ***\n\nTIDE WALKS\n\n"
        "The walks begin at the old pier and run north along the wall.\n\n"
        "Each walk takes an hour at low water.\n\n"
        "*** END OF THE QUAYSIDE LIBRARY EBOOK TIDE WALKS ***\n"
    )
    document, _ = parse(text, "essay", "t.txt")
    assert document.title == "Tide Walks"
    assert [(type(b), b.line) for b in document.blocks] == [(Paragraph, 11), (Paragraph, 13)]
    assert [r.reason for r in document.removed if r.line == 9] == ["front matter"]


def test_a_numbered_contents_box_is_removed_when_no_item_is_a_heading() -> None:
    # contents.contents_74: the first item's number, not the line above the box
    text = (
        "Pell Mill\n\nPell Mill is a watermill on the River Pell, built in 1790 and still "
        "grinding flour.\n\nContents\n1 Mill race\n2 Machinery\n\n"
        "The mill was restored in 1988 by the trust that owns it.\n"
    )
    document, diags = parse(text, "wikipedia", "t.txt")
    assert [r.line for r in document.removed if r.reason == "table of contents"] == [5, 6, 7]
    assert [b.line for b in document.blocks] == [3, 9]
    # (contents.contents_107 of tools/mutation/parse-cb97968.json: at column 1)
    found = [d.format() for d in diags if "0 of 2 items found again as headings" in d.message]
    assert len(found) == 1 and found[0].startswith("t.txt:5:1: SB608 removed lines 5-7")


def test_a_title_hint_makes_the_line_above_the_issue_line_the_journal() -> None:
    # journal._journal_or_title_3 and _4: a hint chose the title, so the line is the journal
    text = (
        "Ferry Street Cooks\n\nIssue 12\n\nBy Sam Okafor\n\nThe Kitchens Of The Quay\n\n"
        "The kitchens fed the whole quay for years.\n"
    )
    document, diags = parse(text, "essay", "t.txt", StructureHints(title_line=7))
    assert document.title == "The Kitchens Of The Quay"
    assert [(f.name, f.value, f.line) for f in document.metadata] == [
        ("journal", "Ferry Street Cooks", 1),
        ("issue", "12", 3),
        ("author", "Sam Okafor", 5),
    ]
    assert not any("before the issue line" in d.message for d in diags)


def test_an_author_role_on_the_last_line_of_the_page_head_is_the_bio() -> None:
    # labelpairs.label_pairs_73: the role line may be the last line read
    text = OPENING + "Author\nIda Quell\nHarbour historian\n"
    document, _ = parse(text, "article", "t.txt")
    assert document.bio == "Harbour historian"
    assert [(f.name, f.value) for f in document.metadata] == [("author", "Ida Quell")]
    assert all(b.line < _line_of(text, "Author") for b in document.blocks)


def test_a_page_of_header_lines_only_has_no_body() -> None:
    # title._before_copy_3: no line after the opening run is no copy of it
    document, _ = parse("Harbour Notes\n", "article", "t.txt")
    assert (document.title, document.blocks) == ("Harbour Notes", ())
    document, _ = parse("Quay Blog\n\nTide tables\n", "blog", "t.txt")
    assert (document.site, document.title, document.blocks) == ("Quay Blog", "Tide tables", ())


def test_a_refused_title_hint_leaves_the_title_to_the_rules() -> None:
    # a title_line the check refused is not applied.  A line of an em space is blank to
    # the check and to split_blocks alike, so the refused line is never a block the hint
    # could take (hinting.hints_41, which applies the hint unchecked, is equivalent since:
    # tools/mutation/equivalent.toml); the rules keep the title they find
    text = "Harbour Notes\n\n\u2003\n\n" + LEAD
    refused = "structure:1:1: SB609 title_line: line 3 is blank; the hint is not applied"
    document, diags = parse(text, "article", "t.txt", StructureHints(title_line=3))
    assert refused in [d.format() for d in diags]
    assert document.title == "Harbour Notes"
    assert not [d for d in diags if d.line == 3]


# -- furniture ----------------------------------------------------------------------


def test_a_glued_run_with_no_known_label_is_removed_with_its_text() -> None:
    # evidence._infobox_87: the removed record keeps the run's text
    run = "berths12 cranes4 sheds2 wardensTwo"
    text = f"Carrow Pier\n\n{run}\n\nCarrow Pier is a stone pier on the bay, built in 1871.\n"
    document, _ = parse(text, "wikipedia", "t.txt")
    assert [(r.line, r.text, r.reason) for r in document.removed] == [(3, run, "infobox")]


def test_a_menu_item_the_footer_repeats_is_not_the_site_name_when_the_kind_knows_it() -> None:
    # menu._echoed_in_footer_28: the kind's own vocabulary ("Older Posts" on a blog)
    text = (
        "Quay Notes\nHome\nOlder Posts\nArchive\nContact\n\nTruing a wheel\n\n"
        "The wheel came to me with two spokes loose and a rim that wobbled.\n\n"
        "I drew the spokes and let the rim back down. It now runs true.\n\nOlder Posts\n"
    )
    document, _ = parse(text, "blog", "t.txt")
    assert (document.site, document.title) == ("Quay Notes", "Truing a wheel")


THREAD = (
    "Quay Forum\n\nThe buoy drifted\n\n"
    "The buoy drifted because its chain had worn thin at the shackle, and nobody checked it.\n\n"
    "(Reply) (Thread)\n\nIda Quell\nMar 3\nCheck the swivel as well.\n\n"
    "Bo Ek\nMar 4\nThe swivel was fine on ours.\n"
)


def test_buttons_above_a_paired_thread_go_unless_kept() -> None:
    # pairs._without_chrome_above_12: the block kept is the one above the thread
    document, _ = parse(THREAD, "blog", "t.txt")
    assert [(r.line, r.reason) for r in document.removed if r.line == 7] == [(7, "comment chrome")]
    assert [c.author for c in document.comments] == ["Ida Quell", "Bo Ek"]
    kept, _ = parse(THREAD, "blog", "t.txt", StructureHints(keep=((7, 7),)))
    assert [(type(b), b.line) for b in kept.blocks[:2]] == [(Paragraph, 5), (Paragraph, 7)]
    assert [c.author for c in kept.comments] == ["Ida Quell", "Bo Ek"]


def test_text_before_a_marked_quotation_in_a_comment_is_a_paragraph() -> None:
    # quotes.comment_blocks_15: the text before the quotation is read with the thread's rules
    text = (
        "Tide Notes\n\nWhy the buoy drifted\n\n"
        "The buoy drifted because its chain had worn thin at the shackle.\n\n"
        "2 Comments - powered by utteranc.es\n\nwren-ab commented on Apr 2, 2026\n\n"
        "I had the same trouble last winter.[1]\n\n> its chain had worn thin\n\n"
        "Check the swivel as well.\n\nida-q commented on Apr 3, 2026\n\nThanks for the note.\n"
    )
    document, _ = parse(text, "blog", "t.txt")
    first = document.comments[0]
    assert [type(b) for b in first.blocks] == [Paragraph, BlockQuote, Paragraph]
    # the marker is the first comment's own ("1.1"), as in a comment with no quotation
    lead = first.blocks[0]
    assert isinstance(lead, Paragraph) and lead.line == 11
    assert [i.markers for i in lead.inlines if isinstance(i, Anchor)] == [("1.1",)]


# -- units --------------------------------------------------------------------------


def test_a_dated_teaser_of_more_than_twice_the_item_words_is_not_a_link() -> None:
    # related._link_line_7
    teaser = "Quay walls rebuilt again — Ann Lee — Mar 3"  # 9 words
    assert _link_line(teaser, 5)
    assert not _link_line(teaser, 4)


def test_a_glued_boundary_reads_only_a_window_after_it_for_an_address() -> None:
    # sentences._glued_cuts_44: a slash past the window is not the token's
    text = "the harbour.In" + "a" * 90 + "/b more"
    assert _glued_cuts(text) == [len("the harbour.")]
    assert _glued_cuts("the harbour.In" + "a" * 20 + "/b more") == []


def test_a_line_that_dated_one_comment_is_not_the_next_comments_name() -> None:
    # pairs._pairs_20: "a  day ago" (two spaces) also reads as a name and its parent,
    # but it is already the first comment's date
    text = (
        "Quay Forum\n\nThe buoy drifted\n\n"
        "The buoy drifted because its chain had worn thin at the shackle,"
        " and nobody checked it.\n\n"
        "Ida Quell\na  day ago\n3 days ago\nCheck the swivel as well.\n\n"
        "Bo Ek\nMar 4\nThe swivel was fine on ours.\n"
    )
    document, diags = parse(text, "blog", "t.txt")
    assert [(c.author, c.line, len(c.blocks)) for c in document.comments] == [
        ("Ida Quell", 7, 1),
        ("Bo Ek", 12, 1),
    ]
    assert not any("no text after it" in d.message for d in diags)


def test_a_furniture_line_scoring_exactly_the_threshold_belongs_to_a_thread_opening(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # headed._opening_block_32: a decision is taken at a score of at least `apply`
    # (layout.toml); no furniture line weighs exactly 0.5 today, so the threshold is
    # set to the score of the line
    vocab = vocabulary()
    lines = vocab.for_kind("blog")
    count, notice = "5 comments, sorted by top scoring", "This post was machine translated."
    verdict = score_line(notice, 0, 1, lines, vocab.window)
    assert verdict is not None and verdict.evidence.role == "furniture"
    block = RawBlock(1, (count, notice), (count, notice), 0, 0)
    monkeypatch.setattr(
        headed, "vocabulary", lambda: dataclasses.replace(vocab, apply=verdict.score)
    )
    assert headed._opening_block(block, lines) == 5
    # a sentence that is no furniture ends the opening block
    prose = RawBlock(1, (count, "We read every one of them."), (count, "x"), 0, 0)
    assert headed._opening_block(prose, lines) is None
