"""A shard search index written by hand in the contract's format, for the search page's tests.

Not the indexer's output (``sphinxext/search``): the page is tested against the
format itself, with invented pages, hostile text and shard boundaries placed so that
a prefix runs on into the next shard.  The weights are plain counts (a title word
counts five times), enough to order the pages as the tests expect.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

#: the longest term, in characters (contract section 4)
LONGEST = 40
#: postings kept per term: small, so that a common word is capped here too
K = 5
#: the first term of each shard: "lantern" is in the shard from "l", "lanternmakers" in the next
FIRST_TERMS = ("", "d", "l", "lanternm", "m", "t")
#: the shards each directory lists (and the first of the next): "lantern" runs on across two
DIRECTORIES = ((0, 1, 2), (3, 4, 5))
#: a rare word that only the harbour ledger holds
RARE = "quorvantine"
#: what the hostile page's title and text carry
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
HOSTILE_TEXT = (
    "Lanternfish </script><script>alert(2)</script> seen\u2028after a line separator, "
    '<b onclick="alert(4)">bold</b> &amp; an entity, and a lanternfish again.'
)
#: a word whose only posting is a page without a fragment file
GHOST = "ghostword"
GHOST_DOC = 99


def reference_terms(text: str) -> list[str]:
    """Contract section 4 in Python: the reference the page's script is compared with."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    words = re.findall(r"[^\W_]+", bare.lower())
    return [word for word in words if len(word) <= LONGEST]


@dataclass(frozen=True)
class Page:
    doc: int
    title: str
    url: str
    text: str


def _filler(doc: int) -> Page:
    text = f"Filler page {doc} and its words, and more words, and the usual furniture. " * 40
    return Page(doc, f"Filler {doc}", "genindex.html", text)


#: the pages: their addresses are pages of the tiny test root's build
PAGES = (
    Page(
        0,
        "Harbour Ledger of Tamsin Corrow",
        "corpus/tiny-wiki.html",
        f"The harbour ledger kept by Tamsin Corrow lists every {RARE} barrel landed "
        "at the north quay in the wet spring, with the names of the porters.",
    ),
    Page(1, "Café Morel Minutes", "index.html", "Minutes of the Café Morel reading circle."),
    Page(2, "Harbour Walls", "glossary.html", "The harbour wall, " + "harbour " * 11 + "stone."),
    Page(3, "Ledger Keeping", "claims.html", "A ledger, " + "ledger " * 11 + "ink."),
    Page(4, HOSTILE_TITLE, "javascript:alert(3)", HOSTILE_TEXT),
    Page(5, "Lanternmakers of Oakhollow", "bibliography.html", "The lanternmakers' guild met."),
    Page(6, "Lanternfish Sketches", "//evil.example/steal", "Sketches of a lanternfish."),
    *(_filler(doc) for doc in range(10, 70)),
)


def _weights(page: Page) -> dict[str, int]:
    counts: dict[str, int] = {}
    for term in reference_terms(page.text) + reference_terms(page.title) * 4:
        counts[term] = counts.get(term, 0) + 100
    return {term: min(count, 65535) for term, count in counts.items()}


def _js(function: str, *args: object) -> str:
    """``window.sourcebookSearch.function(args)``, the JSON escaped as the contract says."""
    data = ",".join(json.dumps(a, ensure_ascii=True, separators=(",", ":")) for a in args)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        data = data.replace(char, escape)
    return f"window.sourcebookSearch.{function}({data})\n"


def _shard_of(term: str) -> int:
    key = term.encode("utf-16-be")
    return max(i for i, first in enumerate(FIRST_TERMS) if first.encode("utf-16-be") <= key)


def write_index(site: Path) -> Path:
    """Write ``site/_search/`` for :data:`PAGES`; return it."""
    postings: dict[str, list[tuple[int, int]]] = {GHOST: [(GHOST_DOC, 500)]}
    for page in PAGES:
        for term, weight in _weights(page).items():
            postings.setdefault(term, []).append((page.doc, weight))
    shards: list[dict[str, object]] = [{} for _ in FIRST_TERMS]
    for term in sorted(postings, key=lambda t: t.encode("utf-16-be")):
        best = sorted(postings[term], key=lambda p: (-p[1], p[0]))
        shards[_shard_of(term)][term] = [len(best), [list(p) for p in best[:K]]]
    index = site / "_search"
    (index / "s").mkdir(parents=True, exist_ok=True)
    (index / "f").mkdir(exist_ok=True)
    ids = [f"x{n}k" for n in range(len(FIRST_TERMS))]
    for shard_id, shard in zip(ids, shards, strict=True):
        (index / "s" / f"{shard_id}.js").write_text(_js("shard", shard_id, shard), "utf-8")
    for page in PAGES:
        fragment = {"title": page.title, "url": page.url, "text": page.text}
        (index / "f" / f"{page.doc}.js").write_text(_js("fragment", page.doc, fragment), "utf-8")
    listed = [list(pair) for pair in zip(FIRST_TERMS, ids, strict=True)]
    (index / "d").mkdir(exist_ok=True)
    directories = []
    for number, held in enumerate(DIRECTORIES):
        ident = f"dir{number}"
        inner = [listed[at] for at in (*held, held[-1] + 1) if at < len(listed)]
        (index / "d" / f"{ident}.js").write_text(_js("dir", ident, inner), "utf-8")
        directories.append([FIRST_TERMS[held[0]], ident])
    meta = {"version": 2, "docs": len(PAGES) + 1, "k": K, "depth": 1, "list": directories}
    (index / "meta.js").write_text(_js("meta", meta), "utf-8")
    return index
