"""The Sphinx side of the ``shards`` engine: index the written pages when a build ends."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from sourcebook.sphinxext import pagefind
from sourcebook.sphinxext.search import build

#: the index's folder in the HTML output
OUTPUT = "_search"
#: the store, in the doctree directory (removed with it by a clean build)
STORE = "sourcebook-search.sqlite"

logger = logging.getLogger(__name__)


def uses_shards(app: Sphinx) -> bool:
    """An HTML build (not an e-book's) with ``sourcebook_search = "shards"``."""
    return (
        isinstance(app.builder, StandaloneHTMLBuilder)
        and not isinstance(app.builder, Epub3Builder)
        and app.builder.format == "html"
        and app.config.sourcebook_search == "shards"
    )


def on_builder_inited(app: Sphinx) -> None:
    if uses_shards(app):
        pagefind.no_sphinx_index(app)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Bring ``_search/`` up to date with the site's pages (unchanged ones are not read)."""
    if exception is not None or not uses_shards(app):
        return
    site = Path(app.outdir)
    urls = pagefind.pages(site, pagefind.listing_pages(app))
    done = build.index(site, site / OUTPUT, Path(app.doctreedir) / STORE, urls)
    logger.info(
        "search index: %d pages, %d read again, %d removed, %d shards written, %d removed",
        done.pages,
        len(done.parsed),
        len(done.removed),
        done.shards_written,
        done.shards_removed,
    )


def setup_shards(app: Sphinx) -> None:
    """Registered from the extension's ``setup``."""
    app.connect("builder-inited", on_builder_inited)
    app.connect("build-finished", on_build_finished)
