"""Each named parser pass, run alone on a hand-made state (issue 9 item 4)."""

from __future__ import annotations

import pytest

from sourcebook.model import Epigraph, MetaField, Truncated
from sourcebook.parse.passes import PASSES
from sourcebook.parse.profiles import PROFILES
from sourcebook.parse.state import ParseState
from sourcebook.parse.structure import explain, run_passes


def _state(text: str, kind: str = "blog", *passes: str) -> ParseState:
    state = ParseState(text, "t.txt", PROFILES[kind])  # type: ignore[index]
    for name in ("blocks", *passes):
        PASSES[name](state)
    return state


def test_every_profile_names_only_known_passes_and_ends_with_the_body() -> None:
    for profile in PROFILES.values():
        assert set(profile.passes) <= set(PASSES)
        assert profile.passes[0] == "blocks"
        assert profile.passes[-1] == "truncation"
        # after the body only checks run, which claim no blocks
        after = profile.passes[profile.passes.index("body") + 1 : -1]
        assert set(after) <= {"notes_check"}


def test_layout_reads_lines_as_blocks_only_when_breaks_follow_complete_lines() -> None:
    state = _state("One.\nTwo.\nThree.\nFour.\n", "blog", "layout")
    assert [b.text for b in state.blocks] == ["One.", "Two.", "Three.", "Four."]
    assert [d.code.id for d in state.diags] == ["SB602"]
    wrapped = _state("One two\nthree four\nfive six\nseven.\n", "blog", "layout")
    assert [b.line for b in wrapped.blocks] == [1]
    assert wrapped.diags == []


def test_header_takes_single_lines_in_profile_order() -> None:
    state = _state("Site\n\nTagline\n\nTitle\n\nBody text here.\n", "blog", "header")
    assert state.header == {"site": "Site", "tagline": "Tagline", "title": "Title"}
    assert [b.text for b in state.blocks] == ["Body text here."]


def test_metadata_lines_leave_the_body_and_keep_their_text() -> None:
    text = "Written by Ana Ruiz\n\nPosted in Food, Docks\n\nTagged with a and b\n\nBody.\n"
    state = _state(text, "blog", "metadata")
    assert state.metadata == [
        MetaField("author", "Ana Ruiz", 1),
        MetaField("category", "Food", 3),
        MetaField("category", "Docks", 3),
        MetaField("tag", "a", 5),
        MetaField("tag", "b", 5),
    ]
    assert [r.text for r in state.removed] == text.split("\n\n")[:3]
    assert [b.text for b in state.blocks] == ["Body."]


@pytest.mark.parametrize(("line", "count"), [("with 3 comments", 3), ("with one comment", 1)])
def test_declared_comment_count_from_metadata(line: str, count: int) -> None:
    state = _state(f"Body.\n\n{line}\n", "blog", "metadata", "comment_count")
    assert state.declared_comments == count
    assert [d.code.id for d in state.diags] == ["SB505"]


def test_navbox_removes_the_box_and_keeps_what_follows_in_its_block() -> None:
    text = "Intro.\n\n\nPart of a series on\nCooperatives\nv t e\n  The text starts.\nMore.\n"
    state = _state(text, "wikipedia", "navbox")
    assert [r.line for r in state.removed] == [4, 5, 6]
    first, rest = state.blocks
    assert (first.line, first.blanks_before) == (1, 0)
    assert (rest.line, rest.lines, rest.raw) == (
        7,
        ("The text starts.", "More."),
        ("  The text starts.", "More."),
    )
    assert (rest.indent, rest.blanks_before) == (2, 0)
    whole = _state("Part of a series on\nCooperatives\n\n\nThe text.\n", "wikipedia", "navbox")
    assert [(b.line, b.blanks_before) for b in whole.blocks] == [(5, 2)]


@pytest.mark.parametrize(
    ("item", "is_item"),
    [
        ("One two three four five six", True),
        ("One two three four five six seven", False),
        ("Short.", False),
        ("Why?", False),
        ("Go!", False),
        ("V T E", True),
    ],
)
def test_navbox_items_are_short_unpunctuated_lines(item: str, is_item: bool) -> None:
    state = _state(f"Part of a series on\n{item}\nAfter it.\n", "wikipedia", "navbox")
    assert len(state.removed) == (2 if is_item else 1)


