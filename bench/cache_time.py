"""CPU seconds to load and to save the page generator's cache of a built project.

Every build that loads the generator's cache (a no-op one included) unpickles
it, and every build that analysed or rendered a page pickles it again; this
times both, once, on the cache of ``DIR``'s last build (or of a build stopped
after its generator ran), with the heap frozen as in a build.

    PYTHONPATH=src python bench/cache_time.py DIR
    PYTHONPATH=src python bench/cache_time.py - --pickle FILE
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from pathlib import Path

from sourcebook.sphinxext.generatecache import CACHE_FILE, load_cache, save_cache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--pickle", type=Path, help="this cache file instead of PROJECT's")
    args = parser.parse_args()
    path = args.pickle or args.project / "docs" / "_build" / "html" / ".doctrees" / CACHE_FILE
    gc.freeze()  # as in a build (sphinxext/memory.freeze_heap)
    start = time.process_time()
    cache = load_cache(path)
    loaded = time.process_time() - start
    gc.freeze()  # the build freezes what it loaded, too
    with tempfile.TemporaryDirectory(prefix="cache-time-") as tmp:
        start = time.process_time()
        save_cache(Path(tmp) / CACHE_FILE, cache)
        saved = time.process_time() - start
    record = {
        "documents": len(cache.documents),
        "pickled_bytes": path.stat().st_size,
        "load_cpu_s": round(loaded, 2),
        "save_cpu_s": round(saved, 2),
    }
    print(json.dumps(record))


if __name__ == "__main__":
    main()
