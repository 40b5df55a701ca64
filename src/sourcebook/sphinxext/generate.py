"""Generate the corpus pages when a build starts: incrementally, on content hashes.

Running the generator on ``builder-inited`` means ``sphinx-build`` alone
always builds from the current seeds, manifest and bibliography.  The work is
cached (a pickle beside Sphinx's doctrees) on content hashes:

* a document's *input key* hashes everything its page is made from: the code
  version (the package's source files), its manifest entry (which holds its
  apparatus), its seed's sha256, the bibliography entries it cites and the
  set of known keys, and the entities file;
* while the input key is unchanged, the document is not parsed: its quotation
  fingerprints, marker count and glossary mentions come from the cache;
* its *page key* adds the "also quoted in" notes that shared-quotation
  detection (run on the cached fingerprints) gives it; while that is
  unchanged and the page exists, the page is not rendered or written.

So a no-op build parses and renders nothing (it reads and hashes the seeds:
the floor), and a one-seed edit parses and renders that document (and any
document whose shared-quotation notes it changes).  Pages are written only
when their bytes change, so Sphinx re-reads only those and the aggregate
pages.  Documents are parsed at most once per build; Sphinx's directives
get them through :class:`CorpusRegistry`, which parses on demand a document
that a build re-reads although its page did not change (after a config
change, say).
"""

from __future__ import annotations

import hashlib
import pickle
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from sourcebook.bibliography import Bibliography, load_bibliography
from sourcebook.corpus import ClaimRecord, Corpus, CorpusDocument, load_document
from sourcebook.diagnostics import Diagnostic, Severity
from sourcebook.entities import Entity, Matcher, load_entities
from sourcebook.manifest import DocumentEntry, Manifest, load_manifest
from sourcebook.pages import provenance_record, write_if_changed
from sourcebook.render.collections import Row, collection_pages
from sourcebook.render.entities import EntityLinker
from sourcebook.render.myst import render_page
from sourcebook.render.quotes import Fingerprint, Passage, find_shared, fingerprint, passages
from sourcebook.sphinxext.glossary import Place, mention_places

logger = logging.getLogger(__name__)

CACHE_FILE = "sourcebook-cache.pickle"
#: bump when the layout of :class:`Cached` changes
CACHE_FORMAT = 2


@cache
def code_version() -> str:
    """A hash of the package's source files: new code invalidates every cached page."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(slots=True)
class Cached:
    """What one document contributed to the last build."""

    input_key: str
    page_key: str
    prints: list[Fingerprint]
    markers: int
    mentions: dict[str, list[Place]]
    errors: list[str]


@dataclass(slots=True)
class Work:
    """What this build did: the counts the tests and the bench read."""

    parsed: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


class CorpusRegistry:
    """The corpus as the build's directives see it: documents are parsed on demand."""

    def __init__(
        self,
        root: Path,
        manifest: Manifest,
        bibliography: Bibliography,
        parsed: dict[str, CorpusDocument],
        mentions: dict[str, list[Place]] | None = None,
    ) -> None:
        self.root = root
        self.manifest = manifest
        self.bibliography = bibliography
        self.entries: dict[str, DocumentEntry] = {e.slug: e for e in manifest.documents}
        self._parsed = parsed
        self.documents = _Documents(self)
        self.claims = _Claims(self)
        #: entity id -> places (for the glossary), gathered from the cache
        self.mentions = mentions
        self._corpus: Corpus | None = None

    def document(self, slug: str) -> CorpusDocument | None:
        if slug not in self._parsed and slug in self.entries:
            doc, _ = load_document(self.root, self.manifest, self.bibliography, self.entries[slug])
            if doc is None:
                return None
            self._parsed[slug] = doc
        return self._parsed.get(slug)

    @property
    def corpus(self) -> Corpus:
        """The whole corpus (parses every document not parsed yet; avoid in hot paths)."""
        if self._corpus is None:
            docs = tuple(d for s in self.entries if (d := self.document(s)) is not None)
            self._corpus = Corpus(self.root, self.manifest, self.bibliography, docs)
        return self._corpus


class _Documents(Mapping[str, CorpusDocument]):
    def __init__(self, reg: CorpusRegistry) -> None:
        self._reg = reg

    def __getitem__(self, slug: str) -> CorpusDocument:
        doc = self._reg.document(slug)
        if doc is None:
            raise KeyError(slug)
        return doc

    def __contains__(self, slug: object) -> bool:
        return slug in self._reg.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._reg.entries)

    def __len__(self) -> int:
        return len(self._reg.entries)


