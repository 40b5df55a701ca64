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
  detection gives it (a fingerprint index kept between builds,
  :mod:`sourcebook.render.quoteindex`, updated with the documents whose
  fingerprints changed); while that is unchanged and the page exists, the
  page is not rendered or written.

So a no-op build parses and renders nothing (it reads and hashes the seeds:
the floor), and a one-seed edit parses and renders that document (and any
document whose shared-quotation notes it changes).  Pages are written only
when their bytes change, so Sphinx re-reads only those and the aggregate
pages.  Documents are parsed at most once per build; Sphinx's directives
get them through :class:`CorpusRegistry`, which parses on demand a document
that a build re-reads although its page did not change (after a config
change, say).

The registry the build's directives read is in
:mod:`~sourcebook.sphinxext.corpusregistry`, the cache's layout in
:mod:`~sourcebook.sphinxext.generatecache`.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sphinx.util import logging

from sourcebook.check.claimqueue import flagged
from sourcebook.core.diagnostics import Diagnostic, Severity
from sourcebook.core.files import display_path, write_if_changed
from sourcebook.corpus.cache import ParseCache
from sourcebook.corpus.load import Corpus, CorpusDocument
from sourcebook.corpus.manifest import DocumentEntry, Manifest
from sourcebook.render.collections import Row, collection_pages
from sourcebook.render.entities import EntityLinker
from sourcebook.render.myst import render_page
from sourcebook.render.outdir import claim, read_record, write_record
from sourcebook.render.pages import provenance_record
from sourcebook.render.quoteindex import PrintTuple, QuoteIndex
from sourcebook.sphinxext.analysis import (
    Build,
    Work,
    analyse_all,
    common_key,
    content_hash,
    input_keys,
    read_inputs,
)
from sourcebook.sphinxext.analysisstore import quotes_path
from sourcebook.sphinxext.config import WARNING_TYPE
from sourcebook.sphinxext.corpusregistry import (
    CorpusRegistry,
    Mentions,
    env_registry,
    registry,
)
from sourcebook.sphinxext.gatecache import inputs_key
from sourcebook.sphinxext.generatecache import (
    KEY_FILE,
    QUOTES_FILE,
    Cached,
    CacheData,
    Inputs,
    SharedMap,
    load_cache,
    save_cache,
)
from sourcebook.sphinxext.pagespool import PageSpool, Wanted

logger = logging.getLogger(__name__)


#: what :func:`generate_incremental` returns
Generated = tuple[CorpusRegistry, Work, list[Diagnostic]]


@dataclass(frozen=True, slots=True)
class GateResult:
    """What the build's gate loaded, for the generator to use instead of loading again."""

    parser: ParseCache
    corpus: Corpus
    #: the documents as the checker read them (title, claims, flag lines; the pages parse
    #: theirs through *parser*), for lists of every claim (the help-wanted page)
    light: tuple[CorpusDocument, ...] = ()


def _notes_by_slug(
    shared: SharedMap,
) -> dict[str, list[tuple[str, int, list[tuple[str, int]]]]]:
    by_slug: dict[str, list[tuple[str, int, list[tuple[str, int]]]]] = defaultdict(list)
    for (slug, kind, line), others in sorted(shared.items()):
        by_slug[slug].append((kind, line, [(p.slug, p.line) for p in others]))
    return by_slug


@dataclass(frozen=True, slots=True)
class Output:
    """Where the pages go, and what guards that directory (see :mod:`sourcebook.render.outdir`)."""

    out: Path
    cache: Path
    protected: tuple[Path, ...] = ()
    where: Diagnostic | None = None

    @property
    def quotes(self) -> Path:
        """The fingerprint index beside the cache's pickle: where it is kept without a cache
        home (:func:`~sourcebook.sphinxext.analysisstore.quotes_path`)."""
        return self.cache.with_name(QUOTES_FILE)

    @property
    def key_file(self) -> Path:
        """The inputs' key of the generator's last run, beside the cache's pickle."""
        return self.cache.with_name(KEY_FILE)


