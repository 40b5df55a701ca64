"""Layout by evidence: the scoring, the notes section, titles, journal headers,
headed comment threads and glued infoboxes, pass by pass on small texts."""

from __future__ import annotations

import pytest

from sourcebook.inputs.hints import StructureHints
from sourcebook.parse import parse
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.evidence import score_line
from sourcebook.parse.headed import _declared, vocabulary_matcher
from sourcebook.parse.infobox import glued_run, split_fields
from sourcebook.parse.journal import journal_like, name_like
from sourcebook.parse.title import header_like, title_score
from sourcebook.parse.vocabulary import vocabulary


def _kinds(text: str, kind: str = "wikipedia", hints: StructureHints | None = None) -> list[str]:
    document, _ = parse(text, kind, "t.txt", hints)  # type: ignore[arg-type]
    return [f"{type(b).__name__}:{getattr(b, 'line', 0)}" for b in document.blocks]


def test_a_byline_far_from_the_top_counts_half() -> None:
    lines = vocabulary().for_kind("article")
    top = score_line("By Ann Lee, Associated Press", 0, 40, lines, 8)
    middle = score_line("By Ann Lee, Associated Press", 20, 40, lines, 8)
    assert top is not None and middle is not None
    assert (top.score, middle.score) == (0.95, 0.47)
    assert top.value == "Ann Lee"
    assert score_line("By the sea we met.", 0, 40, lines, 8) is None


def test_edge_evidence_counts_at_both_ends() -> None:
    lines = vocabulary().for_kind("article")
    scores = [score_line("Updated: May 3, 2022", i, 40, lines, 8) for i in (0, 39, 20)]
    assert [s.score if s else None for s in scores] == [0.9, 0.9, 0.45]


def test_a_notes_section_ends_at_the_next_heading() -> None:
    text = (
        "Quay Club\n\nThe club rows.[1]\n\nReferences\n\n1. ^ A source.\n\n"
        "Later years\n\nIt still rows today.[2]\n"
    )
    document, _ = parse(text, "wikipedia", "t.txt")
    assert [(r.line, r.reason) for r in document.removed] == [
        (5, "notes section"),
        (7, "notes section"),
    ]
    assert _kinds(text) == ["Paragraph:3", "Heading:9", "Paragraph:11"]


def test_a_kept_line_stays_even_inside_a_notes_section() -> None:
    text = "Quay Club\n\nThe club rows.\n\nReferences\n\nThe club still rows today.\n"
    hints = StructureHints(keep=((7, 7),))
    assert _kinds(text, hints=hints) == ["Paragraph:3", "Paragraph:7"]
    assert _kinds(text) == ["Paragraph:3"]


def test_a_kept_line_is_never_furniture() -> None:
    text = "Quay Club\n\nThe club rows.\n\nContents\n\nMore rowing.\n"
    assert _kinds(text) == ["Paragraph:3", "Paragraph:7"]
    assert _kinds(text, hints=StructureHints(keep=((5, 5),))) == [
        "Paragraph:3",
        "Heading:5",
        "Paragraph:7",
    ]


def test_an_unsure_decision_is_reported_with_its_score() -> None:
    # a mirror's short "From X" line scores 0.6: taken, and reported
    _, diags = parse("From Townpedia\n\nQuay Club\n\nThe club rows.\n", "wikipedia", "t.txt")
    assert [d.format() for d in diags] == [
        "t.txt:1:1: SB608 read 'From Townpedia' as mirror tagline (furniture, score 0.60 <"
        " 0.75); if it is text, list line 1 in the document's structure hint 'keep'"
    ]


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("Quay Club", 1.0),
        ("quay club", 0.7),
        ("Quay Club.", 0.8),
        (" ".join(["Word"] * 13), 0.9),
        (" ".join(["Word"] * 17), 0.8),
        (" ".join(["word"] * 30) + ".", 0.2),
    ],
)
def test_title_score(text: str, score: float) -> None:
    assert title_score(text) == score


def test_header_like_limits() -> None:
    def block(text: str) -> RawBlock:
        return RawBlock(1, (text,), (text,), 0, 0)

    assert header_like(block(" ".join(["Word"] * 25)))
    assert not header_like(block(" ".join(["Word"] * 26)))
    assert not header_like(RawBlock(1, ("A", "B"), ("A", "B"), 0, 0))


def test_the_title_is_the_line_above_the_body_when_lines_are_few() -> None:
    document, _ = parse("Quay News\n\nThe club rows on Sundays.\n", "blog", "t.txt")
    assert (document.title, document.site, document.tagline) == ("Quay News", None, None)
    document, _ = parse("Quay News\n\nRowing Today\n\nThe club rows.\n", "blog", "t.txt")
    assert (document.site, document.title, document.tagline) == ("Quay News", "Rowing Today", None)


