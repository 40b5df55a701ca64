"""Pages that show another page's title through a reference: written again when it changes.

A ``{doc}`` reference with no text of its own shows its target's title, which
Sphinx fills in when the referring page is written; and Sphinx writes a page
again only when it read it again (or it is a toctree parent of one).  So after
an edit to a document's title (its ``document.toml``), the pages that name it
that way -- another document's "Also quoted in" note, the glossary's
"Mentioned in" lists -- kept the old title, where a build from nothing shows
the new one (found by ``tests/test_rebuild_equals_clean.py``).

Each page's such targets are recorded while it is read (the claims domain's
``titled``); the titles of the pages about to be read are kept before reading
(:func:`on_env_before_read_docs`), and after reading every page naming one
whose title changed is written again (:func:`on_env_get_updated`).  Nothing
is walked for this alone: the reference nodes come from the walks the pages
are read with.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import docname_join

from sourcebook.sphinxext.domain import get_domain


def note_references(env: BuildEnvironment, xrefs: Iterable[nodes.Node]) -> None:
    """Record the pages whose titles the page being read shows: its ``doc`` references
    without text of their own (*xrefs*, the page's ``pending_xref`` nodes)."""
    docname = env.docname
    note_shown(
        env,
        (
            docname_join(str(node.get("refdoc", docname)), str(node["reftarget"]))
            for node in xrefs
            if isinstance(node, nodes.Element)
            and node.get("reftype") == "doc"
            and not node.get("refexplicit")
            and node.get("reftarget")
        ),
    )


def note_shown(env: BuildEnvironment, docnames: Iterable[str]) -> None:
    """Record that the page being read shows the titles of *docnames* (with any already
    recorded while it is read)."""
    titled = get_domain(env).titled
    shown = set(docnames).union(titled.get(env.docname, ()))
    if shown:
        titled[env.docname] = tuple(sorted(shown))


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """The titles of the pages about to be read, as they are before reading."""
    app.sourcebook_titles_before = {  # type: ignore[attr-defined]
        d: env.titles[d].astext() for d in docnames if d in env.titles
    }


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages showing the title of a page whose title changed."""
    before: dict[str, str] = getattr(app, "sourcebook_titles_before", {})
    changed = {d for d, old in before.items() if d in env.titles and env.titles[d].astext() != old}
    if not changed:
        return []
    titled = get_domain(env).titled
    return sorted(d for d, shown in titled.items() if not changed.isdisjoint(shown))


def register(app: Sphinx) -> None:
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("env-get-updated", on_env_get_updated)
