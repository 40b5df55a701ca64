"""A DOI's metadata: Crossref's REST API through habanero, else DOI content negotiation.

Crossref registers most DOIs of papers and books; a DOI another agency
registered (DataCite for data sets and reports, mEDRA ...) is unknown to
its API (404), so the resolver is asked for CSL-JSON instead -- the content
negotiation every registration agency supports.  Each failure is one line.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from sourcebook.contrib.metadata.transport import (
    USER_AGENT,
    FetchFailed,
    http_failure,
    network_failure,
    not_json,
)

#: where content negotiation is asked (a test points it at a local server)
RESOLVER = "https://doi.org/"
CSL_JSON = "application/vnd.citationstyles.csl+json"


def crossref_work(doi: str, timeout: float) -> Any:
    """Crossref's response body for *doi* (``{"status": "ok", "message": {...}}``)."""
    import habanero
    import httpx2  # habanero's HTTP client

    what = f"DOI {doi}"
    try:
        return habanero.Crossref(timeout=timeout, ua_string="sourcebook").works(ids=doi)
    except httpx2.HTTPStatusError as exc:
        raise http_failure(exc.response.status_code, what) from None
    except habanero.RequestError as exc:
        status = exc.status_code if isinstance(exc.status_code, int) else 0
        raise (http_failure(status, what) if status >= 400 else not_json(what)) from None
    except httpx2.HTTPError as exc:
        raise network_failure(what, exc) from None
    except ValueError:
        raise not_json(what) from None


def negotiated_csl(doi: str, timeout: float) -> Any:
    """The CSL-JSON item the DOI resolver gives for *doi*."""
    what = f"DOI {doi}"
    url = RESOLVER + urllib.parse.quote(doi, safe="/")
    request = urllib.request.Request(url, headers={"Accept": CSL_JSON, "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(1024 * 1024)
    except urllib.error.HTTPError as exc:
        raise http_failure(exc.code, what) from None
    except (urllib.error.URLError, OSError) as exc:
        raise network_failure(what, getattr(exc, "reason", exc)) from None
    try:
        return json.loads(data)
    except ValueError:
        raise not_json(what) from None


def doi_metadata(doi: str, timeout: float) -> tuple[str, Any]:
    """(service, body): Crossref first; the resolver's CSL-JSON when Crossref knows no such DOI."""
    try:
        return "crossref", crossref_work(doi, timeout)
    except FetchFailed as failed:
        if "HTTP 404" not in str(failed):
            raise
    return "doi.org (CSL-JSON)", negotiated_csl(doi, timeout)
