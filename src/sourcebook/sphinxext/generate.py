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
import weakref
from collections import OrderedDict, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging

from sourcebook.bibliography import Bibliography, load_bibliography
from sourcebook.corpus import ClaimRecord, Corpus, CorpusDocument, load_document, read_outlets
from sourcebook.diagnostics import Code, Diagnostic, Severity
from sourcebook.entities import Entity, Matcher, read_entities
from sourcebook.files import display_path, write_if_changed
from sourcebook.independence import Outlets
from sourcebook.manifest import DocumentEntry, Manifest, load_manifest
from sourcebook.outdir import Refused, claim, read_record, write_record
from sourcebook.pages import provenance_record
from sourcebook.parsecache import ParseCache, code_version
from sourcebook.render.collections import Row, collection_pages
from sourcebook.render.entities import EntityLinker
from sourcebook.render.myst import render_page
from sourcebook.render.quotes import Fingerprint, Passage, find_shared, fingerprint, passages
from sourcebook.render.summary import first_sentence
from sourcebook.sphinxext.config import WARNING_TYPE, config_location
from sourcebook.sphinxext.glossary import Place, mention_places

logger = logging.getLogger(__name__)

CACHE_FILE = "sourcebook-cache.pickle"
#: documents the registry keeps loaded (memory stays bounded as the corpus grows)
KEPT_DOCUMENTS = 256
#: bump when the layout of :class:`Cached` changes
CACHE_FORMAT = 5


@dataclass(slots=True)
class Cached:
    """What one document contributed to the last build."""

    input_key: str
    page_key: str
    #: (line, kind, packed hashes, kept hashes) per passage: plain tuples unpickle in C
    prints: list[tuple[int, str, bytes, tuple[int, ...]]]
    markers: int
    #: entity id -> (section, comment) places in this document
    mentions: dict[str, list[tuple[str | None, int | None]]]
    errors: list[str]
    #: the first sentence, for the home page's document list
    summary: str


@dataclass(slots=True)
class Work:
    """What this build did: the counts the tests and the bench read."""

    #: seeds the parser ran on (not found in the parse cache), the gate's included
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
        outlets: dict[str, Outlets],
        mentions: dict[str, list[Place]] | None = None,
        parser: ParseCache | None = None,
        summaries: dict[str, str] | None = None,
    ) -> None:
        self.root = root
        self.parser = parser
        #: slug -> first sentence, from the generator's cache (no parsing)
        self.summaries = summaries or {}
        self.outlets = outlets
        self.manifest = manifest
        self.bibliography = bibliography
        self.entries: dict[str, DocumentEntry] = {e.slug: e for e in manifest.documents}
        #: the documents loaded most recently, oldest first: pages need a few at a time, and
        #: a document left out is loaded again from the parse cache (a fraction of a ms)
        self._parsed: OrderedDict[str, CorpusDocument] = OrderedDict(parsed)
        self.documents = _Documents(self)
        self.claims = _Claims(self)
        #: entity id -> places (for the glossary), gathered from the cache
        self.mentions = mentions
        self._corpus: Corpus | None = None

    def document(self, slug: str) -> CorpusDocument | None:
        if slug in self._parsed:
            self._parsed.move_to_end(slug)
        elif slug in self.entries:
            doc, _ = load_document(
                self.root,
                self.manifest,
                self.bibliography,
                self.entries[slug],
                self.outlets,
                self.parser,
            )
            if doc is None:
                return None
            self._parsed[slug] = doc
            while len(self._parsed) > KEPT_DOCUMENTS:
                self._parsed.popitem(last=False)
        return self._parsed.get(slug)

    @property
    def corpus(self) -> Corpus:
        """The whole corpus (parses every document not parsed yet; avoid in hot paths)."""
        if self._corpus is None:
            docs = tuple(d for s in self.entries if (d := self.document(s)) is not None)
            self._corpus = Corpus(
                self.root, self.manifest, self.bibliography, docs, outlets=self.outlets
            )
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
        #: the last document asked about and its claims by id: a page asks about its own
        #: claims one after another, and a scan per claim made a page of n claims O(n²)
        self._last: tuple[CorpusDocument | None, dict[str, ClaimRecord]] = (None, {})

    def __getitem__(self, key: tuple[str, str]) -> ClaimRecord:
        doc = self._reg.document(key[0])
        if doc is None:
            raise KeyError(key)
        if self._last[0] is not doc:
            self._last = (doc, {record.claim.id: record for record in doc.claims})
        found = self._last[1].get(key[1])
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter((c.document, c.claim.id) for c in self._reg.corpus.claims)

    def __len__(self) -> int:
        return len(self._reg.corpus.claims)


