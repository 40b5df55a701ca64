"""CPU seconds of rendering the glossary page of a built project, as a build does.

Takes the mentions from the page generator's cache of the last build (so the
project must have been built) and renders the glossary's MyST source
``--repeat`` times with the ``sourcebook`` package on ``PYTHONPATH``; prints
the median and the page's sha256 (to compare two versions of the code).

    PYTHONPATH=src python bench/glossary_time.py DIR
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import statistics
import time
from pathlib import Path

from sourcebook.corpus.entities import load_entities
from sourcebook.sphinxext.generate import _mentions
from sourcebook.sphinxext.generatecache import CACHE_FILE, load_cache
from sourcebook.sphinxext.glossary import render_glossary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cache = load_cache(args.project / "docs" / "_build" / "html" / ".doctrees" / CACHE_FILE)
    gc.freeze()  # as in a build (sphinxext/memory.freeze_heap)
    entities = load_entities(args.project)
    times, page = [], ""
    for _ in range(args.repeat):
        start = time.process_time()
        page = render_glossary(None, entities, "corpus", _mentions(cache.documents))
        times.append(time.process_time() - start)
    digest = hashlib.sha256(page.encode()).hexdigest()
    print(json.dumps({"cpu_s": round(statistics.median(times), 3), "sha256": digest}))


if __name__ == "__main__":
    main()
