"""Per-document verdicts of the checker, kept between runs under a hash of exactly their inputs.

Most of what ``sourcebook check`` (and the build's gate) finds is about one
document: its seed's reading and parse problems, its ``sha256``, its markers
against its apparatus, its claims' sources, statuses and independence, its
title line, the markup and links of its two files.  That verdict depends only on

* the seed's bytes,
* the document's entry as loaded (``document.toml`` and ``apparatus.toml``,
  every value and position: ``repr`` of the :class:`DocumentEntry`),
* its subject's outlets (or none),
* for each key it cites (and its ``bibkey``): whether the bibliography defines
  it, whether that entry is broken, and the entry's fields,
* the code (the records' directory is named by the code version) and the
  public-suffix list's version (independence verdicts read it),

so it is kept under a hash of those (:class:`~sourcebook.corpus.folders.FolderRecords`,
kind ``unit``).  A run reads every seed (the key needs its bytes) and replays the
verdict of every document whose inputs are unchanged: no parse, no record
decoded twice, no rule run.  What joins documents -- look-alike slugs,
undefined and unused keys, one contradiction per entry and subject, one
"independence unknown" per entry and subject, the bibliography's and the
entities' own rules, the ratchet's counts -- is computed on every run from the
verdicts and the bibliography, so a kept verdict can never stand in for
another document's change.  Nothing else is cached: what a verdict holds
equals what the rules say when run on the document from scratch
(``tests/test_check_units.py`` edits every kind of input and compares with a
check without caches).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from sourcebook.check.audit import (
    MarkerRecord,
    document_markers,
    document_warnings,
    entry_urls,
    mapping_audit,
    seed_path,
)
from sourcebook.check.evidence import Contradiction, document_independence, document_layout
from sourcebook.check.renderrules import entry_render_rules
from sourcebook.core.diagnostics import Diagnostic
from sourcebook.corpus.bibliography import Bibliography
from sourcebook.corpus.cache import ParseCache
from sourcebook.corpus.folders import FolderRecords
from sourcebook.corpus.independence import Outlets, classify
from sourcebook.corpus.load import ClaimRecord, CorpusDocument, Loaders, load_document
from sourcebook.corpus.manifest import DocumentEntry, Manifest
from sourcebook.corpus.projectbib import Parts
from sourcebook.corpus.texcache import library_versions
from sourcebook.inputs.paths import SEED_MAX_BYTES, PathProblem
from sourcebook.inputs.source import SourceText, sha256_of
from sourcebook.model import KINDS, Claim, Document
from sourcebook.model.jsondata import BadData, diagnostic_from_data, diagnostic_to_data

#: bump when the shape of a kept verdict changes
FORMAT = 1
#: libraries whose answers a verdict holds (independence reads the public-suffix list)
LIBRARIES = ("publicsuffixlist",)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the checker says about one document of the manifest."""

    #: the document as the rules read it (``None``: its seed could not be read)
    document: CorpusDocument | None
    #: the loader's problems (reading, sha256, parse)
    load: tuple[Diagnostic, ...]
    #: the per-document rules' findings
    rules: tuple[Diagnostic, ...]
    #: markers with no apparatus entry: left out when the apparatus did not load whole
    unmapped: tuple[Diagnostic, ...]
    markers: tuple[MarkerRecord, ...]
    #: cited key -> the contradiction its ``affiliation`` field makes for the subject
    contradictions: dict[str, str] = field(default_factory=dict)


def _compute(
    root: Path,
    manifest: Manifest,
    bib: Bibliography,
    entry: DocumentEntry,
    outlets: dict[str, Outlets],
    parser: ParseCache | None,
    loaders: Loaders | None,
) -> Verdict:
    """The verdict, from the files (through the loaders' own kept results)."""
    doc, diags = load_document(root, manifest, bib, entry, outlets, parser, loaders)
    rules = entry_urls(entry) + entry_render_rules(entry)
    if doc is None:
        return Verdict(None, tuple(diags), tuple(rules), (), ())
    found, unmapped = mapping_audit(doc)
    rules += found + document_warnings(doc, bib) + document_layout(doc)
    rules += document_independence(doc, outlets)
    own = outlets.get(entry.subject or "")
    contradictions: dict[str, str] = {}
    if own is not None:
        for record in doc.claims:
            for key in record.sources:
                said = classify(bib.sources[key].fields, own).contradiction
                if said:
                    contradictions[key] = said
    markers = tuple(document_markers(doc, bib))
    return Verdict(doc, tuple(diags), tuple(rules), tuple(unmapped), markers, contradictions)


