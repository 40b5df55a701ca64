"""Sphinx's search index: a prune linear in its size, and kept as it is by a no-op build.

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
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
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


# -- a no-op build keeps the index it has --------------------------------------
#
# Sphinx loads, prunes and rewrites ``searchindex.js`` on every HTML build, even
# when no document was read, removed or written: at a thousand documents, half
# the CPU of a no-op rebuild.  When nothing changed, the index on disk is the one
# this build would write, so the builder is told to keep it.


@dataclass(slots=True)
class IndexState:
    """Whether this build changed any document, and whether the index was kept."""

    changed: bool = False
    kept: bool = False


def _state(app: Sphinx) -> IndexState:
    state: IndexState | None = getattr(app, "sourcebook_index_state", None)
    if state is None:
        state = IndexState()
        app.sourcebook_index_state = state  # type: ignore[attr-defined]
    return state


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    if added or changed or removed:
        _state(app).changed = True
    return []


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if docnames:  # whatever made them outdated (another extension, a config change)
        _state(app).changed = True


def on_builder_inited(app: Sphinx) -> None:
    """Wrap this build's HTML builder: keep the index when no document changed."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or not builder.search:
        return
    state = _state(app)
    load, dump = builder.load_indexer, builder.dump_search_index

    def load_indexer(docnames: AbstractSet[str]) -> None:
        index = Path(builder.outdir) / builder.searchindex_filename
        if not docnames and not state.changed and index.is_file():
            state.kept = True
            return
        load(docnames)

    def dump_search_index() -> None:
        if not state.kept:
            dump()

    # on this builder object only, for this build
    setattr(builder, "load_indexer", load_indexer)  # noqa: B010
    setattr(builder, "dump_search_index", dump_search_index)  # noqa: B010


def setup_keep_index(app: Sphinx) -> None:
    """Registered from the extension's ``setup``."""
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-before-read-docs", on_env_before_read_docs)
