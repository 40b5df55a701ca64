"""The ``shards`` index of one site made by two versions of the code, alternated in one run.

Each round indexes the site with the code *before* (a tree such as ``git
archive`` of main, its ``src``), then with the code *after* (this tree's
``src``), each step in its own process (``bench/search_shards.py``): CPU
seconds and peak RSS of the full index, one page changed, no change; the
output's sizes; the bytes of the first searches.

    nice -n 19 python bench/search_shards_ab.py --site /tmp/s23-w/n10000/docs/_build/html \\
        --before /tmp/main-tree/src --work /tmp/s22x-ab --rounds 1 \\
        --out bench/results-shards-10000-s22x.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_shards import ROOT, machine, run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--before", type=Path, required=True, help="the src of the code before")
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--before-commit", default="main")
    parser.add_argument("--together", action="store_true", help="run both versions at once")
    parser.add_argument("--pages", type=int, default=None, help="index the first N pages only")
    args = parser.parse_args()
    result: dict[str, Any] = {
        "meta": "CPU seconds (user + system) and peak RSS of each step's own process, "
        "before and after alternated; index-only (the site's HTML as built), "
        "bench/search_shards_ab.py",
        **machine(),
        "before_commit": args.before_commit,
        "site": str(args.site),
        "pages_limit": args.pages,
        "together": args.together,
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
        "rounds": [],
    }
    versions = (("before", args.before), ("after", ROOT / "src"))
    for _ in range(args.rounds):
        if args.together:  # both at once: the same load for both on a shared machine
            with ThreadPoolExecutor(2) as pool:
                futures = {
                    label: pool.submit(run, args.site, args.work / label, src, args.pages)
                    for label, src in versions
                }
                result["rounds"].append({label: f.result() for label, f in futures.items()})
        else:
            done = {}
            for label, src in versions:
                done[label] = run(args.site, args.work / label, src, args.pages)
            result["rounds"].append(done)
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    result["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
