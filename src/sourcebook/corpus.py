"""The corpus: manifest + seeds + apparatus + bibliography, joined.

This is the one place where a parsed document meets its apparatus and the
bibliography, so the page generator and the checker see the same claims
with the same sources and statuses.  It never imports Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sourcebook.bibliography import (
    AFFILIATED,
    INDEPENDENT,
    UNKNOWN,
    Bibliography,
    independence,
    load_bibliography,
)
from sourcebook.diagnostics import Code, Diagnostic
from sourcebook.entities import Entity, read_entities
from sourcebook.files import display_path
from sourcebook.manifest import Citation, DocumentEntry, Manifest, Subject, load_manifest
from sourcebook.model import Claim, Document
from sourcebook.parse import parse
from sourcebook.paths import PathProblem, seeds_directory
from sourcebook.source import SourceText, read_seed

#: flags that only an independent source resolves
INDEPENDENCE_FLAGS = frozenset({"independent source needed", "third-party source needed"})

SOURCED = "sourced"
UNSOURCED = "unsourced"
NEEDS_INDEPENDENT = "needs-independent-source"
INDEPENDENTLY_SOURCED = "independently-sourced"
STATUSES = (SOURCED, UNSOURCED, NEEDS_INDEPENDENT, INDEPENDENTLY_SOURCED)


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """A claim with everything the reader and the checker say about it."""

    document: str
    claim: Claim
    #: bib keys from every marker of the claim, in order, each once
    sources: tuple[str, ...]
    #: key -> affiliated | independent | unknown (only with a subject)
    independence: dict[str, str]
    status: str
    inferred: bool

    @property
    def flagged(self) -> bool:
        return bool(self.claim.flags)

    @property
    def resolved(self) -> bool:
        """A flagged claim is resolved once its flag's condition is met."""
        return self.status in (SOURCED, INDEPENDENTLY_SOURCED)


@dataclass(frozen=True, slots=True)
class CorpusDocument:
    entry: DocumentEntry
    source: SourceText
    document: Document
    claims: tuple[ClaimRecord, ...]

    def citation(self, label: str) -> Citation | None:
        return next((c for c in self.entry.citations if c.label == label), None)


@dataclass(frozen=True, slots=True)
class Corpus:
    root: Path
    manifest: Manifest
    bibliography: Bibliography
    documents: tuple[CorpusDocument, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    #: the validated entities of ``seeds/entities.toml`` (problems are in *diagnostics*)
    entities: tuple[Entity, ...] = field(default=())

    @property
    def claims(self) -> tuple[ClaimRecord, ...]:
        return tuple(c for d in self.documents for c in d.claims)


def claim_status(claim: Claim, sources: tuple[str, ...], classes: dict[str, str]) -> str:
    """The SPEC §5 status of a claim.

    >>> c = Claim("ref-5", 1, "x", ("5",), ("independent source needed",))
    >>> claim_status(c, (), {})
    'needs-independent-source'
    >>> claim_status(c, ("a", "b"), {"a": "affiliated", "b": "independent"})
    'independently-sourced'
    >>> claim_status(Claim("ref-1", 1, "x", ("1",), ()), ("a",), {})
    'sourced'
    """
    if any(flag in INDEPENDENCE_FLAGS for flag in claim.flags):
        if any(classes.get(key) == INDEPENDENT for key in sources):
            return INDEPENDENTLY_SOURCED
        return NEEDS_INDEPENDENT
    return SOURCED if sources else UNSOURCED


def _records(
    slug: str, document: Document, entry: DocumentEntry, bib: Bibliography, subject: Subject | None
) -> tuple[ClaimRecord, ...]:
    by_label = {c.label: c for c in entry.citations}
    records: list[ClaimRecord] = []
    for claim in document.claims:
        keys: dict[str, None] = {}
        inferred = False
        for label in claim.markers:
            citation = by_label.get(label)
            if citation is None:
                continue
            inferred = inferred or (citation.confidence == "inferred" and bool(citation.keys))
            for key in citation.keys:
                if key in bib.sources:
                    keys.setdefault(key, None)
        sources = tuple(keys)
        classes: dict[str, str] = {}
        if subject is not None:
            classes = {key: independence(bib.sources[key], subject) for key in sources}
        records.append(
            ClaimRecord(
                slug, claim, sources, classes, claim_status(claim, sources, classes), inferred
            )
        )
    return tuple(records)


def load_corpus(root: Path, bib_path: Path | None = None) -> Corpus:
    """Load everything under project *root* (``seeds/``, ``docs/references.bib``).

    Problems become diagnostics; a document that cannot be read is left out
    and the others still load.
    """
    manifest_path = root / "seeds" / "manifest.toml"
    seeds = seeds_directory(root)
    if isinstance(seeds, PathProblem):
        manifest = Manifest("seeds/manifest.toml", (), {})
        diags = [Diagnostic(manifest.path, 1, 1, seeds.code, seeds.message)]
    else:
        manifest, diags = load_manifest(manifest_path, "seeds/manifest.toml")
    bib_file = bib_path or root / "docs" / "references.bib"
    bibliography, bib_diags = load_bibliography(bib_file, display_path(root, bib_file))
    diags.extend(bib_diags)
    entities, entity_diags = read_entities(root)
    diags.extend(entity_diags)
    documents: list[CorpusDocument] = []
    for entry in manifest.documents:
        display = f"seeds/{entry.file}"
        source, read_diags = read_seed(root / "seeds" / entry.file, display, within=root / "seeds")
        diags.extend(read_diags)
        if source is None:
            continue
        if source.sha256 != entry.sha256:
            diags.append(
                Diagnostic(
                    manifest.path,
                    entry.line,
                    1,
                    Code.SHA_MISMATCH,
                    f"{display}: sha256 is {source.sha256}, manifest says {entry.sha256}",
                )
            )
        document, parse_diags = parse(source.text, entry.kind, display)
        diags.extend(parse_diags)
        subject = manifest.subjects.get(entry.subject) if entry.subject else None
        records = _records(entry.slug, document, entry, bibliography, subject)
        documents.append(CorpusDocument(entry, source, document, records))
    return Corpus(root, manifest, bibliography, tuple(documents), tuple(diags), entities)


__all__ = [
    "AFFILIATED",
    "INDEPENDENT",
    "UNKNOWN",
    "ClaimRecord",
    "Corpus",
    "CorpusDocument",
    "load_corpus",
]
