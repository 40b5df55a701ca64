"""Traces of a content system's page chrome that the finished page still shows.

Content systems (Drupal and its kind, wiki engines, forum software) print a post's
byline, its page actions and its comments' links in forms that vary by theme and
language.  When the rules do not know a form, the finished page shows it:

* a title that reads as a byline or a post header ("Submitted by NAME on DATE",
  "Posted by NAME on DATE", a date with a name): the real title is elsewhere
  (:func:`byline_title`);
* a heading of three or more capitalised words with no function word and no
  sentence, two of them words the vocabulary knows alone as page chrome ("Edit",
  "Print"), standing above the text's first paragraph: a tool bar of page actions
  ("View Edit History Print") read as a section's name (:func:`action_heading`);
* a title that is a row of a site's menu items ("Home Forums Events Log in"): at
  least ``MENU_ITEMS`` items the vocabulary knows as menu words, every other word
  capitalised, no sentence end (:func:`menu_title`);
* no comment read, while the body holds two lines or more that only a thread has:
  a comment header, a "Reply" or "Permalink" link, an "In reply to …" line
  (:func:`unread_thread`).

Each is one located SB608 finding naming the hint that overrides the decision
(see :mod:`sourcebook.parse.audit`); the forms are the vocabulary's (``[forum]``,
``[comments]``, ``[paired_comments]`` in ``layout.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sourcebook.model import Comment, Heading, Kind, Paragraph
from sourcebook.parse.auditpage import Finding, Page, quote, text_of
from sourcebook.parse.auditprose import prose
from sourcebook.parse.auditshape import has_date
from sourcebook.parse.commentdate import chrome_line
from sourcebook.parse.forum import post_header
from sourcebook.parse.headed import vocabulary_matcher
from sourcebook.parse.menu import menu_words
from sourcebook.parse.replies import reply_to_forms
from sourcebook.parse.scoring import Verdict, score_line
from sourcebook.parse.vocabulary import layout_table, vocabulary

#: an action bar read as a heading has at least this many words ...
ACTION_WORDS = 3
#: ... and at most this many
ACTION_MAX_WORDS = 8
#: ... two of them page actions the vocabulary knows
KNOWN_ACTIONS = 2
#: this many thread lines in the body, with no comment read, are a thread
THREAD_LINES = 2
#: a title holding this many known menu items, the rest capitalised words, is a menu
MENU_ITEMS = 3

#: a numeric date the vocabulary's forms may not know ("12.03.2026", "2026-03-12")
_NUMERIC_DATE = re.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})\b")
#: a comment header's verb ("NAME wrote at DATE")
_HEADER_VERB = re.compile(r"\b(?:wrote|said|says|commented|replied|posted|answered)\b")
#: a comment header has at most this many words
_HEADER_WORDS = 12
_BY = re.compile(r"(?:^|\s)(?:[Bb]y|[Ss]ubmitted|[Pp]osted|[Ww]ritten)\s")
_SENTENCE_END = re.compile(r"[.!?…:;,][\"”’')\]]*$")
#: a link of a comment: "Reply", "reply", "Permalink", "Reply to this"
_THREAD_LINK = re.compile(r"(?i)(?:\(?(?:reply|permalink)\)?(?: to this)?\s*){1,3}")


def _dated(text: str) -> bool:
    return has_date(text) or _NUMERIC_DATE.search(text) is not None


def _title_line(page: Page, title: str) -> int:
    return next((n for n, t in enumerate(page.lines, 1) if " ".join(t.split()) == title), 1)


def byline_title(page: Page) -> Iterator[Finding]:
    """A title that is a post header, a comment header, or a date with a byline's word."""
    title = page.document.title
    if not title:
        return
    line = _title_line(page, title)
    if line in page.keep:
        return
    header = post_header(title) is not None or vocabulary_matcher(title) is not None
    if not header and not (_dated(title) and _BY.search(title)):
        return
    yield Finding(
        line,
        f"the title {quote(title)} reads as a byline or a post header (a name and a date),"
        " not a title: the title is another line? set 'title_line' in the structure hints",
    )


