"""No-op and one-seed rebuilds of one built project, for two versions of the code side by side.

A full build of a large corpus takes long on a shared machine; the rebuilds
do not.  This measures them on a project built once (``python
bench/realistic.py N DIR`` then one ``sphinx-build``), for each source tree
given (``--src NAME=DIR``: the ``sourcebook`` package under DIR): a copy of
the project and of its cache per tree, one rebuild first to bring the
caches up to that code (not timed), then ``--repeat`` no-op rebuilds,
``--repeat`` rebuilds each after editing one more seed
(:func:`layout.edit_one_seed`) and ``--repeat`` warm ``sourcebook check`` runs,
each timed as :mod:`run` times its steps (CPU seconds of the process and its
children, from ``wait4``), and within each build Pagefind's own CPU seconds
(:mod:`pagefind_timed`, through ``PAGEFIND_BINARY_PATH``): ``pagefind_cpu_s``
is the indexer binary's, ``sphinx_cpu_s`` the rest.  Writes the medians to
``--results``.  With ``--alternate``, the trees' runs alternate (no-op 1 of
every tree, then no-op 2 ..., then the same seed edited in every copy and each
rebuilt, then the checks), so that every tree sees the same load on a shared
machine; the load average at the start and the end is recorded.

    python bench/rebuilds.py DIR CACHE --src before=/tmp/old/src after=src \\
        --results bench/results-realistic-300-rebuilds.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
import pagefind_timed  # noqa: E402
from run import CHILD_ENV, PY, Sample, _commit, measure, median, write_record  # noqa: E402


def _sphinx(project: Path) -> list[str]:
    docs = project / "docs"
    return [PY, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(docs)]


def split(build: list[str], cwd: Path, env: dict[str, str]) -> tuple[Sample, float]:
    """One timed build, and the CPU seconds its Pagefind runs took."""
    log = env[pagefind_timed.LOG]
    pagefind_timed.read_log(log)  # nothing left over from an earlier build
    sample = measure(build, cwd=cwd, env=env)
    return sample, pagefind_timed.read_log(log)


def summary(runs: list[tuple[Sample, float]]) -> dict[str, object]:
    """The medians of *runs*, the build's CPU split into Pagefind's and the rest."""
    cpu = [sample.cpu for sample, _ in runs]
    pagefind = [seconds for _, seconds in runs]
    return {
        **median([sample for sample, _ in runs]),
        "pagefind_cpu_s": round(statistics.median(pagefind), 3),
        "sphinx_cpu_s": round(
            statistics.median(c - p for c, p in zip(cpu, pagefind, strict=True)), 3
        ),
        "samples_cpu_s": [round(c, 3) for c in cpu],
        "samples_pagefind_cpu_s": [round(p, 3) for p in pagefind],
    }


def copy_tree(
    project: Path, cache: Path, src: Path, home: Path, in_place: bool = False
) -> tuple[Path, dict[str, str]]:
    """A copy of *project* and *cache* under *home* (with *in_place*, themselves), and the
    environment of its builds: the code under *src*, Pagefind timed apart."""
    copy, cache_copy = home / "project", home / "cache"
    if in_place:
        copy, cache_copy = project.resolve(), cache.resolve()
    else:
        shutil.copytree(project, copy, symlinks=True)
        shutil.copytree(cache, cache_copy, symlinks=True)
    wrapper = home / "pagefind-timed"
    wrapper.write_text(pagefind_timed.wrapper_script(), encoding="utf-8")
    wrapper.chmod(0o755)
    return copy, {
        "SOURCEBOOK_CACHE_DIR": str(cache_copy),
        "PYTHONPATH": str(src.resolve()),
        "PAGEFIND_BINARY_PATH": str(wrapper),
        pagefind_timed.LOG: str(home / "pagefind-times.jsonl"),
    }


def record_of(
    project: Path, repeat: int, generator: str, how: str, results: dict[str, object]
) -> dict[str, object]:
    """The results file's record: the machine, the commit, the corpus and *results*."""
    return {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
            f"CPU seconds (user + system) of each rebuild's process and children, median of "
            f"{repeat}; {how}"
        ),
        "generator": generator,
        "documents": len(layout.slugs(project)),
        "corpus": layout.stats(project),
        "results": results,
    }


