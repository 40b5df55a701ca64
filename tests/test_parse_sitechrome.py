"""The held7 rules (issue 19): app heads, arrow-ended notes, name-then-date threads,
summary points, signature blocks, year headings; each with the case that must stay."""

from __future__ import annotations

from sourcebook.parse import parse
from sourcebook.parse.bareitems import summary_points
from sourcebook.parse.blocks import RawBlock, line_layout, split_blocks
from sourcebook.parse.rules import is_heading
from sourcebook.parse.signature import _run, _signed


def _line(n: int, text: str) -> RawBlock:
    return RawBlock(n, (text,), (text,), 0, 0)


def _model(text: str, kind: str = "wikipedia") -> object:
    document, _ = parse(text, kind, "t.txt")  # type: ignore[arg-type]
    return document


def test_summary_points_need_three_long_unpunctuated_lines_in_a_row() -> None:
    point = "Point {} of the summary box stands right here"
    run = [_line(n, point.format(n)) for n in (3, 4, 5)]
    assert summary_points(run, 0) == 3
    assert summary_points(run[:2], 0) == 0
    apart = [run[0], run[1], _line(7, point.format(7))]  # a gap of a line: no run
    assert summary_points(apart, 0) == 0
    short = [_line(n, "Two words") for n in (3, 4, 5)]
    assert summary_points(short, 0) == 0
    ended = [_line(n, point.format(n) + ".[1]") for n in (3, 4, 5)]
    assert summary_points(ended, 0) == 0
    long = [_line(n, " ".join(["word"] * 26).capitalize()) for n in (3, 4, 5)]
    assert summary_points(long, 0) == 0
    lower = [_line(n, point.format(n).lower()) for n in (3, 4, 5)]
    assert summary_points(lower, 0) == 0


def test_a_signature_block_opens_with_a_date_or_closes_with_a_postcode() -> None:
    assert _signed(["Dated: 3 March 2026", "Ada Pell"])
    assert _signed(["Ada Pell", "Town Hall, Harrowby HB2 4QT"])
    assert not _signed(["Dated: 3 March 2026"])  # one line is no block
    # a bare name over a post is a signature too; over any other short line it is not
    assert _signed(["Ada Pell", "Head of Streets"])
    assert _signed(["Ada Pell", "Town Clerk", "Harrowby", "14 April 2026"])
    assert not _signed(["Ada Pell", "Mill Road"])
    assert not _signed(["Head of Streets", "Ada Pell"])  # the name comes first


def test_a_signature_run_ends_at_the_address_and_before_a_heading() -> None:
    prose = _line(16, "The bus will use the stop on Mill Road during all of the works.")
    lines = [
        _line(12, "Dated: 3 March 2026"),
        _line(13, "Ada Pell"),
        _line(14, "Town Hall, Harrowby HB2 4QT"),
        _line(15, "Buses during the works"),
        prose,
    ]
    assert _run(lines, 0) == 3
    no_address = [lines[0], lines[1], lines[3], prose]
    assert _run(no_address, 0) == 2  # "Buses during the works" heads the paragraph


def test_year_headings_and_years_opening_sentences() -> None:
    assert is_heading(_line(1, "1998 to 2008"))
    assert is_heading(_line(1, "2017 onwards"))
    assert is_heading(_line(1, "1920s"))
    assert not is_heading(_line(1, "2023 was dry"))
    assert not is_heading(_line(1, "12 to 14"))
    assert is_heading(_line(1, "Rest centre 'full but coping'"))
    assert not is_heading(_line(1, "He said it was 'fine.'"))


def test_a_date_or_time_alone_counts_as_a_complete_line() -> None:
    text = "Site\n11 February 2026\n14:32\n(AVP) - text\nAnother line.\n"
    assert line_layout(split_blocks(text)).complete_breaks == 2  # the date and the time
    bare = "Site\n128\n3\nlisten\nAnother line.\n"
    assert line_layout(split_blocks(bare)).complete_breaks == 0  # bare counts are not


_WIKI = """Pell Wiki
Search
Books
Log in
Guides
Mending nets on the quay
Skip to end of metadata
Created by Ada Pell, last modified by Ivo Marr on Jan 3, 2026
Nets are mended on the quay in the afternoon, when the boats are in and the light is good.
Knots
The sheet bend is used for every repair, because it holds in wet twine.
Footnotes
The quay is lit until nine. ↩
The twine is tarred. ↩
2 Comments
Ivo Marr
I have added the knot diagram to the attachments.
Jan 4, 2026
Permalink
Ada Pell
Thank you, that helps.
Jan 5, 2026
Permalink
"""


def test_a_wiki_app_page_title_credit_notes_and_thread() -> None:
    document = _model(_WIKI)
    assert document.title == "Mending nets on the quay"  # type: ignore[attr-defined]
    fields = {(f.name, f.value) for f in document.metadata}  # type: ignore[attr-defined]
    assert ("author", "Ada Pell") in fields and ("date", "Jan 3, 2026") in fields
    notes = [(f.label, f.text) for f in document.footnotes]  # type: ignore[attr-defined]
    assert notes == [("1", "The quay is lit until nine."), ("2", "The twine is tarred.")]
    comments = document.comments  # type: ignore[attr-defined]
    assert [c.author for c in comments] == ["Ivo Marr", "Ada Pell"]
    assert [c.date_text for c in comments] == ["Jan 4, 2026", "Jan 5, 2026"]


def test_a_short_head_is_left_to_the_header_pass() -> None:
    document = _model(
        "Pell Wiki\nMending nets\nNets are mended on the quay in the long afternoon.\n"
    )
    assert document.title != "Mending nets"  # type: ignore[attr-defined]


def test_one_arrow_line_without_a_heading_stays_text() -> None:
    text = "Pell Wiki\n\nThe path is marked with an arrow ↩\n\nIt runs to the quay.\n"
    assert _model(text).footnotes == ()  # type: ignore[attr-defined]