def menu_items(text: str) -> int | None:
    """How many of *text*'s words are items of a site's menu (an item of two words,
    "Log in", counts once); None when another word is not capitalised or the text
    ends a sentence, so that no title in words of its own is counted.

    >>> menu_items("Home Forums Events Log in"), menu_items("Home is where the heart is")
    (3, None)
    """
    words, known, index = text.split(), 0, 0
    if _SENTENCE_END.search(text):
        return None
    items = menu_words()
    while index < len(words):
        pair = " ".join(words[index : index + 2]).casefold()
        width = 2 if index + 1 < len(words) and pair in items else 1
        if width == 2 or words[index].casefold() in items:
            known += 1
        elif not words[index][:1].isupper():
            return None
        index += width
    return known


def _navigates(text: str) -> bool:
    """A row of at least ``MENU_ITEMS + 1`` items, or one holding a word only menus print
    ("Home", "Log in": ``[line_menu] navigation``); three topic words a site's menu
    also prints ("Writing About Books") make a title.

    >>> _navigates("Home Notes Archive"), _navigates("Writing About Books")
    (True, False)
    """
    navigation = {w.casefold() for w in layout_table("line_menu")["navigation"]}
    words = text.split()
    pairs = {" ".join(words[i : i + 2]).casefold() for i in range(len(words) - 1)}
    return len(words) > MENU_ITEMS or any(w.casefold() in navigation for w in [*words, *pairs])


def menu_title(page: Page) -> Iterator[Finding]:
    """A title that is a row of menu items: the site's navigation above the title."""
    title = page.document.title
    if not title:
        return
    line = _title_line(page, title)
    if line in page.keep:
        return
    if title.strip().casefold() in menu_words():
        # one menu item ("Archive") scores as a title by its shape alone: a menu
        # longer than the lines the header reads leaves one in the title's place
        yield Finding(
            line,
            f"the title {quote(title)} is a word site menus print: an item of the page's"
            " menu? set 'title_line' in the structure hints to the title's line (and list"
            " the menu's lines in 'remove')",
        )
        return
    known = menu_items(title)
    if known is None or known < MENU_ITEMS or not _navigates(title):
        return
    yield Finding(
        line,
        f"the title {quote(title)} reads as a site's menu ({known} of its words are menu"
        " items), not a title: the title is another line? set 'title_line' in the"
        " structure hints (and list this line in 'remove')",
    )


def _action_row(text: str, kind: Kind) -> bool:
    """Three to eight capitalised words, none a function word, no sentence end, two of
    them page actions the vocabulary knows alone ("Edit", "Print", "Share").

    >>> _action_row("View Edit History Print", "wikipedia")
    True
    >>> _action_row("Calder Vale Heritage Trail", "wikipedia")
    False
    >>> _action_row("Using the bays", "wikipedia"), _action_row("Edit Print", "wikipedia")
    (False, False)
    """
    words = text.split()
    if not ACTION_WORDS <= len(words) <= ACTION_MAX_WORDS or _SENTENCE_END.search(text):
        return False
    function = prose().function_words
    if not all(w[:1].isupper() and w.lower() not in function for w in words):
        return False
    vocab = vocabulary()
    entries = vocab.for_kind(kind)
    known = [w for w in words if _furniture(score_line(w, 0, 1, entries, vocab.window))]
    return len(known) >= KNOWN_ACTIONS


def _furniture(verdict: Verdict | None) -> bool:
    return verdict is not None and verdict.evidence.role == "furniture"


