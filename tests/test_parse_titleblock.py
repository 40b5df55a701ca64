"""Blog and essay shapes of held7's families (issue 19): a comment plugin's header lines,
a static site's title block and appendix, paragraphs one a line among short lines, and
the audit of an outline opened by the title.  Small texts written for the tests; each
asserts one decision and the case next to it that must not be taken."""

from __future__ import annotations

from sourcebook.model import Document, Heading, Paragraph
from sourcebook.parse import parse
from sourcebook.parse.blocks import line_layout, split_blocks
from sourcebook.parse.commentdate import between_line
from sourcebook.parse.nesting import named_depths
from sourcebook.parse.titleblock import names_line
from tests.test_parse_blog_essay import _comments

PROSE = "A parish that lost its fen long ago still keeps the fen in its field names and ditches."
MORE = "The enclosure map of 1811 shows forty-one named drains, and half of them remain today."


def _meta(document: Document, name: str) -> list[str]:
    return [f.value for f in document.metadata if f.name == name]


# -- a comment plugin's header: NAME / badge / "Reply to  PARENT" / date ----------------

THREAD = f"""Canal Notes

The bridge

Posted on 4 March 2026 by Wil Arden

{PROSE}

3 Comments

Edna Colley
2 weeks ago

My uncle wound that bridge on Sundays.

Reply

Wil Arden
Author
Reply to  Edna Colley
2 weeks ago

Did he ever say who paid him?

Reply

Edna Colley
Reply to  Wil Arden
1 week ago

The boat club did.

Reply
"""


def test_between_line_reads_badges_and_reply_lines() -> None:
    assert between_line("Reply to  Ruth Pellow") == {"parent": "Ruth Pellow"}
    assert between_line("In reply to Ann Lee") == {"parent": "Ann Lee"}
    assert between_line("Author") == {}
    assert between_line("Reply to this, please.") is None
    assert between_line("Ruth Pellow") is None


def test_plugin_header_lines_make_authors_and_nested_replies() -> None:
    document, _ = parse(THREAD, "blog", "t.txt")
    flat = _comments(document)
    assert [c.author for c in flat] == ["Edna Colley", "Wil Arden", "Edna Colley"]
    assert [c.depth for c in flat] == [0, 1, 2]
    assert [c.date_text for c in flat] == ["2 weeks ago", "2 weeks ago", "1 week ago"]
    texts = [" ".join(i.text for b in c.blocks for i in b.inlines) for c in flat]  # type: ignore[attr-defined]
    assert texts[1] == "Did he ever say who paid him?"
    removed = {r.line: r.reason for r in document.removed}
    assert removed[19] == removed[20] == "comment header"


def test_a_reply_line_in_a_comment_text_stays_text() -> None:
    text = THREAD.replace("Did he ever say who paid him?", "Reply to Edna Colley soon")
    document, _ = parse(text, "blog", "t.txt")
    second = _comments(document)[1]
    words = " ".join(i.text for b in second.blocks for i in b.inlines)  # type: ignore[attr-defined]
    assert "Reply to Edna Colley soon" in words


def test_named_depths_nest_under_the_comment_named() -> None:
    a, b = {"name": "A"}, {"name": "B", "parent": "A"}
    assert named_depths([0, 1, 1], [a, b, {"name": "A", "parent": "B"}]) == [0, 1, 2]
    # a top-level comment between closes the thread: the reply stays one level down
    assert named_depths([0, 1, 0, 1], [a, b, {"name": "C"}, {"name": "D", "parent": "B"}]) == [
        0,
        1,
        0,
        1,
    ]
    # a comment at the named one's level between: the named one is closed
    c = {"name": "C", "parent": "A"}
    assert named_depths([0, 1, 1, 1], [a, b, c, {"name": "D", "parent": "B"}]) == [0, 1, 1, 1]
    # a top-level comment naming someone is left at the top
    assert named_depths([0, 0], [a, {"name": "E", "parent": "A"}]) == [0, 0]


def test_plugin_bars_above_the_thread_are_furniture() -> None:
    text = THREAD.replace(
        "3 Comments", "Subscribe\nNotify of\nnew follow-up comments\n\n3 Comments"
    )
    document, diags = parse(text, "blog", "t.txt")
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 1
    assert not [d for d in diags if d.line in (10, 11, 12)]


# -- a static site's title block ---------------------------------------------------------

HEAD = f"""Fenwick Notes
Posts
Talks
About

On Counting Ditches

Why a drained parish still remembers its water

wetlands
old maps

Author

Ivo Marsh

Published

March 3, 2026

{PROSE}

{MORE}
"""


def test_title_block_subtitle_tags_and_spaced_labels() -> None:
    document, _ = parse(HEAD, "essay", "t.txt")
    assert document.title == "On Counting Ditches"
    assert document.site == "Fenwick Notes"
    assert _meta(document, "subtitle") == ["Why a drained parish still remembers its water"]
    assert _meta(document, "tag") == ["wetlands", "old maps"]
    assert _meta(document, "author") == ["Ivo Marsh"]
    assert _meta(document, "date") == ["March 3, 2026"]
    first = document.blocks[0]
    assert isinstance(first, Paragraph) and first.line == 21


def test_title_block_needs_a_field_under_the_title() -> None:
    text = HEAD.split("Author")[0] + f"{PROSE}\n"
    document, _ = parse(text, "essay", "t.txt")
    assert _meta(document, "subtitle") == [] and _meta(document, "tag") == []


def test_one_spaced_label_is_a_heading_not_a_field() -> None:
    text = f"The Miller's Book\n\n{PROSE}\n\nAuthor\n\nNotes on the hand\n\n{MORE}\n"
    document, _ = parse(text, "essay", "t.txt")
    assert _meta(document, "author") == []
    assert next(b.text for b in document.blocks if isinstance(b, Heading)) == "Author"


