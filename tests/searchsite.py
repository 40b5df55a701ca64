"""Small invented sites for the ``shards`` search tests: pages, and the index files read back."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path
from typing import Any

#: invented words: consonant-vowel syllables, none of them English
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def words(seed: int, count: int, vocabulary: int = 3000) -> list[str]:
    """*count* invented words drawn (Zipf-like: a few often, most rarely) from *vocabulary*."""
    rng = random.Random(seed)
    lexicon = [_word(i) for i in range(vocabulary)]
    return [lexicon[int(rng.paretovariate(0.6)) % vocabulary] for _ in range(count)]


def _word(number: int) -> str:
    rng = random.Random(number)
    return "".join(rng.choice(SYLLABLES) for _ in range(2 + number % 3)) + str(number % 7)


def page(title: str, body: str, extra: str = "") -> str:
    """A page shaped as the basic theme writes one (the main element, a permalink sign)."""
    return (
        f"<!DOCTYPE html><html><head><title>{title} - Site</title></head><body>"
        f'<div class="sphinxsidebar">Site menu Sidebarword</div>'
        f'<div class="body" role="main"><h1>{title}<a class="headerlink" href="#t">¶</a></h1>'
        f"<p>{body}</p>{extra}</div><footer>Footerword</footer></body></html>"
    )


def make_site(site: Path, count: int, length: int = 120, start: int = 0) -> list[str]:
    """Write *count* pages of invented words under *site*/corpus; their paths."""
    urls = []
    for number in range(start, start + count):
        url = f"corpus/doc-{number:03d}.html"
        text = " ".join(words(number, length))
        (site / url).parent.mkdir(parents=True, exist_ok=True)
        (site / url).write_text(page(f"Document {number}", text), encoding="utf-8")
        urls.append(url)
    return urls


def call(path: Path, name: str) -> list[Any]:
    """The arguments of the one call ``window.sourcebookSearch.NAME(...)`` in *path*."""
    text = path.read_text(encoding="ascii")
    prefix = f"window.sourcebookSearch.{name}("
    assert text.startswith(prefix) and text.endswith(")"), text[:80]
    return list(json.loads("[" + text[len(prefix) : -1] + "]"))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under *folder* by its relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def shard_list(out: Path) -> list[list[str]]:
    """Every shard's ``[START, ID]`` in order, read from ``meta.js`` through the directories;
    checks that each directory is listed by its first item's START and lists, last, the
    first item of the next one."""
    (meta,) = call(out / "meta.js", "meta")
    listed: list[list[str]] = meta["list"]
    for _ in range(meta["depth"]):
        lists = []
        for start, ident in listed:
            name, inner = call(out / "d" / f"{ident}.js", "dir")
            assert name == ident and inner[0][0] == start
            lists.append(inner)
        for inner, following in itertools.pairwise(lists):
            assert inner.pop() == following[0]
        listed = [item for inner in lists for item in inner]
    return listed
