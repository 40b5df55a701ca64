"""The persistent quotation index gives what :func:`find_shared` gives from scratch, after any edit.

A constructed corpus whose documents mix invented prose, quotations shared by a
few documents, near misses (a shared winnowed hash, too few shingles) and stock
phrases held by about :data:`STOP_DF` passages, so that adding or removing one
document moves them across the stop line both ways.  Each edit (a document
added, changed, deleted) is applied to one index kept throughout; after each,
its pairs must equal both a from-scratch :func:`find_shared` and an index built
from nothing.
"""

from __future__ import annotations

import random
from pathlib import Path

from sourcebook.render.quoteindex import PrintTuple, QuoteIndex, index_all
from sourcebook.render.quotes import STOP_DF, Passage, document_key, find_shared, fingerprint
from tests.test_quotes_scale import _prose

Shared = dict[tuple[str, str, int], list[Passage]]
QUOTES = [
    "the lamp keepers of the northern capes kept their logs in a cipher of their own",
    "no harbour master ever signed a ledger before the bell of the second watch had rung",
    "every ferry that crossed the sound in winter carried a sack of salt for the ice",
]
STOCK = [
    "the members of the harbour board and the pilots of the lower river",
    "as the committee reported at the time to the assembled guild of carters",
]


def _document(rng: random.Random, slug: str) -> list[Passage]:
    found = []
    for line in range(1, rng.randint(2, 5) * 4, 4):
        parts = [_prose(rng, rng.randint(1, 20))]
        roll = rng.random()
        if roll < 0.25:
            parts.append(rng.choice(QUOTES))
        elif roll < 0.35:
            parts.append(" ".join(rng.choice(QUOTES).split()[:9]))  # a near miss
        elif roll < 0.55:
            parts.append(STOCK[0])  # held by about STOP_DF passages: edits cross the line
        elif roll < 0.85:
            parts.append(STOCK[1])
        parts.append(_prose(rng, rng.randint(0, 12)))
        kind = "quote" if roll < 0.2 else "paragraph"
        found.append(Passage(slug, line, kind, " ".join(p for p in parts if p)))
    if rng.random() < 0.1:
        found.append(Passage(slug, 99, "paragraph", "too short"))
    return found


def _prints(passages: list[Passage]) -> list[PrintTuple]:
    return [(f.line, f.kind, f.packed, f.kept) for f in map(fingerprint, passages)]


def _scratch(docs: dict[str, list[Passage]]) -> Shared:
    prints = [fingerprint(p) for slug in sorted(docs) for p in docs[slug]]
    return find_shared(prints).shared


def _edit(rng: random.Random, docs: dict[str, list[Passage]], number: int) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.25 or len(docs) < 5:
        slug = f"new-{number:03d}"
        docs[slug] = _document(rng, slug)
        return "added", slug
    slug = rng.choice(sorted(docs))
    if roll < 0.5:
        del docs[slug]
        return "deleted", slug
    docs[slug] = _document(rng, slug)
    return "changed", slug


def test_every_edit_leaves_the_from_scratch_pairs(tmp_path: Path) -> None:
    rng = random.Random(22)
    docs = {f"doc-{n:03d}": _document(rng, f"doc-{n:03d}") for n in range(int(STOP_DF * 1.3))}
    path = tmp_path / "quotes.sqlite3"
    index = QuoteIndex(path)
    index_all(index, {slug: _prints(ps) for slug, ps in docs.items()})
    assert index.shared() == _scratch(docs)
    kinds = set()
    crossed = 0
    for number in range(40):
        before = _scratch(docs)
        kind, slug = _edit(rng, docs, number)
        kinds.add(kind)
        removed = [slug] if kind == "deleted" else []
        prints = [] if kind == "deleted" else _prints(docs[slug])
        added = [] if kind == "deleted" else [(slug, document_key(prints), prints)]
        index.close()
        index = QuoteIndex(path)  # kept between builds: reopened from disk each time
        index.update(removed, added)
        expected = _scratch(docs)
        assert index.shared() == expected, (number, kind, slug)
        crossed += _untouched_changed(before, expected, slug)
        fresh = QuoteIndex(None)
        index_all(fresh, {s: _prints(ps) for s, ps in docs.items()})
        assert fresh.shared() == expected
    assert kinds == {"added", "changed", "deleted"}
    # some edit changed the pairs of documents it did not touch (a stock phrase crossed the line)
    assert crossed > 0
    assert index.keys() == {s: document_key(_prints(ps)) for s, ps in docs.items()}


def _untouched_changed(
    before: Shared,
    after: Shared,
    slug: str,
) -> int:
    def untouched(shared: Shared) -> set[tuple[str, int, str, int]]:
        return {
            (k[0], k[2], p.slug, p.line)
            for k, others in shared.items()
            for p in others
            if slug not in (k[0], p.slug)
        }

    return len(untouched(before) ^ untouched(after))


def test_an_update_verifies_only_the_changed_documents_pairs(tmp_path: Path) -> None:
    rng = random.Random(5)
    docs = {f"doc-{n:03d}": _document(rng, f"doc-{n:03d}") for n in range(20)}
    index = QuoteIndex(tmp_path / "q.sqlite3")
    index_all(index, {slug: _prints(ps) for slug, ps in docs.items()})
    everything = index.comparisons
    slug = "doc-004"
    docs[slug] = [Passage(slug, 1, "quote", QUOTES[0])]
    index.update([], [(slug, document_key(_prints(docs[slug])), _prints(docs[slug]))])
    assert index.shared() == _scratch(docs)
    holders = sum(1 for ps in docs.values() for p in ps if QUOTES[0] in p.text) - 1
    assert 0 < index.comparisons <= holders < everything


def test_a_damaged_or_foreign_file_is_started_again(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    index = QuoteIndex(path)
    assert index.keys() == {}
    quoted = _prints([Passage("a", 1, "quote", QUOTES[1])])
    quoting = _prints([Passage("b", 3, "paragraph", f"As the clerk wrote, {QUOTES[1]}.")])
    index.update([], [("a", "k", quoted), ("b", "k2", quoting)])
    assert index.shared() == {
        ("a", "quote", 1): [Passage("b", 3, "paragraph", "")],
        ("b", "paragraph", 3): [Passage("a", 1, "quote", "")],
    }
    index.close()
    assert QuoteIndex(path).keys() == {"a": "k", "b": "k2"}  # kept on disk
