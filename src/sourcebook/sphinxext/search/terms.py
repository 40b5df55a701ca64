"""Words and their weights: the one tokeniser both the indexer and the search page apply.

A term is what is left of a word after Unicode NFKD, without combining marks
(category ``Mn``), in lower case: "Élan" and "elan" are one term.  Words are
maximal runs of letters and digits, so an apostrophe or a hyphen splits
("don't" is "don" and "t"); a word of more than :data:`LONGEST` characters is
left out (a hash, a run-on URL).  Nothing is stemmed and no word is dropped as
too common: the cap on postings (:data:`sourcebook.sphinxext.search.shards.K`)
bounds what a common word costs.  The search page's script does the same with
``normalize("NFKD")``, ``/\\p{Mn}/gu``, ``toLowerCase()`` and ``/[\\p{L}\\p{N}]+/gu``.

A page's weight for a term (:func:`weights`) depends on that page alone, so an
edit changes the postings of the edited page's words and nothing else:
BM25's saturated term frequency, with the page's length (in steps of 5 %, so
that a small edit changes the weights of the words it changed only) measured
against a fixed reference (:data:`REFERENCE_WORDS`) rather than the corpus's average,
the words of the title given :data:`TITLE_SHARE` of the weight on top.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

#: the longest word indexed, in characters (after normalisation)
LONGEST = 40
#: BM25's saturation and length normalisation
K1 = 1.2
B = 0.75
#: the page length (in words) a term frequency is normalised against
REFERENCE_WORDS = 1000
#: the ratio between two page lengths the weights tell apart
LENGTH_STEP = 1.05
#: the share of the weight a word has for being in the page's title (the rest is its frequency)
TITLE_SHARE = 0.3
#: the largest weight (weights are integers 1..TOP)
TOP = 65535
#: changes whenever what :func:`terms` or :func:`weights` give changes (the index is rebuilt)
VERSION = "terms-3"

_WORD = re.compile(r"[^\W_]+")


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """*text* decomposed, without combining marks, in lower case."""
    if text.isascii():  # nothing to decompose (most pages are mostly ASCII)
        return text.lower()
    bare = unicodedata.normalize("NFKD", text)
    # the marks among the few distinct characters that are not ASCII (curly quotes, dashes
    # ...), removed by a regular expression of them alone: four times faster on these pages
    # than ``str.translate`` with a table of every mark, which looks up each character
    marks = {c for c in set(_NOT_ASCII.findall(bare)) if unicodedata.category(c) == "Mn"}
    if marks:
        bare = re.sub(f"[{''.join(map(re.escape, sorted(marks)))}]", "", bare)
    # ``lower`` rather than ``casefold``: what JavaScript's ``toLowerCase`` does ("ß" stays)
    return bare.lower()


def terms(text: str) -> list[str]:
    """The terms of *text*, in order, repeats kept."""
    return [word for word in _WORD.findall(fold(text)) if len(word) <= LONGEST]


def rounded_length(words: int) -> float:
    """*words* rounded to a step of :data:`LENGTH_STEP` (a power of it): a page edited by a
    sentence keeps its length, and so the weight of each word whose count did not change."""
    return float(LENGTH_STEP ** round(math.log(max(words, 1), LENGTH_STEP)))


def weights(title: str, text: str) -> dict[str, int]:
    """Each term of a page (its *title* and its *text*) with its document-local weight."""
    counts = Counter(_WORD.findall(fold(text)))
    for word in [word for word in counts if len(word) > LONGEST]:
        del counts[word]
    length = rounded_length(counts.total())
    heading = set(terms(title))
    for word in heading:
        counts.setdefault(word, 0)  # a title word the text lacks (a page's <title> alone)
    norm = K1 * (1 - B + B * length / REFERENCE_WORDS)
    title_part, frequency_part = TOP * TITLE_SHARE, TOP * (1 - TITLE_SHARE)
    # BM25's tf * (K1 + 1) / (tf + norm) over its bound K1 + 1 is tf / (tf + norm), in [0, 1);
    # a weight depends on the count alone but in the title: computed once for each count
    plain = {tf: frequency_part * tf / (tf + norm) for tf in set(counts.values())}
    weight = {tf: _clamp(score) for tf, score in plain.items()}
    found = {term: weight[tf] for term, tf in counts.items()}
    for term in heading:
        found[term] = _clamp(title_part + plain[counts[term]])
    return found


def _clamp(score: float) -> int:
    return max(1, min(TOP, round(score)))
