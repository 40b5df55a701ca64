"""Shared quotations kept between builds: an inverted index of fingerprints in SQLite.

:func:`sourcebook.render.quotes.find_shared` pairs passages from scratch and
holds every fingerprint, count and candidate in memory.  This index keeps
what that run computes, on disk, so that a build updates it document by
document and gets the same pairs (``tests/test_quote_index.py``):

* ``passages``: each passage's identity and packed shingle hashes (the
  verifying set) and its winnowed hashes;
* ``kept``: the winnowed hash -> passage postings (the candidate index);
* ``df``: for every shingle of the corpus, how many passages hold it: a
  kept hash held by more than :data:`~sourcebook.render.quotes.STOP_DF`
  passages is a stock phrase and pairs nothing, and since an edit can move
  a shingle across that line, the counts of every shingle are kept, not only
  of the indexed ones;
* ``pairs``: the passages verified to be the same quotation (negative
  verdicts are not kept: a pair is verified again only when it becomes a
  candidate again).

An update removes the changed documents' passages and adds their new ones,
then verifies only the candidates that can have changed: the pairs with an
added passage, and the pairs of untouched passages that hold a hash whose
stop status the update flipped.  Its cost follows the changed documents'
fingerprints, not the corpus; memory holds one batch of fingerprints and a
bounded cache of unpacked shingle sets.  A passage id is its document's id
times :data:`PER_DOCUMENT` plus its rank, so a pair's documents are known
without a look-up.  Hashes are stored as signed 64-bit integers (SQLite's).
"""

from __future__ import annotations

import os
import sqlite3
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, combinations, repeat
from pathlib import Path

from sourcebook.render.quotes import STOP_DF, Passage, same_sets

#: one passage's fingerprint as the page generator caches it: line, kind, packed hashes,
#: winnowed hashes
PrintTuple = tuple[int, str, bytes, tuple[int, ...]]
SharedMap = dict[tuple[str, str, int], list[Passage]]

#: bump when a table's layout or meaning changes
INDEX_FORMAT = "1"
#: passage ids per document: a document with more passages is refused
PER_DOCUMENT = 1 << 20
#: shingles staged in memory before they go to SQLite
BATCH = 500_000

_SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE docs(doc INTEGER PRIMARY KEY, slug TEXT UNIQUE NOT NULL, key TEXT NOT NULL);
CREATE TABLE passages(pid INTEGER PRIMARY KEY, line INTEGER NOT NULL, kind TEXT NOT NULL,
                      packed BLOB NOT NULL, kept BLOB NOT NULL);
