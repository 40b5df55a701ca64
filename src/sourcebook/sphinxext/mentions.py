"""Glossary "Mentioned in" links that land on the mention, not on its section.

While a document page is read, each glossary link in it gets an anchor
(``mention-<n>``) and is recorded by (page, enclosing section id, term).
When the glossary is resolved, a link there to a page or to one of its
sections is pointed at the first linked mention of the entry in it.  A
place whose mention is not linked (a later one in the same section) keeps
its section link.
"""

from __future__ import annotations

import sys
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from sourcebook.sphinxext.glossary import GLOSSARY_DOC

KEY = "sourcebook_mentions"

#: term -> enclosing section id ("" for the page) -> the number of its first anchored
#: mention there (``mention-<n>``).  Compact, since the environment keeps one per page for
#: the whole build and pickles it: the terms and section ids are interned (one string
#: each, in memory and in the pickle, however many pages use them) and the anchor is
#: its number (it was ``"section-id|term" -> "mention-<n>"``: 4.9 of the environment's
#: 15 MB at a thousand documents)
Mentions = dict[str, dict[str, int]]


def _store(env: BuildEnvironment) -> dict[str, Mentions]:
    """docname -> that page's :data:`Mentions`."""
    if not hasattr(env, KEY):
        setattr(env, KEY, {})
    store: dict[str, Mentions] = getattr(env, KEY)
    return store


def is_document_page(app: Sphinx) -> bool:
    """Whether the page being read is a document page (its glossary links are anchored)."""
    return str(app.env.docname).startswith(app.config.sourcebook_pages_dir + "/")


def anchor_mentions(app: Sphinx, xrefs: list[addnodes.pending_xref]) -> None:
    """Anchor the glossary links among a document page's *xrefs* (all of its cross-references,
    in document order; ``resolve.on_doctree_read`` finds them) and record where they stand."""
    docname = app.env.docname
    found: Mentions = {}
    for number, xref in enumerate([x for x in xrefs if x.get("reftype") == "term"], 1):
        anchor = f"mention-{number}"
        xref.parent.insert(xref.parent.index(xref), nodes.target("", "", ids=[anchor]))
        places = found.setdefault(sys.intern(str(xref["reftarget"]).lower()), {})
        places.setdefault("", number)
        section = next((a for a in _ancestors(xref) if isinstance(a, nodes.section)), None)
        for ident in section["ids"] if section is not None else ():
            places.setdefault(sys.intern(ident), number)
    _store(app.env)[docname] = found


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    out = []
    while node.parent is not None:
        node = node.parent
        out.append(node)
    return out


def on_env_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _store(env).pop(docname, None)


def on_env_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: Any, other: BuildEnvironment
) -> None:
    _store(env).update(_store(other))


def mention_store(app: Sphinx) -> dict[str, Mentions]:
    """docname -> that page's anchored mentions, as the pages were read."""
    return _store(app.env)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the glossary, point each page or section link at the entry's mention there.

    The "Mentioned in" lists are made with their links landed already
    (:mod:`.mentionrefs`, which marks them); this lands the entry's other links.
    """
    if docname != GLOSSARY_DOC or app.builder.format != "html":
        return
    store = _store(app.env)
    for item in doctree.findall(nodes.definition_list_item):
        term = next(iter(item.findall(nodes.term)), None)
        if term is None:
            continue
        name = term.astext().lower()
        for ref in _references(item):
            retarget(app.builder, ref, name, store)


def _references(item: nodes.Element) -> list[nodes.reference]:
    """The references in *item*, in document order, but for those in a landed list."""
    found: list[nodes.reference] = []
    stack: list[nodes.Node] = [item]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.reference):
            found.append(node)
        if isinstance(node, nodes.Element) and not node.get("sourcebook_mentions"):
            stack.extend(reversed(node.children))
    return found


def retarget(builder: Builder, ref: nodes.reference, term: str, store: dict[str, Any]) -> None:
    """Point *ref*, a link from the glossary to a page or one of its sections, at the first
    linked mention of *term* there, if there is one."""
    uri = ref.get("refuri", "")
    if not ref.get("internal") or not uri:
        return
    path, _, anchor = uri.partition("#")
    suffix = builder.out_suffix  # type: ignore[attr-defined]
    docname = path.removesuffix(suffix).lstrip("./")
    number = store.get(docname, {}).get(term, {}).get(anchor)
    if number is not None:
        ref["refuri"] = f"{path}#mention-{number}"
