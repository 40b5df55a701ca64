"""The ``{manual}`` role: a link from the reader's book to the contributor's manual.

The manual is a Sphinx site of its own (``docs/manual``), so a link to it is
not a cross-reference Sphinx can resolve: it is ``sourcebook_manual_url`` plus
the page named in the role (``{manual}`the manual <checker.html>```).  The
role leaves a placeholder that is resolved per builder when the page is
written (doctrees are shared between builders): an HTML site gets a link,
marked internal so the link wall (``safety``) treats it as a link within the
published site; an EPUB or PDF, which has no manual beside it, keeps the text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from sourcebook.core.links import safe_href


class manual_link(nodes.Inline, nodes.TextElement):
    """Where a ``{manual}`` role stands; ``target`` is the manual's page."""


class ManualRole(SphinxRole):
    """``{manual}`title <page.html>``` links *page* of the manual."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        _, title, target = split_explicit_title(self.text)
        return [manual_link(title, title, target=target)], []


def resolve_links(app: Sphinx, placeholders: list[manual_link]) -> None:
    """Each of a page's *placeholders*: a link in an HTML site, the text elsewhere (on
    doctree-resolved, from ``resolve.on_doctree_resolved``'s walk, before the link wall)."""
    for node in placeholders:
        title = node.astext()
        uri = str(app.config.sourcebook_manual_url) + node["target"]
        if app.builder.name in ("html", "dirhtml") and safe_href(uri):
            node.replace_self(nodes.reference(title, title, refuri=uri, internal=True))
        else:
            node.replace_self(nodes.inline(title, title))


def register(app: Sphinx) -> None:
    app.add_node(manual_link)
    app.add_role("manual", ManualRole())