def unit_key(
    entry: DocumentEntry,
    data: bytes,
    bib: Bibliography,
    outlets: dict[str, Outlets],
    seed_sha: str | None = None,
) -> str:
    """The key of a document's verdict: a hash of everything it depends on (*seed_sha*:
    the sha256 of *data*, if already known)."""
    subject = outlets.get(entry.subject) if entry.subject else None
    cited = {k for c in entry.citations for k in c.keys}
    cited |= {entry.bibkey} if entry.bibkey else set()
    facts = [
        (
            key,
            key in bib.sources,
            key in bib.broken,
            sorted(bib.sources[key].fields.items()) if key in bib.sources else None,
        )
        for key in sorted(cited)
    ]
    identity = repr((FORMAT, _libraries(), entry, subject, facts))
    digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass"))
    digest.update((seed_sha or sha256_of(data)).encode())
    return "unit:" + digest.hexdigest()


@cache
def _libraries() -> str:
    return library_versions(LIBRARIES)


@cache
def _tex_libraries() -> str:
    return library_versions(("pybtex", "latexcodec"))


class Units:
    """The verdicts of one run, kept in the project's folder records."""

    def __init__(self, records: FolderRecords) -> None:
        self.records = records
        #: slug -> verdict, in manifest order
        self.verdicts: dict[str, Verdict] = {}

    def loaders(self) -> Loaders:
        """The records' loaders, with each document's verdict kept or made here."""
        return replace(self.records.loaders(), document=self.load)

    def load(
        self,
        root: Path,
        manifest: Manifest,
        bib: Bibliography,
        entry: DocumentEntry,
        outlets: dict[str, Outlets],
        parser: ParseCache | None,
        loaders: Loaders | None,
    ) -> tuple[CorpusDocument | None, list[Diagnostic]]:
        """:func:`load_document`, the document's verdict kept or made on the way."""
        files = replace(loaders, document=None) if loaders else None

        def compute() -> Verdict:
            return _compute(root, manifest, bib, entry, outlets, parser, files)

        data = self.records.read(root / "seeds", entry.file, SEED_MAX_BYTES)
        if isinstance(data, PathProblem):
            verdict = compute()  # read the slow way, which says why; not kept
        else:
            sha = sha256_of(data)  # once: the key and the kept document's text both need it
            key = unit_key(entry, data, bib, outlets, sha)
            verdict = self.records.kept(
                key, compute, _to_data, lambda kept: _from_data(kept, entry, data, sha)
            )
            # the seed's own record stays for the next reader that needs it (the pages)
            self.records.carry(self.records.seed_key(entry, data))
        self.verdicts[entry.slug] = verdict
        return verdict.document, list(verdict.load)

    def bibliography(
        self, bib: Bibliography, compute: Callable[[], list[Diagnostic]]
    ) -> list[Diagnostic]:
        """The bibliography's own rules (*compute*), kept under a hash of its joined files.

        Entry rules, TeX verdicts, the data models' rules: functions of the joined
        text, the files it was joined from and where each starts (the findings
        are moved back to them), and pybtex's and latexcodec's versions.
        """
        parts = bib.parts
        if not isinstance(parts, Parts):
            return compute()
        identity = repr((FORMAT, _tex_libraries(), parts.paths, parts.starts))
        digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass"))
        digest.update(parts.text.encode("utf-8", "surrogatepass"))
        return self.records.kept(
            "bibliography:" + digest.hexdigest(),
            compute,
            lambda diags: [diagnostic_to_data(d) for d in diags],
            lambda kept: [diagnostic_from_data(d) for d in kept],
        )

    def findings(self, failed: set[str]) -> list[Diagnostic]:
        """Every per-document finding; unmapped markers unless the apparatus failed."""
        diags: list[Diagnostic] = []
        for verdict in self.verdicts.values():
            diags.extend(verdict.rules)
            doc = verdict.document
            if doc is not None and doc.entry.apparatus_path not in failed:
                diags.extend(verdict.unmapped)
        return diags

    def markers(self) -> tuple[MarkerRecord, ...]:
        """Every marker of every readable seed, in text order (the manifest's order)."""
        return tuple(m for v in self.verdicts.values() for m in v.markers)

    def contradiction(self) -> Contradiction:
        """The kept contradictions, for :func:`sourcebook.check.evidence.contradictions`."""
        return lambda doc, key, own: self.verdicts[doc.entry.slug].contradictions.get(key, "")


