"""Free each page's doctree as soon as its HTML is written, not at the collector's next pass.

A doctree is a graph of cycles: every node points to its parent and to the
document, and the document's indexes (``ids``, ``nameids``, the reporter's
observers) point back to the nodes.  Reference counting can therefore never
free a written page's doctree; only a full collection of the cyclic garbage
collector can, and a full collection walks every object alive (at 1,000
documents, the doctrees still waiting to be written and the environment:
millions of objects).  During the write phase the doctrees, read long before,
are in the oldest generation, so the pages written since the last full
collection stay in memory until the next one, and each of those collections
is paid for by whatever page is being written then.

Once the HTML builder has made a page's context (``html-page-context``, the
last handler), nothing reads the doctree again: Sphinx's ``write_doc`` ends
with that event, the template is rendered from the context's strings, and
the next page's doctree is read or resolved afresh.  :func:`release` then
breaks every cycle the page's nodes make (each node's own attributes, the
document's included), so that reference counting frees the whole tree there
and then.  Memory in the write phase then falls as pages are written instead
of growing until a full collection, and full collections find less to walk.

Only the doctree the event hands over is touched (Sphinx reads or unpickles
a fresh one for each page it writes: the environment keeps pickles, never
these objects); the pages written are the same (``tests/test_release.py``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder


def release(doctree: nodes.document) -> int:
    """Break every reference cycle within *doctree*; the number of nodes released.

    O(nodes): one pass with an explicit stack (a page's tree can be deep), then
    each node's attributes dropped: parent, children, document, attributes.
    """
    stack: list[nodes.Node] = [doctree]
    everything: list[nodes.Node] = []
    while stack:
        node = stack.pop()
        everything.append(node)
        if isinstance(node, nodes.Element):
            stack.extend(node.children)
    for node in everything:
        # Text nodes (a ``str``) keep their parent in their ``__dict__`` too
        node.__dict__.clear()
    return len(everything)


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """The page's context is made: its doctree (if it has one) is not needed any more."""
    if isinstance(doctree, nodes.document) and isinstance(app.builder, StandaloneHTMLBuilder):
        release(doctree)


def register(app: Sphinx) -> None:
    # after every other handler of the event (the theme's 500, the extension's up to 900)
    app.connect("html-page-context", on_html_page_context, priority=10_000)
