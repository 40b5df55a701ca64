"""After editing one seed: the build's gate and a warm ``sourcebook check``, two trees alternated.

The gate (``safety._verdict``: hash the inputs, replay the verdict or run the
checker) is what a one-seed rebuild pays before any page is made; this times
it without Sphinx.  For each source tree (``--src NAME=DIR``) with its own
cache directory, one check and one gate first fill the caches (not timed).
Then ``--repeat`` times: one seed of PROJECT is edited
(:func:`layout.edit_one_seed`, a word changed and its sha256 fixed) and each
tree's gate runs; another seed is edited and each tree's check runs.  So every
timed run finds exactly one seed changed since its tree's run before.  The
gate's CPU seconds are its own, in its process, after the imports the build
has already made (``sourcebook.sphinxext``); the check's are its whole
process's, as :mod:`run` times steps.  Edits PROJECT's seeds: give it a copy.

    python bench/gate_ab.py COPY --src before=/tmp/old/src after=src \\
        --results bench/results-realistic-1000-gate-ab.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
from run import CHILD_ENV, PY, Sample, _commit, measure, median, write_record  # noqa: E402

#: the gate as a build runs it, timed in its process after the extension is imported
GATE = """
import os, sys, types
from pathlib import Path
import sourcebook.sphinxext
from sourcebook.sphinxext import safety
start = os.times()
verdict = safety._verdict(types.SimpleNamespace(), Path(sys.argv[1]).resolve())
end = os.times()
print(end.user + end.system - start.user - start.system, len(verdict.errors))
"""


def gate(project: Path, env: dict[str, str]) -> float:
    """CPU seconds of one gate in a fresh process."""
    done = subprocess.run(
        [PY, "-c", GATE, str(project)],
        env={**CHILD_ENV, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.split()[0])


def seed_parses(source: Path, home: Path, env: dict[str, str]) -> None:
    """Copy the parse entries under *source* into *home*'s parse cache for the tree's code."""
    version = subprocess.run(
        [PY, "-c", "from sourcebook.corpus.cache import code_version; print(code_version())"],
        env={**CHILD_ENV, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    target = home / "parse" / version[:20]
    for directory in (home, home / "parse", target):
        directory.mkdir(mode=0o700, exist_ok=True)
    for entry in source.iterdir():
        if entry.is_file() and not entry.name.startswith("."):
            shutil.copy2(entry, target / entry.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a copy of a corpus: its seeds are edited")
    parser.add_argument("--src", nargs="+", required=True, help="NAME=DIR of a source tree")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--generator", default="realistic", help="recorded with the figures")
    parser.add_argument("--results", type=Path, required=True)
    parser.add_argument(
        "--seed-parses",
        type=Path,
        metavar="DIR",
        help="a parse cache's version directory (CACHE/parse/VERSION) to copy into each "
        "tree's before its first check, so that the first check does not parse every seed "
        "(entries are checked against each seed's bytes, kind, name and hints on read)",
    )
    args = parser.parse_args(argv)
    CHILD_ENV.pop("PYTHONPATH", None)
    trees = dict(pair.partition("=")[::2] for pair in args.src)
    for directory in trees.values():
        if not (Path(directory) / "sourcebook" / "__init__.py").is_file():
            parser.error(f"{directory}: no sourcebook package there")
    project = args.project.resolve()
    check = [PY, "-m", "sourcebook", "check", "--root", str(project)]
    slugs = layout.slugs(project)
    edits = iter(slugs[len(slugs) // 3 :])
    gates: dict[str, list[float]] = {name: [] for name in trees}
    checks: dict[str, list[Sample]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory(prefix="sourcebook-gate-ab-") as tmp:
        envs = {
            name: {"PYTHONPATH": str(Path(d).resolve()), "SOURCEBOOK_CACHE_DIR": f"{tmp}/{name}"}
            for name, d in trees.items()
        }
        for name in trees:  # this code's caches: not an edit's cost
            if args.seed_parses:
                seed_parses(args.seed_parses, Path(envs[name]["SOURCEBOOK_CACHE_DIR"]), envs[name])
            measure(check, cwd=project, env=envs[name])
            gate(project, envs[name])
        for _ in range(args.repeat):
            layout.edit_one_seed(project, next(edits))
            for name in trees:
                gates[name].append(gate(project, envs[name]))
            layout.edit_one_seed(project, next(edits))
            for name in trees:
                checks[name].append(measure(check, cwd=project, env=envs[name]))
            print({n: (round(gates[n][-1], 2), round(checks[n][-1].cpu, 2)) for n in trees})
    record = {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
            "CPU seconds (user + system), median of "
            f"{args.repeat}, after editing one seed each time, the trees' runs alternated, "
            "each tree with its own cache: the gate in its process after the extension's "
            "import, the warm check its whole process."
        ),
        "generator": args.generator,
        "parses_seeded_from": str(args.seed_parses) if args.seed_parses else None,
        "documents": len(slugs),
        "corpus": layout.stats(project),
        "results": {
            name: {
                "src": trees[name],
                "gate_after_one_seed_cpu_s": round(statistics.median(gates[name]), 3),
                "gate_runs_cpu_s": [round(s, 3) for s in gates[name]],
                "check_after_one_seed": median(checks[name]),
                "check_runs_cpu_s": [round(s.cpu, 3) for s in checks[name]],
            }
            for name in trees
        },
    }
    write_record(args.results, record)
    print(json.dumps(record["results"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
