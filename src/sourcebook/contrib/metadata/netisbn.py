"""An ISBN's metadata through isbnlib (Open Library, then Google Books), and its editions."""

from __future__ import annotations

from typing import Any

from sourcebook.contrib.metadata.transport import FetchFailed, http_failure, network_failure

SERVICES = ("openl", "goob")


def _status(message: str) -> int:
    """isbnlib reports HTTP errors as text: ``(404) Not Found``, ``429 Are you making…``."""
    digits = "".join(c for c in message.lstrip("( ")[:3] if c.isdigit())
    return int(digits) if len(digits) == 3 else 0


def isbn_metadata(isbn: str, timeout: float) -> tuple[str, Any]:
    """(service, {"meta": ..., "editions": [...]}); the first service that knows the book."""
    import isbnlib
    from isbnlib.dev import _exceptions as errors

    isbnlib.config.seturlopentimeout(timeout)
    what = f"ISBN {isbn}"
    for service in SERVICES:
        try:
            meta = isbnlib.meta(isbn, service=service)
        except errors.DataNotFoundAtServiceError:
            continue
        except errors.ISBNLibHTTPError as exc:
            raise http_failure(_status(str(exc)), what) from None
        except (errors.ISBNLibURLError, errors.ServiceIsDownError) as exc:
            raise network_failure(what, exc) from None
        except errors.ISBNLibDevException as exc:
            raise FetchFailed(f"{what}: {service} answered something unreadable ({exc})") from None
        if meta:
            try:
                editions = list(isbnlib.editions(isbn, service="openl"))
            except errors.ISBNLibDevException:
                editions = []  # the editions are advice; the metadata stands without them
            return service, {"meta": meta, "editions": editions}
    raise http_failure(404, what)
