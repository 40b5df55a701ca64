"""Pages whose navigation changed, written again; a removed page's output files removed.

Sphinx writes a page again only when it read it again (or it is a toctree
parent of one), and never removes the output of a page whose source is gone.
So after a document is added or removed (found by
``tests/test_rebuild_equals_clean.py``), a build from nothing differed from the
rebuilt site in three ways this module closes:

* the **previous / next links** of the pages next to it: the pages whose
  parent, previous or next page changed are written again;
* the **sidebar** every page shows (:mod:`.navigation`: the root's toctrees,
  each collection expanded when small): when its shared part changed (a
  collection came or went, a top-level title changed), every page is written
  again -- the one case that costs a write of the whole site, as a build from
  nothing would;
* the removed page's **own files** (``slug.html``, its provenance file, its
  ``_sources`` copy) stayed in the output, reachable by old links: they are
  removed when the build has finished.

The relations and the sidebar are compared only on a build that reads a page
or found one added or removed: a no-op pays nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sourcebook.sphinxext.navigation import build_outline, render
from sourcebook.sphinxext.safety import PROVENANCE_SUFFIX

Shape = tuple[dict[str, list[str | None]], str]


def _shape(app: Sphinx, env: BuildEnvironment) -> Shape:
    """Each page's (parent, previous, next), and a hash of the sidebar all pages share
    (the whole outline when the theme renders the whole toctree on every page)."""
    relations = {doc: list(rel) for doc, rel in env.collect_relations().items()}
    outline = build_outline(env, app.config.root_doc)
    if app.config.sourcebook_bounded_navigation:
        shared = render(outline, app.config.root_doc, lambda doc: doc)
    else:
        shared = repr((sorted(outline.children.items()), sorted(outline.titles.items())))
    return relations, hashlib.sha256(shared.encode("utf-8")).hexdigest()


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Before anything is purged: the site's shape as the last build left it."""
    app.sourcebook_removed = set(removed)  # type: ignore[attr-defined]
    touched = added or changed or removed
    app.sourcebook_shape = _shape(app, env) if touched else None  # type: ignore[attr-defined]
    return []


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: every page if the shared sidebar changed, else the pages whose
    place in the sequence (parent, previous, next) changed."""
    before: Shape | None = getattr(app, "sourcebook_shape", None)
    if before is None:
        return []
    relations, shared = _shape(app, env)
    if shared != before[1]:
        return sorted(env.found_docs)
    old = before[0]
    return sorted(d for d, rel in relations.items() if old.get(d) != rel and d in env.found_docs)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """The removed pages' own output files, removed (only an HTML-like builder's)."""
    removed: set[str] = getattr(app, "sourcebook_removed", set())
    outfile = getattr(app.builder, "get_outfilename", None)
    if exception is not None or not removed or outfile is None:
        return
    out = Path(app.outdir)
    for docname in sorted(removed):
        paths = [Path(outfile(docname)), out / (docname + PROVENANCE_SUFFIX)]
        paths += [out / "_sources" / f"{docname}{s}.txt" for s in app.config.source_suffix]
        for path in paths:
            with contextlib.suppress(OSError):
                path.unlink()


def register(app: Sphinx) -> None:
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-get-updated", on_env_get_updated)
    app.connect("build-finished", on_build_finished)
