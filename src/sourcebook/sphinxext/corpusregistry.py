"""The corpus as the build's directives and roles see it, parsed on demand.

The generator (:mod:`sourcebook.sphinxext.generate`) decides what to parse
and render; this is what it hands the rest of the build: a registry that
loads a document only when a page needs it, keeps a bounded number loaded,
and is found from the application or from the build environment.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sourcebook.check.claimqueue import Flagged, flagged
from sourcebook.corpus.bibliography import Bibliography
from sourcebook.corpus.cache import ParseCache
from sourcebook.corpus.folders import FolderRecords
from sourcebook.corpus.independence import Outlets
from sourcebook.corpus.load import ClaimRecord, Corpus, CorpusDocument, load_document
from sourcebook.corpus.manifest import DocumentEntry, Manifest
from sourcebook.sphinxext.glossary import Place

#: documents the registry keeps loaded (memory stays bounded as the corpus grows)
KEPT_DOCUMENTS = 256

#: a document's mentions as the generator found them: entity id -> (section, comment) places
DocumentMentions = dict[str, list[tuple[str | None, int | None]]]


class Mentions:
    """Each document's mentions, gathered by entity only when the glossary needs them.

    Gathering every place of every document (47,000 at 1,000 documents) cost a
    rebuild about 0.3 CPU s whether or not the glossary changed; it is made only
    when the page is made or read again.
    """

    def __init__(self, by_document: dict[str, DocumentMentions]) -> None:
        self.by_document = by_document

    def places(self) -> dict[str, list[Place]]:
        """Entity id -> every place that mentions it, documents in slug order."""
        found: dict[str, list[Place]] = {}
        for slug in sorted(self.by_document):
            for ident, places in self.by_document[slug].items():
                found.setdefault(ident, []).extend(Place(slug, *p) for p in places)
        return found


class CorpusRegistry:
    """The corpus as the build's directives see it: documents are parsed on demand."""

    def __init__(
        self,
        root: Path,
        manifest: Manifest,
        bibliography: Bibliography,
        parsed: dict[str, CorpusDocument],
        outlets: dict[str, Outlets],
        mentions: dict[str, list[Place]] | Mentions | None = None,
        parser: ParseCache | None = None,
        summaries: dict[str, str] | None = None,
    ) -> None:
        self.root = root
        #: the flagged claims of the documents the build's gate read this build, if it ran
        #: (see :meth:`flagged`)
        self.light: tuple[Flagged, ...] | None = None
        self.parser = parser
        #: slug -> first sentence, from the generator's cache (no parsing)
        self.summaries = summaries or {}
        #: a hash of what :attr:`mentions` were found from ("" when unknown)
        self.mentions_key = ""
        self.outlets = outlets
        self.manifest = manifest
        self.bibliography = bibliography
        self.entries: dict[str, DocumentEntry] = {e.slug: e for e in manifest.documents}
        #: the documents loaded most recently, oldest first: pages need a few at a time, and
        #: a document left out is loaded again from the parse cache (a fraction of a ms)
        self._parsed: OrderedDict[str, CorpusDocument] = OrderedDict(parsed)
        self.documents = _Documents(self)
        self.claims = _Claims(self)
        #: entity id -> places (for the glossary), gathered from the cache when first asked
        self._mentions = mentions
        self._corpus: Corpus | None = None

    @property
    def mentions(self) -> dict[str, list[Place]] | None:
        """Entity id -> every place that mentions it (``None``: not known here)."""
        if isinstance(self._mentions, Mentions):
            self._mentions = self._mentions.places()
        return self._mentions

    @property
    def has_mentions(self) -> bool:
        """Whether :attr:`mentions` are known (without gathering them)."""
        return self._mentions is not None

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

    def flagged(self) -> Iterator[Flagged]:
        """Every document's claims waiting for a source (the help-wanted page's queue).

        A document whose files are unchanged since the gate checked them is not
        loaded from the parse cache (the kept results).  When the gate ran in this
        build, its documents' are these (:attr:`light`), and no seed is read again.
        """
        if self.light is not None:
            yield from self.light
            return
        records = FolderRecords(self.parser.home if self.parser else None, self.root)
        loaders = records.loaders()
        for entry in self.entries.values():
            doc, _ = load_document(
                self.root,
                self.manifest,
                self.bibliography,
                entry,
                self.outlets,
                self.parser,
                loaders,
            )
            if doc is not None and (found := flagged(doc)) is not None:
                yield found
        records.save()

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


def install(app: Sphinx, reg: CorpusRegistry) -> None:
    """Make *reg* the registry of this build, for :func:`registry` and :func:`env_registry`."""
    app.sourcebook_registry = reg  # type: ignore[attr-defined]
    _REGISTRIES[app.env] = reg


def registry(app: Sphinx) -> CorpusRegistry | None:
    return getattr(app, "sourcebook_registry", None)


def env_registry(env: BuildEnvironment) -> CorpusRegistry | None:
    return _REGISTRIES.get(env)
