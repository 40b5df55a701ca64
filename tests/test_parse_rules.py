"""One test per parsing rule, each with negative cases that must not change."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sourcebook.core.text import clean_line
from sourcebook.model import Anchor, BlockQuote, Comment, Heading, ListBlock, LostHeading, Paragraph
from sourcebook.parse import parse
from sourcebook.parse.blocks import split_blocks


def _paragraphs(blocks: tuple[object, ...]) -> list[Paragraph]:
    return [b for b in blocks if isinstance(b, Paragraph)]


def test_wikipedia_leading_markers_close_the_previous_paragraph() -> None:
    text = (
        "Some Org\n\nFirst claim here. Second claim ends.\n\n"
        "[3][citation needed] Next paragraph opens.\n\nIt links to X,[9] and Y.\n"
    )
    doc, diags = parse(text, "wikipedia", "t.txt")
    assert diags == []
    first, second, third = _paragraphs(doc.blocks)
    assert isinstance(first.inlines[-1], Anchor) and first.inlines[-1].markers == ("3",)
    assert second.plain == "Next paragraph opens."
    claims = {c.id: c for c in doc.claims}
    assert claims["ref-3"].text == "Second claim ends."
    assert claims["ref-3"].flags == ("citation needed",)
    # an inline marker stays inline and supports its whole sentence
    assert third.plain == "It links to X, and Y."
    assert claims["ref-9"].text == "It links to X, and Y."


def test_marker_with_nothing_before_it_is_an_error() -> None:
    _, diags = parse("Title\n\n[1] Opening words.\n", "wikipedia", "t.txt")
    assert [d.code.id for d in diags] == ["SB107"]


def test_unclosed_marker_is_an_error() -> None:
    _, diags = parse("Title\n\nA claim.[12 and more.\n", "wikipedia", "t.txt")
    assert [(d.code.id, d.line) for d in diags] == [("SB106", 3)]


def test_editorial_brackets_are_text() -> None:
    doc, _ = parse(
        "Title\n\nHe said “[T]he [Socialist]’s ideal [which] is [their] own.”\n",
        "wikipedia",
        "t.txt",
    )
    assert doc.claims == ()
    assert "[T]he [Socialist]’s" in _paragraphs(doc.blocks)[0].plain


def test_glued_footnotes_follow_their_sequence_and_skip_years() -> None:
    text = (
        "Opening words before the first note.1\n\n"
        "In 1864 and in ’68 they paid $15 for COVID19 tests, said “rule”.2\n\n"
        "A closing remark, then a quote’3\n"
    )
    doc, _ = parse(text, "essay", "t.txt")
    assert [c.markers for c in doc.claims] == [("1",), ("2",), ("3",)]
    plains = " ".join(p.plain for p in _paragraphs(doc.blocks))
    for kept in ("1864", "’68", "$15", "COVID19"):
        assert kept in plains
    assert "note.1" not in plains and "rule”.2" not in plains


def test_out_of_sequence_numbers_stay_text() -> None:
    doc, _ = parse("They were 5 or maybe 7\n\nA note here.1 Then issue 3\n", "essay", "t.txt")
    assert [c.markers for c in doc.claims] == [("1",)]


def test_headings_quotes_and_bio_in_an_article() -> None:
    text = (
        "Site Name\n\nThe Title\n\nPublished on\n\nJane Roe is a writer.\n\n"
        "Opening paragraph of text.\n\nA Section Heading\n\n"
        "As she wrote:\n\nQuoted passage that is long enough to stand alone.\n\n"
        "“A whole quoted paragraph.” (Some Book)\n\nLatest articles\n\nTeaser One\n"
    )
    doc, _ = parse(text, "article", "t.txt")
    assert (doc.site, doc.title, doc.author) == ("Site Name", "The Title", "Jane Roe")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Heading", "Paragraph", "BlockQuote"]
    assert len(next(b for b in doc.blocks if isinstance(b, BlockQuote)).paragraphs) == 2
    assert [r.reason for r in doc.removed] == ["empty date line", "sidebar", "sidebar"]


def test_sentences_and_questions_are_not_headings() -> None:
    doc, _ = parse(
        "Site\n\nTitle\n\nThis ends with a period.\n\nMore text follows.\n", "article", "t.txt"
    )
    assert not any(isinstance(b, Heading) for b in doc.blocks)


def test_essay_lost_heading_and_signature() -> None:
    text = (
        "Intro text.\n\nNamed Section\n\nBody text.\n\n\n\nAfter a gap.\n\n"
        "Ann Lee\n\nAnn Lee is a researcher.\n"
    )
    doc, _ = parse(text, "essay", "t.txt")
    assert any(isinstance(b, LostHeading) for b in doc.blocks)
    assert doc.author == "Ann Lee" and doc.bio == "Ann Lee is a researcher."


def test_blog_comments_lists_and_boilerplate() -> None:
    text = (
        "My Blog\n\nA tagline\n\nPost Title\n\nwith 3 comments\n\nThe post text.\n\n"
        "• one\n\n• two\n\n3 Responses\n\nSubscribe to comments with RSS.\n\n"
        "  1. First body [1].\n\n    Steps:\n\n    a. do this\n\n    b. do that\n\n"
        "    [1] https://example.org/x\n\n    Jo Bloggs\n\n    May 1, 2020 at 3:05 pm\n\n"
        "  2. Anonymous thought.\n\n    May 2, 2020 at 11:00 am\n\n"
        "Leave a Reply\n\nConnecting to %s\n"
    )
    doc, diags = parse(text, "blog", "t.txt")
    assert [d.code.id for d in diags] == ["SB505"]  # 3 declared, 2 present
    comments = [b for b in doc.blocks if isinstance(b, Comment)]
    assert [(c.number, c.author, c.date_iso) for c in comments] == [
        (1, "Jo Bloggs", "2020-05-01T15:05"),
        (2, None, "2020-05-02T11:00"),
    ]
    lists = [b for b in comments[0].blocks if isinstance(b, ListBlock)]
    assert lists[0].style == "lower-alpha" and lists[0].labels == ("a.", "b.")
    bullets = [b for b in doc.blocks if isinstance(b, ListBlock)]
    assert bullets[0].labels == ("•", "•")
    assert [(f.label, f.text) for f in doc.footnotes] == [("1.1", "https://example.org/x")]
    assert [c.markers for c in doc.claims] == [("1.1",)]
    assert {r.reason for r in doc.removed} >= {
        "comment count",
        "feed link",
        "comment form",
        "thread header",
    }


def _clean_line_by_definition(line: str) -> str:
    """The per-line fix spelt out step by step: trailing blanks dropped, every run of
    blanks holding a space or tab (or of no-break spaces only) made one space, both
    ends stripped."""
    ends = " \t\u00a0\u2009\u200a\u202f"
    runs = re.sub(r"[ \t\u00a0]*[ \t][ \t\u00a0]*|\u00a0{2,}", " ", line.rstrip(ends))
    return runs.strip(ends)


@given(st.text(alphabet=" \t\u00a0\u2009\u200a\u202fab\n", max_size=40))
def test_split_blocks_cleans_each_line_by_definition(text: str) -> None:
    """clean_line strips first and collapses once; split_blocks cleans every line once."""
    for raw in text.split("\n"):
        assert clean_line(raw) == _clean_line_by_definition(raw)
    for block in split_blocks(text):
        assert block.lines == tuple(_clean_line_by_definition(raw) for raw in block.raw)
    kept = [line for line in map(_clean_line_by_definition, text.split("\n")) if line]
    assert [line for block in split_blocks(text) for line in block.lines] == kept
