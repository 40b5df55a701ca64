"""The index's persistent state: an SQLite file in the doctree directory.

Tables (``key`` is a term encoded as UTF-16-BE, so that SQLite's byte order is
the search page's order, JavaScript's UTF-16 code units):

* ``ids(url, doc)``: each page's document id, kept by :func:`reset`; an id is
  never given to another page, even after its page is deleted (a reader's
  cached shard can then never name the wrong page), ``info.next_doc`` is the next;
* ``pages(url, size, mtime, hash, terms)``: what the index holds of each page:
  its file's size and time (unchanged: not read again), the SHA-256 of its
  bytes (unchanged: not parsed again) and its terms with their weights (JSON,
  compressed with zlib: a quarter of the store otherwise), to take its
  postings out again;
* ``postings(key, w, doc)``: one row per page and term, in the order a shard
  lists them (heaviest first): the K first rows of a key are its postings;
* ``terms(key, entry, cut)``: each term's text in its shard, and whether a new
  chunk of shards starts at it (:mod:`.shards`);
* ``shards(first, last, id, size)``: the shard files, by the keys of their first and last terms;
* ``info(name, value)``: the settings the index was made with, the next id,
  the SHA-256 of the ``meta.js`` written last.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS info(name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ids(url TEXT PRIMARY KEY, doc INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pages(
    url TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, hash BLOB, terms BLOB
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS postings(
    key BLOB, w INTEGER, doc INTEGER, PRIMARY KEY(key, w DESC, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS terms(key BLOB PRIMARY KEY, entry TEXT, cut INTEGER) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cuts ON terms(key) WHERE cut = 1;
CREATE TABLE IF NOT EXISTS shards(
    first BLOB PRIMARY KEY, last BLOB, id TEXT, size INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS shard_ids ON shards(id);
"""
#: the layout of the tables (``PRAGMA user_version``): a store of another is made again
LAYOUT = 3
#: the tables :func:`reset` empties (``ids`` and the next id stay)
INDEX_TABLES = ("pages", "postings", "terms", "shards")


def key(term: str) -> bytes:
    """*term* as the store orders it: by UTF-16 code units, as JavaScript compares strings."""
    return term.encode("utf-16-be")


def term(stored: bytes) -> str:
    return stored.decode("utf-16-be")


def connect(path: Path) -> sqlite3.Connection:
    """The store at *path*, made if missing; a file that is not a store is replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, isolation_level=None)
        if db.execute("PRAGMA user_version").fetchone()[0] in (0, LAYOUT):
            return _setup(db)
        db.close()
    except sqlite3.DatabaseError:  # damaged (a build killed while it wrote): start again
        pass
    path.unlink(missing_ok=True)
    return _setup(sqlite3.connect(path, isolation_level=None))


def connect_memory() -> sqlite3.Connection:
    """A store in memory (for tests)."""
    return _setup(sqlite3.connect(":memory:", isolation_level=None))


def _setup(db: sqlite3.Connection) -> sqlite3.Connection:
    # a cache of the built site: losing it costs one full index, so no fsync
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -65536")  # 64 MiB
    db.executescript(SCHEMA)
    db.execute(f"PRAGMA user_version = {LAYOUT}")
    db.execute("BEGIN")
    return db


def get(db: sqlite3.Connection, name: str) -> str | None:
    row = db.execute("SELECT value FROM info WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


def put(db: sqlite3.Connection, name: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO info VALUES (?, ?)", (name, value))


def reset(db: sqlite3.Connection) -> None:
    """Forget the index, but not the pages' ids."""
    for table in INDEX_TABLES:
        db.execute(f"DELETE FROM {table}")


def doc_id(db: sqlite3.Connection, url: str) -> int:
    """The id of the page at *url*: its own if it had one, else the next never given."""
    row = db.execute("SELECT doc FROM ids WHERE url = ?", (url,)).fetchone()
    if row is not None:
        return int(row[0])
    given = int(get(db, "next_doc") or 0)
    db.execute("INSERT INTO ids VALUES (?, ?)", (url, given))
    put(db, "next_doc", str(given + 1))
    return given


def known(db: sqlite3.Connection) -> dict[str, tuple[int, int, bytes]]:
    """Each indexed page's size, time and hash."""
    rows = db.execute("SELECT url, size, mtime, hash FROM pages")
    return {url: (size, mtime, digest) for url, size, mtime, digest in rows}


def page_terms(db: sqlite3.Connection, url: str) -> dict[str, int]:
    row = db.execute("SELECT terms FROM pages WHERE url = ?", (url,)).fetchone()
    return {} if row is None else dict(json.loads(zlib.decompress(row[0])))


