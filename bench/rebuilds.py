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
``--results``.

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


def rebuilds(
    project: Path, cache: Path, src: Path, repeat: int, in_place: bool = False
) -> dict[str, object]:
    """The medians of *repeat* no-op and one-seed rebuilds of a copy of *project*.

    With *in_place*, of *project* itself and its cache: no copy, so the warm-up is a
    no-op when the project was last built by the same code (a copy has another path,
    which Sphinx rebuilds whole), at the price of editing the project's seeds.
    """
    with tempfile.TemporaryDirectory(prefix="sourcebook-rebuilds-") as tmp:
        copy, cache_copy = Path(tmp) / "project", Path(tmp) / "cache"
        if in_place:
            copy, cache_copy = project.resolve(), cache.resolve()
        else:
            shutil.copytree(project, copy, symlinks=True)
            shutil.copytree(cache, cache_copy, symlinks=True)
        wrapper = Path(tmp) / "pagefind-timed"
        wrapper.write_text(pagefind_timed.wrapper_script(), encoding="utf-8")
        wrapper.chmod(0o755)
        env = {
            "SOURCEBOOK_CACHE_DIR": str(cache_copy),
            "PYTHONPATH": str(src.resolve()),
            "PAGEFIND_BINARY_PATH": str(wrapper),
            pagefind_timed.LOG: str(Path(tmp) / "pagefind-times.jsonl"),
        }
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
        "--generator", default="realistic", help="the generator that made the project (recorded)"
    )
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)
    CHILD_ENV.pop("PYTHONPATH", None)
    results: dict[str, object] = {}
    for pair in args.src:
        name, _, directory = pair.partition("=")
        if not (Path(directory) / "sourcebook" / "__init__.py").is_file():
            parser.error(f"{directory}: no sourcebook package there")  # else the installed one
        print(f"{name}: {directory}", flush=True)
        results[name] = {
            "src": directory,
            **rebuilds(args.project, args.cache, Path(directory), args.repeat, args.in_place),
        }
        print(json.dumps(results[name]), flush=True)
    record = {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
            f"CPU seconds (user + system) of each rebuild's process and children, median of "
            f"{args.repeat}; "
            + (
                "each source tree in turn on the project itself (--in-place)."
                if args.in_place
                else "each source tree on its own copy of the project and cache."
            )
        ),
        "generator": args.generator,
        "documents": len(layout.slugs(args.project)),
        "corpus": layout.stats(args.project),
        "results": results,
    }
    write_record(args.results, record)
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
