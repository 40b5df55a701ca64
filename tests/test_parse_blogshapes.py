"""Issue 19 (s19b): the rules for recipe blogs, stacked forum posts and project updates,
at their edges: each rule's positive case, the text it must leave alone, and the
boundary of each threshold.  The fixtures (``tests/fixtures/normalise/blog/``) show the
rules on whole texts."""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.parse import parse
from sourcebook.parse.blocks import RawBlock, explode, split_blocks
from sourcebook.parse.formfirst import form_end
from sourcebook.parse.leadlist import lead_in_items, rejoin
from sourcebook.parse.profiles import PROFILES
from sourcebook.parse.stacked import find_units, stacked_thread, thread_head
from sourcebook.parse.state import ParseState
from sourcebook.parse.trail import drop_trail, ends_with
from sourcebook.parse.updatehead import byline_below, update_head
from sourcebook.parse.vocative import addresses, first_name, vocative_cue


def _lines(*texts: str) -> list[RawBlock]:
    """One block a line, on consecutive lines from line 1."""
    return [RawBlock(n, (t,), (t,), 0, 0) for n, t in enumerate(texts, 1)]


def _state(text: str, kind: str = "blog") -> ParseState:
    state = ParseState(text, "t.txt", PROFILES[kind])  # type: ignore[index]
    state.blocks = explode(split_blocks(text))
    return state


def _unsure(text: str, kind: str = "blog") -> list[int]:
    _, diags = parse(text, kind, "t.txt")  # type: ignore[arg-type]
    return [d.line for d in diags if d.code is Code.STRUCTURE_UNSURE]


# -- vocative replies --------------------------------------------------------------


def test_a_first_name_is_the_first_word_and_a_short_one_is_no_evidence() -> None:
    assert first_name("Ruth Calloway") == "Ruth"
    assert first_name("Ostrom & Vale Workshop") == "Ostrom"
    assert first_name("Kim") == "Kim"  # three letters: enough
    assert first_name("Al Brook") is None  # two letters: a word's start too
    assert first_name("") is None
    assert first_name("2cool") is None


def test_an_address_stands_after_a_comma_a_greeting_or_the_start() -> None:
    assert addresses("Thank you, Ruth.", "Ruth")
    assert addresses("You can, Ruth, but slowly.", "Ruth")
    assert addresses("Yes, Ruth – it fits.", "Ruth")
    assert addresses("Hi Ruth, try it cold.", "Ruth")
    assert addresses("Ruth, try it cold.", "Ruth")
    assert addresses("Good idea, Ruth", "Ruth")  # at the text's end
    assert addresses("Yes, Ruth - it fits.", "Ruth")


def test_a_name_in_passing_is_no_address() -> None:
    assert not addresses("I asked Ruth about it.", "Ruth")
    assert not addresses("Like Ruth said, it fits.", "Ruth")
    assert not addresses("Thanks, Ruthie.", "Ruth")
    assert not addresses("Ruthless, that.", "Ruth")
    assert not addresses("Yes, Ruth's idea works.", "Ruth")
    assert not addresses("Ruth:", "Ruth")  # a quotation's attribution


def _entries(*comments: tuple[str, str]) -> list[tuple[RawBlock, dict[str, str], list[RawBlock]]]:
    out = []
    for number, (name, text) in enumerate(comments):
        line = 1 + 3 * number
        header = RawBlock(line, (name,), (name,), 0, 0)
        out.append((header, {"name": name}, [RawBlock(line + 1, (text,), (text,), 0, 0)]))
    return out


def test_a_reply_addressing_the_commenter_above_names_its_parent_and_is_reported_once() -> None:
    state = _state("x\n")
    entries = _entries(
        ("Ruth Lee", "Lovely."),
        ("Nell Amory", "Thank you, Ruth."),
        ("Tom Brook", "Can I freeze them?"),
        ("Nell Amory", "You can, Tom, for a month."),
    )
    cues = [vocative_cue(state, entries, i) for i in range(4)]
    assert [c is not None for c in cues] == [False, True, False, True]
    assert entries[1][1]["parent"] == "Ruth Lee" and entries[3][1]["parent"] == "Tom Brook"
    assert [d.line for d in state.diags] == [4]  # the first reply only


