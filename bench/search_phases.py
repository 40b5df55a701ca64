"""Where a full ``shards`` index's CPU goes: each phase's CPU seconds, in one process.

A diagnostic, not a benchmark (the timers wrap the functions of the code in
*src*): index the first N pages of a built site from nothing into *work*.

    nice -n 19 python bench/search_phases.py /tmp/s23-w/n10000/docs/_build/html \\
        /tmp/phases 1000 src
"""

from __future__ import annotations

import collections
import functools
import shutil
import sys
import time
from pathlib import Path
from typing import Any

PHASES = [
    ("extract", "read"),
    ("terms", "weights"),
    ("store", "change_postings"),
    ("store", "add_postings"),
    ("store", "unstage"),
    ("store", "set_page"),
    ("build", "fragment"),
    ("shards", "refresh"),
    ("shards", "rewrite"),
    ("shards", "write"),
]


def main() -> int:
    site, work, count, src = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    sys.path.insert(0, src)
    import importlib

    from sourcebook.sphinxext.pagefind import pages

    spent: collections.Counter[str] = collections.Counter()

    def timed(name: str, function: Any) -> Any:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start

        return wrapper

    for module_name, name in PHASES:
        module = importlib.import_module(f"sourcebook.sphinxext.search.{module_name}")
        if hasattr(module, name):
            setattr(module, name, timed(name, getattr(module, name)))
    build = importlib.import_module("sourcebook.sphinxext.search.build")
    urls = pages(site, frozenset({"glossary.html", "claims.html"}))[:count]
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    start = time.process_time()
    build.index(site, work / "out", work / "store.sqlite", urls)
    print(f"total {time.process_time() - start:7.2f}")
    for name, seconds in spent.most_common():
        print(f"{name:16s} {seconds:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
