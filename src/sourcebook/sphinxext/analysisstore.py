"""The page generator's per-document analyses and its fingerprint index, in the cache home.

A full build removes ``docs/_build``, and with it the generator's pickle
(:mod:`~sourcebook.sphinxext.generatecache`): before this store it analysed
every document again and built the shared-quotation index
(:mod:`sourcebook.render.quoteindex`) from nothing, a quarter of a full build
at a thousand documents.  Both now live where the parse cache does
(:func:`sourcebook.corpus.cache.cache_home`), under the code version:

* ``analysis/<version>/<input key>.<c>.json``: one document's analysis (its
  fingerprints' hash, marker count, glossary mentions, errors, first
  sentence) in :mod:`sourcebook.core.cachestore`'s JSON envelope, under its
  input key (:func:`sourcebook.sphinxext.analysis.input_key`: every input
  its page is made from).  ``<c>`` says whether the analysis collected the
  document's errors (``1``) or the build's gate had reported them (``0``):
  the two are not the same result.  An entry is content-addressed: it can be
  unused, never stale; a damaged, foreign or malformed one is a miss.
* ``quotes/<version>/<hash of the project's path>.sqlite3``: the project's
  fingerprint index.  It holds each document under its fingerprints' hash
  and is brought up to date document by document (a changed or new document
  re-indexed, a deleted one dropped), so it is checked against the documents
  on every build that opens it and is never trusted beyond that; a damaged
  file is made again from every document.  One per project: the index is
  the state of one set of documents.

A new code version's first write removes the other versions' directories.
With the cache home turned off, the index stays beside the pickle and no
analysis is kept outside it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sourcebook.core.cachestore import private_file, read_entry, store_entry
from sourcebook.corpus.cache import cache_home, code_version
from sourcebook.sphinxext.generatecache import Cached

#: bump when an entry's layout changes (the code version covers its meaning)
ANALYSIS_FORMAT = 1


def _directory(home: Path, kind: str) -> Path:
    return home / kind / code_version()[:20]


def _name(input_key: str, collected: bool) -> str:
    return f"{input_key}.{int(collected)}.json"


def load_analysis(input_key: str, collected: bool) -> Cached | None:
    """The kept analysis of the document whose input key is *input_key*, if any."""
    home = cache_home()
    if home is None:
        return None
    data = read_entry(home, _directory(home, "analysis"), _name(input_key, collected))
    if not isinstance(data, dict) or data.get("format") != ANALYSIS_FORMAT:
        return None
    if data.get("key") != input_key:
        return None
    try:
        return _decode(input_key, data)
    except (KeyError, TypeError, ValueError):
        return None


def _decode(input_key: str, data: dict[str, Any]) -> Cached:
    """The analysis in entry *data*; ``TypeError``/``ValueError`` if a field is malformed."""
    markers, summary, prints_key = data["markers"], data["summary"], data["prints_key"]
    if not (isinstance(markers, int) and isinstance(summary, str)):
        raise TypeError("markers, summary")
    if not isinstance(prints_key, str) or not all(isinstance(e, str) for e in data["errors"]):
        raise TypeError("prints_key, errors")
    mentions: dict[str, list[tuple[str | None, int | None]]] = {}
    for entity, places in dict(data["mentions"]).items():
        mentions[str(entity)] = [_place(section, comment) for section, comment in places]
    errors = list(data["errors"])
    return Cached(input_key, "", [], markers, mentions, errors, summary, prints_key)


def _place(section: object, comment: object) -> tuple[str | None, int | None]:
    if not (section is None or isinstance(section, str)):
        raise TypeError("section")
    if not (comment is None or (isinstance(comment, int) and not isinstance(comment, bool))):
        raise TypeError("comment")
    return section, comment


def store_analysis(cached: Cached, collected: bool) -> None:
    """Keep *cached* (a fresh analysis) under its input key."""
    home = cache_home()
    if home is None:
        return
    payload = {
        "format": ANALYSIS_FORMAT,
        "key": cached.input_key,
        "markers": cached.markers,
        "mentions": {k: [list(p) for p in v] for k, v in cached.mentions.items()},
        "errors": cached.errors,
        "summary": cached.summary,
        "prints_key": cached.prints_key,
    }
    store_entry(home, _directory(home, "analysis"), _name(cached.input_key, collected), payload)


def quotes_path(root: Path, fallback: Path) -> Path:
    """Where *root*'s fingerprint index is kept: the cache home, else *fallback*."""
    home = cache_home()
    if home is None:
        return fallback
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32] + ".sqlite3"
    path = private_file(home, _directory(home, "quotes"), name)
    return fallback if path is None else path
