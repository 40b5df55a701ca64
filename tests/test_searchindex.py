"""The search-index prune walks each word's postings, not every document per word."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from sphinx.search import IndexBuilder

from sourcebook.sphinxext import searchindex


class CountingDocs(dict[str, Any]):
    """``env.all_docs``: a dict of document names, counting full walks over it."""

    walks = 0

    def __iter__(self) -> Iterator[str]:
        CountingDocs.walks += 1
        return super().__iter__()


def index(words: int, docs: int) -> IndexBuilder:
    builder = IndexBuilder.__new__(IndexBuilder)
    names = [f"d{i}" for i in range(docs)]
    builder._titles = dict.fromkeys(names, "t")
    builder._all_titles = {n: [] for n in names}
    builder._filenames = {n: f"{n}.md" for n in names}
    builder._mapping = {f"w{i}": {names[i % docs], "gone"} for i in range(words)}
    builder._title_mapping = {f"t{i}": {names[i % docs]} for i in range(words // 10)}
    return builder


def sphinx_prune() -> Any:
    """Sphinx's own method, whether or not the wrapper is installed."""
    return getattr(IndexBuilder.prune, "__wrapped__", IndexBuilder.prune)


def test_prune_gives_what_sphinx_gives() -> None:
    plain, wrapped = index(500, 40), index(500, 40)
    keep = CountingDocs.fromkeys([f"d{i}" for i in range(0, 40, 3)])
    base = sphinx_prune()
    base(plain, copy.copy(keep))
    searchindex.set_prune(base)(wrapped, keep)
    for field in ("_titles", "_all_titles", "_filenames", "_mapping", "_title_mapping"):
        assert getattr(plain, field) == getattr(wrapped, field)


def test_prune_walks_the_document_names_a_constant_number_of_times() -> None:
    searchindex.install()
    builder = index(2000, 50)
    docs = CountingDocs.fromkeys(f"d{i}" for i in range(50))
    CountingDocs.walks = 0
    builder.prune(docs)
    # once to make the set, once for the titles: not once per word (2,200 words)
    assert CountingDocs.walks <= 2
    assert all("gone" not in postings for postings in builder._mapping.values())
    CountingDocs.walks = 0
    sphinx_prune()(index(2000, 50), docs)  # what the wrapper saves: a walk per word
    assert CountingDocs.walks > 2000


def test_install_wraps_once() -> None:
    searchindex.install()
    first = IndexBuilder.prune
    searchindex.install()
    assert IndexBuilder.prune is first
