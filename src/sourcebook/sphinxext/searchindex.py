"""Sphinx's search-index prune, made linear in the size of the index.

At the end of every HTML build Sphinx prunes its search index to the
documents that exist, ``IndexBuilder.prune(env.all_docs)``, which calls
``set.intersection_update(docnames)`` on the posting set of every word.
``env.all_docs`` is a dict, so each call walks all N document names:
O(words × documents), the largest single cost of a no-op rebuild at a
thousand documents and quadratic in the corpus.  Given a set, CPython
intersects by walking the smaller of the two, the word's own postings.

:func:`install` wraps the method so that it always receives a set; the
result is the same (a test compares them), only the cost changes.  The
wrapper is installed once per process, by the extension's ``setup``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from sphinx.search import IndexBuilder

Prune = Callable[[IndexBuilder, Iterable[str]], None]
MARK = "__sourcebook_set_prune__"


def set_prune(original: Prune) -> Prune:
    """*original*, called with its document names as one set."""

    @functools.wraps(original)  # keeps ``__wrapped__``: the tests compare with Sphinx's own
    def prune(self: IndexBuilder, docnames: Iterable[str]) -> None:
        names = docnames if isinstance(docnames, (set, frozenset)) else set(docnames)
        original(self, names)

    setattr(prune, MARK, True)
    return prune


def install() -> None:
    """Wrap ``IndexBuilder.prune`` (once)."""
    current: Any = IndexBuilder.prune
    if not getattr(current, MARK, False):
        IndexBuilder.prune = set_prune(current)  # type: ignore[method-assign,assignment]
