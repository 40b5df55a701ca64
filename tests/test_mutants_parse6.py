"""Tests written against survivors of the sample of last session's parse/ modules
(``tools/mutation/parse-new-modules-e62ae7d.json``: titleblock, appendix, twicetitle,
linkednotes, apphead, arrownotes, namedthread, bareitems, signature, vocabulary): each
pins a behaviour one of them broke, on a small invented text."""

from __future__ import annotations

from sourcebook.inputs.hints import StructureHints
from sourcebook.model import Document, Heading, Paragraph
from sourcebook.parse import parse
from tests.test_parse_notesite import ONE, PLAIN
from tests.test_parse_sitechrome import _WIKI
from tests.test_parse_titleblock import HEAD, MORE, PROSE


def _meta(document: Document, name: str) -> list[tuple[str, int]]:
    return [(f.value, f.line) for f in document.metadata if f.name == name]


def _removed(document: Document) -> dict[int, str]:
    return {r.line: r.reason for r in document.removed}


# -- apphead: a news page's long head, its title printed first ---------------------------

_SECTIONS = (
    *("Harbour", "Weather", "Farming", "Schools", "Letters", "Obituaries"),
    *("Ferries", "Tides", "Markets", "Clubs", "Courts"),
)
_STORY = (
    "The council said on Monday that the repairs to the harbour wall will start in March.",
    "The contractor has already moved its cranes to the quay, and the car park will close.",
)


def _news(site: str) -> str:
    head = [
        site,
        *_SECTIONS,
        "Harbour wall repairs to start next month after storm",
        "Work on the damaged wall will take six weeks",
        "14 February 2026",
    ]
    return "\n\n".join([*head, *_STORY]) + "\n"


def test_a_news_head_gives_its_first_long_line_as_the_title_and_its_top_as_the_site() -> None:
    # apphead._title_at_37, _42 and _site_20: the "first" kind reads the headline, the
    # line above the menus is the site's name, every line between is the site's menu
    document, diagnostics = parse(_news("Dunmore Gazette"), "article", "t.txt")
    assert document.title == "Harbour wall repairs to start next month after storm"
    assert document.site == "Dunmore Gazette"
    removed = _removed(document)
    assert removed[1] == "site name"
    assert all(removed[line] == "site menu" for line in range(3, 3 + 2 * len(_SECTIONS), 2))
    # the title is a guess (printed once): reported with the hint that overrides it
    assert any("as the title from its place among" in d.message for d in diagnostics)
    # the standfirst under it is not the title; the story stays text
    assert isinstance(document.blocks[0], Paragraph)


def test_a_long_site_name_on_the_first_line_is_not_the_news_title() -> None:
    # the first line names the site even when it has the headline's length
    document, _ = parse(_news("The Dunmore and District Weekly Gazette"), "article", "t.txt")
    assert document.title == "Harbour wall repairs to start next month after storm"
    assert document.site == "The Dunmore and District Weekly Gazette"


# -- apphead: a wiki prints its title last, right on the text -----------------------------

_BOOK_WIKI = """Marsh Rangers Wiki
Search
Shelves
Books
Log in

Books
Ranger Handbook
Patrols
Sluices

Book Navigation
Welcome
Patrols
Sluices
Fences

Page Navigation
Opening a sluice
Closing a sluice

Sluices

Each sluice on the marsh is opened by hand from the bank, and the ranger writes the time down.

Opening a sluice

Turn the wheel anticlockwise until the gate stands a hand's width above the water.
"""


def test_a_one_word_wiki_title_is_taken_from_the_last_line_of_the_head() -> None:
    # apphead._title_at_22: a title of one word is a title
    document, _ = parse(_BOOK_WIKI, "wikipedia", "t.txt")
    assert document.title == "Sluices"
    removed = _removed(document)
    # the page navigation above the title is the app's, not the text's
    assert [removed.get(line) for line in (18, 19, 20)] == ["site menu"] * 3
    assert not any(isinstance(b, Paragraph) and b.line == 18 for b in document.blocks)


# -- namedthread: NAME / text / DATE units after a count line ------------------------------

#: the wiki page of test_parse_sitechrome, up to its notes (lines 1-11)
_WIKI_PAGE = _WIKI.split("Footnotes\n")[0]


