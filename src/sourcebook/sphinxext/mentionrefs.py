"""The glossary's "Mentioned in" lists, made as finished links when the page is resolved.

Each entry's list links every document that mentions the entity and its
places there: at 1,000 documents about 66,000 links, 318,000 nodes, a third
of all the nodes of the site in one page.  Made as pending cross-references
when the page was read (:func:`.mentionlist.bullet_list`), the page's doctree
was pickled and unpickled with all of them, every reading and
post-transform walked them, and Sphinx's and MyST's resolvers resolved them
one by one, though every target is known from the data: 19 CPU s of a
160 s full build went to this one page.

Now the page is read with a small :class:`mention_list` placeholder per
entry, holding the entry's data (slugs and places: strings and numbers, no
nodes), and :class:`MentionListResolver`, a post-transform that runs before
Sphinx's and MyST's resolvers, builds the nodes those resolvers would have
built (``make_refnode`` for a document, the standard domain's
``build_reference_node`` for a comment's label, a section link as MyST makes
it from the section's slug), then points each link at the entry's mention on
that page as :mod:`.mentions` does.  A link whose target is not known (a
missing page or label) or that the builder cannot give a URI for is left a
pending cross-reference, which those resolvers then handle, with their
warnings, exactly as before.
"""

from __future__ import annotations

import weakref
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import clean_astext, make_refnode

from sourcebook.sphinxext import mentions
from sourcebook.sphinxext.mentionlist import (
    anchor,
    mention_list,
    place_xref,
    term_text,
    title_xref,
)

#: the application of each environment, for the post-transform (which sees the environment)
_APPS: weakref.WeakKeyDictionary[BuildEnvironment, Sphinx] = weakref.WeakKeyDictionary()


class _Uris:
    """The builder, as ``make_refnode`` and ``build_reference_node`` use it (only its
    ``get_relative_uri``), each page's URI computed once however many links lead there."""

    def __init__(self, builder: Any) -> None:
        self.builder = builder
        self.known: dict[tuple[str, str, str | None], str] = {}

    def get_relative_uri(self, fromdoc: str, todoc: str, typ: str | None = None) -> str:
        key = (fromdoc, todoc, typ)
        uri = self.known.get(key)
        if uri is None:  # NoUri, if raised, is raised again for the next link
            uri = self.known[key] = self.builder.get_relative_uri(fromdoc, todoc, typ)
        return uri


class _Links:
    """Finished links from one page (*fromdoc*) to the documents, as the resolvers make them."""

    def __init__(self, app: Sphinx, fromdoc: str) -> None:
        self.env, self.builder, self.fromdoc = app.env, _Uris(app.builder), fromdoc
        self.std: Any = app.env.domains.standard_domain
        self.titles: dict[str, str] = {}
        #: in HTML, each link lands on the entry's mention there (mentions.py)
        self.store = mentions.mention_store(app) if app.builder.format == "html" else None

    def document(self, docname: str) -> nodes.reference | None:
        """``{doc}`/docname``` as the standard domain resolves it (its title as text)."""
        if docname not in self.env.all_docs:
            return None
        caption = self.titles.get(docname)
        if caption is None:
            caption = self.titles[docname] = clean_astext(self.env.titles[docname])
        inner = nodes.inline(caption, caption, classes=["doc"])
        return _uri_or_none(make_refnode, self.builder, self.fromdoc, docname, None, inner)

    def comment(self, label: str, text: str) -> nodes.reference | None:
        """``{ref}`text <label>``` (an explicit title) as the standard domain resolves it."""
        docname, labelid = self.std.anonlabels.get(label, ("", ""))
        if not docname:
            return None
        build = self.std.build_reference_node
        return _uri_or_none(build, self.fromdoc, self.builder, docname, labelid, text, "ref")

    def section(self, docname: str, slug: str, text: str) -> nodes.reference | None:
        """``[text](docname.md#slug)`` as MyST resolves it when the slug is a section's."""
        if docname not in self.env.all_docs:
            return None
        found = self.env.metadata[docname].get("myst_slugs", {}).get(slug)
        if not found:
            return None
        inner = nodes.inline(text, "", classes=["std", "std-ref"])
        inner += nodes.Text(text)
        return _uri_or_none(make_refnode, self.builder, self.fromdoc, docname, found[1], inner)

    def landed(self, ref: nodes.Element, term: str) -> nodes.Element:
        if self.store is not None and isinstance(ref, nodes.reference):
            mentions.retarget(self.builder.builder, ref, term, self.store)
        return ref


def _uri_or_none(make: Any, *args: Any) -> nodes.reference | None:
    """*make*(*args*), or None where the builder has no URI for the target (``NoUri``)."""
    try:
        made: nodes.reference = make(*args)
    except NoUri:
        return None
    return made


def _bullet_list(node: mention_list, links: _Links, term: str) -> nodes.bullet_list:
    """The list of :func:`.mentionlist.bullet_list`, each link finished where it can be."""
    pages_dir, docname = node["pages_dir"], node["refdoc"]
    items = nodes.bullet_list(bullet="-")
    for slug, places in node["mentions"]:
        page = f"{pages_dir}/{slug}"
        para = nodes.paragraph()
        made = links.document(page)
        para += links.landed(made, term) if made else title_xref(slug, docname, pages_dir)
        if places:
            para += nodes.Text(" (")
            for number, place in enumerate(places):
                if number:
                    para += nodes.Text(", ")
                para += _place(links, place, slug, page, term) or place_xref(
                    place, slug, docname, pages_dir
                )
            para += nodes.Text(")")
        items += nodes.list_item("", para)
    return items


def _place(links: _Links, place: int | str, slug: str, page: str, term: str) -> nodes.Node | None:
    if isinstance(place, int):
        made = links.comment(f"{slug}-comment-{place}".lower(), f"comment {place}")
    else:
        made = links.section(page, anchor(place), term_text(place))
    return links.landed(made, term) if made is not None else None


class MentionListResolver(SphinxPostTransform):
    """Replace each :class:`mention_list` with its list of links (see the module's text)."""

    #: before MyST's resolver (9) and Sphinx's (10), which then see only what is left pending
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        found = list(self.document.findall(mention_list))
        if not found:
            return
        app = _APPS[self.env]
        pages: dict[str, _Links] = {}
        for node in found:
            fromdoc = node["refdoc"]
            links = pages.get(fromdoc) or pages.setdefault(fromdoc, _Links(app, fromdoc))
            item = node.parent.parent if node.parent is not None else None
            term = item.next_node(nodes.term) if item is not None else None
            made = _bullet_list(node, links, term.astext().lower() if term is not None else "")
            for element in made.findall(nodes.Element):
                element.source, element.line = node.source, node.line
            made["sourcebook_mentions"] = True  # mentions.on_doctree_resolved: already landed
            node.replace_self(made)


def _remember_app(app: Sphinx) -> None:
    _APPS[app.env] = app


def register(app: Sphinx) -> None:
    app.add_node(mention_list)
    app.add_post_transform(MentionListResolver)
    app.connect("builder-inited", _remember_app)
