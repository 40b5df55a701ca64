"""The corpus: document folders + subjects + entities + bibliography, joined.

This is the one place where a parsed document meets its apparatus and the
bibliography, so the page generator and the checker see the same claims
with the same sources and statuses.  It never imports Sphinx.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.corpus.bibliography import Bibliography
from sourcebook.corpus.cache import ParseCache
from sourcebook.corpus.entities import Entity, read_entities
from sourcebook.corpus.independence import AFFILIATED, INDEPENDENT, UNKNOWN, Outlets, classify
from sourcebook.corpus.manifest import Citation, DocumentEntry, Manifest, Readers, load_manifest
from sourcebook.corpus.projectbib import load_project_bibliography
from sourcebook.inputs.source import SourceText, decode_seed, read_seed
from sourcebook.model import Anchor, Claim, Document
from sourcebook.parse import parse
from sourcebook.parse.flags import FLAGS
from sourcebook.parse.flags import NEEDS_INDEPENDENT as NEEDS_INDEPENDENT_FLAG

#: flags that only an independent source resolves
INDEPENDENCE_FLAGS = frozenset(k for k, f in FLAGS.items() if f.status == NEEDS_INDEPENDENT_FLAG)

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
    #: key -> why it counts as independent, affiliated or unknown (for readers and messages)
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def flagged(self) -> bool:
        return bool(self.claim.flags)

    @property
    def resolved(self) -> bool:
        """A flagged claim is resolved once its flag's condition is met."""
        return self.status in (SOURCED, INDEPENDENTLY_SOURCED)


def _anchors(node: object) -> Iterator[Anchor]:
    """Every anchor in a parsed document (blocks nest: comments, replies, lists, tables)."""
    if isinstance(node, Anchor):
        yield node
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for item in dataclasses.fields(node):
            yield from _anchors(getattr(node, item.name))
    elif isinstance(node, tuple | list):
        for item in node:
            yield from _anchors(item)


def flag_lines(document: Document) -> dict[str, int]:
    """Claim id -> the seed line where its flag is written (next to its marker)."""
    lines: dict[str, int] = {}
    for anchor in _anchors(document.blocks):
        if anchor.flags:
            lines.setdefault(anchor.claim, anchor.line)
    return lines


@dataclass(frozen=True, slots=True)
class CorpusDocument:
    entry: DocumentEntry
    source: SourceText
    document: Document
    claims: tuple[ClaimRecord, ...]
    #: claim id -> the line of its flag, when *document* holds no blocks to find it in
    #: (a document of the kept results: :mod:`sourcebook.corpus.folders`)
    flags_at: dict[str, int] | None = field(default=None, compare=False)

    def flag_lines(self) -> dict[str, int]:
        """Claim id -> the seed line where its flag is written."""
        return self.flags_at if self.flags_at is not None else flag_lines(self.document)

    def citation(self, label: str) -> Citation | None:
        return self.entry.citation(label)