def _diags(items: tuple[Diagnostic, ...]) -> list[Any]:
    return [diagnostic_to_data(d) for d in items]


def _to_data(verdict: Verdict) -> Any:
    doc = verdict.document
    light = None
    if doc is not None:
        claims = [
            [c.id, c.line, c.text, list(c.markers), list(c.flags)] for c in doc.document.claims
        ]
        records = [
            [list(r.sources), r.independence, r.status, r.inferred, r.reasons] for r in doc.claims
        ]
        light = [doc.document.kind, doc.document.title, claims, doc.flag_lines(), records]
    return {
        "document": light,
        "load": _diags(verdict.load),
        "rules": _diags(verdict.rules),
        "unmapped": _diags(verdict.unmapped),
        "markers": [[m.label, m.line, list(m.keys), m.inferred] for m in verdict.markers],
        "contradictions": verdict.contradictions,
    }


def _strings(data: Any) -> dict[str, str]:
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise BadData("not a table of strings")
    return data


def _document(data: Any, entry: DocumentEntry, raw: bytes, sha: str) -> CorpusDocument:
    kind, title, claims, flags, records = data
    if kind not in KINDS or not (title is None or isinstance(title, str)):
        raise BadData("not a document's kind and title")
    kept = tuple(
        Claim(str(i), int(line), str(text), tuple(map(str, markers)), tuple(map(str, flags)))
        for i, line, text, markers, flags in claims
    )
    if len(records) != len(kept) or not all(isinstance(v, int) for v in flags.values()):
        raise BadData("a record for each claim, and lines for flags")
    document = Document(kind, title, None, None, None, None, (), kept, (), ())
    made = tuple(
        ClaimRecord(
            entry.slug,
            claim,
            tuple(map(str, sources)),
            _strings(independence),
            str(status),
            bool(inferred),
            _strings(reasons),
        )
        for claim, (sources, independence, status, inferred, reasons) in zip(
            kept, records, strict=True
        )
    )
    # the text is the bytes the key hashed: the kept verdict found them readable
    source = SourceText(seed_path(entry), raw.decode("utf-8"), sha)
    return CorpusDocument(entry, source, document, made, {str(k): v for k, v in flags.items()})


def _from_data(data: Any, entry: DocumentEntry, raw: bytes, sha: str) -> Verdict:
    doc = _document(data["document"], entry, raw, sha) if data["document"] is not None else None
    markers = tuple(
        MarkerRecord(
            entry.slug, str(label), seed_path(entry), int(line), tuple(map(str, keys)), inferred
        )
        for label, line, keys, inferred in data["markers"]
    )
    if not all(isinstance(m.inferred, bool) for m in markers):
        raise BadData("inferred is a boolean")
    return Verdict(
        doc,
        tuple(diagnostic_from_data(d) for d in data["load"]),
        tuple(diagnostic_from_data(d) for d in data["rules"]),
        tuple(diagnostic_from_data(d) for d in data["unmapped"]),
        markers,
        _strings(data["contradictions"]),
    )