def test_journal_words_and_names() -> None:
    assert journal_like("The Harbour Review") and not journal_like("On Rowing")
    assert name_like("Ann Lee") and not name_like("The Rowers") and not name_like("ann lee")


def test_a_title_after_the_issue_line_and_no_title_when_hinted() -> None:
    text = "Harbour Review\n\nIssue: 3\n\nOn Rowing\n\nAnn Lee\n\nThe club rows.\n"
    document, _ = parse(text, "essay", "t.txt")
    assert document.title == "On Rowing"
    assert [(f.name, f.value) for f in document.metadata] == [
        ("journal", "Harbour Review"),
        ("issue", "3"),
        ("author", "Ann Lee"),
    ]
    hinted, _ = parse(text, "essay", "t.txt", StructureHints(title_line=1))
    assert hinted.title == "Harbour Review"


def test_comment_headers_and_counts() -> None:
    assert vocabulary_matcher("Ann Lee says:") == {"name": "Ann Lee"}
    assert vocabulary_matcher("Ann Lee on 3 May 2011 at 10:14") == {
        "name": "Ann Lee",
        "date": "3 May 2011 at 10:14",
    }
    assert vocabulary_matcher("Ann Lee’s avatar") == {"name": "Ann Lee"}
    assert [_declared(v) for v in ("12", "one", "NO", "many")] == [12, 1, 0, None]


def test_a_header_glued_to_its_comment_is_split_from_it() -> None:
    text = (
        "Quay News\n\nRowing\n\nThe club rows.\n\n2 comments:\n\n"
        "Ann Lee said...\nGood.\nBen Ode said...\nAgreed, good.\n"
    )
    document, _ = parse(text, "blog", "t.txt")
    comments = document.comments
    assert [(c.number, c.author, c.line) for c in comments] == [
        (1, "Ann Lee", 9),
        (2, "Ben Ode", 11),
    ]
    assert document.declared_comments == 2


def test_a_count_line_without_headers_is_reported_and_leaves_the_body() -> None:
    text = "Quay News\n\nRowing\n\nThe club rows.\n\n2 comments:\n\nNo header here.\n"
    document, diags = parse(text, "blog", "t.txt")
    assert document.comments == ()
    assert any(" SB608 a comment-count line, but no comment header" in d.format() for d in diags)
    assert _kinds(text, "blog") == ["Paragraph:5", "Paragraph:9"]


def test_infobox_runs() -> None:
    labels = vocabulary().infobox_labels
    assert split_fields("Quay Club FoundedX1 LeaderAnn", labels) == [
        ("Quay Club", ""),
        ("Founded", "X1"),
        ("Leader", "Ann"),
    ]
    assert split_fields("Founders2 Founded3", labels) == [("Founders", "2"), ("Founded", "3")]
    assert glued_run("AaBbCcDd") and not glued_run("AaBbCc") and not glued_run("AaBb CcDd")
    assert not glued_run("AaBbCcDd one two three four five six seven eight nine ten")
    assert not glued_run("AaBbCcDd.")


def test_an_infobox_far_down_the_text_stays_text() -> None:
    far = "Quay Club\n\n" + "".join(f"Para {i} rows.\n\n" for i in range(9))
    text = far + "LeaderAnn Lee Founded1987 Split fromOld Club\n"
    assert "Table" not in " ".join(_kinds(text))
    assert _kinds("Quay Club\n\nLeaderAnn Lee Founded1987 Split fromOld Club\n\nIt rows.\n") == [
        "Table:3",
        "Paragraph:5",
    ]


@pytest.mark.parametrize(
    ("first", "dateline"),
    [
        ("PORTVILLE, Maine (AP) — The board voted.", "PORTVILLE, Maine (AP)"),
        ("LONDON (Reuters) - Dock workers returned.", "LONDON (Reuters)"),
        ("NEW YORK — The market rose.", "NEW YORK"),
        ("As many readers know — and they do — it rained.", None),
        ("Portville, Maine — the board voted.", None),
    ],
)
def test_a_dateline_is_recorded_and_stays_in_the_text(first: str, dateline: str | None) -> None:
    document, _ = parse(f"Board votes\n\n{first}\n", "article", "t.txt")
    assert document.meta("dateline") == ((dateline,) if dateline else ())
    assert _kinds(f"Board votes\n\n{first}\n", "article") == ["Paragraph:3"]


