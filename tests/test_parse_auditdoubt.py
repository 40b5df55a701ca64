"""The page's doubts about its own head fields (parse/auditdoubt.py) and the lists a
lead-in opens (parse/listmarks.py, parse/leadlist.py), at their edges.

The fixtures ``blog/doubt-*``, ``essay/doubt-*``, ``blog/lead-in-numbered-*`` and
``article/lead-in-semicolon-*`` show each on a whole text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

from sourcebook.model import Kind, MetaField
from sourcebook.parse import parse
from sourcebook.parse.auditdoubt import (
    date_title,
    dated,
    dated_masthead,
    glued_bio,
    head_heading,
    marks_left,
    names_title,
    quoted_post,
    record_opening,
    title_below,
)
from sourcebook.parse.auditpage import Finding, Page
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.leadlist import lead_in_items
from sourcebook.parse.listmarks import item_style, numbered_run

Check = Callable[[Page], Iterator[Finding]]
TEXT = "I counted every bird I could name between two stations, and wrote the number down.\n"


def _page(text: str, keep: frozenset[int] = frozenset(), **fields: object) -> Page:
    document, _ = parse(text, "blog", "t.txt")
    return Page.of(dataclasses.replace(document, **fields), text, set(keep))  # type: ignore[arg-type]


def _date_title(above: str, keep: frozenset[int] = frozenset()) -> list[tuple[int, str]]:
    text = f"Birds from trains\n\n{above}\nJun 3\n\n{TEXT}"
    return [(f.line, f.message) for f in date_title(_page(text, keep, title="Jun 3"))]


def test_a_date_title_is_reported_with_the_name_line_above_it() -> None:
    [(line, message)] = _date_title("Ysolde_Marrin")
    assert line == 4 and "lines 3-4" in message and "'title_line'" in message
    assert "lines 3-4" in _date_title("Ysolde of Marrin")[0][1]  # three words: a name


def test_a_date_title_names_no_line_above_that_is_no_name() -> None:
    for above in ("Ysolde of the Marrins", "Ysolde Marrin wrote.", "by Ysolde Marrin"):
        [(line, message)] = _date_title(above)
        assert line == 4 and "lines 3-4" not in message


def test_a_title_that_is_no_date_or_a_kept_line_is_quiet() -> None:
    assert _date_title("Ysolde_Marrin", frozenset({4})) == []
    text = f"Birds from trains\n\n{TEXT}"
    assert list(date_title(_page(text, title="Birds from trains"))) == []
    assert list(date_title(_page(text, title=None))) == []
    assert list(date_title(_page(text, title="June 2024 in the hide"))) == []


def test_a_date_is_a_date_or_a_row_item_that_is_one() -> None:
    assert dated("Jun 3") and dated("Issue 9 · June 2024") and dated("Vol. 2 | March 2023")
    assert not dated("Issue 9 · Summer") and not dated("Notes from the river")


def _masthead(site: str | None, tagline: str | None, **fields: object) -> list[str]:
    text = f"{site or 'Quorumly'}\n{tagline or 'Notes'}\n\nBirds from trains\n\n{TEXT}"
    page = _page(text, site=site, tagline=tagline, **fields)
    return [f"{f.line} {f.message}" for f in dated_masthead(page)]


def test_a_dated_tagline_or_site_name_is_reported_on_a_page_with_no_date() -> None:
    [tagline] = _masthead("Quorumly", "Issue 9 · June 2024")
    assert tagline.startswith("2 the tagline read at line 2 holds a date")
    [site] = _masthead("June 2024", "Notes")
    assert site.startswith("1 the site name read at line 1")


def test_a_dated_masthead_is_quiet_with_a_date_field_undated_or_kept() -> None:
    date = (MetaField("date", "3 June 2024", 9),)
    assert _masthead("Quorumly", "Issue 9 · June 2024", metadata=date) == []
    assert _masthead("Quorumly", "Notes from the river") == []
    assert _masthead(None, None) == []
    text = f"Quorumly\nIssue 9 · June 2024\n\nBirds\n\n{TEXT}"
    assert list(dated_masthead(_page(text, frozenset({2}), tagline="Issue 9 · June 2024"))) == []


def _head_heading(text: str, keep: frozenset[int] = frozenset()) -> list[int]:
    document, _ = parse(text, "essay", "t.txt")
    return [f.line for f in head_heading(Page.of(document, text, set(keep)))]


FIXTURES = Path(__file__).parent / "fixtures/normalise/essay"
HEADED = (FIXTURES / "doubt-head-heading.txt").read_text(encoding="utf-8")


def test_a_first_heading_over_a_head_line_is_reported() -> None:
    assert _head_heading(HEADED) == [3]


def test_a_first_heading_over_its_text_or_kept_is_quiet() -> None:
    assert _head_heading("Kettle notes\n\nBackground\n\n" + TEXT) == []
    assert _head_heading(HEADED, frozenset({3})) == []
    assert _head_heading("Kettle notes\n\n" + TEXT) == []
    running = HEADED.replace("Planted 2 May", "The kettle was planted on my shelf on 2 May.\n")
    assert _head_heading(running) == []


def _block(*lines: str) -> RawBlock:
    return RawBlock(5, lines, lines, 0, 1)


def test_numbered_lines_after_a_lead_in_are_a_decimal_list() -> None:
    assert numbered_run(_block("1. By the pond", "2. At the gate"), "The places were:")
    assert numbered_run(_block("1) By the pond", "2) At the gate"), "Places:  ")
    blocks = [_block("The places were:"), _block("1. By the pond", "2. At the gate")]
    style = item_style(blocks, 1)
    assert style is not None and style[1] == "decimal"
    assert item_style(blocks, 0) is None


def test_numbered_lines_need_a_lead_in_two_items_and_numbers_from_one() -> None:
    assert not numbered_run(_block("1. By the pond", "2. At the gate"), "The places.")
    assert not numbered_run(_block("1. By the pond"), "The places were:")
    assert not numbered_run(_block("2. By the pond", "3. At the gate"), "Places:")
    assert not numbered_run(_block("1. By the pond", "At the gate"), "Places:")
    assert not numbered_run(_block("1.By the pond", "2.At the gate"), "Places:")
    blocks = [_block("Places:"), _block("• By the pond"), _block("a. At the gate")]
    assert [item_style(blocks, i)[1] for i in (1, 2)] == ["bullet", "lower-alpha"]  # type: ignore[index]


def _lead(*items: str) -> bool:
    return lead_in_items(_block("The panel had to decide:", *items))


def test_a_formal_series_after_a_lead_in_is_a_list() -> None:
    assert _lead("whether it was late;", "whether it was sublet; and", "whether it paid.")
    assert _lead("whether it was late;", "whether it was sublet; or", "whether it paid.")
    long = "whether " + "the tenant " * 19 + "paid;"  # 40 words
    assert _lead(long, "whether it was sublet;", "whether it paid.")


def test_a_series_needs_its_marks_lower_case_one_sentence_and_no_code() -> None:
    assert not _lead("whether it was late;", "whether it was sublet;", "whether it paid")
    assert not _lead("whether it was late.", "whether it was sublet;", "whether it paid.")
    assert not _lead("Whether it was late;", "whether it was sublet;", "whether it paid.")
    assert not _lead("it was late. It rained;", "whether it was sublet;", "whether it paid.")
    assert not _lead("x = 1;", "y = 2;", "z = 3.")
    long = "whether " + "the tenant " * 20 + "paid;"  # 41 words
    assert not _lead(long, "whether it was sublet;", "whether it paid.")
    assert not _lead("whether it was late;", "whether it paid.")  # two items


def _record(first: str, second: str, keep: frozenset[int] = frozenset()) -> list[str]:
    text = f"Entry 41: at the quay\n\n{first}\n{second}\n\n{TEXT}"
    document, _ = parse(text, "essay", "t.txt")
    return [f"{f.line} {f.message}" for f in record_opening(Page.of(document, text, set(keep)))]


def test_a_body_opening_with_labelled_and_dated_lines_is_reported() -> None:
    label = "Original: kept with the family papers, in the third of the bound volumes."
    [finding] = _record(label, "Transcribed by Mira Toft. Last checked 12 October 2026.")
    assert finding.startswith("3 ") and "lines 3-4" in finding and "'body_start' to 5" in finding
    assert _record("Note on source: in the archive.", label + " 2 May 2024.")  # 3 words
    assert _record("Note on the source: in the archive.", label + " 2 May 2024.") == []


def test_a_record_needs_both_kinds_on_every_line_and_is_quiet_when_kept() -> None:
    label = "Original: kept with the family papers, in the third of the bound volumes."
    dated_line = "Transcribed by Mira Toft. Last checked 12 October 2026."
    assert _record(label, "Transcribed by Mira Toft, who read it twice.") == []
    assert _record(dated_line, "Checked again on 3 November 2026 by the editor.") == []
    assert _record(label, dated_line, frozenset({3})) == []
    assert _record("the original: kept with the family papers.", dated_line) == []


def _marks(text: str, keep: frozenset[int] = frozenset()) -> list[str]:
    document, _ = parse(text, "wikipedia", "t.txt")
    return [f"{f.line} {f.message}" for f in marks_left(Page.of(document, text, set(keep)))]


MARKS = "Tallow Cut\n\nThe cut was dug by Bartholomew Quill in 1791.[1] It carried peat."


def test_a_run_of_marks_mixing_a_number_and_a_letter_is_reported() -> None:
    [finding] = _marks(MARKS.replace("[1]", "[2][b]") + "\n")
    assert finding.startswith("3 reference marks kept as text ('[2][b]')")
    assert _marks(MARKS.replace("[1]", "[b][2]") + "\n")
    assert _marks(MARKS.replace("[1]", "[2][note 3]") + "\n") == []  # a space: a flag's form


def test_plain_numbers_loose_letters_and_kept_lines_are_quiet() -> None:
    assert _marks(MARKS + "\n") == []
    assert _marks(MARKS.replace("[1]", "[1][2]") + "\n") == []
    assert _marks(MARKS.replace("[1]", "[a][b]") + "\n") == []
    assert _marks(MARKS.replace("1791.[1]", "1791. [2][b]") + "\n") == []  # not glued
    assert _marks(MARKS.replace("[1]", "[2][b]") + "\n", frozenset({3})) == []


def _names(title: str, keep: frozenset[int] = frozenset()) -> list[str]:
    text = f"Birds from a moving train\n\n{title}\n\n{TEXT}"
    page = _page(text, keep, title=title, site="Birds from a moving train")
    return [f"{f.line} {f.message}" for f in names_title(page)]


def test_a_title_that_is_a_list_of_names_is_reported_naming_the_site_line() -> None:
    for title in ("Jo Ames; Ysolde Marrin", "Jo Ames, Ysolde Marrin and Petra Quill"):
        [finding] = _names(title)
        assert finding.startswith("3 the title is a list of names") and "(line 1)" in finding
    assert _names("Jo Ames & Petra J. Quill")


def test_a_title_of_one_name_or_of_words_is_quiet() -> None:
    assert _names("Jo Ames") == []
    assert _names("Pride and Prejudice") == []
    assert _names("Jo Ames and the trains") == []
    assert _names("Jo Ames; Ysolde Marrin", frozenset({3})) == []
    text = f"Jo Ames; Ysolde Marrin\n\n{TEXT}"
    page = _page(text, title="Jo Ames; Ysolde Marrin", site=None)
    [finding] = [f.message for f in names_title(page)]
    assert "site's name" not in finding


QUOTED = (FIXTURES.parent / "blog/doubt-quoted-post.txt").read_text(encoding="utf-8")


def _blog(
    check: Check, text: str, keep: frozenset[int] = frozenset(), kind: Kind = "blog"
) -> list[str]:
    """*check*'s findings on a text (a blog's by default), each as "LINE MESSAGE"."""
    document, _ = parse(text, kind, "t.txt")
    return [f"{f.line} {f.message}" for f in check(Page.of(document, text, set(keep)))]


def _quoted(text: str, keep: frozenset[int] = frozenset()) -> list[str]:
    return _blog(quoted_post, text, keep)


def test_a_comment_opening_with_another_commenter_s_name_and_words_is_reported() -> None:
    [finding] = _quoted(QUOTED)
    assert finding.startswith("33 a comment's paragraph opens with another commenter's name")
    assert "('Rhona_Vesk:', line 33)" in finding


def test_own_name_unknown_name_bare_name_or_kept_line_is_quiet() -> None:
    assert _quoted(QUOTED, frozenset({33})) == []
    assert _quoted(QUOTED.replace("Rhona_Vesk:\n", "Tomas_Feld:\n")) == []  # its own author
    assert _quoted(QUOTED.replace("Rhona_Vesk:\n", "Someone_Else:\n")) == []
    bare = QUOTED.replace("Rhona_Vesk:\nburn them rather than composting\n", "Rhona_Vesk:\n\n")
    assert _quoted(bare) == []  # the name alone: a quotation's attribution


BELOW = (FIXTURES.parent / "blog/doubt-title-below.txt").read_text(encoding="utf-8")


def _below(text: str, keep: frozenset[int] = frozenset()) -> list[str]:
    return _blog(title_below, text, keep)


def test_a_title_like_line_between_the_title_and_the_text_is_reported() -> None:
    [finding] = _below(BELOW)
    assert finding.startswith("9 line 9 ('Warping the big frame") and "at line 3" in finding
    assert "'title_line' to 9" in finding
    four = BELOW.replace("Warping the big frame with a cardboard comb", "Warping the big frame")
    assert _below(four)  # 4 words


def test_a_line_that_is_no_title_or_a_kept_one_is_quiet() -> None:
    title = "Warping the big frame with a cardboard comb"
    for other in (
        "Warping the frame",  # 3 words
        "Warping the big frame: with a cardboard comb",
        "warping the big frame with a cardboard comb",
        "Warping the big frame with a cardboard comb today.",
        " ".join(["Warping"] * 16),
    ):
        assert _below(BELOW.replace(title, other)) == [], other
    assert _below(BELOW, frozenset({9})) == []
    assert _below(BELOW.replace("Home\nAbout\nContact\n\n", "")) == []


BIO = (FIXTURES.parent / "article/doubt-glued-bio-inside.txt").read_text(encoding="utf-8")
ABOUT = (FIXTURES.parent / "article/about-writer-section-stays.txt").read_text(encoding="utf-8")


def _bio(text: str, keep: frozenset[int] = frozenset()) -> list[str]:
    return _blog(glued_bio, text, keep, "article")


def test_a_line_opening_with_the_byline_s_name_inside_a_paragraph_is_reported() -> None:
    [finding] = _bio(BIO)
    assert finding.startswith("11 line 11 ('Tobias Renshaw writes") and "list 11 in" in finding
    [longer] = _bio(BIO + "He lives by the lower lock.\n")
    assert "list 11-12 in" in longer


def test_a_paragraph_of_its_own_opening_with_the_byline_s_name_is_reported() -> None:
    # every line read as a block: the bio is a paragraph of its own, not read as a bio
    lines = (FIXTURES.parent / "article/doubt-glued-bio.txt").read_text(encoding="utf-8")
    [finding] = _bio(lines)
    assert finding.startswith("11 line 11 ('Mirela Toft covers") and "list 11 in" in finding
    assert _bio(lines.replace("Toft covers", "Toft Covers")) == []


def test_a_name_mid_sentence_before_capitals_or_kept_or_under_its_heading_is_quiet() -> None:
    assert _bio(BIO.replace("this year.\nTobias", "this year, said\nTobias")) == []
    assert _bio(BIO.replace("Renshaw writes", "Renshaw Writes")) == []
    assert _bio(BIO, frozenset({10})) == []
    assert _bio(BIO.replace("By Tobias Renshaw\n", "By Tobias\n")) == []  # one word: no name
    assert _bio(ABOUT) == []  # a section about the writer, under "About NAME"
    # a bio the rules read (a paragraph of its own after the text) is no longer text
    assert _bio(BIO.replace("this year.\nTobias", "this year.\n\nTobias")) == []
    # the first paragraph opening with the name is the text's own opening, not a bio
    first = BIO.replace("Lock keepers on the lower", "Tobias Renshaw watched the keepers on the")
    assert not any(f.startswith("8 ") for f in _bio(first))
