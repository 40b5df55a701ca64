"""Benchmark: page rendering on adversarial seeds grows linearly (issue 21 item 4).

Each case of ``bench/parse_adversarial.py`` (a paragraph repeating
``Fact one.[1] ``, a run of dots, initials, glued footnotes, brackets, table
rows) becomes a one-document project at three sizes; ``sourcebook pages``
(load, parse, render, write) runs on each, timed in CPU seconds, and the
growth exponent is fitted on the log-log points (1 is linear, 2 quadratic).
Unless ``--no-sphinx``, the docs build (``sphinx-build -b dummy``, the tiny test
root's configuration) of the fact-marker and table cases is timed as well.  The target
is an exponent of at most 1.1.  ``bench/run.py`` runs it as a sub-benchmark;
alone it writes ``bench/results-render.json`` (committed)::

    python bench/render_adversarial.py [--sizes 30000 100000 300000] [--no-sphinx]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from parse_adversarial import CASES  # noqa: E402

from sourcebook.render.pages import generate  # noqa: E402

SIZES = (30_000, 100_000, 300_000)
SPHINX_CASES = ("fact-marker", "table")
RESULTS = HERE / "results-render.json"
TINY_DOCS = ROOT / "tests" / "roots" / "test-tiny" / "docs"
SPHINX = (sys.executable, "-m", "sphinx", "-q", "-b", "dummy", "-E", "docs", "docs/_build")


def make_project(root: Path, text: str, kind: str) -> Path:
    """A project of one document whose seed is *text*; its markers are left unmapped."""
    folder = root / "seeds" / "doc"
    folder.mkdir(parents=True)
    data = text.encode("utf-8")
    (folder / "extract.txt").write_bytes(data)
    (folder / "document.toml").write_text(
        f'sha256 = "{hashlib.sha256(data).hexdigest()}"\nkind = "{kind}"\ntitle = "Adversarial"\n',
        encoding="utf-8",
    )
    (folder / "apparatus.toml").write_text("version = 1\n", encoding="utf-8")
    docs = root / "docs"
    shutil.copytree(TINY_DOCS, docs, ignore=shutil.ignore_patterns("references"))
    (docs / "references").mkdir()
    (docs / "references" / "src.bib").write_text(
        "@misc{src,\n  title = {A source},\n  url = {https://example.org/},\n}\n",
        encoding="utf-8",
    )
    return root


def pages_seconds(project: Path) -> float:
    """CPU seconds of ``sourcebook pages`` (parse cache off) on *project*."""
    os.environ["SOURCEBOOK_CACHE_DIR"] = ""
    start = time.process_time()
    generate(project, project / "docs" / "corpus")
    return time.process_time() - start


def sphinx_seconds(project: Path) -> float:
    """CPU seconds (children) of ``sphinx-build -b dummy`` on *project*.

    The gate is off: the seed's markers have no sources, which the checker
    refuses, and the build's own work on the page is what is measured.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [*SPHINX, "-D", "sourcebook_refuse_errors=0"],
        cwd=project,
        env={**os.environ, "SOURCEBOOK_CACHE_DIR": ""},
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def exponent(points: list[tuple[int, float]]) -> float:
    """The least-squares slope of log(seconds) on log(bytes)."""
    xs = [math.log(b) for b, _ in points]
    ys = [math.log(max(s, 1e-6)) for _, s in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def measure(step: str, sizes: tuple[int, ...], name: str, kind: str) -> dict[str, object]:
    make = CASES[name][0]
    points: list[tuple[int, float]] = []
    for size in sizes:
        text = make(size)
        with tempfile.TemporaryDirectory(prefix="sourcebook-render-bench-") as temp:
            project = make_project(Path(temp), text, kind)
            seconds = pages_seconds(project) if step == "pages" else sphinx_seconds(project)
        points.append((len(text.encode()), round(seconds, 4)))
    return {
        "step": step,
        "case": name,
        "kind": kind,
        "points": points,
        "exponent": round(exponent(points), 3),
    }


def run(sizes: tuple[int, ...] = SIZES, sphinx: bool = False) -> list[dict[str, object]]:
    records = [
        measure("pages", sizes, name, kind) for name, (_, kinds) in CASES.items() for kind in kinds
    ]
    if sphinx:  # the two cases whose pages are largest: many claims, many table cells
        records += [measure("sphinx-dummy", sizes, name, "wikipedia") for name in SPHINX_CASES]
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs=3, default=SIZES)
    parser.add_argument("--no-sphinx", action="store_true", help="do not time the docs build")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    records = run(tuple(args.sizes), not args.no_sphinx)
    for record in records:
        print(json.dumps(record))
    meta = (
        f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; CPU seconds"
    )
    args.results.write_text(
        json.dumps({"meta": meta, "records": records}, indent=2) + "\n", encoding="utf-8"
    )
    worst = max(float(str(r["exponent"])) for r in records)
    print(f"wrote {args.results}; largest exponent {worst}")
    return 0 if worst <= 1.1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
