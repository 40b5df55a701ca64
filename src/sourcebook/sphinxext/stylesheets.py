"""Leave the code-highlighting stylesheet off pages that show no code.

Sphinx links ``pygments.css`` (about 20 KB, both colour schemes) from every
page. Only pages with a literal block use it: the corpus pages' "How to cite"
BibTeX, the manual's examples. Everywhere else it is bytes a reader downloads
for nothing, on the search page before the first result (see
``docs/manual/performance.md``, "Search").
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

HIGHLIGHT_CSS = "pygments.css"


def shows_code(doctree: nodes.document | None) -> bool:
    """Whether the page has a block that Pygments colours (generated pages have none)."""
    if doctree is None:
        return False
    return next(iter(doctree.findall(nodes.literal_block)), None) is not None


def _is_highlight_css(css: Any) -> bool:
    filename = getattr(css, "filename", css)
    return PurePosixPath(str(filename)).name == HIGHLIGHT_CSS


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if shows_code(doctree):
        return
    # a new list: Sphinx restores its own for the next page
    kept = [css for css in context.get("css_files", []) if not _is_highlight_css(css)]
    context["css_files"] = kept


def setup_stylesheets(app: Sphinx) -> None:
    """Registered from the extension's ``setup``."""
    app.connect("html-page-context", on_html_page_context)