def _with(hints: str, text: str, kind: str = "blog") -> tuple[object, list[str]]:
    from sourcebook.inputs.hints import structure_hints_from
    from sourcebook.inputs.tomlschema import parse_toml

    file, errors = parse_toml(hints.encode(), "h.toml", "hints")
    assert file is not None and errors == []
    document, diags = parse(text, kind, "t.txt", structure_hints_from(file, ("structure",)))  # type: ignore[arg-type]
    return document, [d.format() for d in diags]


BLOG = (
    "Quay News\n\nRowing\n\nThe club rows.\n\nA stray line.\n\n"
    "Ann Lee at 10:14 on 3 May:\nGood.\n\nBen Ode at 11:00 on 4 May:\n"
)


def test_a_hinted_thread_reads_dates_times_and_strays() -> None:
    document, diags = _with(
        '[structure]\ncomments_start = 7\ncomment_header = "{name} at {time} on {date}:"\n', BLOG
    )
    comments = document.comments  # type: ignore[attr-defined]
    assert [(c.author, c.date_text, c.line) for c in comments] == [
        ("Ann Lee", "3 May at 10:14", 9),
        ("Ben Ode", "4 May at 11:00", 12),
    ]
    removed = document.removed  # type: ignore[attr-defined]
    assert [(r.line, r.text, r.reason) for r in removed] == [
        (7, "A stray line.", "before the comments"),
        (9, "Ann Lee at 10:14 on 3 May:", "comment header"),
        (12, "Ben Ode at 11:00 on 4 May:", "comment header"),
    ]
    assert "t.txt:7:1: SB608 text between the comment-count line" in diags[0]
    assert diags[1] == "t.txt:12:1: SB605 a comment header with no text after it"


def test_a_time_only_header_dates_the_comment_with_its_time() -> None:
    text = "Quay News\n\nRowing\n\nThe club rows.\n\nAnn Lee at 10:14:\nGood.\n"
    document, _ = _with(
        '[structure]\ncomments_start = 7\ncomment_header = "{name} at {time}:"\n', text
    )
    assert [c.date_text for c in document.comments] == ["10:14"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("hint", "where", "problem"),
    [
        ('remove = ["2-99"]', "2:11", "remove: line 99 is past the end"),
        ('remove = ["99"]', "2:11", "remove: line 99 is past the end"),
        ('keep = ["1", "40-41"]', "2:14", "keep: line 41 is past the end"),
    ],
)
def test_a_range_past_the_end_is_an_error_and_not_applied(
    hint: str, where: str, problem: str
) -> None:
    text = "Quay News\n\nRowing\n\nThe club rows.\n"
    document, diags = _with(f"[structure]\n{hint}\n", text)
    assert [d for d in diags if " SB609 " in d] == [
        f"h.toml:{where}: SB609 {problem} of the text (5 lines); the hint is not applied"
    ]
    assert document.removed == ()  # type: ignore[attr-defined]


def test_reversed_body_bounds_apply_neither() -> None:
    text = "Menu\n\nQuay News\n\nThe club rows.\n\nFooter\n"
    document, diags = _with("[structure]\nbody_start = 5\nbody_end = 3\n", text, "article")
    assert any(" SB609 body_end 3 is before body_start 5" in d for d in diags)
    # no hint removed a line ("Menu", a menu word, is the rules' site menu)
    removed = [(r.line, r.reason) for r in document.removed]  # type: ignore[attr-defined]
    assert removed == [(1, "site menu")]
    kept, _ = _with("[structure]\nbody_start = 5\nbody_end = 5\ntitle_line = 3\n", text, "article")
    assert [(r.line, r.reason) for r in kept.removed] == [  # type: ignore[attr-defined]
        (1, "furniture (structure hint)"),
        (7, "furniture (structure hint)"),
    ]


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Rowing notes\n\nAnn Lee\n\n4 min read\n\nThe club rows.\n", "Ann Lee"),
        ("Rowing notes\n\nAnn Lee\n4 min read\n\nThe club rows.\n", "Ann Lee"),
        ("Rowing notes\n\nThe Rowers\n4 min read\n\nThe club rows.\n", None),
        ("Rowing notes\n\n4 min read\n\nThe club rows.\n", None),
    ],
)
def test_a_name_above_the_reading_time_is_the_author(text: str, author: str | None) -> None:
    document, _ = parse(text, "blog", "t.txt")
    assert document.meta("author") == ((author,) if author else ())
    assert not any("Ann Lee" in getattr(b, "plain", "") for b in document.blocks)


def test_a_kept_name_above_the_reading_time_stays() -> None:
    text = "Rowing notes\n\nAnn Lee\n4 min read\n\nThe club rows.\n"
    document, _ = parse(text, "blog", "t.txt", StructureHints(keep=((3, 3),)))
    assert document.meta("author") == ()
