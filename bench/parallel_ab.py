"""A full HTML build serial and with ``-j N``, alternated, on a copy of one corpus.

The corpus is copied (as :mod:`html_ab` does: seeds and hand-written docs, no
build) and given its own cache, which one ``sourcebook check`` fills first; then
the serial and the parallel build alternate, ``--repeat`` each, each from a clean
``docs/_build`` and ``docs/corpus``.  CPU seconds are those of the build's process
and all its children (the forked readers and writers included, from ``wait4``),
with the wall-clock time, which is what a parallel build can save.

    python bench/parallel_ab.py DIR --results bench/results-parallel-300.json
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
from html_ab import _copy  # noqa: E402
from run import PY, Sample, _clean, _commit, measure, sphinx, write_record  # noqa: E402


def _runs(samples: list[Sample]) -> dict[str, object]:
    return {
        "runs_cpu_s": [round(s.cpu, 3) for s in samples],
        "runs_wall_s": [round(s.wall, 3) for s in samples],
        "runs_peak_mib": [round(s.rss_mib, 1) for s in samples],
        "ok": all(s.ok for s in samples),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a corpus (seeds/, docs/)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, help="copy the corpus here (default: a temporary one)")
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)
    start_load = [round(x, 2) for x in os.getloadavg()]
    variants = {"serial": (), f"j{args.jobs}": ("-j", str(args.jobs))}
    samples: dict[str, list[Sample]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory(prefix="sourcebook-parallel-ab-", dir=args.work) as tmp:
        copy = _copy(args.project, Path(tmp) / "corpus")
        env = {"SOURCEBOOK_CACHE_DIR": f"{tmp}/cache"}
        measure([PY, "-m", "sourcebook", "check", "--root", str(copy)], cwd=copy, env=env)
        for round_ in range(args.repeat):
            for name, extra in variants.items():
                _clean(copy)
                sample = measure(sphinx(copy, "html", "html", *extra), cwd=copy, env=env)
                samples[name].append(sample)
                print(
                    f"  round {round_ + 1} {name:<7} {sample.cpu:8.2f} s CPU "
                    f"{sample.wall:8.2f} s wall",
                    flush=True,
                )
                record = {
                    "meta": f"tree at {_commit()}; full HTML builds, serial and -j "
                    f"{args.jobs}, alternated on one copy of the corpus with its own cache",
                    "documents": len(layout.slugs(args.project)),
                    "load_average_start": start_load,
                    "results": {n: _runs(s) for n, s in samples.items() if s},
                }
                write_record(args.results, record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