def test_no_reply_to_oneself_or_to_a_comment_further_up() -> None:
    state = _state("x\n")
    entries = _entries(
        ("Ruth Lee", "Lovely."),
        ("Ruth Lee", "Thanks, Ruth, me again."),
        ("Tom Brook", "Quite right, Ruth."),  # Ruth wrote the comment above: a reply
        ("Nell Amory", "Agreed, Ruth."),  # Tom wrote the one above: no reply
    )
    cues = [vocative_cue(state, entries, i) for i in range(4)]
    assert [c is not None for c in cues] == [False, False, True, False]


def test_a_date_line_opening_the_text_is_not_read_for_the_address() -> None:
    state = _state("x\n")
    entries = _entries(("Ruth Lee", "Lovely."), ("Nell Amory", "May 3, 2026"))
    entries[1][2].append(RawBlock(6, ("Thank you, Ruth.",), ("Thank you, Ruth.",), 0, 0))
    assert vocative_cue(state, entries, 1) is not None


# -- a comment form above the thread -------------------------------------------------


def test_a_form_above_two_headers_ends_at_the_first() -> None:
    blocks = _lines("Leave a Comment", "Name *", "Ann Lee says:", "Good.", "Bo Ray says:", "Yes.")
    assert form_end(blocks, 0) == 2


def test_a_form_with_one_header_below_is_the_page_end() -> None:
    assert form_end(_lines("Leave a Comment", "Name *", "Ann Lee says:", "Good."), 0) is None
    assert form_end(_lines("Leave a Comment", "Name *"), 0) is None


def test_the_tail_keeps_the_thread_below_a_form_and_cuts_a_form_alone() -> None:
    head = (
        "Harbour Notes\n\nThe Tide Clock\n\nThe clock is wrong again and I mean to fix it soon.\n\n"
    )
    form = "Leave a Reply\n\nName *\n\nPost Comment\n\n"
    thread = "Ann Lee says:\n\nIt was always wrong.\n\nBo Ray says:\n\nMine too.\n"
    document, _ = parse(head + form + thread, "blog", "t.txt")
    assert [c.author for c in document.comments] == ["Ann Lee", "Bo Ray"]
    document, _ = parse(head + form + "Ann Lee says:\n\nIt was always wrong.\n", "blog", "t.txt")
    assert document.comments == ()


# -- a breadcrumb trail above the title ------------------------------------------------


def test_a_trail_ends_with_the_title_below_it() -> None:
    assert ends_with("Home » Dinners » Lentil Stew", "Lentil Stew")
    assert ends_with("Home > Lentil Stew", "Lentil  Stew")
    assert not ends_with("Home » Dinners", "Lentil Stew")
    assert not ends_with("Lentil Stew", "Lentil Stew")  # no separator: no trail
    assert not ends_with("Home » Dinners » Lentil Stew Again", "Lentil Stew")


def test_the_trail_is_removed_unless_kept() -> None:
    state = _state("Site\nHome » Stew\nStew\nText.\n")
    drop_trail(state)
    assert [b.text for b in state.blocks] == ["Site", "Stew", "Text."]
    kept = _state("Site\nHome » Stew\nStew\nText.\n")
    kept.keep = {2}
    drop_trail(kept)
    assert len(kept.blocks) == 4


# -- stacked forum post headers --------------------------------------------------------

POST = ("Ann Lee", "Member", "Mar 2, 2026", "#1", "First post text.")


def test_a_post_header_is_a_name_a_title_a_date_and_a_number() -> None:
    units = find_units(_lines(*POST, "Bo Ray", "Mar 3, 2026", "#2", "Reply."))
    assert [(u.name, u.title, u.date, u.number) for u in units] == [(0, 1, 2, 3), (5, -1, 6, 7)]
    assert units[0].when == "Mar 2, 2026"


def test_a_number_line_needs_a_date_above_it_and_a_name_above_that() -> None:
    assert find_units(_lines("Ann Lee", "Member", "#1", "Text.")) == []
    assert find_units(_lines("It was fine.", "Mar 2, 2026", "#1", "Text.")) == []
    assert find_units(_lines("Ann Lee", "Mar 2, 2026", "#1")) != []
    assert find_units(_lines("Ann Lee", "Mar 2, 2026", "Number 1")) == []


