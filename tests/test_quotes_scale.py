"""Shared-quotation detection at scale: bounded candidates, found and missed on purpose."""

from __future__ import annotations

import random

from sourcebook.render.quotes import STOP_DF, Passage, find_shared, fingerprint

QUOTE = (
    "It cannot be too strongly maintained that the ideal should not be the trade union "
    "secretary, but the tribune of the people, who is able to react to every manifestation "
    "of tyranny and oppression, no matter where it appears"
)
STOCK = "the emancipation of the working classes must be the act of the working classes"


def _prose(rng: random.Random, n: int) -> str:
    """Invented words, so two generated paragraphs share no shingle by chance."""
    letters = "bcdfghklmnprstvz"
    return " ".join(
        "".join(rng.choice(letters) + rng.choice("aeiou") for _ in range(3)) for _ in range(n)
    )


def _corpus(n_docs: int, seed: int = 7) -> list[Passage]:
    rng = random.Random(seed)
    found = []
    for number in range(n_docs):
        slug = f"doc-{number:04d}"
        # every document repeats the same stock phrase: a stop-shingle, never a quotation
        found.append(Passage(slug, 1, "paragraph", f"{_prose(rng, 30)} {STOCK} {_prose(rng, 30)}"))
        found.append(Passage(slug, 5, "paragraph", _prose(rng, 60)))
    found.append(Passage("doc-0003", 9, "quote", QUOTE))
    found.append(Passage("doc-0010", 9, "paragraph", f"As Lenin put it, {QUOTE}. Quite so."))
    return found


def test_shared_passage_found_both_ways() -> None:
    shared = find_shared([fingerprint(p) for p in _corpus(40)]).shared
    assert [p.slug for p in shared[("doc-0003", "quote", 9)]] == ["doc-0010"]
    assert [p.slug for p in shared[("doc-0010", "paragraph", 9)]] == ["doc-0003"]
    assert len(shared) == 2


def test_near_miss_is_not_a_quotation() -> None:
    # seven words in common: shorter than a quotation (MIN_SHARED shingles need 12)
    words = QUOTE.split()
    rng = random.Random(1)
    a = Passage("a", 1, "paragraph", " ".join(words[10:17]) + " " + _prose(rng, 40))
    b = Passage("b", 1, "paragraph", _prose(rng, 40) + " " + " ".join(words[10:17]))
    assert find_shared([fingerprint(a), fingerprint(b)]).shared == {}


def test_one_changed_word_still_found() -> None:
    a = Passage("a", 1, "quote", QUOTE)
    b = Passage("b", 2, "quote", QUOTE.replace("tyranny", "despotism"))
    assert ("a", "quote", 1) in find_shared([fingerprint(a), fingerprint(b)]).shared


def test_candidate_comparisons_are_bounded_by_stop_shingles() -> None:
    # 300 documents share a stock phrase: all-pairs would be ~45,000 comparisons
    small = find_shared([fingerprint(p) for p in _corpus(30)])
    large = find_shared([fingerprint(p) for p in _corpus(300)])
    assert large.stopped > 0
    assert large.comparisons <= 2 * STOP_DF
    assert large.comparisons <= small.comparisons * 10 + 10
    assert ("doc-0003", "quote", 9) in large.shared
