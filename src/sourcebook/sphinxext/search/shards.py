"""The term shards: each term's postings, in files of at most :data:`CAP` bytes.

The terms, in UTF-16 order, are cut into chunks at the terms :func:`is_cut`
picks, and a chunk longer than a shard may be is cut again, greedily from its
first term, into shards.  Whether a term starts a chunk depends on that term
alone (a hash of the term against the length of its entry, so that a chunk
holds about :data:`TARGET` bytes whatever mix of rare and common words it
has), so the shards are a function of the index's content, not of its history:
an incremental build writes the same files as a build from nothing, and an
edit rewrites only the chunks holding the terms it changed (:func:`spans`).
A shard's id is a hash of its content: a shard that did not change keeps its
id, its file and the file's time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sourcebook.sphinxext.search import store

#: the most postings a term lists (its heaviest); a term's document frequency is not capped
K = 1000
#: the most bytes a shard file holds
CAP = 32_000
#: the bytes a chunk of shards holds on average (below CAP: few chunks are cut again)
TARGET = 21_000
#: the store's keys are at most 160 bytes (40 characters of 4 bytes): this is after all of them
END = b"\xff" * 256
SHARD_CALL = "window.sourcebookSearch.shard"
#: a shard's bytes but its entries and the commas between them
OVERHEAD = len(f'{SHARD_CALL}("{"z" * 13}",{{}})')


def js(value: Any, *, ascii_only: bool = True) -> str:
    """*value* as JSON that is safe inside a ``<script>`` element whatever its strings hold.

    ``<``, ``>`` and ``&`` are escaped so that no ``</script>`` or ``<!--`` can end
    or change the element, and U+2028 and U+2029 (line ends to JavaScript before
    ES2019).  Shards are ASCII (their byte cap counts characters); a fragment's
    text is written as UTF-8 (*ascii_only* false), where ``\\uXXXX`` would cost
    six bytes for every letter of a text that is not English; a lone surrogate,
    which UTF-8 cannot carry, is escaped.
    """
    text = json.dumps(value, ensure_ascii=ascii_only, separators=(",", ":"))
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


#: what a JSON string inside a script must not carry as itself
_UNSAFE = re.compile("[<>&\u2028\u2029\ud800-\udfff]")


def entry(term: str, df: int, best: Iterable[tuple[int, int]]) -> str:
    """A term's ``"TERM":[DF,[[DOC,W],...]]`` in its shard."""
    # json's C encoder writes the pairs (tuples as arrays): a common word has K of them
    postings = json.dumps(best, separators=(",", ":"))
    return f"{js(term)}:[{df},{postings}]"


