"""A line's score against the platform vocabulary (``layout.toml``), where it stands.

Each entry of the vocabulary has a weight and a place on the page (``where``); a
line matching an entry out of its place scores half the weight.  The best entry
decides (:mod:`sourcebook.parse.evidence` acts on the verdicts).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.vocabulary import Evidence, Vocabulary, layout_table


@dataclass(frozen=True, slots=True)
class Verdict:
    evidence: Evidence
    score: float
    value: str | None


#: an evidence tuple's id -> the tuple and one pattern that matches a line when any of
#: its entries does: most lines are prose that no entry matches, and one search in C
#: says so faster than an entry-by-entry loop (the tuples are ``Vocabulary.for_kind``'s,
#: made once a process; the tuple is kept so that its id is never reused)
_SCREENS: dict[int, tuple[tuple[Evidence, ...], re.Pattern[str]]] = {}
#: named groups may repeat across entries, which one pattern does not allow
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def screen(lines: tuple[Evidence, ...]) -> re.Pattern[str]:
    """One pattern matching exactly the lines that some entry of *lines* matches.

    >>> from sourcebook.parse.vocabulary import vocabulary
    >>> entries = vocabulary().for_kind("blog")
    >>> screen(entries).fullmatch("The pier opened in 1901 and closed in 1950.") is None
    True
    """
    held = _SCREENS.get(id(lines))
    if held is None or held[0] is not lines:
        alternatives = (_NAMED_GROUP.sub("(?:", e.pattern.pattern) for e in lines)
        union = "|".join(f"(?:{a})" for a in alternatives) or "(?!)"
        held = _SCREENS[id(lines)] = (lines, re.compile(union))
    return held[1]


def score_line(
    text: str,
    index: int,
    total: int,
    lines: tuple[Evidence, ...],
    window: int,
    end: int | None = None,
) -> Verdict | None:
    """The best-scoring evidence for a line at block *index* of *total*; when the text
    ends before a comment thread (its count line at *end*), the lines just above the
    thread and the thread's own stand at the bottom too (a sign-up box between the post
    and its comments, a comment widget's buttons)."""
    if screen(lines).fullmatch(text) is None:
        return None
    best: Verdict | None = None
    top, bottom = index < window, index >= total - window
    bottom = bottom or (end is not None and index >= end - window)
    placed = {"any": True, "top": top, "bottom": bottom, "edge": top or bottom}
    for evidence in lines:
        if best is not None and evidence.weight <= best.score:
            continue
        match = evidence.pattern.fullmatch(text)
        if match is None:
            continue
        score = evidence.weight * (1.0 if placed[evidence.where] else 0.5)
        if best is None or score > best.score:
            value = match.groupdict().get("value")
            best = Verdict(evidence, round(score, 2), value)
    return best


def thread_line(
    blocks: list[RawBlock], lines: tuple[Evidence, ...], vocab: Vocabulary
) -> int | None:
    """The line ordinal of a sure comment-count line ("4 Comments") below the page's
    head (past its first quarter and its first `window` lines, where a count line
    belongs to the byline): where the text ends when a thread follows it."""
    total = sum(len(b.lines) for b in blocks)
    ordinal = 0
    for block in blocks:
        for text in block.lines:
            if 4 * ordinal >= total and ordinal >= vocab.window:
                verdict = score_line(text, total - 1, total, lines, vocab.window)
                if verdict and verdict.evidence.role == "thread" and verdict.score >= vocab.sure:
                    return ordinal
            ordinal += 1
    return None


#: a closing run of furniture moves the page's end when it has this many lines
_MIN_RUN = 3


def page_end(blocks: list[RawBlock], lines: tuple[Evidence, ...], vocab: Vocabulary) -> int | None:
    """The line ordinal where the page's text ends, or None when neither a thread nor
    a closing run of furniture follows it.

    The vocabulary's "bottom" lines (a subscribe box, a publisher's note) stand at the
    bottom within ``window`` lines of the end; a site's footer printed below them
    (short menu links, legal lines, a copyright) would push them out of that window.
    The end is read above a comment thread's count line or, with no thread, above the
    closing run of lines the vocabulary knows as furniture or menus print."""
    thread = thread_line(blocks, lines, vocab)
    if thread is not None:
        return thread
    texts = [text for block in blocks for text in block.lines]
    total = len(texts)
    start = total
    while start > 0 and _closing(texts[start - 1], total, lines, vocab):
        start -= 1
    return start if total - start >= _MIN_RUN and start < total else None


def _closing(text: str, total: int, lines: tuple[Evidence, ...], vocab: Vocabulary) -> bool:
    """A line a site's footer prints: furniture the vocabulary knows at the bottom, or
    a word menus print."""
    if text.strip().casefold() in _menu_words():
        return True
    verdict = score_line(text, total - 1, total, lines, vocab.window)
    return (
        verdict is not None
        and verdict.evidence.role == "furniture"
        and verdict.score >= vocab.apply
    )


@functools.cache
def _menu_words() -> frozenset[str]:
    # read here, not from .menu, which scores lines with .evidence (an import cycle)
    return frozenset(w.casefold() for w in layout_table("line_menu")["words"])


__all__ = ["Verdict", "page_end", "score_line", "thread_line"]
