"""Content-system nodes with "Submitted by" bylines and comment subjects, wiki page
actions and footer dates, share bars read one line a block: each rule from both sides
(the texts are invented)."""

from __future__ import annotations

from sourcebook.parse import parse
from sourcebook.parse.footer import short_line
from sourcebook.parse.forum import post_header

BODY = "The council met on Tuesday and voted to keep the ferry running all winter.\n"
PROSE = (
    "The open heap was a constant source of complaints from the houses on the lane,"
    " mostly about rats and the smell in August.\n"
)


def _parse(text: str, kind: str = "blog"):  # type: ignore[no-untyped-def]
    return parse(text, kind, "t.txt")  # type: ignore[arg-type]


def test_a_submitted_by_line_is_a_post_header_in_its_date_forms() -> None:
    assert post_header("Submitted by Ann Lee (not verified) on Thu, 11/12/2026 - 21:50") == {
        "name": "Ann Lee",
        "date": "Thu, 11/12/2026 - 21:50",
    }
    assert post_header("Submitted by jo.ames on March 3, 2012 - 10:15am") == {
        "name": "jo.ames",
        "date": "March 3, 2012 - 10:15am",
    }
    assert post_header("Submitted by bo on 2012-03-12 10:15") is not None
    assert post_header("Submitted by the committee on behalf of the members.") is None


def test_one_post_header_under_the_title_is_the_byline_elsewhere_it_stays() -> None:
    head = "Ferry news\n\nSubmitted by Ann Lee on Mon, 11/02/2026 - 08:30\n\n"
    document, _ = _parse(head + BODY)
    assert document.title == "Ferry news"
    assert [(m.name, m.value) for m in document.metadata] == [
        ("author", "Ann Lee"),
        ("date", "Mon, 11/02/2026 - 08:30"),
    ]
    quoted = "Ferry news\n\n" + BODY + "\nSubmitted by Ann Lee on Mon, 11/02/2026 - 08:30\n"
    document, _ = _parse(quoted)
    assert document.metadata == ()


def _thread(subjects: tuple[str, str], reply_line: str) -> str:
    first, second = subjects
    return (
        "Ferry news\n\nSubmitted by Ann Lee on Mon, 11/02/2026 - 08:30\n\n"
        + BODY
        + f"\nComments\n\n{first}\n\nSubmitted by Bo Ek on Mon, 11/02/2026 - 09:00\n\n"
        "Will it run on Sundays too?\n\nPermalink\nreply\n\n"
        + (f"{reply_line}\n\n" if reply_line else "")
        + f"{second}\n\nSubmitted by Ann Lee on Mon, 11/02/2026 - 10:00\n\n"
        "Yes, on the winter timetable.\n"
    )


def test_subjects_above_headers_and_an_in_reply_to_line_make_a_reply() -> None:
    text = _thread(("Sundays?", "Winter timetable"), "In reply to Sundays? by Bo Ek")
    document, _ = _parse(text)
    comments = document.comments
    assert [c.author for c in comments] == ["Bo Ek"]
    assert [r.author for r in comments[0].replies] == ["Ann Lee"]
    reasons = {r.line: r.reason for r in document.removed}
    assert reasons[7] == "thread header" and reasons[9] == "comment subject"
    assert "reply line" in reasons.values() and "comment chrome" in reasons.values()


def test_without_the_reply_line_the_thread_stays_flat() -> None:
    document, _ = _parse(_thread(("Sundays?", "Winter timetable"), ""))
    assert [c.author for c in document.comments] == ["Bo Ek", "Ann Lee"]


def test_one_short_line_above_one_header_is_the_comment_s_text() -> None:
    # only one header of the thread has a short line above it: no subject form
    text = _thread(("That settles it.", "See you Sunday"), "")
    document, _ = _parse(text)
    assert "comment subject" not in {r.reason for r in document.removed}


def test_wiki_action_bars_go_and_the_footer_date_is_the_page_s() -> None:
    text = (
        "Thornwick Wiki\nRecent Changes - Search:\n\nCompost Bays\n\nView Edit History Print\n\n"
        f"Compost Bays are {PROSE}\nPrint history\n\n{PROSE}\n"
        "Edit - History - Print - Recent Changes - Search\n"
        "Page last modified on March 14, 2026, at 09:12 AM\n"
    )
    document, _ = _parse(text, "wikipedia")
    assert document.site == "Thornwick Wiki"
    reasons = [r.reason for r in document.removed]
    assert reasons.count("wiki action bar") == 2
    assert [(m.name, m.value) for m in document.metadata] == [("date", "March 14, 2026")]
    headings = [b.text for b in document.blocks if type(b).__name__ == "Heading"]
    assert headings == ["Print history"]  # a section heading with one action word stays


