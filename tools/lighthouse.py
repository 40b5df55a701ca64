"""Lighthouse on every page type of the reader's book and the manual, desktop and mobile.

Serves the built book (and the built manual, when given) over http on
localhost, runs the Lighthouse CLI once per page and form factor with Debian's
Chromium, and writes a JSON summary: the four category scores and, for each
page, the audits that did not pass (not the full reports, which are megabytes).

The pages are chosen by type, not by name: the home page, the corpus index, a
collection page, the first document of each collection (one per kind), the
claims, help-wanted, glossary, bibliography and about pages, the general index
and the search page when they exist, and the manual's home page.

Usage::

    python tools/lighthouse.py --book docs/_build/html [--manual docs/_build/manual]
        [--out bench/lighthouse.json] [--lighthouse PATH] [--chromium PATH]

``nox -s lighthouse`` builds both publications and runs this.  Exit status 0
when accessibility is 100 on every page and form factor, 1 otherwise, 2 when
Lighthouse or Chromium is missing.  Performance depends on the machine (the
reports say which); accessibility, best practices and SEO do not.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
#: the book's page types besides the documents (a page that is not built is left out)
FIXED_PAGES = (
    ("home", "index.html"),
    ("corpus index", "corpus/index.html"),
    ("claims", "claims.html"),
    ("help wanted", "helpwanted.html"),
    ("glossary", "glossary.html"),
    ("bibliography", "bibliography.html"),
    ("about", "about.html"),
    ("general index", "genindex.html"),
    ("search", "search.html"),
)
#: audits that fail by design, with the reason (copied into the summary beside the scores)
BY_DESIGN = {
    "is-crawlable": "the search page asks robots not to index it (Sphinx's noindex): "
    "a page of search results is not content",
}
MAIN = re.compile(r'id="furo-main-content".*?</article>', re.S)
LINK = re.compile(r'href="([^"#/]+\.html)"')


def page_types(book: Path) -> list[tuple[str, str]]:
    """(type, path relative to *book*) for each page type the build has."""
    pages = [(kind, path) for kind, path in FIXED_PAGES if (book / path).is_file()]
    collections = sorted((book / "corpus").glob("collection-*.html"))
    if collections:
        pages.insert(2, ("collection", f"corpus/{collections[0].name}"))
    for collection in collections:
        kind = collection.stem.removeprefix("collection-")
        main = MAIN.search(collection.read_text(encoding="utf-8"))
        first = LINK.search(main.group(0)) if main else None
        if first:
            pages.append((f"document ({kind})", f"corpus/{first.group(1)}"))
    return pages


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on an unused localhost port; yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_lighthouse(lighthouse: str, chromium: str, url: str, form: str) -> dict[str, Any]:
    """The Lighthouse report (parsed JSON) of *url* in form factor *form*."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [
            lighthouse,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox",
        ]
        if form == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": chromium}
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        loaded: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
        return loaded


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    """Scores (0-100) per category and the weighted audits that did not pass."""
    categories: dict[str, Any] = report["categories"]
    audits: dict[str, Any] = report["audits"]
    scores = {name: round(float(c["score"] or 0) * 100) for name, c in categories.items()}
    failing: list[dict[str, object]] = []
    for name, category in categories.items():
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            score = audit.get("score")
            if ref["weight"] and score is not None and float(score) < 1:
                failing.append(
                    {
                        "category": name,
                        "audit": ref["id"],
                        "score": score,
                        "value": audit.get("displayValue", ""),
                    }
                )
    metrics = {
        key: audits[key].get("numericValue")
        for key in ("cumulative-layout-shift", "largest-contentful-paint", "total-blocking-time")
        if key in audits
    }
    return {"scores": scores, "metrics": metrics, "not_passed": failing}


def audit_site(
    tools: tuple[str, str], base: str, pages: list[tuple[str, str]], site: str
) -> list[dict[str, Any]]:
    """Run Lighthouse on *pages* of one site in both form factors; print a line each."""
    lighthouse, chromium = tools
    rows: list[dict[str, Any]] = []
    for kind, path in pages:
        for form in FORM_FACTORS:
            summary = summarise(run_lighthouse(lighthouse, chromium, base + path, form))
            rows.append({"site": site, "type": kind, "page": path, "form_factor": form, **summary})
            scores = " ".join(f"{k} {v}" for k, v in summary["scores"].items())
            print(f"{site} {path} [{form}]: {scores}", flush=True)
    return rows


def find_tools(args: argparse.Namespace) -> tuple[str, str] | None:
    """(lighthouse, chromium) executables, or None when either is missing."""
    lighthouse = args.lighthouse or os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    chromium = args.chromium
    if not lighthouse or not Path(lighthouse).exists() or not Path(chromium).exists():
        return None
    return lighthouse, chromium


def versions(tools: tuple[str, str]) -> dict[str, str]:
    def out(command: list[str]) -> str:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip()

    return {"lighthouse": out([tools[0], "--version"]), "chromium": out([tools[1], "--version"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--book", type=Path, required=True, help="the built book (HTML)")
    parser.add_argument("--manual", type=Path, help="the built manual (HTML)")
    parser.add_argument("--out", type=Path, default=Path("bench/lighthouse.json"))
    parser.add_argument("--lighthouse", help="the lighthouse CLI (default: $LIGHTHOUSE, PATH)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    tools = find_tools(args)
    if tools is None:
        print(
            "Lighthouse or Chromium is missing: npm install lighthouse@12.8.2 and give "
            "--lighthouse node_modules/.bin/lighthouse (or set LIGHTHOUSE)",
            file=sys.stderr,
        )
        return 2
    rows: list[dict[str, Any]] = []
    with serve(args.book) as base:
        rows += audit_site(tools, base, page_types(args.book), "book")
    if args.manual:
        with serve(args.manual) as base:
            rows += audit_site(tools, base, [("manual home", "index.html")], "manual")
    summary = {"tools": versions(tools), "by_design": BY_DESIGN, "pages": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    below = [r for r in rows if r["scores"]["accessibility"] < 100]
    print(f"{len(rows)} runs, accessibility below 100 in {len(below)}; summary in {args.out}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