def _analyse(
    build: Build, keyed: list[tuple[DocumentEntry, str]], cached: CacheData, index_path: Path
) -> tuple[dict[str, Cached], str, SharedMap]:
    """Every document's analysis, the shared-quotation map and its key.

    The cached map while no input key changed (the fingerprint index is not
    opened); else the index is brought up to date document by document, as
    each is analysed, and the map read from it.
    """
    current: dict[str, Cached] = {}
    shared_key = content_hash(sorted((entry.slug, key) for entry, key in keyed))
    if shared_key == cached.shared_key:
        for _ in analyse_all(build, keyed, current):
            pass
        return current, shared_key, cached.shared
    try:
        return current, shared_key, _indexed(build, keyed, current, index_path)
    except sqlite3.DatabaseError:  # a damaged index: made again from every document
        index_path.unlink(missing_ok=True)
        current.clear()
        return current, shared_key, _indexed(build, keyed, current, index_path)


def _indexed(
    build: Build, keyed: list[tuple[DocumentEntry, str]], current: dict[str, Cached], path: Path
) -> SharedMap:
    """Analyse every document into *current*, updating the fingerprint index as it goes."""
    index = QuoteIndex(path)
    try:
        held = index.keys()

        def changed() -> Iterator[tuple[str, str, list[PrintTuple]]]:
            for entry, found in analyse_all(build, keyed, current):
                if held.get(entry.slug) != found.prints_key:
                    # a cached analysis holds no fingerprints: the index lost this document
                    yield entry.slug, found.prints_key, found.prints or build.fingerprints(entry)

        # read after *changed* is exhausted (the index takes its removals last)
        gone = (slug for slug in held if slug not in current)
        index.update(gone, changed())
        return index.shared()
    finally:
        index.close()


def _render_changed(
    build: Build,
    current: dict[str, Cached],
    shared: SharedMap,
    recorded: frozenset[str] | None,
    link_entities: bool,
    fresh: PageSpool,
) -> None:
    """Put in *fresh* every page whose page key changed (or that is missing)."""
    notes = _notes_by_slug(shared) if link_entities else {}
    keys = set(build.bib.sources)
    entities = build.entities
    linker = EntityLinker(entities or (), shared) if entities is not None else None
    for entry in build.manifest.documents:
        cached = current.get(entry.slug)
        if cached is None:
            continue
        page_key = content_hash(cached.input_key, notes.get(entry.slug, []))
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


def _add_collections(manifest: Manifest, current: dict[str, Cached], fresh: PageSpool) -> set[str]:
    """Add the per-kind collection pages to *fresh*; every file name the output should hold."""
    rows = [Row(e, current[e.slug].markers) for e in manifest.documents if e.slug in current]
    names = {f"{r.entry.slug}{sfx}" for r in rows for sfx in (".md", ".provenance.json")}
    for name, content in collection_pages(rows).items():
        fresh[f"{name}.md"] = content
        names.add(f"{name}.md")
    return names


def _write(build: Build, output: Output, fresh: PageSpool, names: set[str]) -> None:
    """Write the changed pages and delete the stale ones, keeping the ownership record."""
    out = output.out
    wanted = Wanted(names, fresh)
    recorded = claim(out, wanted, root=build.root, protected=output.protected, where=output.where)
    # record first, so a run killed half-way leaves every file it wrote recorded
    write_record(out, recorded | names)
    for name in fresh.names():
        if write_if_changed(out / name, fresh[name]):
            build.work.written.append(name)
    for name in sorted(recorded - names):
        stale = out / name
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
            build.work.deleted.append(name)
    write_record(out, names)


def _inputs(
    root: Path, preloaded: Corpus | None, cached: CacheData, key: str | None
) -> tuple[str, Inputs]:
    """The corpus-wide inputs and the hash of their files (``""`` when they cannot be read).

    The gate's when it loaded the corpus; the last build's while every file
    under ``seeds/`` and the bibliography hash as they did then (*key*: the
    gate's, else computed here), which spares a no-op build reading and
    validating the manifest and every apparatus file; else read now.
    """
    key = key if key is not None else inputs_key(root)
    if preloaded is None and key and key == cached.inputs_key and cached.inputs is not None:
        return key, cached.inputs
    return key or "", read_inputs(root, preloaded)


