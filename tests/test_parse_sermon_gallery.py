"""Sermon, talk and gallery-essay pages (held10's essay class) at the rules' edges.

The fixtures (``essay/sermon-*``, ``essay/gallery-*``, ``essay/caption-*``,
``essay/refrain-*``) show each rule on a whole page; these tests pin the
boundaries: a run of two lines printed twice but not one, the head but not the
body, a caption between two paragraphs but not after the last, a player's own
lines but not prose about listening.
"""

from __future__ import annotations

import re

import pytest

from sourcebook.core.diagnostics import Code
from sourcebook.inputs.hints import StructureHints
from sourcebook.model import Comment, Document
from sourcebook.parse import parse
from sourcebook.parse.blocks import RawBlock, explode, split_blocks
from sourcebook.parse.captions import between_running
from sourcebook.parse.figure import figure_shape
from sourcebook.parse.labelpairs import pair_field
from sourcebook.parse.scoring import score_line
from sourcebook.parse.tagblock import field_name, is_label, label_runs
from sourcebook.parse.titleblock import colon_subtitle, names_line
from sourcebook.parse.twicehead import head_lines, repeated_run
from sourcebook.parse.vocabulary import vocabulary

RUNNING = "The harbour light was kept by one family for three generations and never once failed."
BELOW = "Each keeper wrote the hours of oil burnt in a ledger that still survives in the church."


def _essay(text: str) -> tuple[Document, list[int]]:
    doc, diags = parse(text, "essay", "t.txt")
    return doc, [d.line for d in diags if d.code is Code.STRUCTURE_UNSURE]


def _removed(doc: Document, reason: str) -> list[int]:
    return sorted(r.line for r in doc.removed if r.reason == reason)


def _meta(doc: Document, name: str) -> list[str]:
    return [f.value for f in doc.metadata if f.name == name]


def _verdict(line: str) -> str | None:
    vocab = vocabulary()
    found = score_line(line, 0, 40, vocab.for_kind("essay"), vocab.window)
    return None if found is None else found.evidence.name


# -- a head run printed twice (parse/twicehead.py) -----------------------------------


def test_a_run_of_two_lines_or_more_printed_again_at_once_is_found() -> None:
    assert repeated_run(["S", "A", "B", "A", "B"]) == (1, 2)
    assert repeated_run(["A", "B", "C", "A", "B", "C"]) == (0, 3)
    # spacing and case do not make a copy another line
    assert repeated_run(["A  b", "C", "a b", "C"]) == (0, 2)


def test_one_line_twice_or_a_run_printed_apart_is_no_repeated_run() -> None:
    assert repeated_run(["A", "A", "B"]) is None  # a title printed twice: not this rule's
    assert repeated_run(["A", "B", "X", "A", "B"]) is None  # not at once
    assert repeated_run([]) is None


def test_the_head_is_the_lines_above_the_first_line_of_running_text() -> None:
    blocks = split_blocks(f"Site\nMenu\n\n{RUNNING}\nAfter\n")
    assert [b.text for b in head_lines(blocks)] == ["Site", "Menu"]
    assert head_lines(split_blocks("Site\nMenu\nMore\n")) == []  # no text in reach


HEADER = "Lent 3: the harvest\nPreached by\nThe Revd Jo Ames\nSunday, 8 March 2026\n"


def test_a_header_printed_twice_above_the_text_loses_its_second_copy() -> None:
    text = f"Holy Rood Church\n\nThe Grain That Falls\n{HEADER}{HEADER}{RUNNING}\n\n{BELOW}\n"
    doc, unsure = _essay(text)
    assert _removed(doc, "repeated header") == [8, 9, 10, 11]
    assert doc.title == "The Grain That Falls" and "The Revd Jo Ames" in _meta(doc, "author")
    assert 8 not in unsure  # four lines again are no accident


def test_two_lines_printed_twice_are_removed_and_reported() -> None:
    text = f"Walk notes\n\nSpring outing\nKettle Hill\nSpring outing\nKettle Hill\n{RUNNING}\n"
    doc, unsure = _essay(text)
    assert _removed(doc, "repeated header") == [5, 6]
    assert 5 in unsure


def test_lines_printed_twice_in_the_body_stay() -> None:
    text = f"The Song\n\nBy Ailsa Cathcart\n\n{RUNNING}\n\nRow on,\nthe tide,\nRow on,\nthe tide,\n"
    doc, _ = _essay(text)
    assert _removed(doc, "repeated header") == []


# -- a byline's labels and the date under the name (parse/labelpairs.py) -------------


