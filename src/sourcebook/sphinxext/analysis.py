"""One run of the page generator: its inputs, their content hashes, each document's analysis.

:mod:`sourcebook.sphinxext.generate` decides from these what to render and
write.  A document's *input key* (:func:`input_key`) hashes everything its
page is made from; while it matches the cache, :meth:`Build.analyse` returns
the cached analysis and the document is not parsed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sourcebook.core.diagnostics import Diagnostic, Severity
from sourcebook.corpus.bibliography import Bibliography
from sourcebook.corpus.cache import ParseCache, code_version
from sourcebook.corpus.entities import Entity, Matcher, read_entities
from sourcebook.corpus.independence import Outlets
from sourcebook.corpus.load import Corpus, CorpusDocument, load_document, read_outlets
from sourcebook.corpus.manifest import DocumentEntry, Manifest, load_manifest
from sourcebook.corpus.projectbib import load_project_bibliography
from sourcebook.render.quoteindex import PrintTuple
from sourcebook.render.quotes import document_key, fingerprint, passages
from sourcebook.render.summary import first_sentence
from sourcebook.sphinxext.analysisstore import load_analysis, store_analysis
from sourcebook.sphinxext.gatecache import FileHashes
from sourcebook.sphinxext.generatecache import CACHE_FORMAT, Cached, Inputs
from sourcebook.sphinxext.glossary import mention_places

#: documents a build keeps loaded between analysing and rendering (memory stays bounded)
KEPT_DOCUMENTS = 1000


@dataclass(slots=True)
class Work:
    """What this build did: the counts the tests and the bench read."""

    #: seeds the parser ran on (not found in the parse cache), the gate's included
    parsed: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def content_hash(*parts: object) -> str:
    """A hex digest of *parts* (their repr: dataclasses, tuples and strings hash by value)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def input_key(entry: DocumentEntry, seed_sha: str, bib: Bibliography, common: str) -> str:
    cited = sorted({k for c in entry.citations for k in c.keys} | {entry.bibkey or ""})
    used = [(k, sorted(bib.sources[k].fields.items())) for k in cited if k in bib.sources]
    return content_hash(common, entry, seed_sha, used)


def read_inputs(root: Path, preloaded: Corpus | None) -> Inputs:
    if preloaded is not None:
        return Inputs(
            preloaded.manifest,
            preloaded.bibliography,
            preloaded.entities,
            preloaded.outlets,
            [],
        )
    manifest, diags = load_manifest(root)
    bib, bib_diags = load_project_bibliography(root)
    diags.extend(bib_diags)
    entities, entity_diags = read_entities(root)
    diags.extend(entity_diags)
    return Inputs(manifest, bib, entities, read_outlets(root, manifest), diags)


def common_key(root: Path, inputs: Inputs, link_entities: bool) -> str:
    """The part of every document's input key that the whole corpus shares."""
    entities_sha = ""
    if link_entities and inputs.entities:
        # the entities as read (seeds/entities/<id>.toml): what the links depend on
        entities_sha = hashlib.sha256(repr(inputs.entities).encode("utf-8")).hexdigest()
    # claim statuses depend on every subject's outlets, so they key every document
    return content_hash(
        CACHE_FORMAT,
        code_version(),
        sorted(inputs.bib.sources),
        entities_sha,
        link_entities,
        sorted(repr(o) for o in inputs.outlets.values()),
    )


