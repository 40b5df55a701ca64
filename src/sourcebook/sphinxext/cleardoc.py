"""Forgetting a document before it is read: no longer a pass over the whole site.

Before Sphinx (9.0) reads a document it clears what the environment knew of
it (``env-purge-doc``, then each domain's ``clear_doc``), on a full build too,
when there is nothing to clear.  Three of the clearers scan every object of
every document each time:

* the standard domain filters its labels, anonymous labels, terms, objects and
  program options by document;
* sphinxcontrib-bibtex's domain rebuilds its lists of citations and citation
  references without the document's;
* the toctree collector discards the document from the includers of every
  page (``env.files_to_rebuild``: an entry for every page of the site).

On a build that reads every page each is O(pages) per page, O(pages²) in all:
29 % of the samples of the N = 10,000 full build
(``bench/profiles/full-build-10000-partial.txt``).

Through Sphinx's API (``app.add_domain(..., override=True)``):
:class:`ReadDocuments` makes a domain remember which documents it has
processed (``process_doc`` and ``merge_domaindata`` are the only ways a
document's objects get in) and skip ``clear_doc`` for any other: a document
this environment never read has nothing to clear.  A document read before
is cleared by the domain's own method, as before; so is every document of an
environment pickled by a build without this module (its data has no record).

The toctree collector has no override API: :func:`replace_toctree_collector`
disables Sphinx's instance (``EnvironmentCollector.disable``, found among the
``env-purge-doc`` listeners: registering a collector keeps no other handle on
it) and enables :class:`TocTreeCollector`, whose ``clear_doc`` finds the
includers to update from the document's own toctree entries
(``env.toctree_includes``, of which ``files_to_rebuild`` is the inverse:
Sphinx fills both in one place, ``TocTree.note``).

Assumption: a domain's objects for a document are added while that document
is read (true of Sphinx, MyST and sphinxcontrib-bibtex); an extension that
added objects for one document while reading another would leave them behind
here until that document is read and cleared again.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.domains.std import StandardDomain as SphinxStandardDomain
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector as SphinxTocTreeCollector

#: the domain data key of the documents a domain has processed
READ = "sourcebook_read_docs"


def _initial_docnames(data: dict[str, Any]) -> set[str]:
    """Documents named by a domain's initial data (the standard domain's ``genindex``…)."""
    found: set[str] = set()
    for value in data.values():
        if isinstance(value, dict):
            found.update(v[0] for v in value.values() if isinstance(v, tuple) and v)
    return found


class ReadDocuments(Domain):
    """A domain mixin: ``clear_doc`` only for documents this environment has read."""

    def __init__(self, env: BuildEnvironment) -> None:
        fresh = self.name not in env.domaindata
        super().__init__(env)
        if fresh:  # the record is only complete when it starts with the data
            self.data[READ] = _initial_docnames(self.data)

    def _read(self) -> set[str] | None:
        read = self.data.get(READ)
        return read if isinstance(read, set) else None

    def process_doc(self, env: BuildEnvironment, docname: str, document: Any) -> None:
        read = self._read()
        if read is not None:
            read.add(docname)
        super().process_doc(env, docname, document)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        super().merge_domaindata(docnames, otherdata)
        read = self._read()
        if read is not None:
            read.update(docnames)

    def clear_doc(self, docname: str) -> None:
        read = self._read()
        if read is not None:
            if docname not in read:
                return  # never read here: nothing of it to clear
            read.discard(docname)
        super().clear_doc(docname)


class StandardDomain(ReadDocuments, SphinxStandardDomain):
    """Sphinx's standard domain, skipping documents it never read."""

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # Sphinx's clear_doc made these keys as it read them (``setdefault``), and its
        # merge_domaindata expects them in a parallel reader's data: make them here
        for made in (self.progoptions, self.objects, self._terms, self.labels, self.anonlabels):
            assert isinstance(made, dict)


class TocTreeCollector(SphinxTocTreeCollector):
    """Sphinx's toctree collector; clearing a document touches only the pages it includes."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        for included in env.toctree_includes.get(docname, ()):
            includers = env.files_to_rebuild.get(included)
            if includers is None:
                continue
            includers.discard(docname)
            if not includers:
                del env.files_to_rebuild[included]
        # the rest of Sphinx's method: each a pop or discard of this document
        env.tocs.pop(docname, None)
        env.toc_secnumbers.pop(docname, None)
        env.toc_fignumbers.pop(docname, None)
        env.toc_num_entries.pop(docname, None)
        env.toctree_includes.pop(docname, None)
        env.glob_toctrees.discard(docname)
        env.numbered_toctrees.discard(docname)


def replace_toctree_collector(app: Sphinx) -> None:
    """Disable Sphinx's toctree collector and enable :class:`TocTreeCollector` instead."""
    found = [
        owner
        for listener in app.events.listeners.get("env-purge-doc", [])
        if type(owner := getattr(listener.handler, "__self__", None)) is SphinxTocTreeCollector
    ]
    for collector in found:
        collector.disable(app)
    if found:
        app.add_env_collector(TocTreeCollector)


def _bibtex_domain() -> type[Domain] | None:
    try:
        from sphinxcontrib.bibtex.domain import BibtexDomain
    except ImportError:  # pragma: no cover - a dependency of the package
        return None

    class ReadBibtexDomain(ReadDocuments, BibtexDomain):
        """sphinxcontrib-bibtex's domain, skipping documents it never read."""

    return ReadBibtexDomain


def register(app: Sphinx) -> None:
    """Registered from the extension's ``setup`` (after sphinxcontrib-bibtex's, in conf.py)."""
    app.add_domain(StandardDomain, override=True)
    bibtex = _bibtex_domain()
    if bibtex is not None and app.registry.has_domain(bibtex.name):
        app.add_domain(bibtex, override=True)
    replace_toctree_collector(app)
