"""Pagefind's command on a built site, into an empty folder and into one holding its fragments.

The build (sphinxext/pagefindkeep.py) links the fragments of unchanged pages
into the new bundle before Pagefind runs, and Pagefind does not compress a
fragment whose file exists.  This runs the build's own command
(:func:`sourcebook.sphinxext.pagefind.command`) on SITE alternately into an
empty folder ("fresh") and into a folder holding hard links to every fragment
of SITE's bundle ("kept": what a rebuild that changed no page's text sees),
and records the CPU seconds of each run (``wait4``) and how many fragments it
wrote.

    python bench/pagefind_kept.py SITE --repeat 3 --results FILE
"""

from __future__ import annotations

import argparse
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
from run import _commit, write_record  # noqa: E402

from sourcebook.sphinxext.pagefind import BUNDLE, command  # noqa: E402

LISTINGS = frozenset({"glossary.html", "claims.html"})


def one_run(site: Path, out: Path, kept: bool) -> dict[str, float | int]:
    shutil.rmtree(out, ignore_errors=True)
    if kept:
        (out / "fragment").mkdir(parents=True)
        for fragment in (site / BUNDLE / "fragment").iterdir():
            os.link(fragment, out / "fragment" / fragment.name)
    proc = subprocess.Popen(command(site, out, "en", LISTINGS), stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    written = sum(1 for f in (out / "fragment").iterdir() if f.stat().st_nlink == 1)
    return {"cpu_s": round(usage.ru_utime + usage.ru_stime, 3), "fragments_written": written}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site with a Pagefind bundle")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)
    runs: dict[str, list[dict[str, float | int]]] = {"fresh": [], "kept": []}
    with tempfile.TemporaryDirectory(prefix="pagefind-kept-") as tmp:
        for _ in range(args.repeat):
            for mode in runs:
                runs[mode].append(one_run(args.site, Path(tmp) / "out", mode == "kept"))
                print(mode, runs[mode][-1], flush=True)
    record = {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
            f"CPU seconds of Pagefind's command (wait4), fresh and kept alternated, "
            f"median of {args.repeat}."
        ),
        "site": str(args.site),
        "median_cpu_s": {m: statistics.median(float(r["cpu_s"]) for r in runs[m]) for m in runs},
        "runs": runs,
    }
    write_record(args.results, record)
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