def test_the_first_line_above_prose_lines_is_no_site() -> None:
    text = f"Thornwick Wiki\nA wiki about the lane\n\nCompost Bays\n\nCompost Bays are {PROSE}"
    document, _ = _parse(text, "wikipedia")
    assert document.site is None


def test_a_share_bar_one_line_a_block_counts_in_a_run_of_three() -> None:
    # far from both ends of the page, where a toolbar word alone is held back
    lines = [
        f"Line {n} of the story goes on here with enough words to be prose." for n in range(24)
    ]
    head = "Harbour Monthly\nFerry to run all winter\nAnn Reyes\n"
    bar = "Twitter\nFacebook\nEmail\n"
    document, _ = _parse(
        head + "\n".join(lines[:10]) + "\n" + bar + "\n".join(lines[10:]), "article"
    )
    assert [r.reason for r in document.removed].count("share bar") == 3
    alone = head + "\n".join(lines[:10]) + "\nEmail\n" + "\n".join(lines[10:])
    document, _ = _parse(alone, "article")
    assert "share bar" not in {r.reason for r in document.removed}


def test_a_short_label_counts_as_a_footer_line_a_longer_one_does_not() -> None:
    assert short_line("Latest on:", 10)
    assert not short_line("Comments on the new plan:", 10)


def _messages(text: str, kind: str = "blog") -> list[str]:
    return [d.message for d in _parse(text, kind)[1]]


def test_a_title_shaped_like_a_byline_is_reported_a_real_title_is_not() -> None:
    head = "Kell Residents\n\nSubmitted by Ann Lee on 12.03.2026 - 10:15\n\n"
    assert any("reads as a byline" in m for m in _messages(head + BODY + "\n" + PROSE))
    plain = "Kell Residents\n\nFerry to run all winter by 2026\n\n"
    assert not any("reads as a byline" in m for m in _messages(plain + BODY + "\n" + PROSE))


def test_an_action_bar_heading_above_the_lead_is_reported() -> None:
    lead = f"Tarrow Bridge is {PROSE}\n{PROSE}"
    bar = _messages(f"Tarrow Bridge\n\nRead Edit Print Cite\n\n{lead}", "wikipedia")
    assert any("tool bar of page actions" in m for m in bar)
    named = _messages(f"Tarrow Bridge\n\nCalder Vale Heritage Trail\n\n{lead}", "wikipedia")
    assert not any("tool bar" in m for m in named)
    below = _messages(f"Tarrow Bridge\n\n{lead}\nRead Edit Print Cite\n\n{PROSE}", "wikipedia")
    assert not any("tool bar" in m for m in below)  # under the lead: a section's name


def test_thread_lines_with_no_comment_read_are_reported_once_read_they_are_not() -> None:
    unread = f"Ferry news\n\n{BODY}\n{PROSE}\nBo Ek wrote at 12.03.2026\n\nSundays too?\n\nReply\n"
    assert any("no comment was read" in m for m in _messages(unread))
    one = f"Ferry news\n\n{BODY}\n{PROSE}\nReply\n"
    assert not any("no comment was read" in m for m in _messages(one))
    read = _thread(("Sundays?", "Winter timetable"), "In reply to Sundays? by Bo Ek")
    assert not any("no comment was read" in m for m in _messages(read))


def _line_text(items: str) -> str:
    prose = "\n".join(
        f"Line {n} of the post runs on here with enough words in it to be prose." for n in range(4)
    )
    return f"The Kiln Yard\n{items}\nSeptember 4, 2026\nFiring the kiln\n{prose}\n"


def test_a_menu_one_item_a_line_needs_four_items_two_of_them_menu_words() -> None:
    removed = _parse(_line_text("Posts\nAbout\nArchive\nSubscribe"))[0].removed
    assert [r.line for r in removed if r.reason == "site menu"] == [2, 3, 4, 5]
    for items in ("About\nArchive\nSubscribe", "Celadon\nTenmoku\nShino\nAbout"):
        removed = _parse(_line_text(items))[0].removed
        assert "site menu" not in {r.reason for r in removed}


