"""Warm ``sourcebook check`` runs of two versions of the code on one corpus, alternated.

With ``--step normalise``, the bench's "normalise" step instead (parse every seed
of the corpus, no cache): how fast the normaliser itself is.

For each source tree (``--src NAME=DIR``, the ``sourcebook`` package under
DIR), with its own cache directory, one check first fills the caches (not
timed); then the trees' checks alternate, ``--repeat`` each, so that both see
the same load on a shared machine.  Each run is timed as :mod:`run` times its
steps (CPU seconds of the process and its children, from ``wait4``); the
medians go to ``--results``.  Needs no built site: the corpus of
``python bench/realistic.py N DIR`` is enough.

    python bench/check_ab.py DIR --src before=/tmp/old/src after=src \\
        --results bench/results-realistic-1000-check-ab.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
from run import CHILD_ENV, NORMALISE, PY, Sample, _commit, measure, median, write_record  # noqa: E402

STEPS = {
    "check": "warm `sourcebook check`",
    "normalise": "parse of every seed of the corpus (bench/run.py's normalise step)",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a corpus (seeds/, docs/references/)")
    parser.add_argument("--src", nargs="+", required=True, help="NAME=DIR of a source tree")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--generator", default="realistic", help="recorded with the figures")
    parser.add_argument("--results", type=Path, required=True)
    parser.add_argument("--step", choices=("check", "normalise"), default="check")
    args = parser.parse_args(argv)
    CHILD_ENV.pop("PYTHONPATH", None)
    trees = dict(pair.partition("=")[::2] for pair in args.src)
    for directory in trees.values():
        if not (Path(directory) / "sourcebook" / "__init__.py").is_file():
            parser.error(f"{directory}: no sourcebook package there")
    check = [PY, "-m", "sourcebook", "check", "--root", str(args.project)]
    if args.step == "normalise":
        check = [PY, "-c", NORMALISE, str(args.project.resolve())]
    samples: dict[str, list[Sample]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory(prefix="sourcebook-check-ab-") as tmp:
        envs = {
            name: {"PYTHONPATH": str(Path(d).resolve()), "SOURCEBOOK_CACHE_DIR": f"{tmp}/{name}"}
            for name, d in trees.items()
        }
        for name in trees:
            measure(check, cwd=args.project, env=envs[name])  # fills this tree's caches
        for _ in range(args.repeat):
            for name in trees:
                samples[name].append(measure(check, cwd=args.project, env=envs[name]))
    record = {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
            f"CPU seconds (user + system) of each {STEPS[args.step]}, median of "
            f"{args.repeat}, the trees' runs alternated, each tree with its own cache."
        ),
        "generator": args.generator,
        "documents": len(layout.slugs(args.project)),
        "corpus": layout.stats(args.project),
        "results": {
            name: {
                "src": trees[name],
                args.step: median(samples[name]),
                "runs_cpu_s": [round(s.cpu, 3) for s in samples[name]],
            }
            for name in trees
        },
    }
    write_record(args.results, record)
    print(json.dumps(record["results"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
