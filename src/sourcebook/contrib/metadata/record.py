"""The record of a fetch: what was asked, when, from which service, and what came back.

It is kept as a small JSON file beside the entry so that a reviewer (or CI)
re-derives the entry offline with :func:`derive` and sees that it is what
the service said.  ``version`` changes whenever a field changes meaning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sourcebook.contrib.metadata.clean import Unusable
from sourcebook.contrib.metadata.crossref import crossref_entry
from sourcebook.contrib.metadata.entry import Entry
from sourcebook.contrib.metadata.isbn import isbn_entry
from sourcebook.contrib.metadata.webpage import page_entry

VERSION = 1
KINDS = ("doi", "isbn", "url")


@dataclass(frozen=True, slots=True)
class Record:
    kind: str
    #: the DOI, ISBN or address asked for (for a page: the address after redirects)
    asked: str
    #: the access date, YYYY-MM-DD (UTC)
    accessed: str
    #: where the answer came from: crossref, openl, goob, the page
    service: str
    #: the response: Crossref's body, isbnlib's metadata and editions, or the page's metadata
    response: Any

    def to_json(self) -> str:
        data = {
            "version": VERSION,
            "kind": self.kind,
            "asked": self.asked,
            "accessed": self.accessed,
            "service": self.service,
            "response": self.response,
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def load_record(text: str) -> Record:
    """A record from its JSON text; raises :class:`Unusable` on a wrong shape."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unusable(f"line {exc.lineno}", f"not JSON ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise Unusable("/version", f"not a version {VERSION} fetch record")
    if data.get("kind") not in KINDS:
        raise Unusable("/kind", f"kind must be one of {', '.join(KINDS)}")
    for name in ("asked", "accessed", "service"):
        if not isinstance(data.get(name), str):
            raise Unusable(f"/{name}", "missing or not a string")
    return Record(data["kind"], data["asked"], data["accessed"], data["service"], data["response"])


def derive(record: Record) -> Entry:
    """The entry *record* yields (the same code that wrote it); raises :class:`Unusable`."""
    if record.kind == "doi":
        return crossref_entry(record.response, record.asked, record.accessed)
    if record.kind == "isbn":
        return isbn_entry(record.response, record.asked, record.accessed)
    return page_entry(record.response, record.asked, record.accessed)
