"""CPU seconds and peak memory of the page generator alone, for versions of the code side by side.

The generator (``sphinxext.generate.generate_incremental``) is the build's
first phase: it analyses every document, finds the shared quotations and
writes the corpus pages.  For each source tree (``--src NAME=DIR``, the
``sourcebook`` package under DIR) this copies PROJECT's seeds and docs (no
built site), primes the tree's own parse cache with one untimed run (the
parse cache is keyed by the code, so each tree parses once), then times, in
rounds that alternate the trees' order:

* ``scratch``: the generator with its cache deleted (every document loaded
  from the parse cache, analysed, indexed and rendered): a full build's phase;
* ``noop``: again, nothing changed;
* ``one_seed``: after changing one word of one more seed
  (:func:`layout.edit_one_seed`).

Each run is a child process timed from ``wait4`` (:func:`run.measure`: CPU
seconds of the process, its peak RSS); the medians go to ``--results``.

    python bench/generator_time.py DIR --src before=/tmp/old/src after=src \\
        --results bench/results-generator-1000-NAME.json
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
from run import PY, Sample, _commit, measure, median, write_record  # noqa: E402

CHILD = """
import gc, sys
from pathlib import Path
from sourcebook.sphinxext.generate import Output, generate_incremental
project = Path(sys.argv[1])
gc.freeze()
generate_incremental(project, Output(project / "docs" / "corpus", Path(sys.argv[2])), True)
"""


def _copy(project: Path, dest: Path) -> Path:
    shutil.copytree(project / "seeds", dest / "seeds")
    shutil.copytree(
        project / "docs", dest / "docs", ignore=shutil.ignore_patterns("_build", "corpus")
    )
    return dest


def _run(tree: tuple[Path, Path, Path], src: str) -> Sample:
    project, cache, home = tree
    env = {"PYTHONPATH": src, "SOURCEBOOK_CACHE_DIR": str(home)}
    return measure([PY, "-c", CHILD, str(project), str(cache)], env=env)


def _clear(cache: Path) -> None:
    """Delete the generator's cache: the pickle and the fingerprint index beside it."""
    shutil.rmtree(cache.parent, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a corpus (seeds/ and docs/)")
    parser.add_argument("--src", nargs="+", required=True, help="NAME=DIR of a source tree")
    parser.add_argument("--repeat", type=int, default=2, help="rounds")
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args()
    trees = dict(item.split("=", 1) for item in args.src)
    samples: dict[str, dict[str, list[Sample]]] = {n: {} for n in trees}
    slugs = layout.slugs(args.project)
    with tempfile.TemporaryDirectory(prefix="generator-time-") as tmp:
        work = {}
        for name in trees:
            project = _copy(args.project, Path(tmp) / name)
            build = Path(tmp) / f"{name}-build" / "cache.pickle"
            work[name] = (project, build, Path(tmp) / f"{name}-home")
            _run(work[name], str(Path(trees[name]).resolve()))  # prime the parse cache
        for number in range(args.repeat):
            order = list(trees) if number % 2 == 0 else list(reversed(trees))
            for name in order:
                src = str(Path(trees[name]).resolve())
                _clear(work[name][1])
                found = samples[name]
                found.setdefault("scratch", []).append(_run(work[name], src))
                found.setdefault("noop", []).append(_run(work[name], src))
                layout.edit_one_seed(work[name][0], slugs[(len(slugs) // 2 + number) % len(slugs)])
                found.setdefault("one_seed", []).append(_run(work[name], src))
                print(name, {k: v[-1] for k, v in found.items()}, flush=True)
    record: dict[str, object] = {
        "bench": "generator_time",
        "project": str(args.project),
        "documents": len(slugs),
        "commit": _commit(),
        "machine": platform.node(),
        "trees": trees,
        "repeat": args.repeat,
        "medians": {n: {k: median(v) for k, v in s.items()} for n, s in samples.items()},
        "runs": {
            n: {k: [[x.cpu, x.rss_mib] for x in v] for k, v in s.items()}
            for n, s in samples.items()
        },
    }
    write_record(args.results, record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