CREATE TABLE kept(h INTEGER NOT NULL, pid INTEGER NOT NULL, PRIMARY KEY(h, pid)) WITHOUT ROWID;
CREATE TABLE df(h INTEGER PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE pairs(a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY(a, b)) WITHOUT ROWID;
CREATE INDEX pairs_b ON pairs(b);
"""
_TEMP = (
    "CREATE TEMP TABLE delta(h INTEGER NOT NULL, d INTEGER NOT NULL)",
    "CREATE TEMP TABLE added(h INTEGER NOT NULL, pid INTEGER NOT NULL)",
    "CREATE TEMP TABLE cand(a INTEGER, b INTEGER, PRIMARY KEY(a, b)) WITHOUT ROWID",
)
#: unpacked shingle sets kept while verifying (a candidate's set is read once per run of pairs)
KEPT_SETS = 4096


def signed(values: Iterable[int]) -> array[int]:
    """Unsigned 64-bit hashes as SQLite's signed integers (the same 64 bits)."""
    return array("q", array("Q", values).tobytes())


def _open(path: Path | None) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:" if path is None else str(path), isolation_level=None)
    db.execute("PRAGMA busy_timeout=600000")  # another build of the project updating it
    db.execute("PRAGMA synchronous=OFF")  # a cache: a lost update is detected by the keys
    db.execute("PRAGMA cache_size=-65536")  # 64 MiB of pages
    db.execute("PRAGMA temp_store=FILE")  # large sorts spill to disk, not to memory
    return db


def connect(path: Path | None) -> sqlite3.Connection:
    """The index at *path* (``None``: in memory), created again when not of this format."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    db = None
    try:
        db = _open(path)
        found = db.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
    except sqlite3.DatabaseError:  # absent tables, a damaged file, not a database
        found = None
    if found is not None and found[0] == INDEX_FORMAT:
        assert db is not None
        return db
    if db is not None:
        db.close()
    if path is not None:
        path.unlink(missing_ok=True)
        # a cache no one else may write (SQLite would create it under the umask)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    db = _open(path)
    db.executescript(_SCHEMA)
    db.execute("INSERT INTO meta VALUES ('format', ?)", (INDEX_FORMAT,))
    return db


class QuoteIndex:
    """The persistent index; :meth:`update` in one transaction, :meth:`shared` the result."""

    def __init__(self, path: Path | None = None) -> None:
        self.db = connect(path)
        #: candidate pairs verified by the last update (for the tests and the bench)
        self.comparisons = 0

    def close(self) -> None:
        self.db.close()

    def keys(self) -> dict[str, str]:
        """Slug -> the document key (its fingerprints' hash) the index holds."""
        return dict(self.db.execute("SELECT slug, key FROM docs"))

    def update(
        self, removed: Iterable[str], added: Iterable[tuple[str, str, Sequence[PrintTuple]]]
    ) -> None:
        """(Re)index the *added* documents (slug, key, prints), then drop the *removed* ones.

        Both are read once, in that order: the generator analyses each document
        as *added* is read, so only one document's fingerprints are in memory.
        """
        db = self.db
        db.execute("BEGIN IMMEDIATE")  # the write lock first: two builds wait, not fail
        try:
            Update(db).run(removed, added)
            self.comparisons = _verify_candidates(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        finally:
            for table in ("delta", "added", "cand", "agg", "scan"):
                db.execute(f"DROP TABLE IF EXISTS temp.{table}")

    def shared(self) -> SharedMap:
        """(slug, kind, line) -> the other passages quoting it, as :func:`find_shared` gives."""
        rows = self.db.execute(
            "SELECT a, b, da.slug, pa.kind, pa.line, db.slug, pb.kind, pb.line FROM pairs"
            " JOIN passages pa ON pa.pid = a JOIN passages pb ON pb.pid = b"
            f" JOIN docs da ON da.doc = a / {PER_DOCUMENT}"
            f" JOIN docs db ON db.doc = b / {PER_DOCUMENT}"
        )
        result: SharedMap = {}
        for _a, _b, sa, ka, la, sb, kb, lb in rows:
            result.setdefault((sa, ka, la), []).append(Passage(sb, lb, kb, ""))
            result.setdefault((sb, kb, lb), []).append(Passage(sa, la, ka, ""))
        for others in result.values():
            others.sort(key=lambda p: (p.slug, p.line))
        return dict(sorted(result.items()))


class Update:
    """One update's staging: the shingle count changes and the added postings."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        for statement in _TEMP:
            db.execute(statement)
        #: the index held nothing: counts and postings are bulk-loaded, nothing is untouched
        self.scratch = db.execute("SELECT 1 FROM docs LIMIT 1").fetchone() is None
        self.deltas: list[tuple[int, int]] = []
        self.postings: list[tuple[int, int]] = []

    def run(
        self, removed: Iterable[str], added: Iterable[tuple[str, str, Sequence[PrintTuple]]]
    ) -> None:
        for slug, key, prints in added:
            self.remove(slug)
            self.add(slug, key, prints)
        for slug in removed:  # after: the caller may know them only once *added* is read
            self.remove(slug)
        self.flush()
        flipped = self.apply_counts()
        self.apply_postings()
        _stage_candidates(self.db, flipped, self.scratch)

    def remove(self, slug: str) -> None:
        db = self.db
        found = db.execute("SELECT doc FROM docs WHERE slug = ?", (slug,)).fetchone()
        if found is None:
            return
        low, high = found[0] * PER_DOCUMENT, (found[0] + 1) * PER_DOCUMENT
        for pid, packed, kept in db.execute(
            "SELECT pid, packed, kept FROM passages WHERE pid >= ? AND pid < ?", (low, high)
        ).fetchall():
            self.deltas.extend(zip(array("q", packed), repeat(-1)))
            db.executemany(
                "DELETE FROM kept WHERE h = ? AND pid = ?", ((h, pid) for h in array("q", kept))
            )
            self.maybe_flush()
        db.execute("DELETE FROM passages WHERE pid >= ? AND pid < ?", (low, high))
        db.execute("DELETE FROM pairs WHERE a >= ? AND a < ?", (low, high))
        db.execute("DELETE FROM pairs WHERE b >= ? AND b < ?", (low, high))
        db.execute("DELETE FROM docs WHERE doc = ?", (found[0],))

    def add(self, slug: str, key: str, prints: Sequence[PrintTuple]) -> None:
        db = self.db
        if len(prints) >= PER_DOCUMENT:
            raise ValueError(f"{slug}: more than {PER_DOCUMENT - 1} passages")
        doc = db.execute("INSERT INTO docs(slug, key) VALUES (?, ?)", (slug, key)).lastrowid
        assert doc is not None
        rows = []
        for rank, (line, kind, packed, kept) in enumerate(prints):
            if not kept:  # under five words: no shingle, never a candidate
                continue
            pid = doc * PER_DOCUMENT + rank
            kept_signed = signed(kept)
            rows.append((pid, line, kind, array("q", packed).tobytes(), kept_signed.tobytes()))
            self.deltas.extend(zip(array("q", packed), repeat(1)))
            self.postings.extend(zip(kept_signed, repeat(pid)))
        db.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?)", rows)
        self.maybe_flush()

    def maybe_flush(self) -> None:
        if len(self.deltas) + len(self.postings) >= BATCH:
            self.flush()

    def flush(self) -> None:
        self.db.executemany("INSERT INTO delta VALUES (?, ?)", self.deltas)
        self.db.executemany("INSERT INTO added VALUES (?, ?)", self.postings)
        self.deltas, self.postings = [], []

    def apply_counts(self) -> tuple[list[int], list[int]]:
        """Apply the count changes; the hashes that became stock phrases and those that ceased."""
        db = self.db
        if self.scratch:
            db.execute("INSERT INTO df SELECT h, sum(d) FROM delta GROUP BY h ORDER BY h")
            db.execute("DELETE FROM delta")
            return [], []
        db.execute("CREATE TEMP TABLE agg AS SELECT h, sum(d) AS d FROM delta GROUP BY h")
        db.execute("DELETE FROM delta")
        stopped: list[int] = []
        freed: list[int] = []
        for h, old, new in db.execute(
            "SELECT agg.h, coalesce(df.n, 0), coalesce(df.n, 0) + agg.d FROM agg"
            " LEFT JOIN df ON df.h = agg.h WHERE agg.d != 0"
        ):
            if (old > STOP_DF) != (new > STOP_DF):
                (stopped if new > STOP_DF else freed).append(h)
        db.execute(
            "INSERT INTO df SELECT h, d FROM agg WHERE d != 0 ORDER BY h"
            " ON CONFLICT(h) DO UPDATE SET n = n + excluded.n"
        )
        db.execute("DELETE FROM df WHERE h IN (SELECT h FROM agg) AND n <= 0")
        db.execute("DROP TABLE temp.agg")
        return stopped, freed

    def apply_postings(self) -> None:
        self.db.execute("INSERT INTO kept SELECT h, pid FROM added ORDER BY h, pid")


def _stage_candidates(
    db: sqlite3.Connection, flipped: tuple[list[int], list[int]], scratch: bool
) -> None:
    """Fill ``cand`` with every pair whose verdict this update can have changed.

    The pairs with an added passage on an indexed hash; every pair on a hash
    that stopped being a stock phrase; and the kept pairs that lost their
    last indexed hash are dropped.
    """
    stopped, freed = flipped
    _drop_unsupported(db, stopped)
    if scratch:
        groups: Iterable[tuple[int, str]] = db.execute(
            # the postings in hash order first, the counts looked up only for the hashes two
            # passages keep (few): probing the counts for every posting reads them all at random
            "SELECT g.h, g.pids FROM (SELECT h, group_concat(pid) AS pids FROM kept"
            " GROUP BY h HAVING count(*) > 1) g"
            f" WHERE (SELECT n FROM df WHERE df.h = g.h) <= {STOP_DF}"
        )
        _insert_pairs(db, _pairs(groups, None))
        return
    new = {pid for (pid,) in db.execute("SELECT DISTINCT pid FROM added")}
    db.execute("CREATE TEMP TABLE scan(h INTEGER PRIMARY KEY, every INTEGER) WITHOUT ROWID")
    db.execute("INSERT OR IGNORE INTO scan SELECT h, 0 FROM added")
    db.executemany("INSERT OR REPLACE INTO scan VALUES (?, 1)", ((h,) for h in freed))
    groups = db.execute(
        "SELECT k.h, group_concat(k.pid), max(scan.every) FROM scan JOIN kept k ON k.h = scan.h"
        f" JOIN df ON df.h = k.h WHERE df.n <= {STOP_DF} GROUP BY k.h HAVING count(*) > 1"
    )
    every = set(freed)
    _insert_pairs(db, _pairs(((h, pids) for h, pids, _ in groups), new, every))
    db.execute("DROP TABLE temp.scan")


def _pairs(
    groups: Iterable[tuple[int, str]], new: set[int] | None, every: set[int] | None = None
) -> Iterator[tuple[int, int]]:
    """The candidate pairs of each posting list: passages of different documents.

    With *new*, only the pairs with a new passage, except on the hashes in *every*.
    """
    for h, listed in groups:
        pids = sorted(map(int, listed.split(",")))
        all_pairs = new is None or (every is not None and h in every)
        for a, b in combinations(pids, 2):
            if a // PER_DOCUMENT == b // PER_DOCUMENT:
                continue
            if all_pairs or a in new or b in new:  # type: ignore[operator]
                yield a, b


def _insert_pairs(db: sqlite3.Connection, pairs: Iterator[tuple[int, int]]) -> None:
    batch: list[tuple[int, int]] = []
    for pair in chain(pairs, [(-1, -1)]):
        if pair[0] >= 0:
            batch.append(pair)
        if len(batch) >= BATCH or (pair[0] < 0 and batch):
            db.executemany("INSERT OR IGNORE INTO cand VALUES (?, ?)", batch)
            batch = []


def _drop_unsupported(db: sqlite3.Connection, stopped: list[int]) -> None:
    """Drop the kept pairs that shared no indexed hash but ones now stock phrases."""
    doomed = []
    for h in stopped:
        pids = {pid for (pid,) in db.execute("SELECT pid FROM kept WHERE h = ?", (h,))}
        for a in sorted(pids):
            for (b,) in db.execute("SELECT b FROM pairs WHERE a = ?", (a,)).fetchall():
                if b in pids and not _still_candidates(db, a, b):
                    doomed.append((a, b))
    db.executemany("DELETE FROM pairs WHERE a = ? AND b = ?", doomed)


def _still_candidates(db: sqlite3.Connection, a: int, b: int) -> bool:
    kept = [
        set(array("q", blob))
        for (blob,) in db.execute("SELECT kept FROM passages WHERE pid IN (?, ?)", (a, b))
    ]
    common = sorted(kept[0] & kept[1]) if len(kept) == 2 else []
    marks = ",".join("?" * len(common))
    found = db.execute(
        f"SELECT 1 FROM df WHERE h IN ({marks}) AND n <= {STOP_DF} LIMIT 1", common
    ).fetchone()
    return found is not None


def _verify_candidates(db: sqlite3.Connection) -> int:
    """Verify every staged candidate on the two shingle sets; keep the pairs that are the same."""
    sets: OrderedDict[int, frozenset[int]] = OrderedDict()

    def shingles(pid: int) -> frozenset[int]:
        found = sets.get(pid)
        if found is None:
            (blob,) = db.execute("SELECT packed FROM passages WHERE pid = ?", (pid,)).fetchone()
            found = sets[pid] = frozenset(array("q", blob))
            if len(sets) > KEPT_SETS:
                sets.popitem(last=False)
        else:
            sets.move_to_end(pid)
        return found

    same: list[tuple[int, int]] = []
    count = 0
    # streamed: the pairs of a full index do not fit in memory at ten thousand documents
    for a, b in db.execute("SELECT a, b FROM cand ORDER BY a, b"):
        count += 1
        if same_sets(shingles(a), shingles(b)):
            same.append((a, b))
    db.executemany("INSERT OR IGNORE INTO pairs VALUES (?, ?)", same)
    return count


def index_all(index: QuoteIndex, prints: Mapping[str, Sequence[PrintTuple]]) -> None:
    """Index every document of *prints* (slug -> fingerprints) in one update."""
    from sourcebook.render.quotes import document_key

    index.update([], ((slug, document_key(p), p) for slug, p in prints.items()))
