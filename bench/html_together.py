"""Full HTML builds of two or more trees started together, on copies already checked and built.

:mod:`html_ab` alternates the trees' builds, one at a time; on a loaded
shared machine one build can take twenty minutes of wall time.  This starts
every tree's full build at the same moment (each from a clean
``docs/_build`` and ``docs/corpus``, :mod:`run`'s ``html`` step), so that
they share one load, and times each as :mod:`run` does (CPU seconds of the
process and its children, from ``wait4``; peak memory).  Each tree is
``NAME=PROJECT,CACHE,SRC``: a copy of the corpus, its cache directory
(``SOURCEBOOK_CACHE_DIR``) as earlier steps left it, and its source tree.
The copies :mod:`html_ab` makes (under ``--work``) after a round can be
given here: a tree's cache then holds what its last full build kept.

    python bench/html_together.py before=/tmp/w/main,/tmp/w/cache-main,/tmp/main/src \\
        after=/tmp/w/new,/tmp/w/cache-new,src --results FILE
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
from run import CHILD_ENV, Sample, _clean, _commit, measure, median, sphinx, write_record  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs="+", help="NAME=PROJECT,CACHE,SRC")
    parser.add_argument("--note", default="", help="recorded with the figures")
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)
    CHILD_ENV.pop("PYTHONPATH", None)
    trees = {}
    for item in args.trees:
        name, _, spec = item.partition("=")
        project, cache, src = spec.split(",")
        trees[name] = (Path(project), cache, str(Path(src).resolve()))
    start_load = [round(x, 2) for x in os.getloadavg()]
    samples: dict[str, Sample] = {}

    def build(name: str) -> None:
        project, cache, src = trees[name]
        env = {"PYTHONPATH": src, "SOURCEBOOK_CACHE_DIR": cache}
        samples[name] = measure(sphinx(project, "html", "html"), cwd=project, env=env)

    for project, _, _ in trees.values():
        _clean(project)
    threads = [threading.Thread(target=build, args=(name,)) for name in trees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first = next(iter(trees.values()))[0]
    record = {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, tree at {_commit()}; CPU seconds (user + system) of each "
            "full HTML build (bench/run.py's html step), the trees' builds started together. "
            + args.note
        ),
        "documents": len(layout.slugs(first)),
        "load_average_start": start_load,
        "load_average_end": [round(x, 2) for x in os.getloadavg()],
        "results": {
            name: {"src": trees[name][2], "cache": trees[name][1], "html": median([s])}
            for name, s in samples.items()
        },
    }
    write_record(args.results, record)
    for name, sample in samples.items():
        print(f"  {name:<10} {sample.cpu:9.2f} s CPU, peak {sample.rss_mib:.1f} MiB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
