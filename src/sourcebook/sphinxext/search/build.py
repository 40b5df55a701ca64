"""Index a built site into ``_search/``: the pages that changed since the last index, only.

:func:`index` lists the site's pages (those Pagefind would index), and for
each compares its size and time, then its bytes' hash, with the store
(:mod:`.store`): an unchanged page is not read, or not parsed, again.  A
changed page's terms replace its old ones in the postings; the shards of the
terms whose postings changed are made again (:mod:`.shards`), each written
only if its bytes differ, and so are the changed pages' fragments and
``meta.js``.  The index is made again from nothing (keeping the pages' ids)
when the settings it was made with differ, or ``meta.js`` is not the one the
store wrote last (the output was removed or changed by hand).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from sourcebook.sphinxext.search import extract, shards, store, terms, tree

#: the largest number of changed terms followed one by one; beyond it every term is redone
DIRTY_LIMIT = 50_000
#: the most characters of a page's text in its fragment
FRAGMENT_TEXT = 12_000
#: the most bytes of a fragment file (a text in Greek or Japanese is cut to fit)
FRAGMENT_CAP = 19_000
FRAGMENT_CALL = "window.sourcebookSearch.fragment"


@dataclass
class Summary:
    """What an :func:`index` run did (for the log and the benchmarks)."""

    pages: int = 0
    parsed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    shards_written: int = 0
    shards_removed: int = 0
    #: every term redone (an index from nothing, or more changed terms than DIRTY_LIMIT)
    everything: bool = False


def settings() -> str:
    """What the index depends on besides the pages: another value makes it again."""
    return json.dumps(
        [
            terms.VERSION,
            shards.K,
            shards.CAP,
            shards.TARGET,
            tree.CAP,
            tree.TARGET,
            sorted(extract.EXCLUDED),
            FRAGMENT_TEXT,
            FRAGMENT_CAP,
        ]
    )


def safe_url(path: str) -> str:
    """*path* (relative, with ``/``) as a relative link: every character but letters, digits,
    ``/`` and ``_.-~`` percent-encoded, so that no colon makes it a scheme (``javascript:``)
    and no ``?`` or ``#`` cuts it."""
    return quote(path, safe="/")


def fragment(doc: int, url: str, page: extract.Page) -> str:
    """The fragment file of a page: at most FRAGMENT_TEXT characters of its text, and at most
    FRAGMENT_CAP bytes in all (the text cut further to fit, and if need be the title)."""
    title, address, text = page.title, safe_url(url), page.text[:FRAGMENT_TEXT]

    def written(title: str, text: str) -> str:
        value = {"title": title, "url": address, "text": text}
        return f"{FRAGMENT_CALL}({doc},{shards.js(value, ascii_only=False)})"

    if len(whole := written(title, text).encode("utf-8")) <= FRAGMENT_CAP:
        return whole.decode("utf-8")
    if len(written(title, "").encode("utf-8")) > FRAGMENT_CAP:
        title = _longest(title, lambda cut: written(cut, ""))
        text = ""
    else:
        text = _longest(text, lambda cut: written(title, cut))
    return written(title, text)


def _longest(text: str, file: Callable[[str], str]) -> str:
    """The longest beginning of *text* whose *file* is at most FRAGMENT_CAP bytes (a bisection:
    an escaped character costs 2 to 6 bytes)."""
    low, high = 0, len(text)  # file(text[:low]) fits, file(text[:high + 1]) does not
    while low < high:
        middle = (low + high + 1) // 2
        if len(file(text[:middle]).encode("utf-8")) <= FRAGMENT_CAP:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def _fresh(db: sqlite3.Connection, out: Path) -> bool:
    """Whether the store describes *out*; if not, forget both (but the pages' ids)."""
    meta = out / "meta.js"
    written = hashlib.sha256(meta.read_bytes()).hexdigest() if meta.is_file() else None
    if store.get(db, "settings") == settings() and written and store.get(db, "meta") == written:
        return True
    store.reset(db)
    shutil.rmtree(out, ignore_errors=True)
    store.put(db, "settings", settings())
    return False


class _Dirty:
    """The terms whose postings changed, or None once they are too many to follow."""

    def __init__(self, everything: bool) -> None:
        self.words: set[str] | None = None if everything else set()
        #: an index from nothing: the postings are staged (:func:`store.stage`)
        self.staged = everything

    def add(self, words: list[str]) -> None:
        if self.words is not None:
            self.words.update(words)
            if len(self.words) > DIRTY_LIMIT:
                self.words = None


