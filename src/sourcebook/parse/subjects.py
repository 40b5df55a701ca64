"""Comment subjects printed on a line of their own above each post's header.

Content systems that give each comment a title (Drupal's comment subject,
some forums' post titles) print it above the post's header line ("Submitted
by NAME on DATE"), often with a blank line between, so the glued-subject rule
of :func:`~sourcebook.parse.nesting.is_subject` does not see it.  One such
line could be the last, short paragraph of the comment above; a short line
above most of the thread's headers (at least two of them) is the thread's
form, and each is the comment's subject.
"""

from __future__ import annotations

from sourcebook.model import Kind
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.commentdate import chrome_line
from sourcebook.parse.evidence import score_line
from sourcebook.parse.headed import Matcher
from sourcebook.parse.nesting import SUBJECT_WORDS
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import vocabulary

#: at least this many of the thread's headers have a subject line above them
_MIN_SUBJECTS = 2


def subject_line(block: RawBlock, match: Matcher, kind: Kind = "blog") -> bool:
    """A short single line with no sentence end other than a question mark (a subject
    may ask), not a button, an interjection ("Thanks"), a header itself or a line the
    vocabulary knows (the thread's "Comments" heading).

    >>> from sourcebook.parse.headed import vocabulary_matcher as m
    >>> line = lambda t: RawBlock(3, (t,), (t,), 0, 1)
    >>> subject_line(line("Fondant recipe?"), m), subject_line(line("Thanks!"), m)
    (True, False)
    >>> subject_line(line("That settles it."), m), subject_line(line("Permalink"), m)
    (False, False)
    >>> subject_line(line("Comments"), m)
    False
    """
    text = block.text.strip()
    vocab = vocabulary()
    return (
        block.single_line
        and 0 < len(text.split()) <= SUBJECT_WORDS
        and not text.endswith((".", "!", ":", ";", ",", "…"))
        and text.rstrip("?!. ").lower() not in vocab.not_outlets
        and not chrome_line(text)
        and match(text) is None
        and score_line(text, 0, 1, vocab.for_kind(kind), vocab.window) is None
    )


def drop_subjects(state: ParseState, blocks: list[RawBlock], match: Matcher) -> list[RawBlock]:
    """*blocks* without the subject lines above the headers after the first (see the
    module docstring); each removed one is recorded."""
    heads = [i for i, b in enumerate(blocks) if b.single_line and match(b.text) is not None]
    kind = state.profile.kind
    found = [
        i - 1
        for i in heads[1:]
        if i > 0
        and blocks[i - 1].line not in state.keep
        and subject_line(blocks[i - 1], match, kind)
    ]
    if len(found) < _MIN_SUBJECTS or 2 * len(found) < len(heads) - 1:
        return blocks
    for index in found:
        state.remove(blocks[index], "comment subject", "thread: a short line above each header")
    drop = set(found)
    return [b for i, b in enumerate(blocks) if i not in drop]


__all__ = ["drop_subjects", "subject_line"]