def content_hash(data: bytes) -> int:
    """64 bits of *data*'s BLAKE2b."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def is_cut(stored: bytes, text: str, target: int | None = None) -> bool:
    """Whether a chunk starts at the term stored as *stored*, whose entry is *text*.

    True with a probability of len(text) / *target* (:data:`TARGET`), decided by
    the term's hash: about *target* bytes between two cuts.
    """
    return content_hash(stored) < len(text) * (1 << 64) // (target or TARGET)


def base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if not number:
            return digits


def shard(entries: list[str], long: bool = False) -> tuple[str, str]:
    """The id and the file text of the shard holding *entries*.

    The id is 41 bits of the content's hash (8 characters: ``meta.js`` lists
    one per shard), or all 64 when *long* (:func:`rewrite` asks for that when
    the short one is another shard's: about once in 10^5 sites of 5,000 shards).
    """
    body = "{" + ",".join(entries) + "}"
    ident = base36(content_hash(body.encode("ascii")) >> (0 if long else 23))
    return ident, f'{SHARD_CALL}("{ident}",{body})'


def pieces(
    rows: Iterable[tuple[bytes, str, int]], cap: int | None = None, overhead: int = OVERHEAD
) -> Iterator[tuple[bytes, bytes, list[str]]]:
    """The shards (first key, last key, entries) of terms (key, entry, cut), from a cut or the
    first term, each of at most *cap* (:data:`CAP`) bytes: *overhead* and the entries with
    a comma each."""
    cap = cap or CAP
    first, last, entries, size = b"", b"", list[str](), overhead
    for stored, text, cut in rows:
        if entries and (cut or size + len(text) + 1 > cap):
            yield first, last, entries
            entries, size = [], overhead
        if not entries:
            first = stored
        last = stored
        entries.append(text)
        size += len(text) + 1
    if entries:
        yield first, last, entries


def refresh(db: sqlite3.Connection, dirty: Iterable[str] | None) -> None:
    """Make the entries of the terms *dirty* (None: of every term) again from their postings."""
    if dirty is None:
        db.execute("DELETE FROM terms")
        rows = (
            (stored, text, int(is_cut(stored, text)))
            for stored, df, best in store.every_top(db, K)
            for text in [entry(store.term(stored), df, best)]
        )
        store.set_terms(db, rows)
        return
    gone, kept = [], []
    for word in dirty:
        stored = store.key(word)
        df, best = store.top(db, stored, K)
        if df == 0:
            gone.append(stored)
        else:
            text = entry(word, df, best)
            kept.append((stored, text, int(is_cut(stored, text))))
    store.drop_terms(db, gone)
    store.set_terms(db, kept)


def bounds(db: sqlite3.Connection, keys: Iterable[bytes]) -> list[tuple[bytes, bytes]]:
    """For each key, the cut at or before it and the cut after it (b"" and END at the ends)."""
    found = []
    for stored in keys:
        (before,) = db.execute(
            "SELECT max(key) FROM terms WHERE cut = 1 AND key <= ?", (stored,)
        ).fetchone()
        (after,) = db.execute(
            "SELECT min(key) FROM terms WHERE cut = 1 AND key > ?", (stored,)
        ).fetchone()
        found.append((before or b"", after or END))
    return found


def spans(
    old: list[tuple[bytes, bytes]], new: list[tuple[bytes, bytes]]
) -> list[tuple[bytes, bytes]]:
    """The key ranges whose shards change: the chunks around each changed term, before and after.

    A range's ends are cuts both before and after the change (a term's cut can
    change only if the term did, and then its own chunks are in the range), so
    each range is shards of the old index and is made into shards of the new one.
    """
    ranges = sorted((min(a[0], b[0]), max(a[1], b[1])) for a, b in zip(old, new, strict=True))
    merged: list[tuple[bytes, bytes]] = []
    for start, end in ranges:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def write(path: Path, text: str) -> bool:
    """Put *text* in *path* unless it holds it already (then its time stays); whether it wrote."""
    data = text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


def rewrite(db: sqlite3.Connection, folder: Path, ranges: list[tuple[bytes, bytes]]) -> list[str]:
    """Make the shards of *ranges* again into *folder*; the ids of the shards no longer used."""
    old: set[str] = set()
    made: set[str] = set()
    for start, end in ranges:
        old.update(
            ident
            for (ident,) in db.execute(
                "SELECT id FROM shards WHERE first >= ? AND first < ?", (start, end)
            )
        )
        db.execute("DELETE FROM shards WHERE first >= ? AND first < ?", (start, end))
        rows = db.execute(  # read as it goes: a full index's terms are not all in memory
            "SELECT key, entry, cut FROM terms WHERE key >= ? AND key < ? ORDER BY key",
            (start, end),
        )
        for first, last, entries in pieces(rows):
            ident, text = shard(entries)
            if db.execute("SELECT 1 FROM shards WHERE id = ?", (ident,)).fetchone():
                ident, text = shard(entries, long=True)
            write(folder / f"{ident}.js", text)
            db.execute("INSERT INTO shards VALUES (?, ?, ?, ?)", (first, last, ident, len(text)))
            made.add(ident)
    return sorted(old - made)


def separator(before: bytes, first: bytes) -> str:
    """The shortest start of the term *first* that sorts after the term *before*.

    A shard's entry in ``meta.js`` needs only to sort after every term of the
    shards before it and not after its own first term: shorter than the term.
    """
    word = store.term(first)
    return next(word[:n] for n in range(1, len(word) + 1) if store.key(word[:n]) > before)
