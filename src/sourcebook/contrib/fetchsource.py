"""A bibliography entry from a DOI, an ISBN or a URL: fetched, checked, then written.

``sourcebook source add --doi|--isbn|--url`` adds the entry; ``sourcebook
cite SLUG/MARKER --doi …`` adds it and cites it in one step (see
:mod:`sourcebook.contrib.cite`).  The fetch is recorded as JSON beside the entry
(:data:`RECORDS`) and ``sourcebook source verify`` re-derives every entry
from its record, offline, and compares.  Nothing is written when the fetch
fails, when the response holds text that cannot be made safe, or when the
entry fails the bibliography check.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from sourcebook.check.bibfile import check_bib_text
from sourcebook.contrib.metadata.clean import Unusable
from sourcebook.contrib.metadata.entry import Entry, Writer, to_bibtex, write_bibtex
from sourcebook.contrib.metadata.isbn import normal_isbn
from sourcebook.contrib.metadata.keys import new_key
from sourcebook.contrib.metadata.record import Record, derive
from sourcebook.contrib.metadata.transport import FetchFailed, Transport
from sourcebook.core.diagnostics import Code, Diagnostic, Severity
from sourcebook.core.urls import url_problem
from sourcebook.corpus.bibliography import Bibliography
from sourcebook.corpus.projectbib import load_project_bibliography
from sourcebook.inputs import layout
from sourcebook.writers import UnwritableValue

#: the bibliography's folder: a fetched entry's JSON record lives beside its ``<key>.bib``
RECORDS = Path(layout.REFERENCES)
#: what a refusal about the bibliography as a whole points at
BIB = f"{layout.REFERENCES}/"
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")


class Unfetchable(Exception):
    """A request refused before any fetch; ``str()`` is the one line to show."""


def record_path(key: str) -> Path:
    return Path(layout.record_of(key))


@dataclass(frozen=True, slots=True)
class Request:
    kind: str  # doi, isbn or url
    value: str

    def normalised(self) -> str:
        """The identifier as fetched; raises :class:`Unfetchable` when it cannot be."""
        value = self.value.strip()
        if self.kind == "doi":
            for prefix in _DOI_PREFIXES:
                if value.lower().startswith(prefix):
                    value = value[len(prefix) :]
            if not _DOI.fullmatch(value):
                raise Unfetchable(f"DOI {self.value}: not a DOI; write it as 10.NNNN/suffix")
            return value
        if self.kind == "isbn":
            isbn = normal_isbn(value)
            if isbn is None:
                raise Unfetchable(f"ISBN {self.value}: not a valid ISBN (check digit)")
            return isbn
        problem = url_problem(value)
        if problem:
            raise Unfetchable(f"URL {self.value}: {problem}")
        return value


def fetch_record(request: Request, transport: Transport, accessed: str) -> Record:
    """Fetch and record; raises :class:`FetchFailed` or :class:`Unfetchable`."""
    asked = request.normalised()
    if request.kind == "doi":
        service, body = transport.doi(asked)
        return Record("doi", asked, accessed, service, body)
    if request.kind == "isbn":
        service, body = transport.isbn(asked)
        return Record("isbn", asked, accessed, service, body)
    from sourcebook.contrib.metadata.webpage import extract

    final, html_text = transport.page(asked)
    problem = url_problem(final)
    if problem:
        raise FetchFailed(f"URL {asked}: redirected to an address that is refused ({problem})")
    return Record("url", final, accessed, "page", extract(html_text, final))


@dataclass
class Addition:
    """A new entry ready to stage (or the key that already holds the same work)."""

    key: str
    bibtex: str = ""
    files: dict[Path, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    entry: Entry | None = None


def _same_work(bib: Bibliography, entry: Entry) -> str | None:
    for key, source in bib.sources.items():
        if entry.doi and (source.get("doi") or "").lower() == entry.doi.lower():
            return key
        if entry.isbn and normal_isbn(source.get("isbn") or "") == entry.isbn:
            return key
        if entry.url and not entry.doi and source.get("url") == entry.url:
            return key
    return None


def refusal(where: str, message: str) -> Diagnostic:
    return Diagnostic(where, 1, 1, Code.WRITE_REFUSED, message)


def build_addition(record: Record, bib: Bibliography, writer: Writer = write_bibtex) -> Addition:
    """The entry *record* yields, keyed and checked; raises :class:`Rejected`."""
    what = f"{record.kind.upper() if record.kind != 'url' else 'URL'} {record.asked}"
    try:
        entry = derive(record)
    except Unusable as exc:
        raise Rejected([refusal(BIB, f"{what} ({record.service}): {exc}")]) from None
    same = _same_work(bib, entry)
    if same:
        return Addition(same, lines=[f"{what} is already in {BIB} as {same}"])
    key = new_key(entry, bib.sources)
    try:
        text = to_bibtex(entry, key, writer)
    except UnwritableValue as exc:
        raise Rejected([refusal(BIB, f"{what} ({record.service}): {exc}")]) from None
    checked = check_bib_text(text + "\n", f"{what} as {key}")
    errors = [d for d in checked.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise Rejected(
            [
                refusal(
                    record_path(key).as_posix(),
                    f"{what}: the entry would fail the check: {d.code.id} {d.message}",
                )
                for d in errors
            ]
        )
    lines = [f"{what}: fetched from {record.service} as @{entry.type}{{{key}}}"]
    lines += [f"{what}: {note}" for note in entry.notes]
    files = {record_path(key): record.to_json()}
    return Addition(key, text, files, lines, entry)


class Rejected(Exception):
    """Located diagnostics; nothing was written."""

    def __init__(self, diags: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diags))
        self.diags = diags


def today() -> str:
    return datetime.datetime.now(datetime.UTC).date().isoformat()


def prepare(
    root: Path,
    request: Request,
    transport: Transport,
    accessed: str | None = None,
    writer: Writer = write_bibtex,
) -> Addition:
    """Fetch *request* and build its entry against the project's bibliography."""
    record = fetch_record(request, transport, accessed or today())
    bib, _ = load_project_bibliography(root)
    return build_addition(record, bib, writer)
