"""Benchmark sourcebook on synthetic corpora of N documents (``nox -s bench``).

For each N the corpus is made by ``bench/realistic.py`` (the default: documents
that each bring their own apparatus, bibliography entries and words drawn from
one Zipf-distributed vocabulary) or ``bench/synth.py`` (``--generator cipher``:
enciphered copies of the seeds, a vocabulary growing linearly), and every step runs in a
child process whose CPU seconds (user + system) and peak memory are read
from ``os.wait4``: CPU time, not wall time, because the machines these run
on are shared and noisy.  Each step is repeated ``--repeat`` times and the
median is reported, with ratios measured in the same run.

Steps: the floor (read + hash every seed), normalising (parse every seed),
``sourcebook pages``, ``sourcebook check`` with the parse cache off and with the
cache the earlier steps filled, ``sphinx-build -b dummy``, the
full HTML build (serial, and ``-j 2``), the no-op rebuild and the rebuild
after editing one seed.  Sub-benchmarks (``bench/parse_adversarial.py``,
``bench/bib.py``) run too when present, unless ``--skip-sub``.

Writes ``bench/results-<generator>-<sizes>.json`` (machine, commit, generator,
what each corpus holds, per-step CPU seconds and peak memory) and the table in
``docs/manual/performance.md``
(between the ``% bench:begin`` / ``% bench:end`` lines).

    python bench/run.py                    # N = 100 and 1,000
    python bench/run.py --sizes 100 --repeat 3
    python bench/run.py --large            # adds N = 10,000
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
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
import realistic  # noqa: E402
import synth  # noqa: E402
from report import table, write_docs  # noqa: E402

#: the corpus generators (``--generator``): see their modules' docstrings for what each models
GENERATORS = {"realistic": realistic.make_corpus, "cipher": synth.make_corpus}

PY = sys.executable
#: children may cache bytecode even where the caller's environment forbids it: otherwise
#: every step would pay for compiling Sphinx and its extensions (seconds), not for its work
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
WARM_UP = "import furo, myst_parser, sphinx.cmd.build, sphinxcontrib.bibtex, sourcebook.sphinxext"
SUB_BENCHMARKS = ("parse_adversarial.py", "bib.py", "render_adversarial.py")
FLOOR = """
import hashlib, sys, tomllib
from pathlib import Path
root = Path(sys.argv[1])
for document in sorted((root / "seeds").glob("*/document.toml")):
    tomllib.loads(document.read_text())
    hashlib.sha256((document.parent / "extract.txt").read_bytes()).hexdigest()
"""
NORMALISE = """
import sys
from pathlib import Path
from sourcebook.corpus.manifest import load_manifest
from sourcebook.parse import parse
from sourcebook.inputs.source import read_seed
root = Path(sys.argv[1])
manifest, _ = load_manifest(root)
for e in manifest.documents:
    source, _ = read_seed(root / "seeds" / e.file)
    parse(source.text, e.kind, e.file)
