"""Does Pagefind cost less when given only each page's searchable part?

Pagefind reads every page whole: the theme's sidebar, header and footer as
well as the main article it indexes (``ROOT_SELECTOR``).  This makes a copy
of a built site in which every page holds only its ``<html>`` tag, its
``<title>`` and its main article (what Pagefind reads from a page:
``pagefind/src/fossick/parser.rs``), runs the build's Pagefind command
(:func:`sourcebook.sphinxext.pagefind.command`) on the site and on the copy,
alternated, each into an empty folder, and compares the two bundles file for
file: the same bytes mean every search returns the same results.  CPU
seconds are the indexer's (user + system, ``wait4``).

    python bench/pagefind_input.py SITE --repeat 2 --results FILE
"""

from __future__ import annotations

import argparse
import os
import platform
import re
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

from sourcebook.sphinxext.pagefind import BUNDLE, command, pages  # noqa: E402

LISTINGS = frozenset({"glossary.html", "claims.html"})
_HTML_TAG = re.compile(r"<html[^>]*>")
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_ARTICLE = '<article role="main"'


def article_only(html: str) -> str:
    """The page cut to what Pagefind reads: the html tag, the title, the main article."""
    tag, title = _HTML_TAG.search(html), _TITLE.search(html)
    start, end = html.find(_ARTICLE), html.rfind("</article>")
    body = html[start : end + len("</article>")] if start >= 0 and end > start else ""
    return (
        f"<!doctype html>{tag.group(0) if tag else '<html>'}<head>"
        f"{title.group(0) if title else ''}</head><body>{body}</body></html>"
    )


def cut_site(site: Path, dest: Path) -> tuple[int, int]:
    """Write every indexed page of *site* cut to its article under *dest*; bytes before, after."""
    before = after = 0
    for page in pages(site, LISTINGS):
        html = (site / page).read_text(encoding="utf-8")
        cut = article_only(html)
        target = dest / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(cut, encoding="utf-8")
        before, after = before + len(html.encode()), after + len(cut.encode())
    return before, after


def timed_index(site: Path, out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    made = command(site, out, "en", LISTINGS)
    proc = subprocess.Popen(made, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"pagefind failed on {site}")
    return usage.ru_utime + usage.ru_stime


def same_bundle(a: Path, b: Path) -> dict[str, int]:
    names_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = [n for n in names_a & names_b if (a / n).read_bytes() != (b / n).read_bytes()]
    return {"files": len(names_a), "only_one": len(names_a ^ names_b), "differ": len(differ)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (docs/_build/html)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)
    runs: dict[str, list[float]] = {"whole": [], "article": []}
    with tempfile.TemporaryDirectory(prefix="pagefind-input-") as tmp:
        cut = Path(tmp) / "site"
        before, after = cut_site(args.site, cut)
        outs = {"whole": Path(tmp) / "whole", "article": Path(tmp) / "article"}
        sites = {"whole": args.site, "article": cut}
        for _ in range(args.repeat):
            for name in ("article", "whole"):
                runs[name].append(round(timed_index(sites[name], outs[name]), 3))
                print(name, runs[name][-1], flush=True)
        compared = same_bundle(outs["whole"], outs["article"])
    record = {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
            f"CPU seconds of the Pagefind command, each into an empty {BUNDLE}, alternated."
        ),
        "site": str(args.site),
        "pages": len(pages(args.site, LISTINGS)),
        "html_bytes": {"whole": before, "article": after},
        "cpu_s": {name: {"median": statistics.median(r), "runs": r} for name, r in runs.items()},
        "bundles_compared": compared,
        "load_average_end": list(os.getloadavg()),
    }
    write_record(args.results, record)
    print(record["cpu_s"], compared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
