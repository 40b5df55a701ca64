"""Sentence boundaries for claim texts, in one linear pass.

Claims are sentences, so the parser needs sentence boundaries.  pysbd and
syntok were evaluated (see ``docs/normalising.md``): both split fine prose
well but neither splits the glued boundaries web extraction leaves
("…Alternative.In 2018"), and pysbd's rule cascade is super-linear on long
runs of abbreviations.  This module is a small rule set instead, with
doctests for every negative case, and every regex in it is guarded so the
work per character is bounded (no growing look-back, no rescans).
"""

from __future__ import annotations

import re
from bisect import bisect_right

# A boundary: closing punctuation (not itself preceded by closing
# punctuation, so a run of dots is tried once, not once per dot), closing
# quotes/brackets, white space, then something that can open a sentence.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+[”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")
# A glued boundary: two lower-case letters, a full stop, then a capitalised
# word ("Alternative.In").  Initialisms ("U.S.", "e.g.") have one letter
# between stops, so they never match.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
# Words after which a full stop is not a sentence end.  Searched only in a
# short window before the stop, so the cost per candidate is constant.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Ms|Mrs|Dr|St|Prof|Rev|Gen|Sen|vs|etc|e\.g|i\.e|No|vol|ch|pp?|cf|ca|Inc|Ltd|Co)"
    r"|\b[A-Z])\.$"
)
_WINDOW = 12
_TOKEN = re.compile(r"\S+")
_URLISH = re.compile(r"://|^www\.|@|/")


def _glued_cuts(text: str) -> list[int]:
    """Offsets of glued boundaries, skipping tokens that are URLs or addresses.

    >>> _glued_cuts("the Alternative.In 2018 at www.Site.Org and site.Org/News")
    [16]
    """
    cuts: list[int] = []
    for token in _TOKEN.finditer(text):
        word = token.group(0)
        if "." not in word and "!" not in word and "?" not in word:
            continue
        if _URLISH.search(word):
            continue
        cuts.extend(token.start() + m.start() for m in _GLUED.finditer(word))
    return cuts


def _is_abbreviation(text: str, stop: int) -> bool:
    """True if the full stop at *stop* ends an abbreviation or an initial."""
    return text[stop] == "." and bool(_ABBREVIATION.search(text, max(0, stop - _WINDOW), stop + 1))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as ``(start, end)`` offsets.

    >>> t = "In 2009, Ms Jones spoke. Then V. I. Lenin wrote. End"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['In 2009, Ms Jones spoke.', 'Then V. I. Lenin wrote.', 'End']

    Glued boundaries from extraction split; decimals, initialisms, URLs and
    abbreviations do not:

    >>> t = "Founded the Alternative.In 2018 it grew 3.5 times in the U.S. and e.g. Ohio."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Founded the Alternative.', 'In 2018 it grew 3.5 times in the U.S. and e.g. Ohio.']
    >>> t = "See www.Example.org today. Dr. Who came."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['See www.Example.org today.', 'Dr. Who came.']
    >>> sentence_spans("")
    []
    """
    cuts: list[tuple[int, int]] = []  # (end of sentence, start of next)
    for match in _BOUNDARY.finditer(text):
        stops = match.group(0).rstrip()
        last_stop = match.start() + len(stops.rstrip("”’\"')]")) - 1
        if _is_abbreviation(text, last_stop):
            continue
        cuts.append((match.start() + len(stops), match.end()))
    cuts.extend((cut, cut) for cut in _glued_cuts(text))
    cuts.sort()
    spans: list[tuple[int, int]] = []
    start = 0
    for end, next_start in cuts:
        if end > start:
            spans.append((start, end))
        start = next_start
    tail = len(text.rstrip())
    if start < tail:
        spans.append((start, tail))
    return spans


class Sentences:
    """A paragraph's sentences, computed once and looked up by offset.

    >>> s = Sentences("One thing. Two things, with a mark here and more.")
    >>> s.containing(27)
    'Two things, with a mark here and more.'
    >>> s.containing(-1)
    ''
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self.starts = [start for start, _ in self.spans]

    def containing(self, offset: int) -> str:
        """The sentence holding the character at *offset* ('' before the text)."""
        if offset < 0 or not self.spans:
            return ""
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            index = 0
        start, end = self.spans[index]
        if offset >= end and index + 1 < len(self.spans):
            start, end = self.spans[index + 1]
        return self.text[start:end]


__all__ = ["Sentences", "sentence_spans"]
