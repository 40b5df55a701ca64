"""Where the build's gate spends its CPU after one seed is edited, two trees alternated.

For each source tree (``--src NAME=DIR``), with the cache directory given
(``NAME=DIR=CACHE``, warm from an earlier run of that tree on PROJECT), a
child process edits one seed (:func:`layout.edit_one_seed`) and runs the gate
(``safety._verdict``) once, timing in its own process (the collector set as
a build sets it before its gate, unless ``--gc default``) the phases: hashing
the inputs, loading the manifest, the bibliography and the entities, loading
the corpus (the documents included), and the whole check.  The trees take
turns, ``--repeat`` times each, a different seed each time.  Edits PROJECT:
give it a copy.

    python bench/gate_phases.py COPY --src main=/tmp/old/src=/tmp/c1 s22g=src=/tmp/c2 \\
        --results bench/results-gate-phases.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
from run import CHILD_ENV, PY, _commit, write_record  # noqa: E402

CHILD = """
import json, os, sys, types
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import layout
import sourcebook.sphinxext
from sourcebook.sphinxext import safety
import sourcebook.check.run as run
import sourcebook.corpus.load as load
spent = {}
def timed(module, name):
    original = getattr(module, name)
    def wrapper(*args, **kwargs):
        start = os.times()
        try:
            return original(*args, **kwargs)
        finally:
            end = os.times()
            used = end.user + end.system - start.user - start.system
            spent[name] = spent.get(name, 0.0) + used
    setattr(module, name, wrapper)
for module, name in ((safety, "inputs_key"), (load, "load_manifest"),
                     (load, "load_project_bibliography"), (load, "read_entities"),
                     (run, "load_corpus"), (run, "run_check")):
    timed(module, name)
if sys.argv[4] == "build-gc":  # as a build has it when the gate runs (memory.freeze_heap)
    import gc
    from sourcebook.sphinxext.memory import YOUNG_THRESHOLD
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    gc.freeze()
root = Path(sys.argv[1])
layout.edit_one_seed(root, sys.argv[2])
start = os.times()
safety._verdict(types.SimpleNamespace(), root)
end = os.times()
spent["gate"] = end.user + end.system - start.user - start.system
print(json.dumps(spent))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a copy of a corpus: its seeds are edited")
    parser.add_argument("--src", nargs="+", required=True, help="NAME=DIR=CACHE")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--results", type=Path, required=True)
    parser.add_argument(
        "--gc",
        choices=("default", "build-gc"),
        default="build-gc",
        help="the collector as a build sets it before its gate (frozen heap, young "
        "threshold 10,000), or Python's default",
    )
    args = parser.parse_args(argv)
    CHILD_ENV.pop("PYTHONPATH", None)
    trees = {name: (src, cache) for name, src, cache in (s.split("=", 2) for s in args.src)}
    project = args.project.resolve()
    slugs = layout.slugs(project)
    edits = iter(slugs[len(slugs) // 2 :])
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.repeat):
        for name, (src, cache) in trees.items():
            env = {**CHILD_ENV, "PYTHONPATH": src, "SOURCEBOOK_CACHE_DIR": cache}
            done = subprocess.run(
                [PY, "-c", CHILD, str(project), next(edits), str(HERE), args.gc],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            runs[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(name, {k: round(v, 2) for k, v in runs[name][-1].items()}, flush=True)
    record = {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
            f"CPU seconds (user + system) in the gate's process, median of {args.repeat}, "
            "after editing one seed each time, the trees alternated; "
            f"collector: {args.gc}."
        ),
        "documents": len(slugs),
        "results": {
            name: {
                "src": trees[name][0],
                "median_cpu_s": {
                    k: round(statistics.median(r[k] for r in runs[name]), 3) for k in runs[name][0]
                },
                "runs": runs[name],
            }
            for name in trees
        },
    }
    write_record(args.results, record)
    print(json.dumps(record["results"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