def _update_page(
    db: sqlite3.Connection, site: Path, out: Path, url: str, dirty: _Dirty, summary: Summary
) -> None:
    """Index the page at *url* again if its bytes changed."""
    path = site / url
    info = path.stat()
    data = path.read_bytes()
    digest = hashlib.sha256(data).digest()
    stat = (info.st_size, info.st_mtime_ns)
    row = db.execute("SELECT hash FROM pages WHERE url = ?", (url,)).fetchone()
    if row is not None and row[0] == digest:
        store.touch_page(db, url, stat)
        return
    page = extract.read(data)
    weights = terms.weights(page.title, page.text)
    doc = store.doc_id(db, url)
    if dirty.staged:
        store.add_postings(db, doc, weights)
    else:
        dirty.add(store.change_postings(db, doc, store.page_terms(db, url), weights))
    store.set_page(db, url, stat, digest, weights)
    shards.write(out / "f" / f"{doc}.js", fragment(doc, url, page))
    summary.parsed.append(url)


def _remove_page(db: sqlite3.Connection, out: Path, url: str, dirty: _Dirty) -> None:
    doc = store.doc_id(db, url)
    dirty.add(store.change_postings(db, doc, store.page_terms(db, url), {}))
    store.drop_page(db, url)
    (out / "f" / f"{doc}.js").unlink(missing_ok=True)


def index(site: Path, out: Path, db_path: Path, urls: list[str]) -> Summary:
    """Bring the index in *out* of the pages *urls* of *site* up to date; what it did."""
    summary = Summary(pages=len(urls))
    db = store.connect(db_path)
    try:
        summary.everything = not _fresh(db, out)
        dirty = _Dirty(summary.everything)
        if dirty.staged:
            store.stage(db)
        before = store.known(db)
        for url in urls:
            info = (site / url).stat()
            if before.get(url, (None, None))[:2] != (info.st_size, info.st_mtime_ns):
                _update_page(db, site, out, url, dirty, summary)
        summary.removed = sorted(set(before) - set(urls))
        for url in summary.removed:
            _remove_page(db, out, url, dirty)
        summary.everything = dirty.words is None  # from nothing, or too many changes
        if dirty.staged:
            store.unstage(db)
        if not (summary.everything or summary.parsed or summary.removed):
            db.execute("COMMIT")  # the times of pages written again with the same bytes
            return summary  # the shards, the directories and meta.js are as they were
        unused = _reshard(db, out, dirty.words, summary)
        text, directories = tree.levels(db, len(urls))
        for ident, written in directories:  # before meta.js, which names them
            shards.write(out / "d" / f"{ident}.js", written)
        kept = {ident for (ident,) in db.execute("SELECT id FROM shards")}
        store.put(db, "meta", hashlib.sha256(text.encode("ascii")).hexdigest())
        db.execute("COMMIT")
    finally:
        db.close()  # without a commit: rolled back, and the next run sees the same changes
    shards.write(out / "meta.js", text)
    for ident in unused:  # after meta.js, which no longer names them
        (out / "s" / f"{ident}.js").unlink(missing_ok=True)
    _sweep(out / "s", kept)
    _sweep(out / "d", {ident for ident, _ in directories})
    return summary


def _sweep(folder: Path, kept: set[str]) -> None:
    """Remove the shard files that are not the index's (left by a run killed before its
    commit): the output is then the same as an index made from nothing."""
    if folder.is_dir():
        for path in folder.iterdir():
            if path.suffix != ".js" or path.stem not in kept:
                path.unlink()


def _reshard(
    db: sqlite3.Connection, out: Path, words: set[str] | None, summary: Summary
) -> list[str]:
    """Make the entries of the terms *words* (None: all) again, and the shards holding them;
    the ids of the shards no longer used."""
    if words is None:
        shards.refresh(db, None)
        ranges = [(b"", shards.END)]
    else:
        keys = [store.key(word) for word in sorted(words)]
        old = shards.bounds(db, keys)
        shards.refresh(db, words)
        ranges = shards.spans(old, shards.bounds(db, keys))
    before = {ident for (ident,) in db.execute("SELECT id FROM shards")}
    unused = shards.rewrite(db, out / "s", ranges)
    after = {ident for (ident,) in db.execute("SELECT id FROM shards")}
    summary.shards_written = len(after - before)
    summary.shards_removed = len(unused)
    return unused
