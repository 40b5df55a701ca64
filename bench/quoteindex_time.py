"""CPU seconds and peak memory of the fingerprint index (``render/quoteindex.py``).

Measured on the fingerprints of a built corpus.

Two steps, each its own process so that each one's peak memory is its own:

``export CACHE PRINTS SLIM`` (run with the code that wrote CACHE, a
generator pickle of the older layout that held every passage's
fingerprints) streams each document's fingerprints to PRINTS (one pickle a
document, one after the other) and writes SLIM: the same cache without the
fingerprints and kept verdicts, the size of what the pickle holds now (time
it with ``bench/cache_time.py``'s method: ``--slim``).

``index PRINTS DB`` (the current code) builds the index from nothing,
reading PRINTS one document at a time as a full build analyses them, then
times a one-seed update (the middle document with its last passage dropped)
and prints JSON: documents, passages, CPU seconds and peak RSS of each part,
the candidate pairs verified, the index's size on disk.

    PYTHONPATH=/tmp/old/src python bench/quoteindex_time.py export CACHE P.pickles SLIM.pickle
    PYTHONPATH=src python bench/quoteindex_time.py index /tmp/p.pickles /tmp/q.sqlite3
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import resource
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def _export(cache: Path, prints: Path, slim: Path) -> None:
    with cache.open("rb") as handle:
        data = pickle.load(handle)
    with prints.open("wb") as out:
        for slug, doc in data["data"].documents.items():
            pickle.dump((slug, doc.prints), out, protocol=5)
            doc.prints = []
    data["data"].verdicts = {}
    with slim.open("wb") as out:
        pickle.dump(data, out, protocol=5)


def _stream(prints: Path) -> Iterator[tuple[str, list[Any]]]:
    with prints.open("rb") as handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return


def _peak_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _index(prints: Path, db: Path) -> dict[str, object]:
    from sourcebook.render.quoteindex import QuoteIndex
    from sourcebook.render.quotes import document_key

    db.unlink(missing_ok=True)
    gc.freeze()
    counts = {"documents": 0, "passages": 0}

    def documents() -> Iterator[tuple[str, str, list[Any]]]:
        for slug, found in _stream(prints):
            counts["documents"] += 1
            counts["passages"] += len(found)
            yield slug, document_key(found), found

    start = time.process_time()
    index = QuoteIndex(db)
    index.update([], documents())
    shared = index.shared()
    scratch = time.process_time() - start
    record: dict[str, object] = {
        **counts,
        "scratch_cpu_s": round(scratch, 2),
        "scratch_peak_mib": _peak_mib(),
        "scratch_comparisons": index.comparisons,
        "shared_passages": len(shared),
        "index_bytes": db.stat().st_size,
    }
    slugs = sorted(index.keys())
    middle = slugs[len(slugs) // 2]
    edited = next(found for slug, found in _stream(prints) if slug == middle)[:-1]
    index.close()
    start = time.process_time()
    index = QuoteIndex(db)  # as a rebuild opens it
    index.update([], [(middle, document_key(edited), edited)])
    shared = index.shared()
    record.update(
        {
            "one_seed_cpu_s": round(time.process_time() - start, 3),
            "one_seed_comparisons": index.comparisons,
            "edited": middle,
            "peak_mib_end": _peak_mib(),
        }
    )
    index.close()
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["export", "index"])
    parser.add_argument("paths", type=Path, nargs="+")
    args = parser.parse_args()
    if args.step == "export":
        _export(*args.paths)
    else:
        print(json.dumps(_index(*args.paths)))


if __name__ == "__main__":
    main()