class _Claims(Mapping[tuple[str, str], ClaimRecord]):
    def __init__(self, reg: CorpusRegistry) -> None:
        self._reg = reg

    def __getitem__(self, key: tuple[str, str]) -> ClaimRecord:
        doc = self._reg.document(key[0])
        for record in doc.claims if doc else ():
            if record.claim.id == key[1]:
                return record
        raise KeyError(key)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter((c.document, c.claim.id) for c in self._reg.corpus.claims)

    def __len__(self) -> int:
        return len(self._reg.corpus.claims)


def registry(app: Sphinx) -> CorpusRegistry | None:
    return getattr(app, "sourcebook_registry", None)


def _hash(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def _input_key(entry: DocumentEntry, seed_sha: str, bib: Bibliography, common: str) -> str:
    cited = sorted({k for c in entry.citations for k in c.keys} | {entry.bibkey or ""})
    used = [(k, sorted(bib.sources[k].fields.items())) for k in cited if k in bib.sources]
    return _hash(common, entry, seed_sha, used)


SharedMap = dict[tuple[str, str, int], list[Passage]]


@dataclass(slots=True)
class CacheData:
    documents: dict[str, Cached] = field(default_factory=dict)
    #: the corpus-wide shared-quotation map, with the hash of every input key it came from
    shared_key: str = ""
    shared: SharedMap = field(default_factory=dict)


def _load_cache(path: Path) -> CacheData:
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return CacheData()
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return CacheData()
    found = data.get("data")
    return found if isinstance(found, CacheData) else CacheData()


def _save_cache(path: Path, data: CacheData) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as handle:
        pickle.dump({"format": CACHE_FORMAT, "data": data}, handle, protocol=5)
    tmp.replace(path)


@dataclass(slots=True)
class _Build:
    """One run of the generator: inputs, the cache, and the documents parsed so far."""

    root: Path
    out: Path
    manifest: Manifest
    bib: Bibliography
    entities: tuple[Entity, ...] | None
    cache: dict[str, Cached]
    parsed: dict[str, CorpusDocument] = field(default_factory=dict)
    work: Work = field(default_factory=Work)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def parse(self, entry: DocumentEntry) -> CorpusDocument | None:
        if entry.slug not in self.parsed:
            doc, diags = load_document(self.root, self.manifest, self.bib, entry)
            self.diagnostics.extend(diags)
            self.work.parsed.append(entry.slug)
            if doc is None:
                return None
            self.parsed[entry.slug] = doc
        return self.parsed[entry.slug]

    def analyse(self, entry: DocumentEntry, input_key: str) -> Cached | None:
        """The cached analysis of *entry*, or a fresh one when its inputs changed."""
        old = self.cache.get(entry.slug)
        if old is not None and old.input_key == input_key:
            return old
        doc = self.parse(entry)
        if doc is None:
            return None
        prints = [fingerprint(p) for p in passages([doc])]
        mentions = mention_places(doc, Matcher(self.entities)) if self.entities else {}
        errors = [
            d.format()
            for d in self.diagnostics
            if d.severity is Severity.ERROR and d.path == f"seeds/{entry.file}"
        ]
        return Cached(input_key, "", prints, len(doc.document.marker_labels), mentions, errors)


def _notes_by_slug(
    shared: SharedMap,
) -> dict[str, list[tuple[str, int, list[tuple[str, int]]]]]:
    by_slug: dict[str, list[tuple[str, int, list[tuple[str, int]]]]] = defaultdict(list)
    for (slug, kind, line), others in sorted(shared.items()):
        by_slug[slug].append((kind, line, [(p.slug, p.line) for p in others]))
    return by_slug


def generate_incremental(
    root: Path, out: Path, cache_path: Path, link_entities: bool
) -> tuple[CorpusRegistry, Work, list[Diagnostic]]:
    """Bring the pages under *out* up to date, doing only the work whose inputs changed."""
    manifest, diags = load_manifest(root / "seeds" / "manifest.toml", "seeds/manifest.toml")
    bib_file = root / "docs" / "references.bib"
    bib, bib_diags = load_bibliography(bib_file, "docs/references.bib")
    diags.extend(bib_diags)
    entities = tuple(load_entities(root)) if link_entities else None
    entities_sha = ""
    if link_entities and (root / "seeds" / "entities.toml").is_file():
        entities_sha = hashlib.sha256((root / "seeds" / "entities.toml").read_bytes()).hexdigest()
    common = _hash(CACHE_FORMAT, code_version(), sorted(bib.sources), entities_sha, link_entities)
    cached_data = _load_cache(cache_path)
    build = _Build(root, out, manifest, bib, entities, cached_data.documents)
    current: dict[str, Cached] = {}
    for entry in manifest.documents:
        try:
            seed_sha = hashlib.sha256((root / "seeds" / entry.file).read_bytes()).hexdigest()
        except OSError:
            seed_sha = ""
        found = build.analyse(entry, _input_key(entry, seed_sha, bib, common))
        if found is not None:
            current[entry.slug] = found
    shared_key = _hash(sorted((slug, c.input_key) for slug, c in current.items()))
    if shared_key == cached_data.shared_key:
        shared = cached_data.shared
    else:
        shared = find_shared([fp for c in current.values() for fp in c.prints]).shared
    notes = _notes_by_slug(shared) if link_entities else {}
    keys = set(bib.sources)
    linker = EntityLinker(entities or (), shared) if entities is not None else None
    for entry in manifest.documents:
        cached = current.get(entry.slug)
        if cached is None:
            continue
        page_key = _hash(cached.input_key, notes.get(entry.slug, []))
        page = out / f"{entry.slug}.md"
        if cached.page_key == page_key and page.is_file():
            continue
        doc = build.parse(entry)
        if doc is None:
            continue
        build.work.rendered.append(entry.slug)
        text = render_page(doc, keys, linker) if linker else render_page(doc, keys)
        for path, content in ((page, text), (out / f"{entry.slug}.provenance.json", None)):
            body = provenance_record(doc) if content is None else content
            if write_if_changed(path, body):
                build.work.written.append(path.name)
        cached.page_key = page_key
    rows = [Row(e, current[e.slug].markers) for e in manifest.documents if e.slug in current]
    wanted = {f"{r.entry.slug}{sfx}" for r in rows for sfx in (".md", ".provenance.json")}
    for name, content in collection_pages(rows).items():
        wanted.add(f"{name}.md")
        if write_if_changed(out / f"{name}.md", content):
            build.work.written.append(f"{name}.md")
    build.work.deleted = _delete_stale(out, wanted)
    _save_cache(cache_path, CacheData(current, shared_key, shared))
    mentions: dict[str, list[Place]] = {}
    for entry in sorted(manifest.documents, key=lambda e: e.slug):
        for ident, places in current[entry.slug].mentions.items() if entry.slug in current else ():
            mentions.setdefault(ident, []).extend(places)
    reg = CorpusRegistry(root, manifest, bib, build.parsed, mentions if link_entities else None)
    errors = [d for d in diags if d.severity is Severity.ERROR]
    errors += [d for d in build.diagnostics if d.severity is Severity.ERROR]
    for slug, cached in current.items():
        if slug not in build.parsed:
            for message in cached.errors:
                logger.warning(message, type="sourcebook", subtype="cached")
    return reg, build.work, errors


def _delete_stale(out: Path, wanted: set[str]) -> list[str]:
    deleted = []
    if out.is_dir():
        for stale in sorted(out.iterdir()):
            if stale.is_file() and stale.name not in wanted and stale.suffix in (".md", ".json"):
                stale.unlink()
                deleted.append(stale.name)
    return deleted


def on_builder_inited(app: Sphinx) -> None:
    if not app.config.sourcebook_root:
        return
    root = (Path(app.confdir) / app.config.sourcebook_root).resolve()
    out = Path(app.srcdir) / app.config.sourcebook_pages_dir
    cache_path = Path(app.doctreedir) / CACHE_FILE
    reg, work, errors = generate_incremental(
        root, out, cache_path, bool(app.config.sourcebook_link_entities)
    )
    for diag in errors:
        logger.warning(diag.format(), type="sourcebook", subtype=diag.code.id)
    if errors and not reg.entries:
        raise ExtensionError("sourcebook: no document could be read; run `sourcebook check`")
    logger.info(
        "sourcebook: %d documents parsed, %d pages rendered, %d files written, %d deleted",
        len(work.parsed),
        len(work.rendered),
        len(work.written),
        len(work.deleted),
    )
    app.sourcebook_registry = reg  # type: ignore[attr-defined]
    app.sourcebook_work = work  # type: ignore[attr-defined]


__all__ = ["CorpusRegistry", "Work", "generate_incremental", "registry"]