def test_a_title_outside_the_list_counts_when_short() -> None:
    four = find_units(_lines("Ann Lee", "Keeper of the bees", "Mar 2, 2026", "#1"))
    assert four and four[0].title == 1
    five = find_units(_lines("Ann Lee", "Keeper of all the bees", "Mar 2, 2026", "#1"))
    assert five == []  # five words: not a title, and not a name over the date


def test_a_date_taken_earlier_still_makes_a_header() -> None:
    blocks = _lines("Ann Lee", "Member", "#1")
    blocks[2] = RawBlock(4, ("#1",), ("#1",), 0, 0)  # line 3 was taken as the page's date
    units = find_units(blocks, {3: "Mar 2, 2026"})
    assert units and units[0].date == -1 and units[0].when == "Mar 2, 2026"
    assert find_units(blocks, {3: "Not a date"}) == []


def _thread(*tail: str) -> str:
    head = "Board\nStern glands\nThread starter Ann Lee Start date Mar 2, 2026\n"
    first = "Ann Lee\nMember\nMar 2, 2026\n#1\nIt drips once every ten seconds.\n"
    return head + first + "Bo Ray\nMember\nMar 3, 2026\n#2\n" + "\n".join(tail) + "\n"


def test_a_thread_of_stacked_posts_is_a_body_and_comments() -> None:
    text = _thread("That is normal.", "Reactions:", "Ann Lee", "Kestrel, 57ft trad")
    document, _ = parse(text, "blog", "t.txt")
    assert document.title == "Stern glands"
    assert [c.author for c in document.comments] == ["Bo Ray"]
    assert [f.value for f in document.metadata if f.name == "date"] == ["Mar 2, 2026"]


def test_a_signature_is_a_short_unpunctuated_last_line_and_is_reported() -> None:
    state = _state(_thread("That is normal.", "Kestrel, 57ft trad"))
    thread_head(state)
    stacked_thread(state)
    assert any(r.reason == "signature" and r.line == 14 for r in state.removed)
    assert [d.line for d in state.diags] == [14]


def test_no_signature_under_a_line_without_a_sentence_end_or_of_one_word() -> None:
    for tail in (("That is normal", "Kestrel, 57ft trad"), ("That is normal.", "Cheers")):
        state = _state(_thread(*tail))
        thread_head(state)
        stacked_thread(state)
        assert not any(r.reason == "signature" for r in state.removed)
    twelve = " ".join(["word"] * 12)
    state = _state(_thread("That is normal.", twelve))
    stacked_thread(state)
    assert any(r.reason == "signature" for r in state.removed)
    state = _state(_thread("That is normal.", twelve + " more"))
    stacked_thread(state)
    assert not any(r.reason == "signature" for r in state.removed)


def test_one_stacked_post_is_no_thread() -> None:
    state = _state("Board\nAnn Lee\nMar 2, 2026\n#1\nIt drips.\n")
    stacked_thread(state)
    assert state.comments == [] and len(state.blocks) == 5


def test_the_starter_line_gives_the_author_and_the_title_above_it() -> None:
    state = _state("Board\nStern glands\nThread starter Ann Lee Start date Mar 2, 2026\nText.\n")
    thread_head(state)
    assert state.header["title"] == "Stern glands"
    assert {(f.name, f.value) for f in state.metadata} == {
        ("author", "Ann Lee"),
        ("date", "Mar 2, 2026"),
    }
    assert any(r.reason == "breadcrumb" and r.line == 1 for r in state.removed)


def test_no_title_from_the_starter_line_under_text() -> None:
    text = "It was fine, all of it.\nStern glands\nThread starter Ann Lee Start date Mar 2, 2026\n"
    state = _state(text)
    thread_head(state)
    assert "title" not in state.header


# -- a project update's head -------------------------------------------------------------


def test_an_update_byline_is_a_name_a_badge_and_a_date() -> None:
    assert byline_below(("Title", "Ann Lee", "Creator", "May 3, 2026"), 0) == (1, 3)
    assert byline_below(("Title", "Ann Lee", "May 3, 2026"), 0) == (1, 2)
    assert byline_below(("Title", "Ann Lee", "Creator", "Creator", "May 3, 2026"), 0) is None
    assert byline_below(("Title", "Ann Lee"), 0) is None
    assert byline_below(("Title", "We are late.", "May 3, 2026"), 0) is None


