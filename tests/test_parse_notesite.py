"""Published documents and note sites (issue 19, held7's essay families): a title
printed again, notes linked to their markers with no heading or with back links,
Roman-numeral sections, a note site's twice-printed title and closing sidebar.  Small
texts written for the tests; each asserts one decision and the case next to it that
must not be taken."""

from __future__ import annotations

from sourcebook.model import Document, Heading, Paragraph
from sourcebook.parse import parse
from sourcebook.parse.blocks import split_blocks
from sourcebook.parse.linkednotes import back_linked, cited_tail
from sourcebook.parse.titleblock import echoed_title

ONE = "The weavers of Tollbridge have kept a ledger since 1902, and every master wrote in it.[1]"
TWO = "The early entries are short and careful, and most of them are about money owed.[2]"
PLAIN = "After 1945 the entries grow longer, and the masters begin to write about people."


def _headings(document: Document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Heading)]


def _meta(document: Document, name: str) -> list[str]:
    return [f.value for f in document.metadata if f.name == name]


DOC = f"""Published using Google Docs
Report abuse
Learn more
The Weavers' Ledger: a guild custom
Updated automatically every 5 minutes
THE WEAVERS' LEDGER
A guild custom and its keepers
Mirela Ostrand
Draft of March 2026. Comments welcome by email; please do not circulate.
{ONE}
I.
{TWO}
II.
{PLAIN}
[1] The ledger is kept in the guild hall, in a drawer under the long table.
[2] The largest debt recorded is that of a mill owner who paid it in cloth.
Published using Google Docs
Report abuse
Learn more
"""


def test_published_document_reads_title_block_and_notes() -> None:
    document, _ = parse(DOC, "essay", "t.txt")
    assert document.title == "The Weavers' Ledger: a guild custom"
    assert _meta(document, "subtitle") == ["A guild custom and its keepers"]
    assert _meta(document, "author") == ["Mirela Ostrand"]
    assert _meta(document, "date") == ["March 2026"]
    assert _headings(document) == ["I.", "II."]
    assert [f.label for f in document.footnotes] == ["1", "2"]
    assert sorted(m for c in document.claims for m in c.markers) == ["1", "2"]
    first = document.blocks[0]
    assert isinstance(first, Paragraph) and first.line == 10
    reasons = {r.line: r.reason for r in document.removed}
    assert reasons[6] == "title printed again"
    assert reasons[1] == reasons[19] == "published document chrome"


def test_echoed_title_needs_the_same_words() -> None:
    blocks = split_blocks("Ledger: a custom\n\nLEDGER\n\nA custom\n")
    found = echoed_title(blocks)
    assert found is not None and found.line == 1
    assert echoed_title(split_blocks("Ledger of a custom\n\nLEDGER\n\nA custom\n")) is None
    assert echoed_title(split_blocks("Ledger\n\nBook\n")) is None


def test_learn_more_inside_the_text_stays() -> None:
    many = f"{PLAIN}\n\n" * 10
    text = f"The Ledger\n\n{many}Learn more\n\n{many}"
    document, _ = parse(text, "essay", "t.txt")
    assert "published document chrome" not in {r.reason for r in document.removed}


def test_cited_tail_needs_every_number_cited_in_order() -> None:
    cited = split_blocks(f"{ONE}\n{TWO}\n[1] A note.\n[2] Another.\n")
    found = cited_tail(cited)
    assert found is not None and [b.line for b in found[1]] == [3, 4]
    # a number the text does not cite: a list, not notes
    assert cited_tail(split_blocks(f"{ONE}\n{PLAIN}\n[1] A note.\n[2] Another.\n")) is None
    # out of order, or not closing the text
    assert cited_tail(split_blocks(f"{ONE}\n{TWO}\n[2] A note.\n[1] Another.\n")) is None
    assert cited_tail(split_blocks(f"{ONE}\n{TWO}\n[1] A note.\n[2] Another.\n{PLAIN}\n")) is None
    assert cited_tail(split_blocks(f"{ONE}\n{TWO}\n[1] A note.\n[3] Another.\n")) is None


def test_back_links_make_bracketed_markers() -> None:
    assert back_linked(split_blocks("1. A note. ↩︎\n2. Another ↩\n"))
    assert not back_linked(split_blocks("1. A note. ↩︎\n2. Another.\n"))
    assert not back_linked([])
    text = f"On Nets\n\n{ONE}\n\n{TWO}\n\nFootnotes\n\n1. A note. ↩︎\n\n2. Another. ↩︎\n"
    document, _ = parse(text, "essay", "t.txt")
    assert sorted(m for c in document.claims for m in c.markers) == ["1", "2"]
    # without the back links, the notes under their heading are still the "[n]" the
    # text prints (notes.py: the text's own marks decide); with no notes, "[1]" is text
    plain = text.replace(" ↩︎", "")
    document, _ = parse(plain, "essay", "t.txt")
    assert sorted(m for c in document.claims for m in c.markers) == ["1", "2"]
    bare = plain.split("\n\nFootnotes")[0] + "\n"
    document, _ = parse(bare, "essay", "t.txt")
    assert not [m for c in document.claims for m in c.markers]


NOTE = f"""Commonplace of Ida Wren
Search
Essays
On mending nets
On drying fish
Home
Essays
On mending nets
On mending nets
essay
fishing
{ONE}
{PLAIN}
{PLAIN}
Links to this page
On drying fish
Interactive graph
"""


