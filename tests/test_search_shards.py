"""The ``shards`` search engine's pieces: terms, weights, page text, entries, shards, escaping."""

from __future__ import annotations

import json
import re

import pytest

from sourcebook.sphinxext.search import extract, shards, store, terms
from tests.searchsite import page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Élan VITAL, naïve café", ["elan", "vital", "naive", "cafe"]),
        ("don't l'homme rock'n'roll", ["don", "t", "l", "homme", "rock", "n", "roll"]),
        ("in 1917, 3.14 and 42nd", ["in", "1917", "3", "14", "and", "42nd"]),
        ("snake_case well-known", ["snake", "case", "well", "known"]),
        ("東京タワー と 北京", ["東京タワー", "と", "北京"]),
        ("ΟΔΟΣ Straße ﬁne", ["οδος", "straße", "fine"]),  # lower(), as JavaScript: ß stays
        ("a" * 40 + " " + "b" * 41 + " c", ["a" * 40, "c"]),
        ("«» — ¶ … ", []),
    ],
)
def test_terms_follow_the_contract(text: str, expected: list[str]) -> None:
    assert terms.terms(text) == expected


def test_a_term_after_folding_may_be_longer_or_shorter_than_the_word() -> None:
    # the length limit applies to the folded word: "ﬀ" (one character) is "ff" (two)
    assert terms.terms("\ufb00" * 21) == []
    assert terms.terms("e\u0301" * 40) == ["e" * 40]  # the marks do not count


def test_weights_are_document_local_saturated_and_boost_the_title() -> None:
    body = "alpha " * 10 + "beta " + "gamma " * 300
    weights = terms.weights("Beta", body)
    assert set(weights) == {"alpha", "beta", "gamma"}
    assert all(1 <= w <= terms.TOP for w in weights.values())
    assert weights["beta"] > weights["alpha"]  # once in the text, but in the title
    assert weights["gamma"] > weights["alpha"]
    assert weights["gamma"] < 2 * weights["alpha"]  # 30 times the occurrences: saturated
    # the same page among other pages: the same weights (nothing global goes in)
    assert terms.weights("Beta", body) == weights
    # a sentence more: the other words keep their weights (the length is rounded)
    edited = terms.weights("Beta", body + " delta epsilon")
    assert {t: edited[t] for t in weights} == weights
    # a longer page with the same counts weighs each less
    longer = terms.weights("Beta", body + " delta" * 2000)
    assert longer["alpha"] < weights["alpha"]


def test_the_text_is_the_main_element_without_the_excluded_parts() -> None:
    extra = (
        '<details class="sourcebook-about"><summary>About</summary>Aboutword</details>'
        "tail<em>ing</em> words<script>scriptword</script><p>next</p>"
        '<div class="sourcebook-editors-note">Noteword</div><!-- commentword -->end'
    )
    got = extract.read(page("The Title", "Body &amp; more", extra))
    assert got.title == "The Title"
    assert got.text == "The Title Body & more tailing words next end"


def test_without_a_main_element_the_body_and_the_head_title() -> None:
    got = extract.read("<html><head><title>Only &lt;title&gt;</title></head><body>x y</body>")
    assert got == extract.Page("Only <title>", "x y")


def test_entries_list_at_most_k_postings_heaviest_first_then_by_doc() -> None:
    db = store.connect_memory()
    for doc, w in [(5, 10), (1, 30), (3, 30), (2, 20), (4, 1)]:
        store.change_postings(db, doc, {}, {"word": w})
    df, best = store.top(db, store.key("word"), 3)
    assert (df, best) == (5, [(1, 30), (3, 30), (2, 20)])
    assert list(store.every_top(db, 3)) == [(store.key("word"), 5, best)]
    assert shards.entry("word", df, best) == '"word":[5,[[1,30],[3,30],[2,20]]]'


def test_a_range_past_the_cap_is_split_and_no_shard_is_past_it() -> None:
    texts = [shards.entry(f"w{i:05d}", 1, [(i, 100)]) for i in range(4000)]
    rows = [(store.key(f"w{i:05d}"), text, 0) for i, text in enumerate(texts)]
    made = list(shards.pieces(rows))
    assert len(made) > 1
    sizes = [len(shards.shard(entries)[1]) for _, _, entries in made]
    assert max(sizes) <= shards.CAP
    assert all(size > shards.CAP - 100 for size in sizes[:-1])  # filled before a new one starts
    assert [e for _, _, entries in made for e in entries] == texts


def test_a_chunk_starts_at_each_cut_term() -> None:
    rows = [(store.key(w), f'"{w}":[1,[[0,1]]]', int(w in "dg")) for w in "abcdefgh"]
    firsts = [store.term(first) for first, _, _ in shards.pieces(rows)]
    assert firsts == ["a", "d", "g"]


def test_keys_sort_as_javascript_compares_strings() -> None:
    # U+FF41 is after U+20000 by code point, before it by UTF-16 code unit (0xD840 ...)
    assert sorted(["\uff41", "\U00020000"], key=store.key) == ["\U00020000", "\uff41"]


HOSTILE = '</script><script>alert("x")</script> a\u2028b\u2029c & <!-- d'


def test_hostile_text_is_escaped_and_reads_back_the_same() -> None:
    written = shards.js({"title": HOSTILE})
    assert not re.search("[<>&\u2028\u2029]", written)
    assert written.isascii()
    assert json.loads(written) == {"title": HOSTILE}
    entry = shards.entry("</script>", 1, [(0, 1)])
    assert "<" not in entry and ">" not in entry


def test_base36_ids() -> None:
    assert [shards.base36(n) for n in (0, 35, 36, 36**3)] == ["0", "z", "10", "1000"]


def test_a_shard_is_listed_by_the_shortest_start_of_its_first_term_after_the_last_before() -> None:
    assert shards.separator(store.key("apple"), store.key("banana")) == "b"
    assert shards.separator(store.key("banal"), store.key("banana")) == "banan"
    assert shards.separator(store.key("ban"), store.key("bana")) == "bana"
    assert shards.separator(store.key("z"), store.key("\U00020000")) == "\U00020000"
