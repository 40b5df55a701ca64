"""The real fetches: Crossref (habanero) and DOI content negotiation, isbnlib, and pages.

Kept apart from :mod:`sourcebook.contrib.metadata.transport` (the interface, the
recorded answers and the failure messages), which the network modules use:
this module sits above them.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

from sourcebook.contrib.metadata.netdoi import doi_metadata
from sourcebook.contrib.metadata.netisbn import isbn_metadata
from sourcebook.contrib.metadata.transport import (
    PAGE_LIMIT,
    TIMEOUT,
    USER_AGENT,
    FetchFailed,
    http_failure,
    network_failure,
)


class NetworkTransport:
    """The real fetches, each with a timeout (the command modules import this lazily)."""

    def __init__(self, timeout: float = TIMEOUT) -> None:
        self.timeout = timeout

    def doi(self, doi: str) -> tuple[str, Any]:
        return doi_metadata(doi, self.timeout)

    def isbn(self, isbn: str) -> tuple[str, Any]:
        return isbn_metadata(isbn, self.timeout)

    def page(self, url: str) -> tuple[str, str]:
        what = f"URL {url}"
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                kind = response.headers.get_content_type()
                if kind not in ("text/html", "application/xhtml+xml"):
                    raise FetchFailed(f"{what}: not an HTML page ({kind})")
                data = response.read(PAGE_LIMIT + 1)
                charset = response.headers.get_content_charset() or "utf-8"
                final = response.geturl()
        except urllib.error.HTTPError as exc:
            raise http_failure(exc.code, what) from None
        except (urllib.error.URLError, OSError) as exc:
            raise network_failure(what, getattr(exc, "reason", exc)) from None
        if len(data) > PAGE_LIMIT:
            raise FetchFailed(f"{what}: the page is larger than {PAGE_LIMIT // 1048576} MiB")
        return final, data.decode(charset, errors="replace")
