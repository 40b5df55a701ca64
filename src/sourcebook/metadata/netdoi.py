"""A Crossref work through habanero, its failures as one line each."""

from __future__ import annotations

from typing import Any

from sourcebook.metadata.transport import FetchFailed, http_failure, network_failure, not_json


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
    except FetchFailed:
        raise
