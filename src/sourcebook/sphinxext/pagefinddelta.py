"""An incremental search index: the last full index plus a small one of the pages changed since.

Pagefind has no incremental mode: indexing a site reads, tokenises and
compresses every page, so a rebuild that changed one page paid for all of
them (about 10 of the 18 CPU s of a one-seed rebuild at a thousand
documents).  Instead a build that wrote pages indexes only the pages whose
HTML differs from what the **base** bundle (``_pagefind/``, the whole site
at the last full index) was made from, into a **delta** bundle
(``_pagefind_delta/``), and the search page merges the two with Pagefind's
own ``mergeIndex`` (which loads only the delta's entry, page list and the
chunks a query needs: the engine and its WebAssembly are the base's).

Every result names its page's fragment (``id``, its file name).  The base's
fragments of the pages the delta replaces, and of pages since deleted, are
*superseded*: the search page drops results with those ids, so an edited
page is found by its new words only and a deleted page not at all.  A
changed page whose indexed text did not change (the edit was outside the
searched article) gets the same fragment in both bundles: its id is then not
superseded and the search page keeps one result per id.  A delta fragment
named like another page's base fragment (seven hex digits of a hash could
collide across two indexes) would make that rule drop or merge the wrong
page: the build then indexes the whole site again instead.

What the search page reads is :data:`STATE`, in the base bundle.  When the
delta holds more than a share of the site (``sourcebook_search_delta_percent``)
the build indexes everything into a new base, keeping unchanged fragments
(:mod:`sourcebook.sphinxext.pagefindkeep`).

**Off by default** (the share is 0: every build that writes a page indexes the
whole site), because a merged search is not a full index's, in two ways
Pagefind's merge cannot avoid (its ``search.rs``: each bundle searches and
scores alone, and the results are sorted together by score):

* a word no page of a bundle starts with is matched by the longest word of
  that bundle it starts with (``find_word_extensions``): a new word, found
  only in the delta, makes the base answer with every page holding a word it
  begins with (at N = 1,000, "a": 1,002 results where a full index finds 1);
* each bundle scores with its own page count and word frequencies (BM25), so
  a few-page delta ranks its pages first for common words (ranks 0-3 where a
  full index puts them at 211-933), and the first search also fetches those
  pages' fragments (a first search of 521-549 KB, against 458-472 KB).

(``bench/results-search-delta-rank-1000-s22p.json``,
``bench/results-search-bytes-1000-s22p.json``.)  Old versions and deleted
pages never show and no page a full index finds is missed, but pages it
would not find may show, in another order: an author's preview may ask for it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from sourcebook.core.files import write_atomic
from sourcebook.sphinxext import pagefindkeep

DELTA = "_pagefind_delta"
#: in the base bundle: the delta's folder (or null) and the superseded fragment ids
STATE = "sourcebook-delta.json"
#: in the doctree directory: each page's stat and SHA-256 as last seen, against one base
SEEN = "sourcebook-pagefind-seen.json"
#: a delta may always hold this many pages, however small the site
MIN_PAGES = 20


@dataclass(frozen=True, slots=True)
class Base:
    """The base bundle's pages: page -> (SHA-256 of the HTML indexed, fragment id)."""

    token: str
    pages: dict[str, tuple[str, str]]


def read_base(site: Path, bundle: str, record: Path, settings: str) -> Base | None:
    """The base bundle and what it was made from, or ``None`` (then index everything)."""
    try:
        token = hashlib.sha256((site / bundle / "pagefind-entry.json").read_bytes()).hexdigest()
    except OSError:
        return None
    entries = pagefindkeep.read_record(record, settings)
    if not entries:
        return None
    return Base(token, {page: (sha, name) for page, (sha, name) in entries.items()})


def current(site: Path, pages: list[str], seen_file: Path, token: str) -> dict[str, str]:
    """Page -> SHA-256 of its HTML now; a page whose size and mtime are those last
    seen is not read again.  Records what it saw."""
    seen = pagefindkeep.read_pages(seen_file, "base", token)
    now: dict[str, str] = {}
    record: dict[str, list[object]] = {}
    for page in pages:
        stat = (site / page).stat()
        known = seen.get(page)
        if isinstance(known, list) and known[:2] == [stat.st_mtime_ns, stat.st_size]:
            sha = str(known[2])
        else:
            sha = pagefindkeep.digest(site / page)
        now[page] = sha
        record[page] = [stat.st_mtime_ns, stat.st_size, sha]
    write_atomic(seen_file, json.dumps({"base": token, "pages": record}), durable=False)
    return now


@dataclass(frozen=True, slots=True)
class Change:
    """Pages to index into the delta, and the base's pages gone since."""

    changed: list[str]
    deleted: list[str]


def compare(base: Base, now: dict[str, str]) -> Change:
    changed = sorted(page for page, sha in now.items() if base.pages.get(page, ("",))[0] != sha)
    deleted = sorted(page for page in base.pages if page not in now)
    return Change(changed, deleted)


def limit(base: Base, percent: int) -> int:
    """The most pages a delta may hold (0: always index the whole site)."""
    return 0 if percent <= 0 else max(MIN_PAGES, len(base.pages) * percent // 100)


def superseded(base: Base, change: Change, delta: Path) -> list[str] | None:
    """The base fragment ids a search must drop, or ``None`` when a delta id is another
    page's base id (the collision the module's docstring describes)."""
    by_id = {name: page for page, (_, name) in base.pages.items()}
    written: dict[str, str] = {}
    for fragment in (delta / pagefindkeep.FRAGMENTS).glob(f"*{pagefindkeep.SUFFIX}"):
        name = fragment.name.removesuffix(pagefindkeep.SUFFIX)
        page = pagefindkeep.page_of(fragment)
        if page is None or by_id.get(name, page) != page:
            return None
        written[page] = name
    if set(written) != set(change.changed):
        return None  # a page Pagefind did not index (or one it was not asked for)
    drop = [base.pages[page][1] for page in change.changed + change.deleted if page in base.pages]
    return sorted(name for name in drop if name not in written.values())


def write_state(bundle: Path, delta: str | None, drop: list[str]) -> None:
    """What the search page reads: where the delta is, what of the base it drops."""
    text = json.dumps({"delta": f"{delta}/" if delta else None, "superseded": drop})
    write_atomic(bundle / STATE, text, durable=False)


def clear(site: Path) -> None:
    shutil.rmtree(site / DELTA, ignore_errors=True)


def prime(site: Path, base: Base, seen_file: Path) -> None:
    """Record the base's pages as seen now, with the SHA-256 they were indexed with
    (just computed by :mod:`~sourcebook.sphinxext.pagefindkeep`): the next build reads
    only the pages written since."""
    record: dict[str, list[object]] = {}
    for page, (sha, _) in base.pages.items():
        try:
            stat = (site / page).stat()
        except OSError:
            continue
        record[page] = [stat.st_mtime_ns, stat.st_size, sha]
    text = json.dumps({"base": base.token, "pages": record}, sort_keys=True)
    write_atomic(seen_file, text, durable=False)
