"""CPU seconds of shared-quotation detection over a built project's fingerprints.

Takes every passage's fingerprint from the page generator's cache of the last
build and runs :func:`sourcebook.render.quotes.find_shared` on them, as a
build whose inputs changed does; prints the passages, shingles, winnowed
fingerprints, candidate pairs verified and the CPU time (median of
``--repeat``), with the heap frozen as in a build.

    PYTHONPATH=src python bench/quotes_time.py DIR
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from pathlib import Path

from sourcebook.render.quotes import Fingerprint, find_shared
from sourcebook.sphinxext.generatecache import CACHE_FILE, load_cache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cache = load_cache(args.project / "docs" / "_build" / "html" / ".doctrees" / CACHE_FILE)
    prints = [Fingerprint(slug, *p) for slug, c in cache.documents.items() for p in c.prints]
    gc.freeze()  # as in a build (sphinxext/memory.freeze_heap)
    times, comparisons = [], 0
    for _ in range(args.repeat):
        start = time.process_time()
        comparisons = find_shared(prints).comparisons
        times.append(time.process_time() - start)
    print(
        json.dumps(
            {
                "documents": len(cache.documents),
                "passages": len(prints),
                "shingles": sum(len(fp.packed) // 8 for fp in prints),
                "winnowed": sum(len(fp.kept) for fp in prints),
                "comparisons": comparisons,
                "cpu_s": round(statistics.median(times), 3),
            }
        )
    )


if __name__ == "__main__":
    main()