@pytest.mark.parametrize("label", ["Preached by", "Sermon Preached by", "Speaker", "Preacher"])
def test_a_preacher_label_names_the_author_on_the_next_line(label: str) -> None:
    assert pair_field(label, "The Revd Jo Ames") == "author"
    assert pair_field(label, "He spoke for an hour about the harbour and its lights.") is None


def test_a_date_label_takes_a_date_and_nothing_else() -> None:
    assert pair_field("Date", "Sunday, 8 March 2026") == "date"
    assert pair_field("Date", "Contact") is None
    assert pair_field("Sermons", "Sunday, 8 March 2026") is None


def test_the_date_under_the_authors_name_is_the_date_not_the_bio() -> None:
    text = f"The Grain\nSpeaker\nJo Ames\nSunday, 8 March 2026\n\n{RUNNING}\n\n{BELOW}\n"
    doc, _ = _essay(text)
    assert _meta(doc, "author") == ["Jo Ames"] and _meta(doc, "date") == ["Sunday, 8 March 2026"]
    assert doc.bio is None


def test_a_role_under_the_authors_name_is_still_the_bio() -> None:
    text = f"The Grain\nSpeaker\nJo Ames\nLay reader, Holy Rood\n\n{RUNNING}\n\n{BELOW}\n"
    doc, _ = _essay(text)
    assert doc.bio == "Lay reader, Holy Rood" and _meta(doc, "date") == []


def test_a_date_label_closing_a_menu_stays_for_its_value() -> None:
    menu = "Home\nAbout us\nWorship\nSermons\nContact\n"
    text = f"Holy Rood\n{menu}Date\nSunday, 8 March 2026\nThe Grain\nPreached by\nJo Ames\n"
    text += f"{RUNNING}\n\n{BELOW}\n\n{RUNNING}\n"
    doc, _ = _essay(text)
    assert _meta(doc, "date") == ["Sunday, 8 March 2026"]
    assert 7 not in _removed(doc, "site menu")


# -- the audio player and the sermon's reading (layout.toml vocabulary) --------------


@pytest.mark.parametrize(
    "line",
    [
        "Listen to this sermon",
        "Listen to the episode",
        "0:00 / 14:32",
        "1:02:10 / 1:15:00",
        "--:-- / --:--",
        "Download audio (MP3, 13 MB)",
        "Download MP3",
        "Play episode",
    ],
)
def test_an_audio_players_own_lines_are_furniture(line: str) -> None:
    assert _verdict(line) == "audio player"


@pytest.mark.parametrize(
    "line",
    [
        "Listen to this sermon again if you missed the start of it.",
        "At 0:00 the bells rang.",
        "Download the order of service from the office.",
        "14:32",
    ],
)
def test_prose_about_listening_is_no_player(line: str) -> None:
    assert _verdict(line) != "audio player"


@pytest.mark.parametrize(
    "line", ["Text: Luke 12:4-7", "Readings: Isaiah 40:1-11; Mark 1:1-8", "Reading: 1 Kings 19:9"]
)
def test_a_sermons_reading_is_metadata(line: str) -> None:
    assert _verdict(line) == "scripture reading line"


@pytest.mark.parametrize("line", ["Text: see the notes below", "Reading: chapter four", "Text"])
def test_a_text_label_over_anything_else_is_no_reading(line: str) -> None:
    assert _verdict(line) != "scripture reading line"


@pytest.mark.parametrize("line", ["Share this sermon", "Next sermon", "Previous episode"])
def test_a_talks_share_and_pager_lines_are_furniture(line: str) -> None:
    assert _verdict(line) in ("share row", "post navigation")


# -- captions between paragraphs (parse/figure.py, parse/captions.py) ----------------

CAPTION = (
    "Ada Crane, The Drawn Pan, 1921. Watercolour on paper. Private collection. © The Crane Trust"
)


def test_a_caption_closed_by_its_rights_line_has_the_figures_shape() -> None:
    inline = figure_shape().inline
    assert any(p.fullmatch(CAPTION) for p in inline)
    assert any(p.fullmatch("A pan, 1921. Oil on board. Courtesy of the artist") for p in inline)
    assert not any(p.fullmatch("Courtesy was the whole of the arrangement.") for p in inline)
    assert not any(p.fullmatch("© Marlpit Museum 2027") for p in inline)  # no caption before


def test_running_text_must_stand_on_both_sides() -> None:
    assert between_running(RUNNING, BELOW)
    assert between_running(RUNNING[:-1] + ".2", BELOW)  # a glued note mark ends a sentence
    assert between_running(RUNNING[:-1] + ".*", BELOW)
    assert not between_running("Notes", BELOW) and not between_running(RUNNING, "Book now")
    assert not between_running(None, BELOW) and not between_running(RUNNING, None)


