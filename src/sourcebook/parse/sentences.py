"""Sentence boundaries for claim texts, in one linear pass.

Claims are sentences, so the parser needs sentence boundaries.  pysbd and
syntok were evaluated (see ``docs/manual/normalising.md``): both split fine prose
well but neither splits the glued boundaries web extraction leaves
("…Alternative.In 2018"), and pysbd's rule cascade is super-linear on long
runs of abbreviations.  This module is a small rule set instead, with
doctests for every negative case, and every regex in it is guarded so the
work per character is bounded (no growing look-back, no rescans).
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Words after which a full stop is not a sentence end, as fixed-width
# negative look-behinds (the regex engine checks them in C, in constant time).
_ABBREVIATIONS = (
    "Mr", "Ms", "Mrs", "Dr", "St", "Prof", "Rev", "Gen", "Sen", "vs", "etc", "e.g", "i.e",
    "No", "vol", "ch", "p", "pp", "cf", "ca", "Inc", "Ltd", "Co",
)  # fmt: skip


def _not_after(words: tuple[str, ...]) -> str:
    """One negative look-behind per word length (look-behinds are fixed-width).

    >>> _not_after(("Mr", "Dr", "Mrs"))
    '(?<!\\\\b(?:Mr|Dr)\\\\.)(?<!\\\\bMrs\\\\.)'
    """
    by_length: dict[int, list[str]] = {}
    for word in words:
        by_length.setdefault(len(word), []).append(re.escape(word))
    return "".join(
        rf"(?<!\b{alts[0]}\.)" if len(alts) == 1 else rf"(?<!\b(?:{'|'.join(alts)})\.)"
        for alts in by_length.values()
    )


_NOT_ABBREVIATION = _not_after(_ABBREVIATIONS) + r"(?<!\b[A-Z]\.)"
# A boundary: closing punctuation (not itself preceded by closing
# punctuation, so a run of dots is tried once, not once per dot; a full stop
# not after an abbreviation or an initial), closing quotes or brackets,
# white space, then something that can open a sentence.
# The pattern starts with the punctuation itself (its look-behinds follow it, and the
# abbreviation ones only ever match after a full stop), so the engine skips to the
# next candidate in C rather than trying look-behinds at every character.
_BOUNDARY = re.compile(
    rf"[.!?…](?<![.!?…][.!?…]){_NOT_ABBREVIATION}[.!?…]*[”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])"
)
# A glued boundary: two lower-case letters, a full stop, then a capitalised
# word ("Alternative.In").  Initialisms ("U.S.", "e.g.") have one letter
# between stops, so they never match.
# (The match is the stop itself, the boundary its end: a pattern that starts with a
# character is searched for in C.)
# A year ("in 1971.In 1975") ends a sentence the same way; a year is four digits
# not preceded by another digit, so decimals and longer numbers never match.
_GLUED = re.compile(r"[.!?](?:(?<=[a-z]{2}[.!?])|(?<=(?<!\d)\d{4}[.!?]))(?=[A-Z][a-z])")
# A URL or address around a glued candidate is looked for in a bounded
# window only, so the check costs the same however long the token is.
_URL_WINDOW = 80
_URLISH = re.compile(r"://|www\.|@|/")


def _glued_cuts(text: str) -> list[int]:
    """Offsets of glued boundaries, skipping tokens that are URLs or addresses.

    >>> _glued_cuts("the Alternative.In 2018 at www.Site.Org and site.Org/News")
    [16]
    """
    cuts: list[int] = []
    for match in _GLUED.finditer(text):
        cut = match.end()
        lo = max(0, cut - _URL_WINDOW)
        start = max(text.rfind(" ", lo, cut), text.rfind("\n", lo, cut), lo - 1) + 1
        end = text.find(" ", cut, cut + _URL_WINDOW)
        token = text[start : end if end != -1 else cut + _URL_WINDOW]
        if not _URLISH.search(token):
            cuts.append(cut)
    return cuts


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
    >>> t = "It was founded in 1971.In 1975 it split; 12.5 and 10000.Ab stay."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['It was founded in 1971.', 'In 1975 it split; 12.5 and 10000.Ab stay.']
    >>> t = "See www.Example.org today. Dr. Who came."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['See www.Example.org today.', 'Dr. Who came.']
    >>> sentence_spans("")
    []
    """
    # (end of a sentence, start of the next)
    cuts = [(m.start() + len(m.group(0).rstrip()), m.end()) for m in _BOUNDARY.finditer(text)]
    glued = _glued_cuts(text)
    if glued:
        cuts.extend((cut, cut) for cut in glued)
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
