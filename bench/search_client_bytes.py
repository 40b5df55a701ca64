"""What the shard search page downloads for each query, on a built site, from ``file://``.

The page is the search page's own script (``static/sourcebook-terms.js`` and
``static/sourcebook-shards.js``) in a minimal page written into *OUT*, with the
index in *OUT*/``_search/`` (made by the indexer beforehand) and the result
links pointing into *SITE*, which is only read.  Each query is opened in
Chromium as ``search.html?q=...``; the index files the page inserted
(``window.sourcebookSearch.loaded()``) are summed by their size on disk.

    python bench/search_client_bytes.py SITE OUT harbour "the of and" parl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from urllib.parse import quote

STATIC = Path(__file__).resolve().parents[1] / "src" / "sourcebook" / "sphinxext" / "static"
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Search</title></head><body>
<form id="sourcebook-search" data-index="_search/" data-root="{root}">
<input id="sourcebook-search-input" type="search" name="q">
<p role="status" aria-live="polite"></p><ol class="sourcebook-search-results"></ol>
<button type="button" class="sourcebook-search-more" hidden>More</button></form>
<script src="{terms}"></script><script src="{shards}"></script></body></html>
"""
DONE = (
    "() => { const s = document.querySelector('[role=status]').textContent;"
    " return s !== '' && !s.startsWith('Searching'); }"
)


def measure(site: Path, out: Path, queries: list[str]) -> list[dict[str, object]]:
    from playwright.sync_api import sync_playwright

    page_file = out / "search.html"
    page_file.write_text(
        PAGE.format(
            root=site.resolve().as_uri() + "/",
            terms=(STATIC / "sourcebook-terms.js").as_uri(),
            shards=(STATIC / "sourcebook-shards.js").as_uri(),
        ),
        encoding="utf-8",
    )
    rows: list[dict[str, object]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        tab = browser.new_page()
        for query in queries:
            tab.goto(f"{page_file.as_uri()}?q={quote(query)}")
            tab.wait_for_function(DONE, timeout=60_000)
            loaded = tab.evaluate("window.sourcebookSearch.loaded()")
            prefix = out.resolve().as_uri() + "/"
            sizes = [(out / url.removeprefix(prefix)).stat().st_size for url in loaded]
            rows.append(
                {
                    "query": query,
                    "files": len(loaded),
                    "shards": sum("/_search/s/" in url for url in loaded),
                    "bytes": sum(sizes),
                    "status": tab.locator("[role=status]").inner_text(),
                    "first": tab.locator(".sourcebook-search-results li").first.inner_text()[:80]
                    if tab.locator(".sourcebook-search-results li").count()
                    else "",
                }
            )
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built HTML site (read only)")
    parser.add_argument("out", type=Path, help="the folder holding _search/ (the page goes here)")
    parser.add_argument("queries", nargs="+")
    args = parser.parse_args()
    for row in measure(args.site, args.out, args.queries):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
