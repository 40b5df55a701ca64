"""Which documents cite an entry, looked up in an index instead of a scan of every citation.

sphinxcontrib-bibtex (2.7) decides which entries a ``bibliography`` directive
lists with its ``:filter:`` expression, which may ask which documents cite the
entry.  It answers that for every entry by scanning every citation of the
site, on every build (the domain recomputes its bibliographies whenever the
environment is updated, a no-op build included): entries x citations, both
growing with the corpus, so the work grows with its square.
:func:`get_filtered_entries` is the domain's own method with that one
question answered from an index, key -> citing documents, built once for a
list of citations and rebuilt when the list changes; what it yields is the
same, entry for entry (``tests/test_bibfilter.py`` compares the two).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sphinxcontrib.bibtex import domain as bibtex_domain

#: the library's own method, kept for the tests' comparison
ORIGINAL = bibtex_domain.BibtexDomain.get_filtered_entries
#: citation list -> (its length, key -> citing documents): the index of the list last seen
_INDEX: dict[int, tuple[Any, int, dict[str, set[str]]]] = {}


def citing_documents(citation_refs: list[Any]) -> dict[str, set[str]]:
    """Key -> the documents whose citations name it; built once per list and length."""
    held = _INDEX.get(id(citation_refs))
    if held is not None and held[0] is citation_refs and held[1] == len(citation_refs):
        return held[2]
    index: dict[str, set[str]] = defaultdict(set)
    for ref in citation_refs:
        for target in ref.targets:
            index[target.key].add(ref.docname)
    _INDEX.clear()  # one list at a time: the domain's
    _INDEX[id(citation_refs)] = (citation_refs, len(citation_refs), index)
    return index


def get_filtered_entries(self: Any, bibliography_key: Any) -> Iterator[tuple[str, Any]]:
    """``BibtexDomain.get_filtered_entries`` (sphinxcontrib-bibtex 2.7) with the index."""
    bibliography = self.bibliographies[bibliography_key]
    citing = citing_documents(self.citation_refs)
    for entry in self.get_entries(bibliography.bibfiles):
        key = bibliography.keyprefix + entry.key
        cited_docnames = set(citing.get(key, ()))
        visitor = bibtex_domain._FilterVisitor(  # type: ignore[no-untyped-call]
            entry=entry,
            docname=bibliography_key.docname,
            cited_docnames=cited_docnames,
        )
        try:
            success = visitor.visit(bibliography.filter_)
        except ValueError as err:
            bibtex_domain.logger.warning(
                f"syntax error in :filter: expression; {err}",
                location=(bibliography_key.docname, bibliography.line),
                type="bibtex",
                subtype="filter_syntax_error",
            )
            success = bool(cited_docnames)  # the library's fallback
        if success or entry.key in bibliography.keys:
            yield key, entry


def install() -> None:
    """Give the domain the indexed method (once per process)."""
    bibtex_domain.BibtexDomain.get_filtered_entries = get_filtered_entries  # type: ignore[method-assign]
