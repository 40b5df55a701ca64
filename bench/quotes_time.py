"""CPU seconds of shared-quotation detection over a built project's fingerprints.

Takes every passage's fingerprint from the page generator's cache of the last
build and runs :func:`sourcebook.render.quotes.find_shared` on them, as a
build whose inputs changed does; prints the passages, shingles, winnowed
fingerprints, candidate pairs verified and the CPU time (median of
``--repeat``), with the heap frozen as in a build.

``--kept`` times it as a one-seed rebuild runs it: with the verdicts of a first
run kept, and the middle document's key changed (as an edit changes it), so
only the pairs with that document are verified again; it also prints the
candidate pairs verified, the kept verdicts' pickled size and the CPU time to
pickle and unpickle them (the cache's added cost).

    PYTHONPATH=src python bench/quotes_time.py DIR

It reads the fingerprints from the pickle of the older layout (before the
fingerprint index, ``render/quoteindex.py``): a cache written since holds
none; ``bench/quoteindex_time.py`` times the index on such a cache's
fingerprints.
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import statistics
import time
from pathlib import Path

from sourcebook.render.quotes import Fingerprint, document_key, find_shared
from sourcebook.sphinxext.generatecache import CACHE_FILE, load_cache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kept", action="store_true", help="one-seed: kept verdicts")
    args = parser.parse_args()
    path = args.project / "docs" / "_build" / "html" / ".doctrees" / CACHE_FILE
    cache = load_cache(path)
    if not cache.documents:  # a cache of an older layout: its fingerprints read as they are
        with path.open("rb") as handle:
            cache = pickle.load(handle)["data"]
    prints = [Fingerprint(slug, *p) for slug, c in cache.documents.items() for p in c.prints]
    gc.freeze()  # as in a build (sphinxext/memory.freeze_heap)
    keys = {slug: document_key(c.prints) for slug, c in cache.documents.items()}
    known = find_shared(prints, keys).verdicts if args.kept else None
    if args.kept:
        edited = sorted(keys)[len(keys) // 2]
        keys[edited] += "-edited"
    times, comparisons = [], 0
    for _ in range(args.repeat):
        start = time.process_time()
        comparisons = find_shared(prints, keys, known).comparisons
        times.append(time.process_time() - start)
    extra = {}
    if known is not None:
        start = time.process_time()
        blob = pickle.dumps(known, protocol=5)
        pickle.loads(blob)
        extra = {
            "edited": edited,
            "verdicts": sum(len(v) for v in known.values()),
            "verdicts_pickled_bytes": len(blob),
            "verdicts_pickle_and_load_cpu_s": round(time.process_time() - start, 3),
        }
    print(
        json.dumps(
            {
                "documents": len(cache.documents),
                "passages": len(prints),
                "shingles": sum(len(fp.packed) // 8 for fp in prints),
                "winnowed": sum(len(fp.kept) for fp in prints),
                "comparisons": comparisons,
                "cpu_s": round(statistics.median(times), 3),
                **extra,
            }
        )
    )


if __name__ == "__main__":
    main()