def rebuilds(
    project: Path, cache: Path, src: Path, repeat: int, in_place: bool = False
) -> dict[str, object]:
    """The medians of *repeat* no-op and one-seed rebuilds of a copy of *project*.

    With *in_place*, of *project* itself and its cache: no copy, so the warm-up is a
    no-op when the project was last built by the same code (a copy has another path,
    which Sphinx rebuilds whole), at the price of editing the project's seeds.
    """
    with tempfile.TemporaryDirectory(prefix="sourcebook-rebuilds-") as tmp:
        copy, env = copy_tree(project, cache, src, Path(tmp), in_place)
        build = [*_sphinx(copy), str(copy / "docs" / "_build" / "html")]
        warm = split(build, copy, env)  # this code's caches: not a rebuild's cost
        noop = [split(build, copy, env) for _ in range(repeat)]
        slugs = layout.slugs(copy)
        edited = []
        for slug in slugs[len(slugs) // 2 :][:repeat]:
            layout.edit_one_seed(copy, slug)
            edited.append(split(build, copy, env))
        # `sourcebook check` on the edited project, its caches warm from the builds
        check = [PY, "-m", "sourcebook", "check", "--root", str(copy)]
        checks = [measure(check, cwd=copy, env=env) for _ in range(repeat)]
        return {
            "warm_up": summary([warm]),
            "noop": summary(noop),
            "one_seed": summary(edited),
            "check": median(checks),
        }


def alternated(
    project: Path, cache: Path, trees: dict[str, Path], repeat: int
) -> dict[str, dict[str, object]]:
    """Every tree's warm-up, then no-op, one-seed and check runs alternated between trees."""
    with tempfile.TemporaryDirectory(prefix="sourcebook-rebuilds-ab-") as tmp:
        copies = {}
        for name, src in trees.items():
            (Path(tmp) / name).mkdir()
            copies[name] = copy_tree(project, cache, src, Path(tmp) / name)
        builds = {
            name: [*_sphinx(copy), str(copy / "docs" / "_build" / "html")]
            for name, (copy, _) in copies.items()
        }
        runs: dict[str, dict[str, list[tuple[Sample, float]]]] = {
            name: {"warm_up": [], "noop": [], "one_seed": []} for name in trees
        }
        for name, (copy, env) in copies.items():
            runs[name]["warm_up"].append(split(builds[name], copy, env))
        for _ in range(repeat):
            for name, (copy, env) in copies.items():
                runs[name]["noop"].append(split(builds[name], copy, env))
        slugs = layout.slugs(project)
        for slug in slugs[len(slugs) // 2 :][:repeat]:
            for name, (copy, env) in copies.items():
                layout.edit_one_seed(copy, slug)
                runs[name]["one_seed"].append(split(builds[name], copy, env))
        checks: dict[str, list[Sample]] = {name: [] for name in trees}
        for _ in range(repeat):
            for name, (copy, env) in copies.items():
                check = [PY, "-m", "sourcebook", "check", "--root", str(copy)]
                checks[name].append(measure(check, cwd=copy, env=env))
        return {
            name: {
                "src": str(trees[name]),
                **{step: summary(found) for step, found in runs[name].items()},
                "check": median(checks[name]),
            }
            for name in trees
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a built project (docs/_build/html)")
    parser.add_argument("cache", type=Path, help="its SOURCEBOOK_CACHE_DIR")
    parser.add_argument("--src", nargs="+", required=True, help="NAME=DIR of a source tree")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--in-place", action="store_true", help="rebuild PROJECT itself (edits its seeds)"
    )
    parser.add_argument(
        "--alternate",
        action="store_true",
        help="alternate the trees' runs (each on its own copy), for a shared machine",
    )
    parser.add_argument(
        "--generator", default="realistic", help="the generator that made the project (recorded)"
    )
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)
    CHILD_ENV.pop("PYTHONPATH", None)
    trees = {name: Path(d) for name, _, d in (pair.partition("=") for pair in args.src)}
    for directory in trees.values():
        if not (directory / "sourcebook" / "__init__.py").is_file():
            parser.error(f"{directory}: no sourcebook package there")  # else the installed one
    load_start = os.getloadavg()
    results: dict[str, object] = {}
    if args.alternate:
        results.update(alternated(args.project, args.cache, trees, args.repeat))
    for name, directory in trees.items() if not args.alternate else ():
        print(f"{name}: {directory}", flush=True)
        results[name] = {
            "src": str(directory),
            **rebuilds(args.project, args.cache, directory, args.repeat, args.in_place),
        }
        print(json.dumps(results[name]), flush=True)
    how = (
        "the trees' runs alternated, each tree on its own copy of the project and cache."
        if args.alternate
        else "each source tree in turn on the project itself (--in-place)."
        if args.in_place
        else "each source tree on its own copy of the project and cache."
    )
    record = record_of(args.project, args.repeat, args.generator, how, results)
    record["load_average"] = {"start": load_start, "end": os.getloadavg()}
    write_record(args.results, record)
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
