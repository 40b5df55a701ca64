"""One-seed rebuilds and warm checks of two source trees, alternated, on two built copies.

Like ``bench/rebuilds.py --alternate``, but on copies made and built beforehand
(``cp -a`` of one built project and its cache per tree), so that a run can be
started again on the same copies.  Every build goes through one path, a
symbolic link (*LINK*) pointed at the copy whose turn it is; Sphinx resolves
it, so a copy's first build at its own path reads every page again (as
``rebuilds.py``'s copies do), and its later builds are incremental.

Each tree gets one untimed warm-up build (its code's caches, its copy's
path), then, ``--repeat`` times: the same seed edited in both copies
(:func:`layout.edit_one_seed`) and each rebuilt, tree after tree; then
``--repeat`` warm ``sourcebook check`` runs each, alternated.  CPU seconds of
each process and its children (``wait4``), as :mod:`run` measures; the medians
and every sample go to ``--results``.

    python bench/oneseed_ab.py LINK \\
        before=/tmp/a/project,/tmp/a/cache,/tmp/main/src \\
        after=/tmp/b/project,/tmp/b/cache,src --repeat 3 --results FILE
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
from run import CHILD_ENV, PY, Sample, _commit, measure, write_record  # noqa: E402


def point(link: Path, target: Path) -> None:
    """Make *link* a symbolic link to *target* (replaced atomically)."""
    tmp = link.with_name(link.name + ".next")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target)
    tmp.replace(link)


def build(link: Path, cache: Path, src: Path) -> Sample:
    docs = link / "docs"
    cmd = [PY, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    cmd += [str(docs), str(docs / "_build" / "html")]
    env = {"SOURCEBOOK_CACHE_DIR": str(cache), "PYTHONPATH": str(src.resolve())}
    return measure(cmd, cwd=link, env=env)


def check(link: Path, cache: Path, src: Path) -> Sample:
    cmd = [PY, "-m", "sourcebook", "check", "--root", str(link)]
    env = {"SOURCEBOOK_CACHE_DIR": str(cache), "PYTHONPATH": str(src.resolve())}
    return measure(cmd, cwd=link, env=env)


def summary(samples: list[Sample]) -> dict[str, object]:
    return {
        "cpu_s": round(statistics.median(s.cpu for s in samples), 3),
        "samples_cpu_s": [round(s.cpu, 3) for s in samples],
        "peak_mib": round(max(s.rss_mib for s in samples), 1),
        "ok": all(s.ok for s in samples),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("link", type=Path, help="the path every build goes through")
    parser.add_argument("trees", nargs=2, help="NAME=PROJECT,CACHE,SRC")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)
    CHILD_ENV.pop("PYTHONPATH", None)
    trees = {}
    for spec in args.trees:
        name, _, paths = spec.partition("=")
        project, cache, src = (Path(p) for p in paths.split(","))
        if not (src / "sourcebook" / "__init__.py").is_file():
            parser.error(f"{src}: no sourcebook package there")
        trees[name] = (project.resolve(), cache.resolve(), src)
    load = [os.getloadavg()]
    runs: dict[str, dict[str, list[Sample]]] = {
        name: {"warm_up": [], "one_seed": [], "check": []} for name in trees
    }
    for name, (project, cache, src) in trees.items():
        point(args.link, project)
        runs[name]["warm_up"].append(build(args.link, cache, src))
    slugs = layout.slugs(next(iter(trees.values()))[0])
    for slug in slugs[len(slugs) // 4 :][: args.repeat]:
        for name, (project, cache, src) in trees.items():
            point(args.link, project)
            layout.edit_one_seed(project, slug)
            runs[name]["one_seed"].append(build(args.link, cache, src))
            print(name, "one_seed", round(runs[name]["one_seed"][-1].cpu, 2), flush=True)
    for _ in range(args.repeat):
        for name, (project, cache, src) in trees.items():
            point(args.link, project)
            runs[name]["check"].append(check(args.link, cache, src))
            print(name, "check", round(runs[name]["check"][-1].cpu, 2), flush=True)
    load.append(os.getloadavg())
    results = {
        name: {
            "project": str(trees[name][0]),
            "src": str(trees[name][2]),
            **{step: summary(found) for step, found in runs[name].items()},
        }
        for name in trees
    }
    write_record(
        args.results,
        {
            "meta": (
                f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on "
                f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
                f"{platform.python_version()}, tree at {_commit()}; CPU seconds (user + "
                f"system) of each process and its children, median of {args.repeat}; the "
                "trees alternated, each on its own copy built through one link"
            ),
            "documents": len(slugs),
            "load_average": {"start": list(load[0]), "end": list(load[1])},
            "results": results,
        },
    )
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