def test_a_caption_glued_between_two_paragraphs_is_removed_and_they_stay() -> None:
    text = f"The Pans\n\nBy Jo Ames\n\n{RUNNING}\n{CAPTION}\n{BELOW}\n\n{RUNNING}\n"
    doc, _ = _essay(text)
    assert _removed(doc, "figure caption") == [6]
    assert not any(CAPTION in str(b) for b in doc.blocks)


def test_a_caption_on_a_line_of_its_own_between_paragraphs_is_removed() -> None:
    text = f"The Pans\n\nBy Jo Ames\n\n{RUNNING}\n\n{CAPTION}\n\n{BELOW}\n"
    doc, _ = _essay(text)
    assert _removed(doc, "figure caption") == [7]


def test_a_caption_shaped_line_after_the_last_paragraph_is_no_caption() -> None:
    text = f"The Pans\n\nBy Jo Ames\n\n{RUNNING}\n\n{BELOW}\n{CAPTION}\n"
    doc, _ = _essay(text)
    assert _removed(doc, "figure caption") == []


def test_a_long_line_ending_on_a_credit_is_prose() -> None:
    long = " ".join(["word"] * (figure_shape().caption_words + 1)) + ". © The Crane Trust"
    text = f"The Pans\n\nBy Jo Ames\n\n{RUNNING}\n{long}\n{BELOW}\n"
    doc, _ = _essay(text)
    assert _removed(doc, "figure caption") == []


def test_a_kept_line_is_never_a_caption() -> None:
    text = f"The Pans\n\nBy Jo Ames\n\n{RUNNING}\n{CAPTION}\n{BELOW}\n"
    hints = StructureHints(keep=((6, 6),))
    doc, _ = parse(text, "essay", "t.txt", hints)
    assert _removed(doc, "figure caption") == []


# -- the head: a byline with a role, a section label, a subtitle (headshape.py) ------


def test_a_byline_with_a_role_gives_the_name_and_the_title_above_it() -> None:
    menu = "Visit\nWhat's on\nCollection\nLearn\nShop\n"
    text = f"Skip to main content\nThe Quay Gallery\n{menu}\n"
    text += "Exhibition essay\nPainting the Rain Indoors\n"
    text += "Published for the show Fair to Changeable, 14 November 2026 – 28 March 2027\n"
    text += f"By Dr Jo Ames, Curator of Modern Art\n\n{RUNNING}\n\n{BELOW}\n\n{RUNNING}\n"
    doc, unsure = _essay(text)
    assert doc.title == "Painting the Rain Indoors" and _meta(doc, "author") == ["Dr Jo Ames"]
    title_line = 10
    assert title_line not in unsure  # the byline under it makes it sure


def test_a_sentence_between_title_and_byline_keeps_the_title_a_guess() -> None:
    text = "Harbour Notes\nNews\nSport\nWeather\nOpinion\nLetters\n"
    text += "The harbour board met on Tuesday to hear complaints.\nStory by Jo Ames\n"
    text += f"{RUNNING}\n{BELOW}\n"
    doc, unsure = parse(text, "article", "t.txt")
    assert doc.title == "Letters"
    assert 6 in [d.line for d in unsure if d.code is Code.STRUCTURE_UNSURE]


def test_a_section_label_under_the_menu_is_no_sites_name() -> None:
    text = "Skip to content\nMarlpit Museum\nVisit\nExhibitions\nCollections\nLearn\nShop\n\n"
    text += "Exhibition essay\nSalt and Iron\nBy Dr Jo Ames, Keeper of Fine Art\n\n"
    text += f"{RUNNING}\n\n{BELOW}\n"
    doc, _ = _essay(text)
    assert doc.title == "Salt and Iron" and _meta(doc, "section") == ["Exhibition essay"]
    assert doc.site != "Exhibition essay"


def test_a_subtitle_with_a_colon_goes_under_the_title_case_title_above_it() -> None:
    assert colon_subtitle("Advent Sunday: waiting well")
    assert not colon_subtitle("Decision number: 143") and not colon_subtitle("Status: Closed")
    assert not colon_subtitle("Keeping the Lamps Trimmed")
    assert not colon_subtitle("Note: 3 lines")  # a number in the value: a record's field


def test_one_word_either_side_of_and_is_a_title_not_two_names() -> None:
    assert names_line("Salt and Iron") == [] and names_line("Ana Ruiz and Jo Ames") != []
    assert names_line("Ana and Jo Ames") == ["Ana", "Jo Ames"]