def test_explode_keeps_each_lines_indent_and_the_blank_lines_before_the_block() -> None:
    from sourcebook.parse.blocks import explode, split_blocks

    lines = explode(split_blocks("a\n\n\n  b\n    c\n"))
    assert [(b.line, b.text, b.indent, b.blanks_before, b.raw) for b in lines] == [
        (1, "a", 0, 0, ("a",)),
        (4, "b", 2, 2, ("  b",)),
        (5, "c", 4, 0, ("    c",)),
    ]


def test_journal_header_is_metadata() -> None:
    state = _state("The Review\n\nIssue: 12\n\nAna Ruiz\n\nText.\n", "essay", "journal_header")
    assert [(f.name, f.value) for f in state.metadata] == [
        ("journal", "The Review"),
        ("issue", "12"),
        ("author", "Ana Ruiz"),
    ]
    assert [b.text for b in state.blocks] == ["Text."]


def test_epigraph_takes_the_quote_and_its_attribution() -> None:
    state = _state("“Bread.”\n\n— Ana Ruiz (1950)\n\nText.\n", "essay", "epigraph")
    (epigraph,) = state.front
    assert isinstance(epigraph, Epigraph)
    assert epigraph.attribution is not None
    assert epigraph.attribution.plain == "Ana Ruiz (1950)"
    assert [r.text for r in state.removed] == ["—"]


def test_no_epigraph_without_a_dash_line() -> None:
    state = _state("“Bread.”\n\nAna Ruiz\n\nText.\n", "essay", "epigraph")
    assert state.front == []
    assert len(state.blocks) == 3


def test_truncation_marks_a_cut_off_ending_only() -> None:
    cut = _state("It stopped in the middle of a\n", "essay", "body", "truncation")
    assert cut.end == [Truncated(1)]
    assert [d.code.id for d in cut.diags] == ["SB606"]
    for ending in ("It stopped here.", "It trailed off...", "Short cut"):
        assert _state(ending + "\n", "essay", "body", "truncation").end == []


def test_thread_nests_replies_by_indent() -> None:
    text = (
        "Body.\n\n2 Responses\n\n  1. Top.\n\n    A B\n\n    May 1, 2020 at 1:00 pm\n\n"
        "      • Reply.\n\n        C D\n\n        May 1, 2020 at 2:00 pm\n"
    )
    state = _state(text, "blog", "thread", "comment_count")
    (top,) = state.comments
    assert (top.author, top.depth, top.reply) == ("A B", 0, 0)
    (reply,) = top.replies
    assert (reply.author, reply.depth, reply.reply, reply.number) == ("C D", 1, 1, 1)
    assert reply.date_iso == "2020-05-01T14:00"
    assert state.diags == []


def test_explain_names_a_rule_for_every_block() -> None:
    text = "Site\n\nTag\n\nTitle\n\nPosted in Food\n\nThe Gazette.\n\nIt said so.\n"
    decisions = explain(text, PROFILES["blog"], "t.txt")
    assert [(d.line, d.became) for d in decisions] == [
        (1, "site"),
        (3, "tagline"),
        (5, "title"),
        (7, "removed (post metadata)"),
        (9, "paragraph"),
        (11, "quotation"),
    ]
    assert decisions[-1].rule == "body: in the quotation opened by the outlet line 9"


def test_run_passes_runs_the_profile_in_order() -> None:
    state = run_passes("Title\n\nA claim.[1]\n", PROFILES["wikipedia"], "t.txt")
    assert state.blocks == []
    assert [c.id for c in state.claims] == ["ref-1"]


def test_sentences_are_found_by_offset_including_gaps_and_ends() -> None:
    from sourcebook.parse.sentences import Sentences

    s = Sentences("One. Two. Three.")
    assert [s.containing(i) for i in (0, 3, 4, 5, 8, 9, 10, 15, 16)] == [
        "One.", "One.", "Two.", "Two.", "Two.", "Three.", "Three.", "Three.", "Three.",
    ]  # fmt: skip
    assert s.containing(-1) == ""
    assert Sentences("").containing(0) == ""
    assert Sentences("   ").spans == []