def test_note_site_title_printed_twice_and_sidebar() -> None:
    document, _ = parse(NOTE, "essay", "t.txt")
    assert document.title == "On mending nets"
    assert document.site == "Commonplace of Ida Wren"
    assert _meta(document, "tag") == ["essay", "fishing"]
    assert not _headings(document)
    assert [b.line for b in document.blocks] == [12, 13, 14]
    assert {r.reason for r in document.removed if r.line >= 15} == {"site sidebar"}


def test_a_line_printed_twice_apart_is_no_title() -> None:
    text = NOTE.replace("On mending nets\nessay", "Tools\nessay")
    document, _ = parse(text, "essay", "t.txt")
    assert "title printed again" not in {r.reason for r in document.removed}
    assert document.site != "Commonplace of Ida Wren"


def test_backlinks_heading_in_the_first_half_stays() -> None:
    text = f"Mending Nets\n\n{PLAIN}\n\nBacklinks\n\n{PLAIN}\n\n{PLAIN}\n\n{PLAIN}\n\n{PLAIN}\n"
    document, _ = parse(text, "essay", "t.txt")
    assert "Backlinks" in _headings(document)
    last = f"Mending Nets\n\n{PLAIN}\n\n{PLAIN}\n\n{PLAIN}\n\nBacklinks\n"
    document, _ = parse(last, "essay", "t.txt")
    assert "site sidebar" not in {r.reason for r in document.removed}


# -- journals: the owner above the title, subject lines under the comment headers --------

JOURNAL = f"""reedcutter
Notes from the Lode
Recent Entries
Archive
Friends
Profile
The sluice gate
Jan. 9th, 2026 | 08:40 pm
mood: damp
{ONE}
{PLAIN}
{PLAIN}
Share
Flag
Link
2 comments | Leave a comment
From: lodewalker
Date: January 10th, 2026 09:02 am (UTC)
the grease
The board stopped greasing it in 2019, when nobody bid for it.
(Reply) (Thread)
From: reedcutter
Date: January 10th, 2026 11:30 am (UTC)
Re: the grease
That would fit. The keeper said the noise started about then.
(Reply) (Parent) (Thread)
"""


def test_journal_owner_subjects_and_re_replies() -> None:
    document, _ = parse(JOURNAL, "blog", "t.txt")
    assert document.site == "Notes from the Lode" and document.tagline is None
    assert _meta(document, "author") == ["reedcutter"]
    assert _meta(document, "date") == ["Jan. 9th, 2026"]
    (comment,) = [b for b in document.blocks if b.__class__.__name__ == "Comment"]
    assert comment.author == "lodewalker"  # type: ignore[attr-defined]
    (reply,) = comment.replies  # type: ignore[attr-defined]
    assert reply.author == "reedcutter"
    texts = [" ".join(i.text for i in b.inlines) for b in comment.blocks]  # type: ignore[attr-defined]
    assert texts == ["The board stopped greasing it in 2019, when nobody bid for it."]
    reasons = {r.line: r.reason for r in document.removed}
    assert reasons[19] == "comment header" and 24 not in {b.line for b in reply.blocks}


def test_a_site_name_is_no_user_name() -> None:
    document, _ = parse(JOURNAL.replace("reedcutter\n", "Reed Cutter\n", 1), "blog", "t.txt")
    assert document.site == "Reed Cutter"


def test_subjects_need_every_header_to_have_one() -> None:
    text = JOURNAL.replace("the grease\nThe board", "The board")
    document, _ = parse(text, "blog", "t.txt")
    comments = [b for b in document.blocks if b.__class__.__name__ == "Comment"]
    first = comments[0]
    words = " ".join(i.text for b in first.blocks for i in b.inlines)  # type: ignore[attr-defined]
    assert words.startswith("The board")
    # the second comment's "Re: the grease" stays its text: no subjects were read
    flat = [*comments, *(r for c in comments for r in c.replies)]  # type: ignore[attr-defined]
    assert any(
        "Re: the grease" in " ".join(i.text for b in c.blocks for i in b.inlines) for c in flat
    )  # type: ignore[attr-defined]


def test_notes_out_of_order_above_note_one_are_no_run() -> None:
    assert cited_tail(split_blocks("[2] See [1] above.\n[1] A note.\n")) is None


def test_a_one_word_first_line_is_no_note_site_name() -> None:
    document, _ = parse(NOTE.replace("Commonplace of Ida Wren", "Commonplace"), "essay", "t.txt")
    assert document.title == "On mending nets" and document.site is None


def test_a_capitalised_site_line_is_no_user_name() -> None:
    document, _ = parse(JOURNAL.replace("reedcutter\n", "ReedCutter\n", 1), "blog", "t.txt")
    assert document.site == "ReedCutter"


def test_one_header_is_no_evidence_of_subject_lines() -> None:
    one = JOURNAL.split("From: reedcutter")[0].replace("2 comments", "1 comment")
    document, _ = parse(one, "blog", "t.txt")
    (comment,) = [b for b in document.blocks if b.__class__.__name__ == "Comment"]
    words = " ".join(i.text for b in comment.blocks for i in b.inlines)  # type: ignore[attr-defined]
    assert words.startswith("the grease")