def test_a_short_title_over_a_longer_line_is_reported() -> None:
    head = "Fenwater Chapel\nTalks\nOrdinary time: counting the sparrows\nSpeaker\nJo Ames\n"
    text = f"{head}{RUNNING}\n\n{BELOW}\n\n{RUNNING}\nShare this talk\nOlder talk\n"
    doc, unsure = _essay(text)
    assert doc.title == "Talks" and 2 in unsure  # a section's label may be the title's
    longer = text.replace("\nTalks\n", "\nTalks for Lent\n")
    doc, unsure = _essay(longer)
    assert doc.title == "Talks for Lent" and 2 not in unsure


def test_a_byline_not_a_listing_date_anchors_an_essays_head() -> None:
    menu = "Home\nAbout us\nWorship\nSermons\nContact\n"
    text = f"Holy Rood\n{menu}Date\nSunday, 8 March 2026\nThe Grain\nPreached by\nJo Ames\n"
    text += f"{RUNNING}\n{BELOW}\n{RUNNING}\n"
    doc, _ = _essay(text)
    assert doc.title == "The Grain"


def test_the_player_and_pager_under_a_sermon_are_not_its_text() -> None:
    player = "Listen to this sermon\n0:00 / 14:32\nDownload audio (MP3, 13 MB)\nShare this sermon\n"
    text = f"The Grain\n\nBy Jo Ames\n\n{RUNNING}\n\n{BELOW} Amen.\n{player}Facebook\nEmail\n"
    text += "Previous sermon\nLent 2: the fig tree\nNext sermon\nLent 4: bread\n"
    doc, _ = _essay(text)
    last = [b for b in doc.blocks if type(b).__name__ == "Paragraph"][-1]
    assert re.search(r"Amen\.$", " ".join(getattr(i, "text", "") for i in last.inlines))
    assert _removed(doc, "audio player") == [8, 9, 10]


def test_a_two_word_title_read_as_a_name_leaves_the_title_a_guess() -> None:
    menu = "Visit\nWhat's on\nCollection\nLearn\nShop\n"
    text = f"Skip to main content\nThe Quay Gallery\n{menu}\nExhibition essay\nRain Indoors\n"
    text += f"By Dr Jo Ames, Curator of Modern Art\n\n{RUNNING}\n\n{BELOW}\n\n{RUNNING}\n"
    doc, unsure = _essay(text)
    assert doc.title == "Rain Indoors" or 9 in unsure


# -- a fan archive's work page (parse/tagblock.py, the thread's "Thread" opener) -----

TAGS = "Rating:\nGeneral\nFandom:\nHarbourmaster (Radio)\nAdditional Tags:\nMeta\nEssays\n"
TAGS += "Stats:\nWords:\n1,046\nKudos:\n88\n"


def _blocks(text: str) -> list[RawBlock]:
    return explode(split_blocks(text))


def test_a_label_is_a_short_capitalised_line_closed_by_a_colon() -> None:
    assert is_label("Rating:") and is_label("Additional Tags:") and is_label("Archive Warning:")
    assert not is_label("it was:") and not is_label("Rating") and not is_label("A B C D E:")


def test_a_run_of_three_labels_over_their_values_is_a_tag_block() -> None:
    run = label_runs(_blocks(TAGS))[0]
    assert [(label.text, [v.text for v in values]) for label, values in run] == [
        ("Rating:", ["General"]),
        ("Fandom:", ["Harbourmaster (Radio)"]),
        ("Additional Tags:", ["Meta", "Essays"]),
        ("Stats:", []),
        ("Words:", ["1,046"]),
        ("Kudos:", ["88"]),
    ]


def test_two_labels_or_a_gap_are_no_tag_block() -> None:
    assert label_runs(_blocks("Serves:\n4\nTime:\n1 hour\n")) == []
    assert label_runs(_blocks("Serves:\n4\nTime:\n1 hour\n\nOven:\nhot\n")) == []
    assert len(label_runs(_blocks("Serves:\n4\nTime:\n1 hour\nOven:\nhot\n"))[0]) == 3