"""


#: what each size's corpus holds (documents, bibliography entries, ...), filled by bench_size
CORPUS_STATS: dict[str, dict[str, int]] = {}
#: what a reader downloads for a first search, per size (bench/search_bytes.py)
SEARCH: dict[str, object] = {}
SEARCH_WORDS = ("socialist", "workers")
#: the machine's load average when the run started (other users' work inflates CPU times)
START_LOAD = [round(x, 2) for x in os.getloadavg()]
#: the commit measured (``+dirty`` with uncommitted changes to src/ or bench/)
COMMIT = ["?"]
#: with ``--search sphinx``: build with Sphinx's own search index, to compare
SPHINX_EXTRA: list[str] = []
#: with ``--profile DIR``: where the sampled one-seed rebuild's stacks go
PROFILE_DIR: Path | None = None
#: called after every step with the results so far, so that a long run killed or failing
#: late keeps the steps that finished (``_run`` writes them to the results file)
ON_STEP: list[object] = []
#: with ``--work DIR``: the corpora are made there and kept (for later rebuilds or profiles)
KEEP: list[bool] = [False]


def pagefind_command(site: Path, output: Path) -> list[str]:
    from sourcebook.sphinxext.pagefind import command

    # the build leaves these listing pages out (sphinxext/pagefind.listing_pages)
    return command(site, output, "en", frozenset({"glossary.html", "claims.html"}))


def first_search(site: Path) -> object:
    """Bytes downloaded for a first search on *site* (``None`` when Chromium is missing)."""
    script = [PY, str(HERE / "search_bytes.py"), str(site), *SEARCH_WORDS]
    done = subprocess.run(script, capture_output=True, text=True, env=CHILD_ENV)
    if done.returncode != 0:
        print(f"  ! search_bytes.py: {done.stderr[-500:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout)


@dataclass(frozen=True, slots=True)
class Sample:
    cpu: float
    wall: float
    rss_mib: float
    ok: bool


def write_record(path: Path, record: dict[str, object]) -> None:
    """Stamp *record* with the load at the end and the date, and write it as JSON: the
    one format of every results file under ``bench/``."""
    record["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    record["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def measure(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Sample:
    """Run *cmd*; its own CPU seconds and peak RSS from ``wait4`` (not its siblings')."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env={**CHILD_ENV, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    ok = proc.returncode == 0
    if not ok:
        print(f"  ! {' '.join(cmd[:4])}... exited {proc.returncode}", file=sys.stderr)
        print(err.decode("utf-8", "replace")[-2000:], file=sys.stderr)
    rss = usage.ru_maxrss / 1024  # KiB on Linux
    return Sample(usage.ru_utime + usage.ru_stime, wall, rss, ok)


def sphinx(project: Path, builder: str, out: str, *extra: str) -> list[str]:
    docs = project / "docs"
    return [
        PY,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        builder,
        *extra,
        *SPHINX_EXTRA,
        str(docs),
        str(docs / "_build" / out),
    ]


def _clean(project: Path) -> None:
    shutil.rmtree(project / "docs" / "_build", ignore_errors=True)
    shutil.rmtree(project / "docs" / "corpus", ignore_errors=True)


def median(samples: list[Sample]) -> dict[str, float | bool]:
    return {
        "cpu_s": round(statistics.median(s.cpu for s in samples), 3),
        "wall_s": round(statistics.median(s.wall for s in samples), 3),
        "peak_mib": round(max(s.rss_mib for s in samples), 1),
        "ok": all(s.ok for s in samples),
    }


def bench_size(
    n: int,
    repeat: int,
    parallel: bool,
    work: Path,
    steps: list[str] | None = None,
    generator: str = "realistic",
    results: dict[str, dict[str, float | bool]] | None = None,
) -> dict[str, dict[str, float | bool]]:
    """Every step on a corpus of *n* documents, filling *results* (step -> medians) as it goes."""
    project = work / f"n{n}"
    # every step of this size shares one parse cache, as a contributor's runs do (and
    # none touches the user's); "check, cold" turns it off
    cache = {"SOURCEBOOK_CACHE_DIR": str(work / f"parse-cache-{n}")}
    os.environ.update(cache)  # make_corpus runs the checker too
    print(f"N = {n}: making the corpus", flush=True)
    slugs = GENERATORS[generator](project, n)
    root = str(project)
    results = {} if results is None else results
    CORPUS_STATS[str(n)] = layout.stats(project)

    def run(
        name: str,
        cmd: list[str],
        before: object = None,
        times: int = repeat,
        env: dict[str, str] | None = None,
    ) -> None:
        needs_html = {"html", "pagefind", "noop", "one_seed"}
        if steps and name not in steps and not (name == "html" and needs_html & set(steps)):
            return
        samples = []
        for _ in range(times):
            if callable(before):
                before()
            samples.append(measure(cmd, cwd=project, env=env or cache))
        results[name] = median(samples)
        print(f"  {name:<22} {results[name]['cpu_s']:>9.2f} s CPU", flush=True)
        for save in ON_STEP:
            if callable(save):
                save()

    def clean() -> None:
        _clean(project)

    run("floor", [PY, "-c", FLOOR, root])
    run("normalise", [PY, "-c", NORMALISE, root])
    out = str(project / "pages-out")
    run("pages", [PY, "-m", "sourcebook", "pages", "--root", root, "--out", out])
    check = [PY, "-m", "sourcebook", "check", "--root", root]
    run("check_cold", check, env={"SOURCEBOOK_CACHE_DIR": ""})
    run("check", check)
    run("dummy", sphinx(project, "dummy", "dummy"), before=clean, times=1)
    if parallel:
        run("html_j2", sphinx(project, "html", "html", "-j", "2"), before=clean, times=1)
    run("html", sphinx(project, "html", "html"), before=clean, times=1)
    site = project / "docs" / "_build" / "html"
    if (site / "_pagefind").is_dir():  # the search index's share of the build, on its own
        run("pagefind", pagefind_command(site, work / "pagefind-out"), times=1)
    if (site / "search.html").is_file():
        SEARCH[str(n)] = first_search(site)
    run("noop", sphinx(project, "html", "html"))
    edited = iter(slugs[len(slugs) // 2 :] * repeat)
    run(
        "one_seed",
        sphinx(project, "html", "html"),
        lambda: layout.edit_one_seed(project, next(edited)),
    )
    if PROFILE_DIR is not None:  # one more edit, sampled (not timed: py-spy adds its own CPU)
        layout.edit_one_seed(project, slugs[len(slugs) // 3])
        stacks = PROFILE_DIR / f"one-seed-{n}.txt"
        # py-spy next to this Python, else on PATH
        found = shutil.which("py-spy", path=f"{Path(PY).parent}{os.pathsep}{os.environ['PATH']}")
        spy = [str(found), "record", "--subprocesses", "--format", "raw"]
        build = sphinx(project, "html", "html")
        if found:
            subprocess.run([*spy, "--rate", "50", "-o", str(stacks), "--", *build], check=False)
        else:
            print("  ! --profile: no py-spy next to this Python or on PATH", file=sys.stderr)
    if not KEEP[0]:
        shutil.rmtree(project, ignore_errors=True)
    return results


def sub_benchmarks(skip: bool) -> dict[str, dict[str, float | bool]]:
    found: dict[str, dict[str, float | bool]] = {}
    for name in SUB_BENCHMARKS if not skip else ():
        script = HERE / name
        if script.is_file():
            print(f"sub-benchmark {name}", flush=True)
            found[name] = median([measure([PY, str(script)], cwd=ROOT)])
    return found


Results = dict[str, dict[str, dict[str, float | bool]]]


def _meta(args: argparse.Namespace) -> str:
    return (
        f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, commit {COMMIT[0]}, "
        f"generator `{args.generator}`, search `{args.search}`; CPU seconds (user + system) "
        f"of each step's process, median of {args.repeat} runs (full builds: one run)."
    )


def _run(args: argparse.Namespace) -> tuple[Results, dict[str, dict[str, float | bool]], str]:
    sizes = args.sizes + ([10_000] if args.large else [])
    results: Results = {}
    # after every step, the results so far: a late failure or a kill loses only that step
    partial = "partial: the run had not finished when this was written; "
    ON_STEP[:] = [lambda: _write(args, results, {}, partial + _meta(args))]
    measure([PY, "-c", WARM_UP])  # write the bytecode caches before anything is timed
    with tempfile.TemporaryDirectory(prefix="sourcebook-bench-") as tmp:
        work = args.work or Path(tmp)
        for n in sizes:
            results[str(n)] = {}
            bench_size(
                n,
                args.repeat,
                not args.no_parallel,
                work,
                args.steps,
                args.generator,
                results[str(n)],
            )
    subs = sub_benchmarks(args.skip_sub)
    return results, subs, _meta(args)


def _write(
    args: argparse.Namespace, results: Results, subs: dict[str, dict[str, float | bool]], meta: str
) -> None:
    """The results file: machine, commit, corpora, and every step measured so far."""
    record = {
        "meta": meta,
        **_machine(),
        "commit": COMMIT[0],
        "generator": args.generator,
        "search": args.search,
        "src": str(args.src) if args.src else "this tree",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "corpus": CORPUS_STATS,
        "first_search": SEARCH,
        "sizes": results,
        "sub_benchmarks": subs,
    }
    args.results.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _commit() -> str:
    """The commit measured (``+dirty`` when the work tree has changes)."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", "src", "bench"], capture_output=True
    )
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def _machine() -> dict[str, object]:
    return {
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        # a shared machine: how busy it was when the run started and ended (1, 5, 15 minutes)
        "load_average_start": START_LOAD,
        "load_average_end": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--large", action="store_true", help="also N = 10,000 (long)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step (median)")
    parser.add_argument("--no-parallel", action="store_true", help="skip the -j 2 build")
    parser.add_argument(
        "--steps",
        nargs="+",
        help="run only these steps (the HTML build runs first when a later step needs it)",
    )
    parser.add_argument("--skip-sub", action="store_true", help="skip the sub-benchmarks")
    parser.add_argument(
        "--search",
        choices=("shards", "pagefind", "sphinx"),
        default="shards",
        help="the site's search index (sourcebook_search)",
    )
    parser.add_argument(
        "--profile", type=Path, help="also sample one more one-seed rebuild with py-spy into DIR"
    )
    parser.add_argument("--generator", choices=sorted(GENERATORS), default="realistic")
    parser.add_argument("--results", type=Path, help="default: bench/results-GENERATOR-SIZES.json")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs" / "manual" / "performance.md")
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite the docs table")
    parser.add_argument(
        "--work", type=Path, help="make the corpora in DIR and keep them (default: a temporary one)"
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        nargs="+",
        help="only write the docs table from earlier results files (their sizes side by side)",
    )
    parser.add_argument(
        "--src",
        type=Path,
        help="run the steps on the sourcebook package under this directory (a before/after)",
    )
    args = parser.parse_args(argv)
    global PROFILE_DIR
    PROFILE_DIR = args.profile
    KEEP[0] = args.work is not None
    COMMIT[0] = _commit()  # the code measured: taken before the first step
    SPHINX_EXTRA[:] = ["-D", f"sourcebook_search={args.search}"]
    if args.src:  # children import this tree's sourcebook first, and so does this process
        if not (args.src / "sourcebook" / "__init__.py").is_file():
            parser.error(f"--src {args.src}: no sourcebook package there")
        CHILD_ENV["PYTHONPATH"] = str(args.src.resolve())
        os.environ["PYTHONPATH"] = CHILD_ENV["PYTHONPATH"]
        sys.path.insert(0, CHILD_ENV["PYTHONPATH"])
    if args.from_json:
        results, subs, meta = {}, {}, ""
        for path in args.from_json:
            record = json.loads(path.read_text(encoding="utf-8"))
            results.update(record["sizes"])
            subs.update(record["sub_benchmarks"])
            meta += f"`bench/{path.name}`: {record['meta']}\n"
            CORPUS_STATS.update(record.get("corpus", {}))
            SEARCH.update(record.get("first_search", {}))
    else:
        sizes = "-".join(str(n) for n in args.sizes + ([10_000] if args.large else []))
        search = "" if args.search == "shards" else f"-{args.search}-search"
        args.results = args.results or HERE / f"results-{args.generator}-{sizes}{search}.json"
        results, subs, meta = _run(args)
        _write(args, results, subs, meta)
        print(f"wrote {args.results}")
    lines = table(results, CORPUS_STATS, SEARCH)
    if subs:
        lines += ["", "| sub-benchmark | CPU s |", "|---|---|"]
        lines += [f"| `bench/{k}` | {float(v['cpu_s']):.2f} |" for k, v in subs.items()]
    print("\n".join(lines))
    if not args.no_docs:
        write_docs(args.docs, lines, meta)
        print(f"wrote {args.docs}")
    return 0 if all(s["ok"] for r in results.values() for s in r.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
