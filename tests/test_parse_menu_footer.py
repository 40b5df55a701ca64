"""The masthead-and-menu block above a page, the footer below it, and a
closing bio opening with the byline's name: each threshold from both sides."""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.inputs.hints import StructureHints
from sourcebook.parse import parse
from sourcebook.parse.footer import footer_shape, short_line
from sourcebook.parse.menu import menu_item, menu_shape

BODY = "The council met on Tuesday and voted to keep the ferry running all winter.\n"


def _parse(text: str, kind: str = "article", hints: StructureHints | None = None):  # type: ignore[no-untyped-def]
    return parse(text, kind, "t.txt", hints)  # type: ignore[arg-type]


def test_menu_thresholds_come_from_the_layout_data() -> None:
    shape = menu_shape()
    assert (shape.min_lines, shape.item_words, shape.share) == (4, 4, 0.7)
    assert menu_item("Give a Gift", 4) and not menu_item("Give a Gift Today Please", 4)
    assert not menu_item("Home.", 4)


def test_a_menu_block_of_four_lines_is_removed_and_names_the_site() -> None:
    text = f"The Kell Gazette\nNews\nSport\nWeather\n\nFerry to run all winter\n\n{BODY}"
    document, diags = _parse(text)
    assert document.site == "The Kell Gazette"
    assert document.title == "Ferry to run all winter"
    assert [r.reason for r in document.removed] == ["site menu"]
    assert diags == []


def test_three_short_lines_are_not_a_menu() -> None:
    text = f"News\nSport\nWeather\n\nFerry to run all winter\n\n{BODY}"
    document, _ = _parse(text)
    assert all(r.reason != "site menu" for r in document.removed)


def test_a_menu_with_a_sentence_in_it_is_removed_and_reported() -> None:
    text = (
        f"The Kell Gazette\nNews\nSport\nWeather\nWe use cookies on this site.\n\nFerry\n\n{BODY}"
    )
    document, diags = _parse(text)
    assert [r.reason for r in document.removed][:1] == ["site menu"]
    assert any(d.code is Code.STRUCTURE_UNSURE and "masthead and menu" in d.message for d in diags)


def test_a_kept_line_leaves_the_menu_as_text() -> None:
    text = f"The Kell Gazette\nNews\nSport\nWeather\n\nFerry to run all winter\n\n{BODY}"
    document, _ = _parse(text, hints=StructureHints(keep=((2, 2),)))
    assert all(r.reason != "site menu" for r in document.removed)


def test_footer_short_lines_and_questions() -> None:
    assert footer_shape().item_words == 10
    assert short_line("Privacy", 10) and short_line("Ready for more?", 10)
    assert not short_line("Is there a register of reservoirs like this one?", 10)
    assert not short_line("March 9, 2011 at 9:15 AM", 10)


def test_a_closing_run_needs_a_footer_line() -> None:
    # a list under a heading no vocabulary knows ("More from …" is a related list now)
    ending = "\n\nAround the harbour\nFish market reopens\n"
    document, _ = _parse(f"Ferry to run all winter\n\n{BODY}{ending}")
    assert all(r.reason != "page footer" for r in document.removed)
    document, diags = _parse(f"Ferry to run all winter\n\n{BODY}{ending}\nPowered by Ghost\n")
    assert [r.reason for r in document.removed] == ["page footer", "page footer"]
    assert [d.line for d in diags if d.code is Code.STRUCTURE_UNSURE] == [6]


def test_table_rows_are_not_a_footer() -> None:
    text = (
        f"Ferry to run all winter\n\n{BODY}\nMill Lane | 1974 | 2004\nQuay Street | 1980 | 2001\n"
    )
    document, _ = _parse(text, "wikipedia")
    assert all(r.reason != "page footer" for r in document.removed)


def test_a_closing_bio_needs_the_name_printed_above() -> None:
    bio = "Ann Reyes covers the harbour for the paper."
    document, _ = _parse(f"Ferry to run all winter\n\nBy Ann Reyes\n\n{BODY}\n{bio}\n")
    assert document.bio == bio
    document, _ = _parse(f"Ferry to run all winter\n\n{BODY}\n{bio}\n")
    assert document.bio is None


def test_a_forum_thread_needs_two_post_headers() -> None:
    from sourcebook.parse.forum import post_header

    assert post_header("Post by Ann Lee » Sat Jan 13, 2024 6:41 pm") == {
        "name": "Ann Lee",
        "date": "Sat Jan 13, 2024 6:41 pm",
    }
    one = "Thread\n\nPost by Ann Lee » Sat Jan 13, 2024 6:41 pm\n\n" + BODY
    document, _ = _parse(one, "blog")
    assert document.comments == () or list(document.comments) == []
    two = one + "\nPost by Bo Ek » Sun Jan 14, 2024 9:00 am\n\nAgreed, it works.\n"
    document, _ = _parse(two, "blog")
    assert [c.author for c in document.comments] == ["Bo Ek"]
    assert [(m.name, m.value) for m in document.metadata] == [
        ("author", "Ann Lee"),
        ("date", "Sat Jan 13, 2024 6:41 pm"),
    ]


MASTHEAD = "The Kell Islander\nNews\nFerries\nWeather\n\nKell keeps the winter ferry\n\n"


def test_a_dek_needs_a_byline_right_below_it() -> None:
    dek = "Islanders say the early boat is the only way to school"
    document, _ = _parse(f"{MASTHEAD}{dek}\n\nBy Rosa Lind | Staff writer\n\n{BODY}")
    fields = [(m.name, m.value) for m in document.metadata]
    assert ("subtitle", dek) in fields and ("author", "Rosa Lind") in fields
    document, _ = _parse(f"{MASTHEAD}{dek}\n\n{BODY}")
    assert all(m.name != "subtitle" for m in document.metadata)


def test_a_byline_line_is_never_the_dek() -> None:
    document, _ = _parse(f"{MASTHEAD}Written by Rosa Lind\n\nJan 12, 2026\n\n{BODY}", "blog")
    assert all(m.name != "subtitle" for m in document.metadata)


def test_a_references_heading_far_from_the_end_opens_notes_before_citations() -> None:
    filler = "".join(f"Section {i}\n\nThe halt was rebuilt in stage {i}.\n\n" for i in range(12))
    cited = f"Pellow Halt\n\nA stop.[1]\n\nReferences\n\n^ Harlow 1999, p. 12.\n\n{filler}"
    document, _ = _parse(cited, "wikipedia")
    assert any(r.reason == "notes section" for r in document.removed)
    plain = f"Pellow Halt\n\nA stop.[1]\n\nReferences\n\nThey were lost.\n\n{filler}"
    document, _ = _parse(plain, "wikipedia")
    assert all(r.reason != "notes section" for r in document.removed)


def test_category_lines_follow_a_categories_line() -> None:
    text = "Pellow Halt\n\nA stop.[1]\n\nCategories: Stations\nRequest stops\nIt is one.\n"
    document, _ = _parse(text, "wikipedia")
    assert [m.value for m in document.metadata if m.name == "category"] == [
        "Stations",
        "Request stops",
    ]