def _thread(lines: str) -> tuple[Document, list[str]]:
    document, diagnostics = parse(_WIKI_PAGE + lines, "wikipedia", "t.txt")
    return document, [d.message for d in diagnostics]


def test_a_no_comments_line_over_a_comment_reads_it_and_reports_the_count() -> None:
    # namedthread._number_3: "No" declares zero comments
    document, messages = _thread(
        "No comments\nIvo Marr\nI have added the knot diagram to the attachments.\n"
        "Jan 4, 2026\nPermalink\n"
    )
    assert [(c.author, c.date_text) for c in document.comments] == [("Ivo Marr", "Jan 4, 2026")]
    assert any(m.startswith("the page declares 0 comments; 1 read") for m in messages)
    # namedthread.named_thread_49: the thread starts under the count line; the page's
    # last paragraph above it stays text
    assert 10 in [b.line for b in document.blocks]
    assert not any("between the comment-count line" in m for m in messages)


def test_a_name_right_above_a_date_is_no_comment() -> None:
    # namedthread._unit_19: a comment has text between its name and its date
    document, _ = _thread(
        "2 Comments\nIvo Marr\nJan 4, 2026\nAda Pell\nThank you, that helps.\nJan 5, 2026\n"
    )
    assert document.comments == ()
    assert not any(r.reason.startswith(("comment", "thread")) for r in document.removed)


def test_a_comment_with_no_closing_date_is_no_comment() -> None:
    # namedthread._unit_19: the unit's date closes it; the text's end does not
    document, _ = _thread(
        "1 Comment\nIvo Marr\nI have added the knot diagram to the attachments.\n"
    )
    assert document.comments == ()
    assert 12 not in _removed(document)


# -- signature: a notice's closing block -------------------------------------------------

_NOTICE = """Dunmore Town Council
Notice of a traffic order
The council intends to make an order closing Quay Lane to vehicles from 1 April 2026.
The lane will stay closed while the harbour wall is repaired.
Objections may be sent in writing to the clerk before 20 March 2026.
Ada Pell
Clerk to the Council
Town Hall, Quay Street, Dunmore DN4 7QT
"""


def test_a_three_line_signature_closing_with_a_postcode_is_one_block() -> None:
    # signature._signed_10: the postcode is looked for on the run's last line
    document, _ = parse(_NOTICE, "article", "t.txt")
    assert not any(isinstance(b, Heading) for b in document.blocks)
    text = _text_at(document, 6)
    assert text.startswith("Ada Pell") and "Clerk to the Council" in text and "DN4 7QT" in text


def test_a_short_run_without_a_date_or_a_postcode_stays_as_it_was() -> None:
    # no post under the name either ("Clerk to the Council" is one: a name over a post is a
    # signature by itself), so only a date or a postcode could close the run
    text = _NOTICE.replace("Town Hall, Quay Street, Dunmore DN4 7QT", "Town Hall")
    text = text.replace("Clerk to the Council", "Quay Lane Works")
    document, _ = parse(text, "article", "t.txt")
    assert "Quay Lane Works" not in _text_at(document, 6)


def _text_at(document: Document, line: int) -> str:
    block = next((b for b in document.blocks if b.line == line), None)
    if isinstance(block, Heading):
        return block.text
    inlines = block.inlines if isinstance(block, Paragraph) else ()
    return " ".join(getattr(i, "text", "") for i in inlines)


# -- titleblock: the head under an essay's title ------------------------------------------

_PROSE = (
    "A parish that lost its fen long ago still keeps the fen\n"
    "in its field names and ditches, and the drains are named\n"
    "on the enclosure map of 1811 that hangs in the church."
)
_MORE = (
    "Half of the drains on that map still run to the river,\n"
    "though the mills they once fed have been gone a century."
)
#: the title block of test_parse_titleblock over wrapped prose (no line-a-block layout)
_ESSAY = HEAD.replace(PROSE, _PROSE).replace(MORE, _MORE)


def test_tags_one_a_line_in_one_block_keep_each_its_own_line() -> None:
    # titleblock._meta_10: a value's line is the block's line plus its offset
    document, _ = parse(_ESSAY, "essay", "t.txt", StructureHints(title_line=6))
    assert document.title == "On Counting Ditches"
    assert _meta(document, "tag") == [("wetlands", 10), ("old maps", 11)]


