"""Author cards, credential and subject lines, reply cues, property tables and notes
whose numbers were dropped (parse/authorcard.py, pairs.py, replies.py, headed.py,
propertytable.py, dropnotes.py) at their edges: each rule once on its evidence and
once with one piece of the evidence missing.  Every text here is invented.
"""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.model import Comment, Document
from sourcebook.parse import parse

MENU = "Fieldnote\nArticles\nJobs\nJoin now\nSign in\n"
TITLE = "How We Stopped Losing Keys at the Depot\n"
BODY = (
    "For two winters the key cabinet stood open all night, and every morning a van"
    " could not leave because its key was in somebody's coat.\n"
    "Now the keys hang on numbered hooks and the night lead signs them in and out.\n"
)


def _doc(text: str, kind: str = "blog") -> tuple[Document, list[Code]]:
    document, diags = parse(text, kind, "t.txt")  # type: ignore[arg-type]
    return document, [d.code for d in diags]


def _flat(comments: tuple[Comment, ...]) -> list[tuple[str | None, int]]:
    out: list[tuple[str | None, int]] = []
    for comment in comments:
        out.append((comment.author, comment.depth))
        out += _flat(comment.replies)
    return out


def test_a_name_printed_twice_under_the_title_is_the_author_and_its_headline_the_bio() -> None:
    card = "Rosalind Achter\nRosalind Achter\nFleet Manager at Kelso Vans | Logistics\n"
    document, _ = _doc(MENU + TITLE + card + BODY)
    assert document.meta("author") == ("Rosalind Achter",)
    assert document.bio == "Fleet Manager at Kelso Vans | Logistics"
    first = document.blocks[0]
    assert getattr(first, "line", None) == 10  # the body opens under the card


def test_a_name_printed_once_is_no_card() -> None:
    document, _ = _doc(MENU + TITLE + "Rosalind Achter\n" + BODY)
    assert document.meta("author") == ()
    assert document.bio is None


def test_in_an_essay_head_the_name_printed_twice_needs_a_handle_or_a_headline() -> None:
    head = "Keyring Notes\nHome\nAbout\nArchive\nSubscribe\nThread by @rachter\n"
    head += "Rosalind Achter\nRosalind Achter\n"
    foot = "More from @rachter\nDonate\n© 2026 Keyring Notes\n"
    bare, _ = _doc(head + BODY + foot, "essay")
    card = "@rachter\nDepot keeper. Writing about keys.\n"
    handled, _ = _doc(head + card + BODY + foot, "essay")
    assert handled.meta("author") == ("Rosalind Achter",)
    assert handled.bio == "Depot keeper. Writing about keys."
    assert bare.bio is None and "Rosalind Achter" not in bare.meta("author")


THREAD_HEAD = MENU + TITLE + BODY + "Like\nComment\nShare\n"


def test_a_credential_line_between_the_name_and_the_age_belongs_to_the_header() -> None:
    thread = (
        "Ida Ferrand\nShift Lead at Orrin Haulage\n2d\nWe tried hooks too.\nLike\nReply\n"
        "Mateo Quist\nDriver\n1d\nNumbered hooks saved us an hour a week.\nLike\nReply\n"
    )
    document, _ = _doc(THREAD_HEAD + thread)
    assert _flat(document.comments) == [("Ida Ferrand", 0), ("Mateo Quist", 0)]


def test_a_short_text_line_above_a_name_is_not_a_credential() -> None:
    thread = (
        "Ida Ferrand\n2d\nWe tried hooks too.\nsame here\nMateo Quist\n1d\n"
        "Numbered hooks saved us an hour a week.\n"
    )
    document, _ = _doc(THREAD_HEAD + "2 Comments\n" + thread)
    authors = [a for a, _ in _flat(document.comments)]
    assert "same here" not in authors


def test_a_reply_opening_with_an_earlier_commenters_full_name_nests_under_it() -> None:
    thread = (
        "Ida Ferrand\nShift Lead\n2d\nWe tried hooks too.\nLike\nReply\n"
        "Mateo Quist\nDriver\n1d\nIda Ferrand ours lasted a week.\nLike\nReply\n"
        "Nils Orde\nDriver\n1d\nIda said it already.\nLike\nReply\n"
    )
    document, _ = _doc(THREAD_HEAD + thread)
    # the full name is a mention; a first name alone is no evidence
    assert _flat(document.comments) == [("Ida Ferrand", 0), ("Mateo Quist", 1), ("Nils Orde", 0)]


