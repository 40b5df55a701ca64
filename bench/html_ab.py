"""Full HTML builds of two versions of the code on one corpus, alternated.

For each source tree (``--src NAME=DIR``, the ``sourcebook`` package under
DIR) the corpus is copied (its ``seeds/`` and hand-written ``docs/``, no
built site, no generated pages) and given its own cache directory, which one
``sourcebook check`` fills first (not timed), as :mod:`run`'s steps do before
the ``html`` step.  Then the trees' full builds alternate, ``--repeat`` each,
each from a clean ``docs/_build`` and ``docs/corpus`` (:mod:`run`'s ``html``
step), so that both see the same load on a shared machine.  Each build is
timed as :mod:`run` times its steps (CPU seconds of the process and its
children, from ``wait4``, and peak memory); the medians and every run go to
``--results``.  The corpus of ``python bench/realistic.py N DIR`` is enough.

    python bench/html_ab.py DIR --src before=/tmp/old/src after=src \\
        --results bench/results-html-ab-1000.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
from run import CHILD_ENV, PY, Sample, _clean, _commit, measure, median, sphinx, write_record  # noqa: E402


def _copy(project: Path, dest: Path) -> Path:
    """*project*'s seeds and hand-written docs (no build, no generated pages) at *dest*."""
    skip = shutil.ignore_patterns("_build", "corpus")
    shutil.copytree(project / "seeds", dest / "seeds", symlinks=True)
    shutil.copytree(project / "docs", dest / "docs", symlinks=True, ignore=skip)
    return dest


def copies_checked(
    project: Path, trees: dict[str, str], tmp: Path
) -> tuple[dict[str, Path], dict[str, dict[str, str]]]:
    """A copy of *project* per tree and its environment (its own cache, filled by one check)."""
    copies = {name: _copy(project, tmp / name) for name in trees}
    envs = {
        name: {"PYTHONPATH": str(Path(d).resolve()), "SOURCEBOOK_CACHE_DIR": f"{tmp}/cache-{name}"}
        for name, d in trees.items()
    }
    for name, copy in copies.items():  # fills this tree's caches, as run.py's check does
        measure([PY, "-m", "sourcebook", "check", "--root", str(copy)], cwd=copy, env=envs[name])
    return copies, envs


def _record(
    args: argparse.Namespace,
    trees: dict[str, str],
    samples: dict[str, list[Sample]],
    start_load: list[float],
    corpus: dict[str, int],
) -> dict[str, object]:
    """The results file's record of the builds so far."""
    return {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
            f"CPU seconds (user + system) of each full HTML build (bench/run.py's html step), "
            "median of the runs listed, the trees' builds alternated, each tree with its own "
            "copy of the corpus and its own cache, filled by one check first."
        ),
        "generator": args.generator,
        "documents": len(layout.slugs(args.project)),
        "corpus": corpus,
        "load_average_start": start_load,
        "results": {
            name: {
                "src": trees[name],
                "html": median(samples[name]),
                "runs_cpu_s": [round(s.cpu, 3) for s in samples[name]],
                "runs_peak_mib": [round(s.rss_mib, 1) for s in samples[name]],
            }
            for name in trees
            if samples[name]
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a corpus (seeds/, docs/)")
    parser.add_argument("--src", nargs="+", required=True, help="NAME=DIR of a source tree")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--generator", default="realistic", help="recorded with the figures")
    parser.add_argument(
        "--work", type=Path, help="copy the corpora here (default: a temporary one)"
    )
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)
    CHILD_ENV.pop("PYTHONPATH", None)
    trees = dict(pair.partition("=")[::2] for pair in args.src)
    for directory in trees.values():
        if not (Path(directory) / "sourcebook" / "__init__.py").is_file():
            parser.error(f"{directory}: no sourcebook package there")
    samples: dict[str, list[Sample]] = {name: [] for name in trees}
    start_load = [round(x, 2) for x in os.getloadavg()]
    corpus = layout.stats(args.project)
    with tempfile.TemporaryDirectory(prefix="sourcebook-html-ab-", dir=args.work) as tmp:
        copies, envs = copies_checked(args.project, trees, Path(tmp))
        for round_ in range(args.repeat):
            for name, copy in copies.items():
                _clean(copy)
                sample = measure(sphinx(copy, "html", "html"), cwd=copy, env=envs[name])
                samples[name].append(sample)
                print(f"  round {round_ + 1} {name:<10} {sample.cpu:9.2f} s CPU", flush=True)
                # after every build: a run stopped early keeps the builds that finished
                write_record(args.results, _record(args, trees, samples, start_load, corpus))
    print(json.dumps(_record(args, trees, samples, start_load, corpus)["results"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