def test_a_line_of_names_under_the_title_is_the_authors() -> None:
    assert names_line("Ada Korhonen and Bram Ostler") == ["Ada Korhonen", "Bram Ostler"]
    assert names_line("Ada Korhonen, Bram Ostler & Cy Vale") == [
        "Ada Korhonen",
        "Bram Ostler",
        "Cy Vale",
    ]
    assert names_line("Ada Korhonen") == []
    assert names_line("Rocks and the Limpets on Them") == []
    text = (
        "Shore Papers\nPapers\nData\nAbout\n\nLimpet Density on Three Transects\n\n"
        f"Ada Korhonen and Bram Ostler\n\nFebruary 2026\n\n{PROSE}\n"
    )
    document, _ = parse(text, "essay", "t.txt")
    assert document.title == "Limpet Density on Three Transects"
    assert _meta(document, "author") == ["Ada Korhonen", "Bram Ostler"]


def test_a_one_word_menu_line_is_no_essay_site() -> None:
    text = HEAD.replace("Fenwick Notes", "Fiction")
    document, _ = parse(text, "essay", "t.txt")
    assert document.site is None


def test_title_case_line_above_a_sentence_case_subtitle_only_in_a_block() -> None:
    # the title with nothing of a block under it: the longer line stays the title
    text = f"The Harbour Voice\n\nWhat the grant paid for\n\n{PROSE}\n"
    document, _ = parse(text, "essay", "t.txt")
    assert document.title == "What the grant paid for"


# -- a static site's appendix ------------------------------------------------------------

APPENDIX = f"""Saltings Notes

Why the Samphire Moved

by Greta Hollin

{PROSE}

{MORE}

{PROSE}

Reuse

CC BY 4.0

Citation

BibTeX citation:
@online{{hollin2026,
}}
"""


def test_appendix_with_a_licence_is_removed() -> None:
    document, _ = parse(APPENDIX, "essay", "t.txt")
    assert not [b for b in document.blocks if isinstance(b, Heading)]
    assert {r.reason for r in document.removed if r.line >= 15} == {"site appendix"}


def test_appendix_heading_without_evidence_stays() -> None:
    text = APPENDIX.split("Reuse")[0] + f"Citation\n\n{MORE}\n"
    document, _ = parse(text, "essay", "t.txt")
    assert [b.text for b in document.blocks if isinstance(b, Heading)] == ["Citation"]


def test_appendix_heading_in_the_first_half_stays() -> None:
    body = f"{PROSE}\n\n{MORE}\n\n" * 3
    text = f"Saltings Notes\n\nWhy\n\nReuse\n\nCC BY 4.0\n\n{body}"
    document, _ = parse(text, "essay", "t.txt")
    assert "site appendix" not in {r.reason for r in document.removed}


# -- paragraphs one a line among short lines ---------------------------------------------

#: no date line: a date alone counts as a complete line, and with it the short lines alone
#: would make three in four complete, so the prose lines would not be what is tested
UNWRAPPED = (
    f"Home\nNews\nSport\nFerry to close\nby the desk\n{PROSE}\n{MORE}\n{PROSE}\nTags\nferries\n"
)


def test_prose_lines_each_ending_a_sentence_are_one_a_line() -> None:
    assert line_layout(split_blocks(UNWRAPPED)).per_line
    # two such lines are not enough evidence
    two = UNWRAPPED.replace(f"{MORE}\n", "", 1)
    assert not line_layout(split_blocks(two)).per_line


def test_wrapped_prose_and_blank_lines_keep_the_layout() -> None:
    wrapped = UNWRAPPED.replace(MORE, "A long line of prose that was wrapped in the middle of its")
    assert not line_layout(split_blocks(wrapped)).per_line
    # blank lines between the blocks: the paragraphs are apart already
    spaced = UNWRAPPED.replace("Home\n", "Home\n\n").replace("Sport\n", "Sport\n\n")
    spaced = spaced.replace("Tags\n", "\nTags\n\n")
    assert not line_layout(split_blocks(spaced)).per_line


# -- the audit: an outline opened by the title ---------------------------------------------


def test_no_title_audit_names_the_outline_it_opens() -> None:
    # a head too short for the wiki's head rule to take the title from it
    text = (
        "Page Navigation\nEquipment\nCounting\n\n"
        f"Counting barnacles on a rock face\n\n{PROSE}\n\nEquipment\n\n{MORE}\n\n"
        f"Counting\n\n{PROSE}\n"
    )
    document, diags = parse(text, "wikipedia", "t.txt")
    assert document.title is None
    found = [d.message for d in diags if d.line == 5]
    assert found and "outline of headings read at lines 5-13" in found[0]


# -- edges the rules above must keep (each written against a mutant that survived) ----


def test_unwrapped_prose_needs_few_blank_line_gaps() -> None:
    text = f"Alpha\n\nBeta\n\nGamma\n\nmenu\nhome\n{PROSE}\n{MORE}\n{PROSE}\ntags\nx\ny\nz\n"
    assert not line_layout(split_blocks(text)).per_line


def test_a_labelled_line_under_the_title_is_no_subtitle() -> None:
    text = HEAD.replace("Why a drained parish still remembers its water", "Decision number: 143")
    document, _ = parse(text, "essay", "t.txt")
    assert _meta(document, "subtitle") == []


def test_a_title_case_menu_over_the_title_stays_a_menu() -> None:
    text = f"Home Blog Now Reading Feed\n\nIn praise of the slow bus\n\nMarch 3, 2026\n\n{PROSE}\n"
    document, _ = parse(text, "essay", "t.txt")
    assert document.title == "In praise of the slow bus"