def _save_if_changed(output: Output, build: Build, cached: CacheData, fresh: CacheData) -> None:
    """Rewrite the cache only when this build analysed, rendered or dropped something."""
    unchanged = (
        fresh.shared_key == cached.shared_key
        and fresh.documents.keys() == build.cache.keys()
        and fresh.inputs_key == cached.inputs_key
    )
    analysed = any(c is not cached.documents.get(s) for s, c in fresh.documents.items())
    if analysed or build.work.rendered or not unchanged:
        save_cache(output.cache, fresh)


def _replay_cached_errors(build: Build, current: dict[str, Cached]) -> None:
    """Warn again about the errors of documents this build took from the cache unparsed."""
    for slug, cached in current.items():
        if slug not in build.reported:
            for message in cached.errors:
                logger.warning(message, type=WARNING_TYPE, subtype="cached")


def _registry(
    root: Path, inputs: Inputs, parser: ParseCache, current: dict[str, Cached], link: bool
) -> CorpusRegistry:
    """What the directives read: documents load on demand through the parse cache (the pages
    need few at a time); mentions and first sentences from the generator's results."""
    mentions = Mentions({s: c.mentions for s, c in current.items()}) if link else None
    reg = CorpusRegistry(root, inputs.manifest, inputs.bib, {}, inputs.outlets, mentions, parser)
    reg.summaries = {slug: c.summary for slug, c in current.items()}
    # the mentions themselves, document by document (not each document's input key, which
    # every edit changes), so that the glossary can tell unchanged mentions without them
    reg.mentions_key = content_hash(link, sorted((s, c.mentions) for s, c in current.items()))
    return reg


def generate_incremental(
    root: Path,
    output: Output,
    link_entities: bool,
    parser: ParseCache | None = None,
    preloaded: Corpus | None = None,
    key: str | None = None,
    light: tuple[CorpusDocument, ...] = (),
) -> Generated:
    """Bring the pages up to date, doing only the work whose inputs changed.

    *preloaded* is the corpus the build's gate (the checker) has just loaded
    through the same *parser*: its manifest, bibliography and documents are
    used, not loaded again, and its problems were reported by the gate; *light*
    the documents it read (for :meth:`CorpusRegistry.flagged`).
    *key* is the hash of the input files the gate computed, if it did.

    Raises :class:`sourcebook.render.outdir.Refused` for an output directory the
    generator does not own, before anything is written.
    """
    parser = parser if parser is not None else ParseCache()
    cached_data = load_cache(output.cache)
    key, inputs = _inputs(root, preloaded, cached_data, key)
    entities = inputs.entities if link_entities else None
    build = Build(
        root,
        output.out,
        inputs.manifest,
        inputs.bib,
        entities,
        cached_data.documents,
        inputs.outlets,
        parser,
    )
    if preloaded is not None:
        build.loaded = {doc.entry.slug: doc for doc in preloaded.documents}
        build.reported = set(build.loaded)
    keyed = input_keys(build, common_key(root, inputs, link_entities))
    quotes = quotes_path(root, output.quotes)
    current, shared_key, shared = _analyse(build, keyed, cached_data, quotes)
    out = output.out
    recorded = read_record(out, display_path(root, out)) if out.is_dir() else None
    with PageSpool() as fresh:
        _render_changed(build, current, shared, recorded, link_entities, fresh)
        _write(build, output, fresh, _add_collections(inputs.manifest, current, fresh))
    build.work.parsed = list(parser.parsed)
    fresh_data = CacheData(current, shared_key, shared, key, inputs)
    _save_if_changed(output, build, cached_data, fresh_data)
    reg = _registry(root, inputs, parser, current, link_entities)
    # what the help-wanted page takes from them: the documents, texts and all, were most of
    # what the child process (prepare.py) handed back
    reg.light = tuple(f for d in light if (f := flagged(d))) if preloaded is not None else None
    errors = [d for d in inputs.diagnostics if d.severity is Severity.ERROR]
    errors += [d for d in build.diagnostics if d.severity is Severity.ERROR]
    if preloaded is None:
        _replay_cached_errors(build, current)
    if key:
        write_if_changed(output.key_file, key)
    return reg, build.work, errors


__all__ = [
    "CorpusRegistry",
    "GateResult",
    "Output",
    "Work",
    "env_registry",
    "generate_incremental",
    "registry",
]