def test_claim_text_skips_spaces_before_the_anchor() -> None:
    from sourcebook.parse.inline import claim_text

    assert claim_text("One.  Two.", 6) == "One."
    assert claim_text("One. Two.", 9) == "Two."
    assert claim_text("x", 1) == "x"
    assert claim_text(" ", 1) == ""
    assert claim_text("Ab. Cd.", 3) == "Ab."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Issue: 7\n\nText.\n", [("issue", "7")]),
        (
            "Vol. 3, Spring\n\nAna Ruiz\n\nText.\n",
            [("issue", "Vol. 3, Spring"), ("author", "Ana Ruiz")],
        ),
        (
            "The Review\n\nIssue 9\n\nA long sentence that is not a name.\n\nText.\n",
            [("journal", "The Review"), ("issue", "9")],
        ),
        ("A sentence here.\n\nIssue: 2\n\nText.\n", [("issue", "2")]),
        (
            "The Review\n\nIssue: 4\n\nBy Ana Ruiz\n\nText.\n",
            [("journal", "The Review"), ("issue", "4"), ("author", "Ana Ruiz")],
        ),
        ("Text.\n\nMore text.\n", []),
    ],
)
def test_journal_header_variants(text: str, expected: list[tuple[str, str]]) -> None:
    state = _state(text, "essay", "journal_header")
    assert [(f.name, f.value) for f in state.metadata] == expected
    assert len(state.blocks) + len(state.removed) == text.count("\n\n") + 1


def test_epigraph_quote_keeps_its_footnote_and_lines() -> None:
    state = _state("“Bread first.”1\n\n- Ana Ruiz2\n\nText.3\n", "essay", "epigraph", "body")
    (epigraph,) = state.front
    assert isinstance(epigraph, Epigraph)
    assert [(c.id, c.line) for c in state.claims] == [("ref-1", 1), ("ref-2", 3), ("ref-3", 5)]
    assert _state("- a dash first\n\nText.\n", "essay", "epigraph").front == []


def test_date_line_needs_a_profile_pattern() -> None:
    state = _state("Published on\n\nText.\n", "essay", "date_line")
    assert state.removed == [] and len(state.blocks) == 2
    empty = _state("", "article", "date_line")
    assert empty.blocks == []


@pytest.mark.parametrize(
    ("lines", "heading"),
    [
        (("One two three four five six seven eight nine ten",), True),
        (("One two three four five six seven eight nine ten eleven",), False),
        (("• Item",), False),
        (("“Quoted",), False),
        (("‘Quoted",), False),
        (("[1] Marker",), False),
        (("Two", "lines"), False),
        (("lower case",), False),
        (("Ends with a colon:",), False),
    ],
)
def test_heading_shape(lines: tuple[str, ...], heading: bool) -> None:
    from sourcebook.parse.blocks import RawBlock
    from sourcebook.parse.rules import is_heading

    assert is_heading(RawBlock(1, lines, lines, 0, 1)) is heading


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Ana Ruiz", True),
        ("Ana Ruiz.", False),
        ("Ann St.Clair", False),
        ("J. Smith", True),
        ("the end", False),
        ("Dr Ana Ruiz", True),
    ],
)
def test_author_line_shape(text: str, author: bool) -> None:
    from sourcebook.parse.rules import is_author_line

    assert is_author_line(text) is author


def test_removed_blocks_keep_their_raw_lines() -> None:
    from sourcebook.parse.blocks import RawBlock

    state = ParseState("", "t.txt", PROFILES["blog"])
    state.remove(RawBlock(3, ("a", "b"), (" a", "b "), 1, 0), "why", "rule")
    assert (state.removed[0].line, state.removed[0].text) == (3, " a\nb ")
    assert (state.decisions[0].line, state.decisions[0].became) == (3, "removed (why)")


def test_a_bio_is_looked_for_in_the_first_three_blocks_only() -> None:
    near = _state("A.\n\nB.\n\nAna Ruiz is a baker.\n\nC.\n", "article", "bio")
    assert near.author == "Ana Ruiz"
    far = _state("A.\n\nB.\n\nC.\n\nAna Ruiz is a baker.\n", "article", "bio")
    assert far.author is None


def test_a_line_of_other_blanks_only_separates_blocks() -> None:
    # an em space or an ideographic space alone on a line is a blank line, as it is to
    # the structure hints' check; a line that holds text after such a space is text
    from sourcebook.parse.blocks import split_blocks

    blocks = split_blocks("One.\n\u2003\nTwo.\n\u3000 \nThree.\n\u2003Four.\n")
    assert [(b.line, b.text) for b in blocks] == [
        (1, "One."),
        (3, "Two."),
        (5, "Three. \u2003Four."),
    ]
