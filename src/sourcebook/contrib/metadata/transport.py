"""Fetching, behind a small interface so that tests answer from recorded responses.

:class:`~sourcebook.contrib.metadata.network.NetworkTransport` is the real thing:
Crossref's REST API through habanero (the maintained Crossref client; DOI
content negotiation for a DOI Crossref does not know), Open Library then
Google Books through isbnlib, and a page through ``urllib`` -- each with a timeout.
:class:`RecordedTransport` answers from a directory of recorded responses
(``index.json`` maps each request to a file or to a failure), through the
same failure messages.  Every failure is a :class:`FetchFailed` whose text
is one line saying what went wrong and what to do.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any, Protocol

TIMEOUT = 15.0
#: a page larger than this is not a page to read metadata from
PAGE_LIMIT = 4 * 1024 * 1024
USER_AGENT = "sourcebook (bibliography metadata; +https://pypi.org/project/sourcebook/)"


class FetchFailed(Exception):
    """A fetch that failed; ``str()`` is the one line to show."""


class Transport(Protocol):
    def doi(self, doi: str) -> tuple[str, Any]:
        """(service, Crossref response body) for *doi*."""

    def isbn(self, isbn: str) -> tuple[str, Any]:
        """(service, ``{"meta": isbnlib's dict, "editions": [ISBN, ...]}``) for *isbn*."""

    def page(self, url: str) -> tuple[str, str]:
        """(address after redirects, HTML text) of *url*."""


def http_failure(status: int, what: str) -> FetchFailed:
    if status == 404:
        return FetchFailed(f"{what}: not found (HTTP 404); check it and try again")
    if status == 429:
        return FetchFailed(f"{what}: rate limited (HTTP 429); wait a minute and try again")
    if status >= 500:
        return FetchFailed(f"{what}: the service failed (HTTP {status}); try again later")
    return FetchFailed(f"{what}: refused (HTTP {status})")


def network_failure(what: str, exc: BaseException) -> FetchFailed:
    """The one line for a failure below HTTP (no network, timeout)."""
    if isinstance(exc, (TimeoutError, socket.timeout)) or any(
        word in str(exc).lower() for word in ("timed out", "timeout")
    ):
        return FetchFailed(f"{what}: no answer within {TIMEOUT:.0f} s; try again later")
    return FetchFailed(f"{what}: cannot connect ({exc}); are you online?")


def not_json(what: str) -> FetchFailed:
    return FetchFailed(f"{what}: the answer was not JSON; the service may be down")


class RecordedTransport:
    """Answers from *directory*/index.json: ``{"doi:…": {"file": …} | {"status": 429} | …}``.

    ``{"error": "timeout"}`` and ``{"error": "offline"}`` stand for the two
    network failures; a file that is not JSON is answered as such.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        try:
            self.index = json.loads((directory / "index.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise FetchFailed(
                f"{directory}/index.json: cannot read the recordings ({exc})"
            ) from None

    def _answer(self, request: str, what: str) -> tuple[dict[str, Any], str]:
        entry = self.index.get(request)
        if not isinstance(entry, dict):
            raise network_failure(what, OSError("no recorded answer"))
        if "status" in entry:
            raise http_failure(int(entry["status"]), what)
        if entry.get("error") == "timeout":
            raise network_failure(what, TimeoutError("timed out"))
        if entry.get("error"):
            raise network_failure(what, OSError(str(entry["error"])))
        return entry, (self.directory / str(entry["file"])).read_text(encoding="utf-8")

    def _json(self, request: str, what: str) -> tuple[dict[str, Any], Any]:
        entry, text = self._answer(request, what)
        try:
            return entry, json.loads(text)
        except ValueError:
            raise not_json(what) from None

    def doi(self, doi: str) -> tuple[str, Any]:
        entry, body = self._json(f"doi:{doi.lower()}", f"DOI {doi}")
        return str(entry.get("service", "crossref")), body

    def isbn(self, isbn: str) -> tuple[str, Any]:
        entry, body = self._json(f"isbn:{isbn}", f"ISBN {isbn}")
        return str(entry.get("service", "openl")), body

    def page(self, url: str) -> tuple[str, str]:
        entry, text = self._answer(f"url:{url}", f"URL {url}")
        return str(entry.get("final", url)), text
