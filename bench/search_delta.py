"""What a search finds with the delta bundle merged, against a full index of the same site.

A rebuild indexes only the pages changed since the last full index into
``_pagefind_delta/`` (``sphinxext/pagefinddelta.py``); the search page merges
it and drops the full index's results for the pages it replaces.  This
indexes the same site whole into a scratch bundle (``_pagefind_full/``, the
build's own Pagefind command), then for each query runs both in headless
Chromium through Pagefind's API, as the search page does, and compares how
many results each finds, which pages, and the order of the first *K*.

    python bench/search_delta.py SITE [--top K] [--results FILE] WORD [WORD ...]

Without a delta bundle in SITE it compares a full index with itself.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from search_bytes import CHROMIUM, serve  # noqa: E402

from sourcebook.sphinxext.pagefind import BUNDLE, command  # noqa: E402
from sourcebook.sphinxext.pagefinddelta import STATE  # noqa: E402
from sourcebook.sphinxext.pagefindkeep import SIGNATURE  # noqa: E402

FULL = "_pagefind_full"
LISTINGS = frozenset({"glossary.html", "claims.html"})

#: Pagefind's API as the search page uses it (static/sourcebook-search.js): every
#: result's page, in order, after the superseded and repeated ids are dropped
SEARCH = """async ([bundle, state, query]) => {
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.options({ baseUrl: "/" });
  if (state && state.delta) {
    await pagefind.mergeIndex("/" + state.delta, { baseUrl: "/" });
  }
  const drop = new Set((state && state.superseded) || []);
  const seen = new Set();
  const found = (await pagefind.search(query)).results.filter((r) => {
    if (drop.has(r.id) || seen.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
  const pages = await Promise.all(found.map((r) => r.data()));
  return pages.map((page) => page.url);
}"""


def run(browser: Any, base: str, bundle: str, state: object, query: str) -> list[str]:
    page = browser.new_page()  # a new page: Pagefind's module starts afresh
    page.goto(f"{base}genindex.html")  # not the search page, whose script merges too
    urls = page.evaluate(SEARCH, [f"/{bundle}/", state, query])
    page.close()
    return [str(url) for url in urls]


def compare(merged: list[str], full: list[str], delta: set[str], top: int) -> dict[str, Any]:
    return {
        "results": [len(merged), len(full)],
        "same_pages": sorted(merged) == sorted(full),
        "repeated": len(merged) - len(set(merged)),
        f"same_first_{top}": merged[:top] == full[:top],
        f"first_{top}_in_both": len(set(merged[:top]) & set(full[:top])),
        "delta_pages_rank": {
            url: [merged.index(url), full.index(url) if url in full else None]
            for url in merged
            if url in delta
        },
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("words", nargs="+")
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args(argv)
    site = args.site.resolve()
    state = json.loads((site / BUNDLE / STATE).read_text(encoding="utf-8"))
    delta = delta_urls(site / state["delta"]) if state["delta"] else set()
    shutil.rmtree(site / FULL, ignore_errors=True)
    subprocess.run(command(site, site / FULL, "en", LISTINGS), check=True, capture_output=True)
    report: dict[str, Any] = {"site": str(site), "state": state, "queries": {}}
    try:
        with sync_playwright() as p, serve(site) as base:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for word in args.words:
                merged = run(browser, base, BUNDLE, state, word)
                full = run(browser, base, FULL, None, word)
                report["queries"][word] = compare(merged, full, delta, args.top)
            browser.close()
    finally:
        shutil.rmtree(site / FULL, ignore_errors=True)
    text = json.dumps(report, indent=1)
    if args.results:
        args.results.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def delta_urls(delta: Path) -> set[str]:
    """The URL of every page of the delta bundle, from its fragments."""
    found = set()
    for fragment in (delta / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(SIGNATURE)
        found.add(str(json.loads(data)["url"]))
    return found


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