def test_the_update_label_gives_the_title_author_and_date() -> None:
    head = "Backwell\nDiscover\nLog in\nA kiln\nCampaign\nFAQ\nUpdate #7\nLids and a shelf\n"
    state = ParseState(
        head + "Halde Studio\nCreator\nOctober 12, 2026\n\nHello.\n", "t", PROFILES["blog"]
    )
    state.blocks = split_blocks(state.text)
    update_head(state)
    assert state.header == {"title": "Lids and a shelf", "site": "Backwell"}
    assert [(f.name, f.value) for f in state.metadata] == [
        ("author", "Halde Studio"),
        ("date", "October 12, 2026"),
    ]
    assert [b.text for b in state.blocks] == ["Hello."]


def test_no_update_head_when_the_title_ends_a_sentence_or_is_kept() -> None:
    text = "Update #7\nWe are late.\nHalde Studio\nOctober 12, 2026\n\nHello.\n"
    state = ParseState(text, "t", PROFILES["blog"])
    state.blocks = split_blocks(text)
    update_head(state)
    assert "title" not in state.header
    kept = ParseState(text.replace("We are late.", "Lids"), "t", PROFILES["blog"])
    kept.blocks = split_blocks(kept.text)
    kept.keep = {1}
    update_head(kept)
    assert "title" not in kept.header


# -- lost list marks: a list that is one sentence ---------------------------------------


def _block(*lines: str) -> RawBlock:
    return RawBlock(1, lines, lines, 0, 0)


def test_items_closed_by_semicolons_and_a_full_stop_are_a_list() -> None:
    assert lead_in_items(_block("In three ways:", "the pin moved;", "the cast thicker;", "a jig."))
    # lines closed by commas and a full stop: verse as often as a list
    assert not lead_in_items(_block("It went:", "down by the lock,", "the keeper sits,", "a gull."))


def test_mixed_closers_or_a_sentence_inside_are_no_list() -> None:
    assert not lead_in_items(_block("In three ways:", "the pin moved;", "the cast,", "a jig."))
    assert not lead_in_items(_block("In three ways:", "the pin moved;", "the cast;", "a jig"))
    assert not lead_in_items(_block("Code:", "x = read();", "y = x * 2;", "log(y);"))
    assert not lead_in_items(_block("In two ways:", "the pin moved;", "a jig."))


def test_a_lead_in_read_line_by_line_is_joined_again() -> None:
    rows = _lines("In three ways:", "the pin moved;", "the cast thicker;", "a jig.", "Done.")
    assert rejoin(rows)[0].lines == rows[0].lines + tuple(b.text for b in rows[1:4])
    gap = [*rows[:2], RawBlock(4, ("the cast thicker;",), ("the cast thicker;",), 0, 1)]
    assert len(rejoin([*gap, *rows[3:]])) == 5  # a blank line between: not one list


# -- the vocabulary's lines, on whole texts ----------------------------------------------


def test_recipe_card_lines_and_stars_are_furniture() -> None:
    text = (
        "Hazel Pantry\n\nLentil Stew\n\nBy Orla Fenwick\n\nJump to Recipe  Print Recipe\n\n"
        "This post may contain affiliate links. Read my policy.\n\n"
        "We ate this stew twice a week all through January and never tired of it.\n\n"
        "Prep Time 10 mins\nCook Time 40 mins\nCourse Dinner\n\n4.5 from 8 votes\n\n"
        "Course Dinner\n\nThe end of the story is that it is still our favourite stew.\n"
    )
    document, _ = parse(text, "blog", "t.txt")
    reasons = {r.line: r.reason for r in document.removed}
    assert reasons[7] == "recipe card buttons" and reasons[9] == "affiliate disclosure"
    assert reasons[13] == "recipe card details" and reasons[17] == "recipe card rating"
    assert 19 not in reasons  # a lone card detail is no run: it stays


# -- thresholds ------------------------------------------------------------------------


