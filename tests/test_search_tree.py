"""The ``shards`` index's directories (``meta.js`` and ``d/ID.js``), fragment caps, the staged
full index and the faster folding and text walk."""

from __future__ import annotations

import json
import random
import sqlite3

import pytest

from sourcebook.sphinxext.search import build, extract, shards, store, terms, tree
from tests.searchsite import page


def _shards(count: int, seed: int = 0) -> sqlite3.Connection:
    """A store whose ``shards`` table lists *count* shards of invented words, in order."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    found: set[str] = set()
    while len(found) < 3 * count:
        found.add("".join(rng.choices(letters, k=rng.randint(3, 12))))
    words = sorted(found)
    db = store.connect_memory()
    for number in range(count):
        first, last = words[3 * number], words[3 * number + 1]
        ident = shards.base36(number * 7919 + 36**7)
        db.execute(
            "INSERT INTO shards VALUES (?, ?, ?, 0)", (store.key(first), store.key(last), ident)
        )
    return db


def _value(text: str, call: str) -> list[object]:
    prefix = f"window.sourcebookSearch.{call}("
    assert text.startswith(prefix) and text.endswith(")")
    return list(json.loads("[" + text[len(prefix) : -1] + "]"))


def _walk(meta: str, files: dict[str, str], word: str) -> tuple[list[str], list[list[str]]]:
    """What the search page does: from meta.js a directory a level; the files read, the list."""
    (value,) = _value(meta, "meta")
    listed: list[list[str]] = value["list"]  # type: ignore[index]
    read = []
    for _ in range(value["depth"]):  # type: ignore[index]
        at = max(i for i, (start, _) in enumerate(listed) if store.key(start) <= store.key(word))
        read.append(listed[at][1])
        ident, listed = _value(files[listed[at][1]], "dir")  # type: ignore[assignment]
        assert ident == read[-1]
    return read, listed


def test_a_small_index_lists_its_shards_in_meta_itself() -> None:
    db = _shards(40)
    meta, files = tree.levels(db, 12)
    (value,) = _value(meta, "meta")
    assert files == [] and value["depth"] == 0 and value["version"] == 2  # type: ignore[index]
    assert value["list"] == [[start, ident] for _, start, ident in tree.listing(db)]  # type: ignore[index]
    assert value["list"][0][0] == ""  # type: ignore[index]


@pytest.mark.parametrize(("cap", "target", "count"), [(16_000, 8_000, 3000), (400, 200, 600)])
def test_every_word_reaches_its_shard_and_the_next_through_capped_directories(
    monkeypatch: pytest.MonkeyPatch, cap: int, target: int, count: int
) -> None:
    monkeypatch.setattr(tree, "CAP", cap)
    monkeypatch.setattr(tree, "TARGET", target)
    db = _shards(count)
    meta, made = tree.levels(db, 99)
    files = dict(made)
    assert len(files) == len(made)  # no two directories share an id
    assert len(meta) <= cap and all(len(text) <= cap for text in files.values())
    assert meta.isascii() and all(text.isascii() for text in files.values())
    (value,) = _value(meta, "meta")
    assert value["depth"] >= (2 if cap < 1000 else 1)  # type: ignore[index]
    flat = [[start, ident] for _, start, ident in tree.listing(db)]
    rows = list(db.execute("SELECT first FROM shards ORDER BY first"))
    probes = [store.term(first) for (first,) in rows[:: max(1, count // 50)]]
    probes += [p + "zz" for p in probes] + ["", "a", "zzzzzz"]
    for word in probes:
        read, listed = _walk(meta, files, word)
        assert len(read) == value["depth"]  # type: ignore[index]
        at = max(i for i, (s, _) in enumerate(listed) if store.key(s) <= store.key(word))
        where = max(i for i, (s, _) in enumerate(flat) if store.key(s) <= store.key(word))
        assert listed[at] == flat[where]  # the shard the flat list names
        assert listed[at + 1 : at + 2] == flat[where + 1 : where + 2]  # and the one after it


def test_a_changed_shard_changes_its_directory_and_the_one_before_alone() -> None:
    db = _shards(3000)
    meta, before = tree.levels(db, 5)
    rows = list(db.execute("SELECT first FROM shards ORDER BY first"))
    db.execute("UPDATE shards SET id = 'changed1' WHERE first = ?", rows[1500])
    again, after = tree.levels(db, 5)
    assert len(before) > 5
    gone = set(before) - set(after)
    assert 1 <= len(gone) <= 2 and len(set(after) - set(before)) == len(gone)
    assert again != meta
    assert tree.levels(db, 5) == (again, after)  # a function of the shards alone


def test_a_directory_of_one_level_is_not_cut_where_the_level_below_was() -> None:
    # the same first key, salted by the level, decides each level's cuts apart
    key = store.key("harbour")
    cuts = {
        depth: shards.is_cut(depth.to_bytes(2, "big") + key, "x" * 40, 80) for depth in range(1, 40)
    }
    assert len(set(cuts.values())) == 2


def test_a_fragment_is_cut_to_its_byte_cap_and_no_further() -> None:
    ascii_page = extract.Page("Title", "word " * 5000)
    written = build.fragment(3, "corpus/a.html", ascii_page)
    (value,) = _value(written, "fragment")[1:]
    assert value["text"] == ("word " * 5000)[: build.FRAGMENT_TEXT]  # type: ignore[index]
    japanese = extract.Page("表題", "東京タワー" * 3000)
    written = build.fragment(3, "corpus/a.html", japanese)
    size = len(written.encode("utf-8"))
    assert build.FRAGMENT_CAP - 3 < size <= build.FRAGMENT_CAP  # one character more is too many
    (value,) = _value(written, "fragment")[1:]
    assert ("東京タワー" * 3000).startswith(value["text"])  # type: ignore[index]
    escaped = extract.Page("<&>", "<" * 12_000)  # each written in 6 bytes
    assert len(build.fragment(0, "a.html", escaped).encode("utf-8")) <= build.FRAGMENT_CAP
    huge_title = extract.Page("ж" * 30_000, "text")
    written = build.fragment(0, "a.html", huge_title)
    (value,) = _value(written, "fragment")[1:]
    assert len(written.encode("utf-8")) <= build.FRAGMENT_CAP
    assert value["text"] == "" and value["title"].startswith("жжж")  # type: ignore[index]


def test_a_staged_index_holds_the_postings_a_page_by_page_one_does() -> None:
    pages = {0: {"alpha": 5, "beta": 9}, 1: {"alpha": 7}, 2: {"\U00020000": 3, "beta": 9}}
    direct, staged = store.connect_memory(), store.connect_memory()
    store.stage(staged)
    for doc, weights in pages.items():
        store.change_postings(direct, doc, {}, weights)
        store.add_postings(staged, doc, weights)
    store.unstage(staged)
    query = "SELECT key, w, doc FROM postings"  # in the table's own order
    assert list(staged.execute(query)) == list(direct.execute(query))
    assert list(store.every_top(staged, 10)) == list(store.every_top(direct, 10))
    with pytest.raises(sqlite3.OperationalError):
        staged.execute("SELECT * FROM staged")  # dropped once moved


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "Élan naïve",
        "e\u0301 a\u0308",
        "“curly” — dash",
        "ΟΔΟΣ ﬁ ①",
        "\u0301alone",
        "x\u20dd",
    ],
)
def test_fold_removes_every_combining_mark_and_only_those(text: str) -> None:
    import unicodedata

    expected = "".join(
        c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn"
    ).lower()
    assert terms.fold(text) == expected


def test_the_text_walk_keeps_tails_of_comments_and_excluded_elements() -> None:
    body = (
        "a<!-- c -->b<?pi x?>c <span class='headerlink'>skip</span>d"
        "<div class='sourcebook-about'>gone</div>e<em>f<!-- g --></em>h<p>i</p>j"
    )
    # (the <div> ends the page's <p>: the parser's doing, as a browser's)
    assert extract.read(page("T", body)).text == "T abc d efh i j"
    main = '<div role="main">x<div class="sourcebook-about">g</div>y<!--c-->z<em>q<!--c--></em>r'
    assert extract.read(f"<html><body>{main}</div></body></html>").text == "xyzqr"


def test_a_page_s_terms_are_kept_compressed_and_read_back_the_same() -> None:
    db = store.connect_memory()
    weights = {f"word{n}": n + 1 for n in range(500)} | {"\U00020000": 7, "é": 3}
    store.set_page(db, "a.html", (1, 2), b"h", weights)
    assert store.page_terms(db, "a.html") == weights
    (kept,) = db.execute("SELECT terms FROM pages").fetchone()
    assert isinstance(kept, bytes) and len(kept) < len(json.dumps(weights)) / 2


def test_the_first_main_element_is_the_text() -> None:
    html = '<html><body><p role="main">first one</p><div role="main">second</div></body></html>'
    assert extract.read(html).text == "first one"