def test_a_bare_number_is_the_comment_count_only_when_the_page_spells_it_out() -> None:
    story = f"Ferry news\n\nBy Ann Reyes\n\nShare full article\n\n37\n\n{BODY}\n{PROSE}"
    document, _ = _parse(story + "\nRead 37 Comments\n", "article")
    assert [r.line for r in document.removed if r.reason == "comment count"] == [7]
    document, _ = _parse(story + "\nRead 12 Comments\n", "article")
    assert "comment count" not in {r.reason for r in document.removed}


def test_a_byline_anywhere_in_a_long_head_counts_below_the_text_it_does_not() -> None:
    menus = "\n\n".join(["Harbour", "Give this article", "Open in app", "Listen", "Print"])
    head = f"{menus}\n\nFerry to run all winter\n\nA short dek about the ferry.\n\n"
    byline = "By Ann Reyes\n\n"
    document, _ = _parse(head + "Updated today\n\n" * 2 + byline + BODY + "\n" + PROSE, "article")
    assert ("author", "Ann Reyes") in [(m.name, m.value) for m in document.metadata]
    body = "\n".join([BODY, PROSE, BODY, PROSE, BODY, PROSE, BODY, PROSE, BODY, PROSE])
    document, _ = _parse(f"Ferry to run all winter\n\n{body}\n{byline}{body}", "article")
    assert ("author", "Ann Reyes") not in [(m.name, m.value) for m in document.metadata]


def test_numbered_headings_with_edit_links_are_headings_and_end_the_contents() -> None:
    text = (
        "Orrin Light\n\nContents\n1. Overview\n2. Keepers\n\n1. Overview[edit]\n\n"
        f"Orrin Light is {PROSE}\n2. Keepers[edit]\n\n{PROSE}"
    )
    document, diags = _parse(text, "wikipedia")
    headings = [b.text for b in document.blocks if type(b).__name__ == "Heading"]
    assert headings == ["Overview", "Keepers"]
    reasons = [r.reason for r in document.removed]
    assert reasons.count("table of contents") == 3 and reasons.count("section number") == 2
    assert not any("table of contents" in d.message for d in diags)  # 2 of 2 found again
    plain = _parse(f"Orrin Light\n\n2. Keepers of the light\n\nOrrin Light is {PROSE}", "wikipedia")
    assert "section number" not in {r.reason for r in plain[0].removed}


def test_a_date_under_its_label_in_the_head_is_the_label_pair_s() -> None:
    head = "\n".join(["Kell Council", "Menu", "Home", "Environment", "Press release"])
    text = (
        f"{head}\nFerry to run all winter\n{PROSE.strip()}\nFrom:\nKell Council\nPublished\n"
        f"12 September 2025\n\n{BODY}\n{PROSE}"
    )
    document, _ = _parse(text, "article")
    reasons = {r.line: r for r in document.removed}
    assert 11 in reasons and reasons[11].reason == "document metadata"
    assert ("date", "12 September 2025") in [(m.name, m.value) for m in document.metadata]


# -- a title that is a row of the site's menu -----------------------------------------
def test_menu_items_counts_known_items_and_refuses_words_of_a_sentence() -> None:
    from sourcebook.parse.auditnode import menu_items

    assert menu_items("Home Forums Events Log in") == 3  # "Log in" is one item
    assert menu_items("Home About Contact") == 3
    assert menu_items("Notes From The Archive Room") == 2
    assert menu_items("Events at the Home Farm") is None  # a lower-case word: prose
    assert menu_items("Home News Events.") is None  # a sentence end


def test_a_menu_row_taken_as_the_title_is_reported_and_a_title_is_not() -> None:
    text = (
        "Fenwick Rowing Club\nHome Crews Events Log in\n\n"
        "Winter training on the lower river\n"
        "Submitted by jo.baird on Mon, 02/11/2026 - 09:10\n\n"
        "The lower river is open again after the floods, and the winter squad starts on"
        " Monday at seven.\n"
    )
    _, diags = parse(text, "blog", "t.txt")
    assert any(d.line == 2 and "site's menu" in d.message for d in diags)
    quiet = text.replace("Home Crews Events Log in", "Rowing Through The Winter")
    _, diags = parse(quiet, "blog", "t.txt")
    assert not any("site's menu" in d.message for d in diags)