def test_the_last_label_takes_one_value_and_a_closing_bare_label_is_left() -> None:
    run = label_runs(_blocks(TAGS + "What the Foghorn Knows\nbrackenfold\nSummary:\nA line.\n"))[0]
    assert run[-1][0].text == "Kudos:" and [v.text for v in run[-1][1]] == ["88"]
    eight = "A:\n1\nB:\n2\nC:\n3\nD:\n" + "v\n" * 8 + "E:\n5\n"
    assert [len(v) for _, v in label_runs(_blocks(eight))[0]] == [1, 1, 1, 8, 1]
    nine = "A:\n1\nB:\n2\nC:\n3\nD:\n" + "v\n" * 9 + "E:\n5\n"
    assert [len(v) for _, v in label_runs(_blocks(nine))[0]] == [1, 1, 1, 1]


def test_a_value_is_short_with_no_sentence_end() -> None:
    words = "w " * 9
    run = label_runs(_blocks(f"A:\n1\nB:\n2\nC:\n3 4 5 6 7 8 9 10\nD:\n{words}\n"))[0]
    assert [len(v) for _, v in run] == [1, 1, 1]


def test_the_tag_block_becomes_metadata_named_by_its_labels() -> None:
    text = f"{TAGS}What the Foghorn Knows\nbrackenfold\n\n{RUNNING}\n\n{BELOW}\n"
    doc, _ = _essay(text)
    assert _meta(doc, "additional-tags") == ["Meta", "Essays"] and _meta(doc, "kudos") == ["88"]
    assert _removed(doc, "tag block") == list(range(1, 13))
    assert field_name("Archive Warning:") == "archive-warning"


def test_labels_in_the_text_stay() -> None:
    text = f"Tides\n\nBy Jo Ames\n\n{RUNNING}\nWhen:\nnoon\nHow high:\nfour metres\nWhere:\n"
    text += f"the quay\n{BELOW}\n"
    doc, _ = _essay(text)
    assert _removed(doc, "tag block") == []


@pytest.mark.parametrize(
    "line", ["Work Text:", "Chapter Text", "(See the end of the work for more notes.)"]
)
def test_a_work_pages_labels_are_furniture(line: str) -> None:
    assert _verdict(line) == "work page labels"


@pytest.mark.parametrize("line", ["Kudos ♥", "Bookmark", "Kudos (140)", "Mark for Later"])
def test_a_work_pages_buttons_are_furniture(line: str) -> None:
    assert _verdict(line) == "work buttons"


def test_a_notes_label_counts_in_the_head_only() -> None:
    vocab = vocabulary()
    lines = vocab.for_kind("essay")
    top = score_line("Notes:", 0, 40, lines, vocab.window)
    low = score_line("Notes:", 39, 40, lines, vocab.window)
    assert top is not None and top.score >= vocab.apply
    assert low is None or low.evidence.name != "work notes label" or low.score < vocab.apply


THREAD = (
    "\nComments (3)\nmarrow on Chapter 1 Sat 03 Oct 2026 04:11AM UTC\nI had never noticed it.\n"
)
THREAD += "Reply\nThread\nwrenfold on Chapter 1 Sat 03 Oct 2026 09:26AM UTC\nThe second series.\n"
THREAD += "Comment Actions\npenny on Chapter 1 Mon 05 Oct 2026 10:52PM UTC\nLovely piece.\nReply\n"


def _flat_authors(doc: Document) -> list[tuple[str | None, int]]:
    out: list[tuple[str | None, int]] = []

    def walk(comments: tuple[Comment, ...]) -> None:
        for c in comments:
            out.append((c.author, c.depth))
            walk(c.replies)

    walk(doc.comments)
    return out


def test_a_thread_link_opens_replies_until_the_comment_actions_close_them() -> None:
    text = f"What the Foghorn Knows\nwrenfold\n\n{RUNNING}\n\n{BELOW}\n{THREAD}"
    doc, _ = _essay(text)
    assert _flat_authors(doc) == [("marrow", 0), ("wrenfold", 1), ("penny", 0)]
    assert _meta(doc, "author") == ["wrenfold"]  # the user name under the title answers


def test_a_user_name_under_the_title_that_signs_no_comment_is_no_author() -> None:
    text = f"What the Foghorn Knows\nbrackenfold\n\n{RUNNING}\n\n{BELOW}\n{THREAD}"
    doc, _ = _essay(text)
    assert _meta(doc, "author") == []


def test_a_summary_label_over_a_sentence_is_an_essays_summary_only() -> None:
    head = "What the Foghorn Knows\nSummary:\nAn essay on the foghorn and the last word.\n"
    doc, _ = _essay(f"{head}\n{RUNNING}\n\n{BELOW}\n")
    assert _meta(doc, "summary") == ["An essay on the foghorn and the last word."]
    article, _ = parse(f"{head}\n{RUNNING}\n\n{BELOW}\n", "article", "t.txt")
    assert _meta(article, "summary") == []
