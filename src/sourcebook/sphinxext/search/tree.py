"""Where each shard is: ``meta.js`` and the directory files between it and the shards.

One list of every shard's start (``[[START, ID], ...]``) grows with the index:
at 10,000 pages it was 92 KB, loaded by every first search.  So the list is
cut into directory files ``d/ID.js`` of at most :data:`CAP` bytes, and those
into further levels while the top one is longer than :data:`CAP`; ``meta.js``
holds the top level.  A search follows one directory file a level from
``meta.js`` to its word's shard: it loads at most :data:`CAP` bytes a level
whatever the number of pages, and a level more only when the shards are a
hundred times as many (see the manual's ``search-format.md``).

A level is cut as a chunk of shards is cut from the terms
(:func:`sourcebook.sphinxext.search.shards.pieces`): at the items whose hash
(salted with the level, so that a level's cuts are not the level below's
again) is below ``len(item) / TARGET`` of the hash range, so that a changed
shard changes its directory and the levels above it, not the others.  Each
directory lists also the first item after it: the shard that the longer words
a query word starts may run on into.  The directories are made from the
``shards`` table on every run (thousands of rows, milliseconds): a function of
the shards, and so of the index's content.
"""

from __future__ import annotations

import sqlite3

from sourcebook.sphinxext.search import shards

#: the most bytes of a directory file, and of ``meta.js``
CAP = 16_000
#: the bytes a directory holds on average (below CAP: few are cut again)
TARGET = 8_000
DIR_CALL = "window.sourcebookSearch.dir"
META_CALL = "window.sourcebookSearch.meta"
#: a directory's bytes but its items and the commas between them
OVERHEAD = len(f'{DIR_CALL}("{"z" * 13}",[])')
#: the format's version, in ``meta.js``
VERSION = 2

#: what a level lists: the key of the first term under the item, its START and its ID
Item = tuple[bytes, str, str]


def listing(db: sqlite3.Connection) -> list[Item]:
    """The shards in term order, each listed by the shortest start of its first term that
    sorts after the last term of the shard before it."""
    items: list[Item] = []
    before = b""
    for first, last, ident in db.execute("SELECT first, last, id FROM shards ORDER BY first"):
        items.append((first, shards.separator(before, first) if items else "", ident))
        before = last
    return items


def text(item: Item) -> str:
    """An item as a list holds it: ``[START,ID]``."""
    return shards.js([item[1], item[2]])


def level(items: list[Item], depth: int) -> tuple[list[Item], list[tuple[str, str]]]:
    """The level *depth* (1: directories of shards) above *items*: its items, and the
    directory files (id, text) they name."""
    texts = [text(item) for item in items]
    salt = depth.to_bytes(2, "big")
    rows = [
        (first, line, int(shards.is_cut(salt + first, line, TARGET)))
        for (first, _, _), line in zip(items, texts, strict=True)
    ]
    room = OVERHEAD + max(map(len, texts), default=0) + 1  # for the item after the directory
    above: list[Item] = []
    files: list[tuple[str, str]] = []
    at = 0
    for _, _, lines in shards.pieces(rows, CAP - room + OVERHEAD, OVERHEAD):
        after = texts[at + len(lines) : at + len(lines) + 1]
        body = "[" + ",".join(lines + after) + "]"
        ident = shards.base36(shards.content_hash(body.encode("ascii")))
        files.append((ident, f'{DIR_CALL}("{ident}",{body})'))
        above.append((items[at][0], items[at][1], ident))
        at += len(lines)
    return above, files


def levels(db: sqlite3.Connection, docs: int) -> tuple[str, list[tuple[str, str]]]:
    """The text of ``meta.js`` and every directory file (id, text) under it.

    ``meta.js``: ``{"version":2,"docs":N,"k":K,"depth":D,"list":[[START,ID],...]}``,
    whose list names shards when D is 0, else directory files whose lists have
    depth D - 1.
    """
    items = listing(db)
    files: list[tuple[str, str]] = []
    depth = 0
    while len(meta(docs, depth, items)) > CAP:
        depth += 1
        items, made = level(items, depth)
        files += made
    return meta(docs, depth, items), files


def meta(docs: int, depth: int, items: list[Item]) -> str:
    head = shards.js({"version": VERSION, "docs": docs, "k": shards.K, "depth": depth})
    return f'{META_CALL}({head[:-1]},"list":[{",".join(map(text, items))}]}})'