@dataclass(slots=True)
class Build:
    """One run of the generator: inputs, the cache, and the documents parsed so far."""

    root: Path
    out: Path
    manifest: Manifest
    bib: Bibliography
    entities: tuple[Entity, ...] | None
    cache: dict[str, Cached]
    outlets: dict[str, Outlets]
    parser: ParseCache
    #: the documents loaded last (the gate's, when it ran), by slug, oldest first
    loaded: dict[str, CorpusDocument] = field(default_factory=dict)
    #: the documents whose problems are in :attr:`diagnostics`
    reported: set[str] = field(default_factory=set)
    work: Work = field(default_factory=Work)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def parse(self, entry: DocumentEntry) -> CorpusDocument | None:
        """*entry*'s document: kept for the next :data:`KEPT_DOCUMENTS` loads, then reloaded.

        A full build analyses every document, then renders every page: keeping
        them all held the whole corpus in memory (7.6 GiB at ten thousand);
        a reload comes from the parse cache.
        """
        found = self.loaded.get(entry.slug)
        if found is None:
            found, diags = load_document(
                self.root, self.manifest, self.bib, entry, self.outlets, self.parser
            )
            if entry.slug not in self.reported:  # a reload must not report twice
                self.reported.add(entry.slug)
                self.diagnostics.extend(diags)
            if found is None:
                return None
            self.loaded[entry.slug] = found
            while len(self.loaded) > KEPT_DOCUMENTS:
                del self.loaded[next(iter(self.loaded))]
        return found

    def fingerprints(self, entry: DocumentEntry) -> list[PrintTuple]:
        doc = self.parse(entry)
        return [] if doc is None else _prints(doc)

    def analyse(self, entry: DocumentEntry, input_key: str) -> Cached | None:
        """The cached analysis of *entry*, or a fresh one when its inputs changed."""
        old = self.cache.get(entry.slug)
        if old is not None and old.input_key == input_key:
            return old
        # its errors are collected here unless the gate read it (and reported them)
        collected = entry.slug not in self.reported
        kept = load_analysis(input_key, collected)
        if kept is not None:
            return kept
        doc = self.parse(entry)
        if doc is None:
            return None
        prints = _prints(doc)
        found = mention_places(doc, Matcher(self.entities)) if self.entities else {}
        mentions = {k: [(p.section, p.comment) for p in v] for k, v in found.items()}
        errors = [
            d.format()
            for d in self.diagnostics
            if d.severity is Severity.ERROR and d.path == f"seeds/{entry.file}"
        ]
        markers = len(doc.document.marker_labels)
        summary = first_sentence(doc.document)
        fresh = Cached(
            input_key, "", prints, markers, mentions, errors, summary, document_key(prints)
        )
        store_analysis(fresh, collected)
        return fresh


def _prints(doc: CorpusDocument) -> list[PrintTuple]:
    return [(f.line, f.kind, f.packed, f.kept) for f in map(fingerprint, passages([doc]))]


def input_keys(build: Build, common: str) -> list[tuple[DocumentEntry, str]]:
    """Every document of the manifest with its input key (hashing its seed)."""
    # the gate's kept digests (gatecache.inputs_key has just walked seeds/): a seed whose
    # lstat signature is unchanged is not read again (every seed was, on every build:
    # 245 MB at 10,000 documents).  Looked up only, never saved: that is the gate's walk
    hashes = FileHashes(build.root)
    keyed = []
    for entry in build.manifest.documents:
        seed_sha = _seed_sha(str(build.root), entry.file, hashes)
        keyed.append((entry, input_key(entry, seed_sha, build.bib, common)))
    return keyed


def _seed_sha(root: str, file: str, hashes: FileHashes) -> str:
    """The seed's sha256 (hex; "" when it cannot be read), through a link if it is one."""
    path = os.path.join(root, "seeds", file)
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode):
            return hashes.sha256(f"seeds/{file}", path, info).hex()
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return ""


def analyse_all(
    build: Build, keyed: list[tuple[DocumentEntry, str]], current: dict[str, Cached]
) -> Iterator[tuple[DocumentEntry, Cached]]:
    """Analyse (or take from the cache) each of *keyed* into *current*, yielding each.

    The caller takes a fresh analysis's fingerprints as it is yielded; they
    are dropped before the next document, so they are never all in memory.
    """
    for entry, key in keyed:
        found = build.analyse(entry, key)
        if found is not None:
            current[entry.slug] = found
            yield entry, found
            found.prints = []
