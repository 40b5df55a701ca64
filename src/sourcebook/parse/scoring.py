"""A line's score against the platform vocabulary (``layout.toml``), where it stands.

Each entry of the vocabulary has a weight and a place on the page (``where``); a
line matching an entry out of its place scores half the weight.  The best entry
decides (:mod:`sourcebook.parse.evidence` acts on the verdicts).
"""

from __future__ import annotations

from dataclasses import dataclass

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.vocabulary import Evidence, Vocabulary


@dataclass(frozen=True, slots=True)
class Verdict:
    evidence: Evidence
    score: float
    value: str | None


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


__all__ = ["Verdict", "score_line", "thread_line"]