AGGREGATOR = (
    "Gearwheel\nNotes on machines\nStories\nSubmit\nLogin\nSign up\n"
    "Ferry Engines Get a Second Life\n"
    "Posted by hollins on Friday May 08, 2026 @08:05AM from the waste-not dept.\n"
    'A reader writes: "Two retired ferry engines now stand behind the harbour office,'
    ' wired to take over if the mains fail."\n'
    "12 comments\n"
)


def _aggregator_comment(subject: str, name: str, text: str, link: str) -> str:
    header = f"by {name} ( 77120 ) on Friday May 08, 2026 @08:30AM (#55001100)\n"
    return f"{subject} (Score:3)\n{header}{text}\n{link}\nShare\n"


def test_a_parent_link_nests_a_comment_under_the_one_above_and_is_reported() -> None:
    thread = _aggregator_comment(
        "Old engines", "pelham_r", "They start first time.", "Reply to This"
    )
    thread += _aggregator_comment("Re:Old engines", "anya_k", "Until the parts run out.", "Parent")
    document, codes = _doc(AGGREGATOR + thread)
    assert _flat(document.comments) == [("pelham_r", 0), ("anya_k", 1)]
    assert Code.STRUCTURE_UNSURE in codes
    assert document.meta("author") == ("hollins",) and document.meta("date") == ("May 08, 2026",)


def test_without_parent_links_the_aggregator_thread_stays_flat() -> None:
    thread = _aggregator_comment(
        "Old engines", "pelham_r", "They start first time.", "Reply to This"
    )
    thread += _aggregator_comment(
        "Tidy idea", "anya_k", "Until the parts run out.", "Reply to This"
    )
    document, _ = _doc(AGGREGATOR + thread)
    assert _flat(document.comments) == [("pelham_r", 0), ("anya_k", 0)]
    texts = [b.inlines[0].text for c in document.comments for b in c.blocks]  # type: ignore[union-attr]
    assert not any("Score" in t for t in texts)  # the subjects left the comments' text


NOTES_HEAD = "Pond Notes\n\nA Keeper for Every Pond\n\nBy Wenna Holt\n\n"
PROPS = "Author\nWenna Holt\nCreated\nApril 2, 2026 7:15 AM\nTags\nPonds\nParish\n"


def test_a_property_table_gives_author_date_and_every_tag() -> None:
    document, _ = _doc("Pond Notes\n\nA Keeper for Every Pond\n\n" + PROPS + BODY, "essay")
    assert document.meta("author") == ("Wenna Holt",)
    assert document.meta("date") == ("April 2, 2026",)
    assert document.meta("tag") == ("Ponds", "Parish")


def test_one_label_alone_is_no_property_table() -> None:
    document, _ = _doc(NOTES_HEAD + "Tags\nPonds\n\n" + BODY, "essay")
    assert document.meta("tag") == ()


NOTED = (
    "Most ponds in the parish were dug for cattle, and when the cattle went nobody took"
    " over the work of clearing them, so every pond needs a keeper.[1]\n\n"
    "The keeper needs no more than a key to the gate and a spade, and the parish has"
    " agreed to pay for the spade out of the footpaths budget.[2]\n\nNotes\n\n"
    "The old map shows eleven ponds.\n\nA spade costs forty shillings.\n"
)


def test_unnumbered_notes_counted_by_the_markers_are_the_notes_and_reported() -> None:
    document, codes = _doc(NOTES_HEAD + NOTED, "essay")
    assert [f.label for f in document.footnotes] == ["1", "2"]
    assert document.marker_labels == ("1", "2")
    assert Code.STRUCTURE_UNSURE in codes


def test_one_line_more_than_the_markers_leaves_the_notes_as_text() -> None:
    document, _ = _doc(NOTES_HEAD + NOTED + "\nThe survey was done in 1988.\n", "essay")
    assert document.footnotes == ()


EDITION = (
    "\nA Word for Ponds\nBy Wenna Holt.\n"
    "Most ponds in the parish were dug for cattle, and when the cattle went nobody took"
    " over the work of clearing them.\n"
    "A pond left alone silts up in about forty years, and four on the old map are gone.\n"
)


def test_an_essay_heads_menu_names_the_site_by_a_line_of_two_words_or_more() -> None:
    named, _ = _doc("Greenleaf Editions\nEbooks\nBlog\nAbout\nDonate" + EDITION, "essay")
    section, _ = _doc("Fiction\nEbooks\nBlog\nAbout\nDonate" + EDITION, "essay")
    assert named.site == "Greenleaf Editions"
    assert section.site is None