#: the registry of each build environment: roles see the environment, not the
#: application (``env.app`` is deprecated); forked parallel readers inherit it
_REGISTRIES: weakref.WeakKeyDictionary[BuildEnvironment, CorpusRegistry] = (
    weakref.WeakKeyDictionary()
)


def registry(app: Sphinx) -> CorpusRegistry | None:
    return getattr(app, "sourcebook_registry", None)


def env_registry(env: BuildEnvironment) -> CorpusRegistry | None:
    return _REGISTRIES.get(env)


def _hash(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def _input_key(entry: DocumentEntry, seed_sha: str, bib: Bibliography, common: str) -> str:
    cited = sorted({k for c in entry.citations for k in c.keys} | {entry.bibkey or ""})
    used = [(k, sorted(bib.sources[k].fields.items())) for k in cited if k in bib.sources]
    return _hash(common, entry, seed_sha, used)


SharedMap = dict[tuple[str, str, int], list[Passage]]


@dataclass(frozen=True, slots=True)
class GateResult:
    """What the build's gate loaded, for the generator to use instead of loading again."""

    parser: ParseCache
    corpus: Corpus


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
    outlets: dict[str, Outlets]
    parser: ParseCache
    #: the documents loaded so far (the gate's, when it ran), by slug
    loaded: dict[str, CorpusDocument] = field(default_factory=dict)
    work: Work = field(default_factory=Work)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def parse(self, entry: DocumentEntry) -> CorpusDocument | None:
        if entry.slug not in self.loaded:
            doc, diags = load_document(
                self.root, self.manifest, self.bib, entry, self.outlets, self.parser
            )
            self.diagnostics.extend(diags)
            if doc is None:
                return None
            self.loaded[entry.slug] = doc
        return self.loaded[entry.slug]

    def analyse(self, entry: DocumentEntry, input_key: str) -> Cached | None:
        """The cached analysis of *entry*, or a fresh one when its inputs changed."""
        old = self.cache.get(entry.slug)
        if old is not None and old.input_key == input_key:
            return old
        doc = self.parse(entry)
        if doc is None:
            return None
        prints = [(f.line, f.kind, f.packed, f.kept) for f in map(fingerprint, passages([doc]))]
        found = mention_places(doc, Matcher(self.entities)) if self.entities else {}
        mentions = {k: [(p.section, p.comment) for p in v] for k, v in found.items()}
        errors = [
            d.format()
            for d in self.diagnostics
            if d.severity is Severity.ERROR and d.path == f"seeds/{entry.file}"
        ]
        markers = len(doc.document.marker_labels)
        summary = first_sentence(doc.document)
        return Cached(input_key, "", prints, markers, mentions, errors, summary)


def _notes_by_slug(
    shared: SharedMap,
) -> dict[str, list[tuple[str, int, list[tuple[str, int]]]]]:
    by_slug: dict[str, list[tuple[str, int, list[tuple[str, int]]]]] = defaultdict(list)
    for (slug, kind, line), others in sorted(shared.items()):
        by_slug[slug].append((kind, line, [(p.slug, p.line) for p in others]))
    return by_slug


@dataclass(frozen=True, slots=True)
class Output:
    """Where the pages go, and what guards that directory (see :mod:`sourcebook.outdir`)."""

    out: Path
    cache: Path
    protected: tuple[Path, ...] = ()
    where: Diagnostic | None = None


def _analyse_all(build: _Build, common: str) -> dict[str, Cached]:
    current: dict[str, Cached] = {}
    for entry in build.manifest.documents:
        try:
            seed_sha = hashlib.sha256((build.root / "seeds" / entry.file).read_bytes()).hexdigest()
        except OSError:
            seed_sha = ""
        found = build.analyse(entry, _input_key(entry, seed_sha, build.bib, common))
        if found is not None:
            current[entry.slug] = found
    return current


def _render_changed(
    build: _Build,
    current: dict[str, Cached],
    shared: SharedMap,
    recorded: frozenset[str] | None,
    link_entities: bool,
) -> dict[str, str]:
    """File name -> content of every page whose page key changed (or that is missing)."""
    notes = _notes_by_slug(shared) if link_entities else {}
    keys = set(build.bib.sources)
    entities = build.entities
    linker = EntityLinker(entities or (), shared) if entities is not None else None
    fresh: dict[str, str] = {}
    for entry in build.manifest.documents:
        cached = current.get(entry.slug)
        if cached is None:
            continue
        page_key = _hash(cached.input_key, notes.get(entry.slug, []))
        names = (f"{entry.slug}.md", f"{entry.slug}.provenance.json")
        # without a record naming them, the pages must be compared byte for byte (outdir)
        ours = recorded is not None and all(n in recorded for n in names)
        if cached.page_key == page_key and ours and (build.out / names[0]).is_file():
            continue
        doc = build.parse(entry)
        if doc is None:
            continue
        build.work.rendered.append(entry.slug)
        fresh[names[0]] = render_page(doc, keys, linker) if linker else render_page(doc, keys)
        fresh[names[1]] = provenance_record(doc)
        cached.page_key = page_key
    return fresh


def _write(build: _Build, output: Output, fresh: dict[str, str], names: set[str]) -> None:
    """Write the changed pages and delete the stale ones, keeping the ownership record."""
    out = output.out
    wanted = {n: fresh[n].encode("utf-8") if n in fresh else b"" for n in names}
    recorded = claim(out, wanted, root=build.root, protected=output.protected, where=output.where)
    # record first, so a run killed half-way leaves every file it wrote recorded
    write_record(out, recorded | names)
    for name, content in sorted(fresh.items()):
        if write_if_changed(out / name, content):
            build.work.written.append(name)
    for name in sorted(recorded - names):
        stale = out / name
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
            build.work.deleted.append(name)
    write_record(out, names)


def generate_incremental(
    root: Path,
    output: Output,
    link_entities: bool,
    parser: ParseCache | None = None,
    preloaded: Corpus | None = None,
) -> tuple[CorpusRegistry, Work, list[Diagnostic]]:
    """Bring the pages up to date, doing only the work whose inputs changed.

    *preloaded* is the corpus the build's gate (the checker) has just loaded
    through the same *parser*: its manifest, bibliography and documents are
    used, not loaded again, and its problems were reported by the gate.

    Raises :class:`sourcebook.outdir.Refused` for an output directory the
    generator does not own, before anything is written.
    """
    parser = parser if parser is not None else ParseCache()
    if preloaded is not None:
        manifest, bib, found_entities = (
            preloaded.manifest,
            preloaded.bibliography,
            preloaded.entities,
        )
        outlets = preloaded.outlets
        diags: list[Diagnostic] = []
    else:
        manifest, diags = load_manifest(root / "seeds" / "manifest.toml", "seeds/manifest.toml")
        bib, bib_diags = load_bibliography(root / "docs" / "references.bib", "docs/references.bib")
        diags.extend(bib_diags)
        found_entities, entity_diags = read_entities(root)
        diags.extend(entity_diags)
        outlets = read_outlets(root, manifest)
    entities = found_entities if link_entities else None
    entities_file = root / "seeds" / "entities.toml"
    entities_sha = ""
    if link_entities and entities_file.is_file():
        entities_sha = hashlib.sha256(entities_file.read_bytes()).hexdigest()
    # claim statuses depend on every subject's outlets, so they key every document
    common = _hash(
        CACHE_FORMAT,
        code_version(),
        sorted(bib.sources),
        entities_sha,
        link_entities,
        sorted(repr(o) for o in outlets.values()),
    )
    cached_data = _load_cache(output.cache)
    build = _Build(
        root, output.out, manifest, bib, entities, cached_data.documents, outlets, parser
    )
    if preloaded is not None:
        build.loaded = {doc.entry.slug: doc for doc in preloaded.documents}
    current = _analyse_all(build, common)
    shared_key = _hash(sorted((slug, c.input_key) for slug, c in current.items()))
    if shared_key == cached_data.shared_key:
        shared = cached_data.shared
    else:
        prints = [Fingerprint(slug, *p) for slug, c in current.items() for p in c.prints]
        shared = find_shared(prints).shared
    out = output.out
    recorded = read_record(out, display_path(root, out)) if out.is_dir() else None
    fresh = _render_changed(build, current, shared, recorded, link_entities)
    rows = [Row(e, current[e.slug].markers) for e in manifest.documents if e.slug in current]
    names = {f"{r.entry.slug}{sfx}" for r in rows for sfx in (".md", ".provenance.json")}
    for name, content in collection_pages(rows).items():
        fresh[f"{name}.md"] = content
        names.add(f"{name}.md")
    _write(build, output, fresh, names)
    build.work.parsed = list(parser.parsed)
    unchanged = shared_key == cached_data.shared_key and current.keys() == build.cache.keys()
    analysed = any(c is not cached_data.documents.get(s) for s, c in current.items())
    if analysed or build.work.rendered or not unchanged:
        _save_cache(output.cache, CacheData(current, shared_key, shared))
    mentions: dict[str, list[Place]] = {}
    for slug in sorted(current):
        for ident, places in current[slug].mentions.items():
            mentions.setdefault(ident, []).extend(Place(slug, *p) for p in places)
    reg = CorpusRegistry(
        root,
        manifest,
        bib,
        {},  # loaded on demand through the parse cache: the pages need few at a time
        outlets,
        mentions if link_entities else None,
        parser,
        {slug: c.summary for slug, c in current.items()},
    )
    errors = [d for d in diags if d.severity is Severity.ERROR]
    errors += [d for d in build.diagnostics if d.severity is Severity.ERROR]
    for slug, cached in current.items():
        if preloaded is None and slug not in build.loaded:
            for message in cached.errors:
                logger.warning(message, type=WARNING_TYPE, subtype="cached")
    return reg, build.work, errors


def on_builder_inited(app: Sphinx) -> None:
    if not app.config.sourcebook_root:
        return
    root = (Path(app.confdir) / app.config.sourcebook_root).resolve()
    where = Diagnostic(*config_location(app, "sourcebook_pages_dir"), Code.BAD_CONFIG, "")
    output = Output(
        Path(app.srcdir) / app.config.sourcebook_pages_dir,
        Path(app.doctreedir) / CACHE_FILE,
        (Path(app.srcdir), Path(app.confdir)),
        where,
    )
    # the gate's parse cache and corpus, handed over once: not kept past this event
    gate: GateResult | None = getattr(app, "sourcebook_gate", None)
    app.sourcebook_gate = None  # type: ignore[attr-defined]
    try:
        reg, work, errors = generate_incremental(
            root,
            output,
            bool(app.config.sourcebook_link_entities),
            gate.parser if gate else None,
            gate.corpus if gate and gate.corpus.root.resolve() == root else None,
        )
    except Refused as refused:
        # a file the generator did not write (one force-added under docs/corpus/ by a pull
        # request, say) is contributor data, not a crash: `path:1:1: CODE`, exit 1, no traceback
        logger.error(
            refused.diagnostic.format(), type=WARNING_TYPE, subtype=refused.diagnostic.code.id
        )
        raise SystemExit(1) from None
    for diag in errors:
        logger.warning(diag.format(), type=WARNING_TYPE, subtype=diag.code.id)
    if errors and not reg.entries:
        raise ExtensionError("sourcebook: no document could be read; run `nox -s checkcitations`")
    logger.info(
        "sourcebook: %d documents parsed, %d pages rendered, %d files written, %d deleted",
        len(work.parsed),
        len(work.rendered),
        len(work.written),
        len(work.deleted),
    )
    app.sourcebook_registry = reg  # type: ignore[attr-defined]
    app.sourcebook_work = work  # type: ignore[attr-defined]
    _REGISTRIES[app.env] = reg


__all__ = [
    "CorpusRegistry",
    "GateResult",
    "Output",
    "Work",
    "env_registry",
    "generate_incremental",
    "registry",
]
