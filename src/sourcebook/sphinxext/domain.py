"""The claims domain: every claim of every page, keyed by docname.

Modelled on ``sphinx.ext.todo``: roles add entries while a page is read,
``clear_doc`` forgets a re-read page, ``merge_domaindata`` joins the
results of parallel readers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Set
from sys import intern
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment


class ClaimEntry(NamedTuple):
    #: page that holds the claim
    docname: str
    #: document slug and claim id, e.g. ("awl-wikipedia", "ref-5")
    document: str
    claim: str
    #: seed line of the marker
    line: int
    #: claim text, markers removed
    text: str
    markers: tuple[str, ...]
    flags: tuple[str, ...]
    sources: tuple[str, ...]
    status: str
    #: id of the anchor in the page, for backlinks
    target: str
    #: seed file, for "line N of seeds/x.txt"
    seed: str


class ClaimsDomain(Domain):
    name = "claims"
    label = "Claims"
    initial_data = {"claims": {}, "lists": set(), "notes": {}, "reads": {}, "titled": {}}  # noqa: RUF012
    #: 3: ``reads``, the pages whose lists are made while they are read (:mod:`.aggregates`);
    #: 4: ``titled``, the pages whose titles a page shows (:mod:`.titled`)
    data_version = 4

    @property
    def claims(self) -> dict[str, list[ClaimEntry]]:
        return self.data.setdefault("claims", {})  # type: ignore[no-any-return]

    @property
    def lists(self) -> set[str]:
        return self.data.setdefault("lists", set())  # type: ignore[no-any-return]

    @property
    def reads(self) -> dict[str, dict[str, str]]:
        """docname -> kind of list made while it was read -> a digest of the list's data."""
        return self.data.setdefault("reads", {})  # type: ignore[no-any-return]

    def note_read(self, docname: str, kind: str, digest: str) -> None:
        """Page *docname* shows a list of *kind*, made while it was read from data of *digest*."""
        self.reads.setdefault(docname, {})[kind] = digest

    @property
    def titled(self) -> dict[str, tuple[str, ...]]:
        """docname -> the pages whose titles it shows through references (:mod:`.titled`)."""
        return self.data.setdefault("titled", {})  # type: ignore[no-any-return]

    @property
    def notes(self) -> dict[str, dict[str, str]]:
        """docname -> footnote name (``m-4``) -> the note number the page shows."""
        return self.data.setdefault("notes", {})  # type: ignore[no-any-return]

    def note_number(self, docname: str, marker: str) -> str:
        """The page's number for *marker*'s note, or the marker itself when unknown."""
        name = "m-" + marker.replace(".", "-")
        return self.notes.get(docname, {}).get(name, marker.split(".")[-1])

    def add_claim(self, entry: ClaimEntry) -> None:
        # the strings every claim of a page (or of the corpus) repeats are interned: one
        # object each in memory and, through the pickle's memo, in the saved environment
        entry = entry._replace(
            docname=intern(entry.docname),
            document=intern(entry.document),
            status=intern(entry.status),
            seed=intern(entry.seed),
            flags=tuple(map(intern, entry.flags)),
        )
        self.claims.setdefault(entry.docname, []).append(entry)

    def all_claims(self) -> Iterable[ClaimEntry]:
        for docname in sorted(self.claims):
            yield from self.claims[docname]

    def clear_doc(self, docname: str) -> None:
        self.claims.pop(docname, None)
        self.lists.discard(docname)
        self.notes.pop(docname, None)
        self.reads.pop(docname, None)
        self.titled.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["claims"]:
                self.claims[docname] = otherdata["claims"][docname]
            if docname in otherdata["lists"]:
                self.lists.add(docname)
            if docname in otherdata.get("notes", {}):
                self.notes[docname] = otherdata["notes"][docname]
            if docname in otherdata.get("reads", {}):
                self.reads[docname] = otherdata["reads"][docname]
            if docname in otherdata.get("titled", {}):
                self.titled[docname] = otherdata["titled"][docname]

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []


def digest_of(value: object) -> str:
    """A short hash of *value*'s ``repr`` (tuples, strings, numbers: a stable text)."""
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()[:24]


def get_domain(env: BuildEnvironment) -> ClaimsDomain:
    domain = env.get_domain("claims")
    assert isinstance(domain, ClaimsDomain)
    return domain