@dataclass(frozen=True, slots=True)
class Corpus:
    root: Path
    manifest: Manifest
    bibliography: Bibliography
    documents: tuple[CorpusDocument, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    #: subject id -> its outlets, with the manifest lines that list them
    outlets: dict[str, Outlets] = field(default_factory=dict)
    #: the validated entities of ``seeds/entities/`` (problems are in *diagnostics*)
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


def subject_outlets(manifest: Manifest) -> dict[str, Outlets]:
    """Each subject's outlets, with ``path:line`` of its ``domains`` and ``publishers``."""
    return {
        subject.id: Outlets(
            subject.id,
            subject.name,
            subject.domains,
            subject.publishers,
            f"{subject.path}:{subject.domains_line}",
            f"{subject.path}:{subject.publishers_line}",
        )
        for subject in manifest.subjects.values()
    }


def read_outlets(root: Path, manifest: Manifest) -> dict[str, Outlets]:
    """The subjects' outlets of *manifest*, located in ``seeds/subjects/<id>.toml``."""
    return subject_outlets(manifest)


def _records(
    slug: str, document: Document, entry: DocumentEntry, bib: Bibliography, subject: Outlets | None
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
        verdicts = {}
        if subject is not None:
            verdicts = {key: classify(bib.sources[key].fields, subject) for key in sources}
        classes = {key: v.klass for key, v in verdicts.items()}
        records.append(
            ClaimRecord(
                slug,
                claim,
                sources,
                classes,
                claim_status(claim, sources, classes),
                inferred,
                {key: v.reason for key, v in verdicts.items()},
            )
        )
    return tuple(records)


@dataclass(frozen=True, slots=True)
class SeedRead:
    """A seed read and parsed: its text (``None`` if unreadable), the parse, and problems."""

    source: SourceText | None
    read_diagnostics: tuple[Diagnostic, ...]
    document: Document | None
    parse_diagnostics: tuple[Diagnostic, ...]
    #: claim id -> the line of its flag, when *document* is only a title and claims
    flags_at: dict[str, int] | None = None


def read_and_parse(
    root: Path, entry: DocumentEntry, parser: ParseCache | None, data: bytes | None = None
) -> SeedRead:
    """Read entry's seed (or decode its bytes *data*) and parse it (through *parser*, if any)."""
    display = f"seeds/{entry.file}"
    if data is None:
        source, diags = read_seed(root / "seeds" / entry.file, display, within=root / "seeds")
    else:
        source, diags = decode_seed(display, data)
    if source is None:
        return SeedRead(None, tuple(diags), None, ())
    if parser is None:
        document, parse_diags = parse(source.text, entry.kind, display, entry.structure)
    else:  # the cache key includes the structure hints
        document, parse_diags = parser.parse(source, entry.kind, display, entry.structure)
    return SeedRead(source, tuple(diags), document, tuple(parse_diags))


#: :func:`load_document`'s signature
DocumentLoader = Callable[
    [
        Path,
        Manifest,
        Bibliography,
        DocumentEntry,
        dict[str, Outlets],
        ParseCache | None,
        "Loaders | None",
    ],
    tuple["CorpusDocument | None", list[Diagnostic]],
]


@dataclass(frozen=True, slots=True)
class Loaders:
    """How the loader reads each document's files: directly, or through kept results."""

    files: Readers = field(default_factory=Readers)
    seed: Callable[[Path, DocumentEntry, ParseCache | None], SeedRead] = read_and_parse
    #: loads one document in place of :func:`load_document` (the checker's kept verdicts)
    document: DocumentLoader | None = None


def load_document(
    root: Path,
    manifest: Manifest,
    bibliography: Bibliography,
    entry: DocumentEntry,
    outlets: dict[str, Outlets],
    parser: ParseCache | None = None,
    loaders: Loaders | None = None,
) -> tuple[CorpusDocument | None, list[Diagnostic]]:
    """Read, check and parse one document of the manifest (``None`` if unreadable).

    With *parser*, the parse comes from its on-disk cache when the seed's
    bytes were parsed before with the same structure hints.
    """
    read = (loaders or Loaders()).seed(root, entry, parser)
    diags = list(read.read_diagnostics)
    if read.source is None or read.document is None:
        return None, diags
    source = read.source
    if source.sha256 != entry.sha256:
        diags.append(
            Diagnostic(
                entry.path,
                entry.line_of("sha256"),
                1,
                Code.SHA_MISMATCH,
                f"seeds/{entry.file}: sha256 is {source.sha256}, {entry.path} says {entry.sha256}",
            )
        )
    diags.extend(read.parse_diagnostics)
    subject = outlets.get(entry.subject) if entry.subject else None
    records = _records(entry.slug, read.document, entry, bibliography, subject)
    return CorpusDocument(entry, source, read.document, records, read.flags_at), diags


def load_corpus(
    root: Path, parser: ParseCache | None = None, loaders: Loaders | None = None
) -> Corpus:
    """Load everything under project *root* (``seeds/``, ``docs/references/``).

    Problems become diagnostics; a document that cannot be read is left out
    and the others still load.  With *parser*, parses come from its cache,
    and the cache is pruned of entries this corpus no longer uses.  *loaders*
    read each document's files (default: directly).
    """
    manifest, diags = load_manifest(root, loaders.files if loaders else None)
    bibliography, bib_diags = load_project_bibliography(root)
    diags.extend(bib_diags)
    entities, entity_diags = read_entities(root)
    diags.extend(entity_diags)
    outlets = read_outlets(root, manifest)
    documents: list[CorpusDocument] = []
    load = (loaders.document if loaders else None) or load_document
    for entry in manifest.documents:
        document, doc_diags = load(root, manifest, bibliography, entry, outlets, parser, loaders)
        diags.extend(doc_diags)
        if document is not None:
            documents.append(document)
    if parser is not None:
        parser.prune()
    return Corpus(
        root,
        manifest,
        bibliography,
        tuple(documents),
        tuple(diags),
        outlets=outlets,
        entities=entities,
    )


__all__ = [
    "AFFILIATED",
    "INDEPENDENT",
    "UNKNOWN",
    "ClaimRecord",
    "Corpus",
    "CorpusDocument",
    "Loaders",
    "SeedRead",
    "load_corpus",
    "load_document",
    "read_outlets",
]
