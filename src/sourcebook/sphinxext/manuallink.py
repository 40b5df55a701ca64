"""The ``{manual}`` role: a link from the reader's book to the contributor's manual.

The manual is a Sphinx site of its own (``docs/manual``), so a link to it is
not a cross-reference Sphinx can resolve: it is ``sourcebook_manual_url`` plus
the page named in the role (``{manual}`the manual <checker.html>```).  The
link is marked internal so the link wall (``safety``) treats it as a link
within the published site; it is an HTML link only: other builders keep the
text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from sourcebook.links import safe_href


class ManualRole(SphinxRole):
    """``{manual}`title <page.html>``` links *page* of the manual."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        _, title, target = split_explicit_title(self.text)
        uri = str(self.config.sourcebook_manual_url) + target
        builder = self.env.app.builder
        # an EPUB or PDF has no manual beside it: the text stays, unlinked
        if builder is None or builder.name not in ("html", "dirhtml") or not safe_href(uri):
            return [nodes.inline(title, title)], []
        return [nodes.reference(title, title, refuri=uri, internal=True)], []