def action_heading(page: Page) -> Iterator[Finding]:
    """A heading above the text's first paragraph that is a row of capitalised words."""
    for block in page.document.blocks:
        if isinstance(block, Paragraph):
            return  # the text has begun
        if not isinstance(block, Heading) or block.line in page.keep:
            continue
        if _action_row(block.text, page.document.kind):
            yield Finding(
                block.line,
                f"the heading {quote(block.text)} above the text's first paragraph is a"
                " row of capitalised words with no sentence: a tool bar of page actions?"
                f" list line {block.line} in the structure hint 'remove' (or in 'keep' if"
                " it is a heading)",
            )
        return


def _thread_line(text: str) -> bool:
    """A line only a comment thread has: a header (the vocabulary's, or a name, a verb
    and a date: "Bo Ek wrote at 12.03.2026"), a reply link, an "In reply to" line.

    >>> _thread_line("Bo Ek wrote at 12.03.2026"), _thread_line("Permalink")
    (True, True)
    >>> _thread_line("The report was written in 2024."), _thread_line("Share")
    (False, False)
    """
    text = text.strip()
    if post_header(text) is not None or vocabulary_matcher(text) is not None:
        return True
    if len(text.split()) <= _HEADER_WORDS and _HEADER_VERB.search(text) and _dated(text):
        return not _SENTENCE_END.search(text)
    if _THREAD_LINK.fullmatch(text):
        return True
    return any(p.fullmatch(text) for p in reply_to_forms()) or (
        chrome_line(text) and "reply" in text.lower()
    )


def _body_lines(page: Page) -> Iterator[tuple[int, str]]:
    """The lines of the body's paragraphs and headings, and the lines removed."""
    for block in page.document.blocks:
        if isinstance(block, Comment) or block.line in page.keep:
            continue
        if isinstance(block, Paragraph) and not page.trusted(block):
            raw = page.raw(block) or [text_of(block)]
            yield from ((block.line + i, t) for i, t in enumerate(raw))
        elif isinstance(block, Heading):
            yield block.line, block.text
    for removed in page.document.removed:
        yield from ((removed.line + i, t) for i, t in enumerate(removed.text.split("\n")))


def unread_thread(page: Page) -> Iterator[Finding]:
    """No comment read, though the body (or what was removed from it) holds lines that
    only a thread has; reported at the first of them."""
    if page.document.comments:
        return
    lines = sorted((n, t) for n, t in _body_lines(page) if _thread_line(t))
    if len(lines) < THREAD_LINES:
        return
    first, text = lines[0]
    yield Finding(
        first,
        f"{len(lines)} lines of the page read as a comment thread's (from {quote(text)}),"
        " but no comment was read: a thread in a form no rule knew? set 'comments_start'"
        " and 'comment_header' in the structure hints (or list the lines in 'keep' if"
        " they are text)",
    )


#: a date counted from the day the page was read ("4 days ago", "yesterday")
_RELATIVE = re.compile(
    r"(?i)\b(?:(?:\d{1,3}|an?|one) (?:second|minute|hour|hr|day|week|month|year)s? ago"
    r"|yesterday|today|last (?:week|month|year))\b"
)


def relative_date(page: Page) -> Iterator[Finding]:
    """The page's date is relative ("4 days ago") and no other date field is absolute:
    the day it counts from is unknown, so no absolute date is invented."""
    dates = [f for f in page.document.metadata if f.name == "date"]
    relative = [f for f in dates if _RELATIVE.search(f.value)]
    if not relative or len(relative) < len(dates) or relative[0].line in page.keep:
        return
    field = relative[0]
    yield Finding(
        field.line,
        f"the date {quote(field.value)} is relative to the day the page was read, which the"
        " text does not state: kept as printed, its absolute date unknown; set 'date' in"
        " the document if you know it",
    )


def node_findings(page: Page) -> list[Finding]:
    """Every finding of this module (the audit sorts them)."""
    return [
        *byline_title(page),
        *menu_title(page),
        *action_heading(page),
        *unread_thread(page),
        *relative_date(page),
    ]


__all__ = [
    "action_heading",
    "byline_title",
    "menu_title",
    "node_findings",
    "relative_date",
    "unread_thread",
]
