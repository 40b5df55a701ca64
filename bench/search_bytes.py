"""Bytes a reader downloads for a first search, measured in headless Chromium.

Serves a built HTML site on localhost, opens its search page with a query
(``search.html?q=WORD``, as the theme's search box does), waits for results and
adds up the bodies of every response the page fetched: the page itself, its
scripts and styles, and the search index (Sphinx's whole ``searchindex.js``, or
the Pagefind entry, index chunks and fragments the query needed).  Also says
whether search works when the page is opened from disk (``file://``).

    python bench/search_bytes.py SITE WORD [WORD ...]   # prints JSON
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Response, sync_playwright

CHROMIUM = "/usr/bin/chromium"
RESULT = ".sourcebook-search-results li, #search-results li"


@contextmanager
def serve(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def first_search(page: Page, url: str) -> dict[str, Any]:
    """Open *url*; the bytes of every response until the first results show."""
    sizes: dict[str, int] = {}

    def record(response: Response) -> None:
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # a redirect or an aborted response has no body
            sizes.setdefault(response.url, 0)

    page.on("response", record)
    page.goto(url)
    page.wait_for_selector(RESULT, timeout=60_000)
    # Sphinx's search page goes on fetching every result's page for its summary
    page.wait_for_load_state("networkidle", timeout=900_000)
    results = page.locator(RESULT)
    first = results.first.inner_text() if results.count() else ""
    page.remove_listener("response", record)
    index = {u: n for u, n in sizes.items() if "_pagefind" in u or "searchindex" in u}
    return {
        "bytes": sum(sizes.values()),
        "index_bytes": sum(index.values()),
        "requests": len(sizes),
        "results": results.count(),
        "first_result": first[:300],
        # what the bytes are, largest first: where a cut would count
        "largest": {
            url.removeprefix(page.url.split("search.html")[0]): n
            for url, n in sorted(sizes.items(), key=lambda item: -item[1])[:12]
        },
    }


def from_disk(page: Page, site: Path, word: str) -> dict[str, Any]:
    """Whether search shows results for a page opened as a file."""
    page.goto((site / "search.html").as_uri() + f"?q={word}")
    page.wait_for_timeout(3000)
    offline = page.locator("#sourcebook-search-offline")
    return {
        "results": page.locator(RESULT).count(),
        "says_serve": offline.count() > 0 and offline.is_visible(),
    }


def main(argv: list[str]) -> int:
    site, words = Path(argv[0]).resolve(), argv[1:]
    report: dict[str, Any] = {"site": str(site), "searches": {}}
    with sync_playwright() as p, serve(site) as base:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for word in words:
            page = browser.new_page()  # a new page each time: nothing cached
            report["searches"][word] = first_search(page, f"{base}search.html?q={word}")
            page.close()
        page = browser.new_page()
        report["file_url"] = from_disk(page, site, words[0])
        browser.close()
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