def test_a_line_of_names_is_no_authors_when_the_head_gave_the_author() -> None:
    # titleblock._read_8: the authors line counts only when no author was found
    text = _ESSAY.replace("Why a drained parish still remembers its water", "Dora Penn and Cy Vale")
    document, _ = parse(text, "essay", "t.txt")
    assert document.title == "On Counting Ditches"
    assert [value for value, _ in _meta(document, "author")] == ["Ivo Marsh"]
    # without the labelled author the same line is the authors
    bare = text.replace("Author\n\nIvo Marsh\n\n", "")
    authors = [value for value, _ in _meta(parse(bare, "essay", "t.txt")[0], "author")]
    assert authors == ["Dora Penn", "Cy Vale"]


# -- twicetitle: a note's title printed twice in a row ------------------------------------


_TWICE = f"On mending nets\n\nOn mending nets\n\n{ONE}\n\n{PLAIN}\n\n{PLAIN}\n"


def test_a_breadcrumb_right_under_the_site_name_is_the_title_printed_again() -> None:
    # twicetitle.twice_title_100: the line printed first is chrome even when only the
    # site's name stands above it
    text = f"Commonplace of Ida Wren\n\n{_TWICE}"
    document, _ = parse(text, "essay", "t.txt")
    assert document.title == "On mending nets"
    assert document.site == "Commonplace of Ida Wren"
    assert [_removed(document).get(line) for line in (1, 3)] == [
        "site name",
        "title printed again",
    ]
    # with nothing above the two lines, the first is the site's menu, not its name
    document, _ = parse(_TWICE, "essay", "t.txt")
    assert document.title == "On mending nets" and document.site is None
    assert _removed(document).get(1) == "site menu"


def test_a_kept_line_of_the_title_block_stays_and_the_lines_under_it_are_read() -> None:
    # titleblock.title_block_28: a kept line is passed over, not the end of the block
    document, _ = parse(HEAD, "essay", "t.txt", StructureHints(title_line=6, keep=((8, 8),)))
    assert document.title == "On Counting Ditches"
    assert _meta(document, "subtitle") == []
    assert 8 in [b.line for b in document.blocks]
    assert _meta(document, "tag") == [("wetlands", 10), ("old maps", 11)]


_ONE_BLOCK_HEAD = """Marsh Rangers Wiki and Handbook
Search the handbook and the logs
Shelves of the ranger handbook
Ranger Handbook / Patrols / Sluices
Patrol Rounds on the Western Marsh
Opening the sluices at high water

Each sluice on the marsh is opened by hand from the bank, and the ranger on duty
writes the time in the log before walking on to the next gate on the round.

The gates are closed again on the ebb, in the same order, and the log is signed
by the second ranger of the shift when the last gate is shut.
"""


def test_a_wiki_head_printed_as_one_block_gives_its_last_line_as_the_title() -> None:
    # apphead._head_15: the head may be a single block of lines above the text
    document, _ = parse(_ONE_BLOCK_HEAD, "wikipedia", "t.txt")
    assert document.title == "Opening the sluices at high water"
    # the bar's Title-Case name printed once is the site's; the rest of the head is menu
    assert document.site == "Marsh Rangers Wiki and Handbook"
    assert [_removed(document).get(line) for line in range(1, 6)] == ["site name"] + [
        "site menu"
    ] * 4
    assert [b.line for b in document.blocks][:1] == [8]


# -- arrownotes: only a notes heading goes with the notes ---------------------------------


def test_a_notes_heading_with_a_label_after_it_stays_above_the_arrow_notes() -> None:
    # arrownotes.arrow_notes_12: the heading is the line's whole text (less spaces and
    # a colon); "Footnotes X" or "Footnotes B" names something else and stays
    for label in ("X", "B", "1"):
        text = _WIKI.replace("Footnotes\n", f"Footnotes {label}\n")
        document, _ = parse(text, "wikipedia", "t.txt")
        assert [f.text for f in document.footnotes] == [
            "The quay is lit until nine.",
            "The twine is tarred.",
        ]
        assert _removed(document).get(12) is None
    document, _ = parse(_WIKI.replace("Footnotes\n", "Footnotes:\n"), "wikipedia", "t.txt")
    assert _removed(document).get(12) == "notes heading"
