"""A comment's subject line printed under its header (LiveJournal, Dreamwidth).

Journal platforms print each comment as "From: NAME" / "Date: DATE" and then the
comment's subject ("(no subject)", "Re: the jumble", "the jumble") above its text.
A subject alone proves nothing (a comment may open with a short line), so the
evidence is the thread: when every two-line header of it (two at least) has a
short line with no sentence end right under its date and a line of text right
under that, those lines are the subjects.  A subject opening "Re:" marks a reply
(``[comments] reply_to``); the others are removed.
"""

from __future__ import annotations

import re

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.nesting import SUBJECT_WORDS

_SENTENCE_END = re.compile(r"[.!?…:][\"”’')\]]*$")
#: headers needed to read a thread's subjects
_HEADERS = 2


def subject_lines(lines: list[RawBlock], dates: list[int]) -> set[int]:
    """The subject lines under the headers whose date lines are *dates*, or none."""
    at = {line.line: index for index, line in enumerate(lines)}
    found: set[int] = set()
    for date in dates:
        index = at.get(date)
        if index is None or index + 2 >= len(lines):
            return set()
        subject, text = lines[index + 1], lines[index + 2]
        if subject.blanks_before or text.blanks_before or not _subject(subject.text):
            return set()
        found.add(subject.line)
    return found if len(found) >= _HEADERS else set()


def _subject(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= SUBJECT_WORDS and not _SENTENCE_END.search(text)


def is_reply_subject(text: str) -> bool:
    """A subject answering another comment's ("Re: …")."""
    return text.startswith("Re:")


__all__ = ["is_reply_subject", "subject_lines"]