def test_a_trail_is_read_among_the_first_eight_blocks_only() -> None:
    menu = "\n".join(f"Item {n}" for n in range(7))
    state = _state(f"{menu}\nHome » Stew\nStew\nText.\n")  # the trail is block 8 (index 7)
    drop_trail(state)
    assert "Home » Stew" not in [b.text for b in state.blocks]
    state = _state(f"{menu}\nItem 7\nHome » Stew\nStew\nText.\n")  # index 8
    drop_trail(state)
    assert "Home » Stew" in [b.text for b in state.blocks]


def test_a_post_header_needs_a_line_of_text_after_the_one_above() -> None:
    blocks = _lines("Ann Lee", "Mar 2, 2026", "#1", "Bo Ray", "Mar 3, 2026", "#2", "Text.")
    assert [u.number for u in find_units(blocks)] == [2]
    spaced = _lines("Ann Lee", "Mar 2, 2026", "#1", "Hi.", "Bo Ray", "Mar 3, 2026", "#2")
    assert [u.number for u in find_units(spaced)] == [2, 6]


def test_reactions_lines_go_with_the_names_under_them_only() -> None:
    text = _thread("That is normal.", "Reactions: Ann Lee and Cy Dunn", "Still dripping?")
    document, _ = parse(text, "blog", "t.txt")
    reasons = {r.line: r.reason for r in document.removed}
    assert reasons[14] == "post reactions" and 15 not in reasons
    text = _thread("That is normal.", "Reactions:", "Ann Lee", "Still dripping?")
    document, _ = parse(text, "blog", "t.txt")
    reasons = {r.line: r.reason for r in document.removed}
    assert reasons[14] == reasons[15] == "post reactions" and 16 not in reasons


def test_the_update_label_is_read_among_the_first_four_blocks_only() -> None:
    byline = "Update #7\nLids\nHalde Studio\nOctober 12, 2026\n\nHello.\n"
    near = ParseState("A\n\nB\n\nC\n\n" + byline, "t", PROFILES["blog"])
    near.blocks = split_blocks(near.text)
    update_head(near)
    assert near.header.get("title") == "Lids"
    far = ParseState("A\n\nB\n\nC\n\nD\n\n" + byline, "t", PROFILES["blog"])
    far.blocks = split_blocks(far.text)
    update_head(far)
    assert "title" not in far.header


def test_a_post_dated_within_the_week_is_a_header_too() -> None:
    blocks = _lines("Ann Lee", "Member", "Yesterday at 9:14 PM", "#1", "Text.")
    assert [u.when for u in find_units(blocks)] == ["Yesterday at 9:14 PM"]
    blocks = _lines("Ann Lee", "Member", "Monday at the latest", "#1", "Text.")
    assert find_units(blocks) == []


def test_each_post_keeps_its_own_date_and_a_member_title_is_no_name() -> None:
    text = _thread("That is normal.") + "Bo Ray\nMember\nMar 9, 2026\n#3\nStill fine.\n"
    document, _ = parse(text, "blog", "t.txt")
    assert [c.date_text for c in document.comments] == ["Mar 3, 2026", "Mar 9, 2026"]
    assert find_units(_lines("It was fine.", "Member", "Mar 2, 2026", "#1", "Text.")) == []


def test_a_date_line_is_skipped_before_an_address_opening_the_text() -> None:
    state = _state("x\n")
    entries = _entries(("Ruth Lee", "Lovely."), ("Nell Amory", "May 3, 2026"))
    entries[1][2].append(RawBlock(6, ("Ruth, try it cold.",), ("Ruth, try it cold.",), 0, 0))
    assert vocative_cue(state, entries, 1) is not None


def test_a_one_line_reactions_row_takes_no_line_below_it() -> None:
    text = _thread("That is normal.", "Reactions: Ann Lee and Cy Dunn", "Thanks")
    document, _ = parse(text, "blog", "t.txt")
    reasons = {r.line: r.reason for r in document.removed}
    assert reasons[14] == "post reactions" and 15 not in reasons


def test_a_reply_line_is_no_badge_between_the_name_and_the_date() -> None:
    assert byline_below(("Title", "Ann Lee", "Reply to Bo Ray", "May 3, 2026"), 0) is None


def test_items_are_joined_only_on_consecutive_lines() -> None:
    rows = _lines("In three ways:", "the pin moved;", "the cast thicker;")
    rows.append(RawBlock(5, ("a jig.",), ("a jig.",), 0, 0))  # line 4 was removed before
    assert len(rejoin(rows)) == 4