def set_page(
    db: sqlite3.Connection, url: str, stat: tuple[int, int], digest: bytes, terms: dict[str, int]
) -> None:
    db.execute(
        "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)",
        (url, *stat, digest, zlib.compress(_compact(terms), 1)),
    )


def _compact(terms: dict[str, int]) -> bytes:
    return json.dumps(terms, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def touch_page(db: sqlite3.Connection, url: str, stat: tuple[int, int]) -> None:
    """A page written again with the same bytes: remember its new time only."""
    db.execute("UPDATE pages SET size = ?, mtime = ? WHERE url = ?", (*stat, url))


def drop_page(db: sqlite3.Connection, url: str) -> None:
    db.execute("DELETE FROM pages WHERE url = ?", (url,))


def change_postings(
    db: sqlite3.Connection, doc: int, old: dict[str, int], new: dict[str, int]
) -> list[str]:
    """Replace the postings of *doc* (*old*) by *new*; the terms whose postings changed."""
    # ``key`` written out: this runs for each term of each page of a full index
    gone = [(t.encode("utf-16-be"), w, doc) for t, w in old.items() if new.get(t) != w]
    if old:
        came = [(t.encode("utf-16-be"), w, doc) for t, w in new.items() if old.get(t) != w]
    else:
        came = [(t.encode("utf-16-be"), w, doc) for t, w in new.items()]
    db.executemany("DELETE FROM postings WHERE key = ? AND w = ? AND doc = ?", gone)
    db.executemany("INSERT INTO postings VALUES (?, ?, ?)", came)
    return [t for t in old if new.get(t) != old[t]] + [t for t in new if t not in old]


def stage(db: sqlite3.Connection) -> None:
    """Start an index from nothing: :func:`add_postings` appends to a table without order."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS staged(key BLOB, w INTEGER, doc INTEGER)")
    db.execute("DELETE FROM staged")


def add_postings(db: sqlite3.Connection, doc: int, new: dict[str, int]) -> None:
    """The postings of a page new to an index made from nothing (:func:`stage`)."""
    rows = [(t.encode("utf-16-be"), w, doc) for t, w in new.items()]
    db.executemany("INSERT INTO staged VALUES (?, ?, ?)", rows)


def unstage(db: sqlite3.Connection) -> None:
    """Move the staged postings into ``postings`` in its order.

    Each page inserting its rows into ``postings`` puts them all over its
    B-tree (O(P log P) for P postings, with a page of the tree read and written
    for nearly every row once the tree outgrows the cache); appended to a table
    without order, sorted once (SQLite's external merge sort) and inserted in
    key order, each row goes to the tree's end: 7 times less CPU at 1,000 pages.
    """
    db.execute("INSERT INTO postings SELECT key, w, doc FROM staged ORDER BY key, w DESC, doc")
    db.execute("DROP TABLE staged")


def top(db: sqlite3.Connection, stored: bytes, k: int) -> tuple[int, list[tuple[int, int]]]:
    """A term's document frequency and its *k* heaviest postings (doc, weight)."""
    (df,) = db.execute("SELECT count(*) FROM postings WHERE key = ?", (stored,)).fetchone()
    rows = db.execute(
        "SELECT doc, w FROM postings WHERE key = ? ORDER BY w DESC, doc LIMIT ?", (stored, k)
    )
    return int(df), [(int(doc), int(w)) for doc, w in rows]


def every_top(db: sqlite3.Connection, k: int) -> Iterator[tuple[bytes, int, list[tuple[int, int]]]]:
    """:func:`top` for every term, in key order, in one pass over the postings."""
    current: bytes | None = None
    df, best = 0, list[tuple[int, int]]()
    with closing(db.execute("SELECT key, w, doc FROM postings ORDER BY key, w DESC, doc")) as rows:
        for stored, w, doc in rows:
            if stored != current:
                if current is not None:
                    yield current, df, best
                current, df, best = stored, 0, []
            df += 1
            if df <= k:
                best.append((doc, w))
    if current is not None:
        yield current, df, best


def set_terms(db: sqlite3.Connection, rows: Iterable[tuple[bytes, str, int]]) -> None:
    db.executemany("INSERT OR REPLACE INTO terms VALUES (?, ?, ?)", rows)


def drop_terms(db: sqlite3.Connection, keys: Iterable[bytes]) -> None:
    db.executemany("DELETE FROM terms WHERE key = ?", ((k,) for k in keys))
