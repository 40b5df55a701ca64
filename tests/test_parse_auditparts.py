"""The audit of parts a page holds that no rule read (parse/auditparts.py), at its edges.

Each check is pinned from both sides: the trace reported where the hint goes, and
the nearest clean text left quiet.
"""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.parse import parse
from sourcebook.parse.auditparts import parts

POST = "Quay Notes\nHarbour life, weekly\n\nA new ladder on the quay\n\n"
POST += "The old ladder rusted through in the spring, so the harbour board fitted a new one.\n\n"
POST += "It is galvanised this time, and the rungs are wide enough for boots.\n\n"


def _findings(text: str, kind: str, needle: str) -> list[tuple[int, str]]:
    _, diags = parse(text, kind, "t.txt")  # type: ignore[arg-type]
    return [
        (d.line, d.message)
        for d in diags
        if d.code is Code.STRUCTURE_UNSURE and needle in d.message
    ]


def test_a_comments_heading_over_text_with_no_comment_read_is_reported_at_the_posts_end() -> None:
    text = POST + "Discussion\n\nGood to see it fixed. My grandson uses it every weekend.\n"
    found = _findings(text, "blog", "comments heading")
    assert [line for line, _ in found] == [8]  # the post's last line: 'body_end' goes there
    assert "'comments_start' to 12" in found[0][1]


def test_a_heading_that_counts_no_comments_is_not_a_thread_unread() -> None:
    text = POST + "No comments\n\nThe next post is about the slipway, which needs the same.\n"
    assert _findings(text, "blog", "comments heading") == []


def test_a_menu_row_is_a_title_from_so_many_items() -> None:
    items = ["Home", "Archives", "Profile", "Contact"]
    for count in (parts().menu_items - 1, parts().menu_items):
        row = " | ".join(items[:count])
        text = f"Quay Notes\nHarbour life, weekly\n{row}\n\n" + POST.split("\n\n", 2)[2]
        found = _findings(text, "blog", "a menu taken as the title")
        assert bool(found) == (count >= parts().menu_items), row


def test_note_lines_kept_as_text_are_reported_where_the_text_ends() -> None:
    lead = "Pellow Lock is a flood lock built in 1823 to keep the tides out.[1] It was rebuilt.[2]"
    notes = "^ Ashby 1974, p. 8.\n^ Tarrant Mercury, 2 May 1907."
    text = f"Pellow Lock\n{lead}\n\n{notes}\n"
    found = _findings(text, "wikipedia", "read as the page's notes")
    assert [line for line, _ in found] == [2] and "lines 4-5" in found[0][1]
    # one note line is not a notes list
    one = f"Pellow Lock\n{lead}\n\n^ Ashby 1974, p. 8.\n"
    assert _findings(one, "wikipedia", "read as the page's notes") == []


def test_note_lines_above_a_comment_thread_are_not_advised_away_with_body_end() -> None:
    # 'body_end' would end the page before the comments too: with a thread read below,
    # the advice lists the note lines only (under a heading no rule knows: under
    # "Notes" a blog's cited notes are read, notes.py)
    post = (
        "Quay Notes\nHome\nArchive\nAbout\nThe new ladder\nPosted on 4 May 2024 by Ann Roe\n"
        "The ladder was fixed in May after a winter of complaints.[1] It cost less than the"
        " council had set aside for it.[2]\nThe harbour master says the old one was older"
        " than the quay wall itself.[3]\nWhere this comes from\n1. Harbour minutes, 2024.\n"
        "2. Council accounts, 2024.\n3. A letter to the harbour master, 2024.\n"
    )
    thread = (
        "2 comments\nIlse Varga\n5 May 2024 at 9:12\nAbout time too. The old one cut my hands.\n"
        "Reply\nOwen Marr\n6 May 2024 at 8:02\nThe rungs are much better now.\nReply\n"
    )
    alone = _findings(post, "blog", "read as the page's notes")
    assert alone and "'body_end'" in alone[0][1]
    found = _findings(post + thread, "blog", "read as the page's notes")
    assert found and "'body_end'" not in found[0][1] and "lines 10-12 in the" in found[0][1]
    read = post.replace("Where this comes from", "Notes") + thread
    assert _findings(read, "blog", "read as the page's notes") == []
    assert len(parse(read, "blog", "t.txt")[0].footnotes) == 3


def test_numbered_points_without_markers_are_not_notes() -> None:
    text = (
        "Three rules\n\nA shared bench needs three rules, and only three.\n\n"
        "1. Put every tool back where you found it.\n\n2. Sweep before you leave.\n"
    )
    assert _findings(text, "essay", "read as the page's notes") == []


def test_a_numbered_note_with_a_back_link_is_a_note() -> None:
    text = (
        "On buses\n\nThe bus is slower than the train, and I like it better.1 It stops often.2\n\n"
        "1. It is also cheaper. ↩\n\n2. Eleven stops, to be exact. ↩\n\nMade with Quill\n"
    )  # the footer line below: not a numbered run closing the text
    found = _findings(text, "essay", "read as the page's notes")
    assert [line for line, _ in found] == [3]


THREAD = POST + "2 thoughts on “A new ladder on the quay”\n\n"
THREAD += (
    "Ilse Varga says:\n4 May 2024 at 9:12 am\nAbout time too. The old one cut my hands.\n{tail}\n\n"
)
THREAD += "Owen Marr says:\n5 May 2024 at 8:02 am\nThe rungs are much better now.\n"


def test_a_short_line_glued_below_a_comments_sentence_is_chrome_up_to_so_many_words() -> None:
    for words in (parts().tail_words, parts().tail_words + 1):
        tail = " ".join(["Share"] + ["this"] * (words - 1))
        text = THREAD.format(tail=tail)
        found = _findings(text, "blog", "glued below the text of the comment")
        assert [line for line, _ in found] == ([15] if words <= parts().tail_words else []), words


def test_lines_that_open_with_their_own_markers_cite_nothing() -> None:
    """'[1] Sentence.' lines are claims with markers in front, not a notes list, unless
    markers elsewhere in the text cite them."""
    lines = [
        "[1] The ferry ran twice a day until 1958.",
        "[2] Its pier was rebuilt after the storm of 1962.",
        "[3] A café now stands where the ticket office was.",
    ]
    head = "Marrow Ferry\n\nMarrow Ferry is a former river crossing in the south of the county.\n\n"
    text = head + "\n\n".join(lines) + "\n"
    assert _findings(text, "wikipedia", "read as the page's notes") == []
    cited = head.replace("county.", "county.[1] It closed in 1970.[2]") + "\n\n".join(lines) + "\n"
    # cited from the running text, the same lines are notes no rule read: reported where
    # the text ends (by this check or the audit's numbered-tail trace, one per line)
    assert [line for line, _ in _findings(cited, "wikipedia", "")] == [3]
