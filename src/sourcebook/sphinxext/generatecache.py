"""What the page generator remembers between builds, keyed on content hashes.

A pickle beside Sphinx's doctrees (written by the build, never by a
contributor): per document, the input and page keys and what its analysis
found (the hash of its quotation fingerprints, marker count, glossary
mentions, errors, summary), the corpus-wide shared-quotation map, and the corpus-wide inputs
read from the contributor files (kept while those files hash the same, so a
no-op build does not read and validate the manifest and every apparatus
file again).  The fingerprints themselves are in a SQLite index
in the cache home (:mod:`~sourcebook.sphinxext.analysisstore`; beside the
pickle, :data:`QUOTES_FILE`, when the cache home is off), which a build opens
only when an input key changed; each document's analysis is kept there too,
so a full build, which removes the pickle, finds both.  See
:mod:`sourcebook.sphinxext.generate` for how the keys decide the work.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

from sourcebook.core.diagnostics import Diagnostic
from sourcebook.corpus.bibliography import Bibliography
from sourcebook.corpus.entities import Entity
from sourcebook.corpus.independence import Outlets
from sourcebook.corpus.manifest import Manifest
from sourcebook.render.quotes import Passage

CACHE_FILE = "sourcebook-cache.pickle"
#: the fingerprint index (:mod:`sourcebook.render.quoteindex`) beside the pickle, when the
#: cache home is off (:func:`sourcebook.sphinxext.analysisstore.quotes_path`)
QUOTES_FILE = "sourcebook-quotes.sqlite3"
#: the input files' hash of the generator's last run, beside the cache: read without
#: unpickling the cache, it tells a build whether the generator has work to do
#: (:mod:`sourcebook.sphinxext.prepare` starts a child process only then)
KEY_FILE = "sourcebook-inputs.key"
#: bump when the layout of :class:`Cached` changes
CACHE_FORMAT = 8

SharedMap = dict[tuple[str, str, int], list[Passage]]


@dataclass(slots=True)
class Cached:
    """What one document contributed to the last build."""

    input_key: str
    page_key: str
    #: (line, kind, packed hashes, kept hashes) per passage, for the fingerprint index;
    #: held only between analysing the document and indexing it, never pickled
    prints: list[tuple[int, str, bytes, tuple[int, ...]]]
    markers: int
    #: entity id -> (section, comment) places in this document
    mentions: dict[str, list[tuple[str | None, int | None]]]
    errors: list[str]
    #: the first sentence, for the home page's document list
    summary: str
    #: a hash of :attr:`prints` (:func:`sourcebook.render.quotes.document_key`): the
    #: fingerprint index holds the document under it
    prints_key: str = ""


@dataclass(frozen=True, slots=True)
class Inputs:
    """The corpus-wide inputs: the gate's when it ran, else read here."""

    manifest: Manifest
    bib: Bibliography
    entities: tuple[Entity, ...] | None
    outlets: dict[str, Outlets]
    #: problems found reading them (none when the gate read them: it reported its own)
    diagnostics: list[Diagnostic]


@dataclass(slots=True)
class CacheData:
    documents: dict[str, Cached] = field(default_factory=dict)
    #: the corpus-wide shared-quotation map, with the hash of every input key it came from
    #: (the fingerprints it was found from are in :data:`QUOTES_FILE`)
    shared_key: str = ""
    shared: SharedMap = field(default_factory=dict)
    #: the corpus-wide inputs (manifest, bibliography, entities, outlets) with the hash of
    #: every input file they were read from (:func:`sourcebook.sphinxext.gatecache.inputs_key`)
    inputs_key: str = ""
    inputs: Inputs | None = None


def load_cache(path: Path) -> CacheData:
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return CacheData()
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return CacheData()
    found = data.get("data")
    return found if isinstance(found, CacheData) else CacheData()


def save_cache(path: Path, data: CacheData) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as handle:
        pickle.dump({"format": CACHE_FORMAT, "data": data}, handle, protocol=5)
    tmp.replace(path)
