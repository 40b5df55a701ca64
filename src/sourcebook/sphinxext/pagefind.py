"""Search with Pagefind: an index in fragments, so a first search downloads little at any N.

Sphinx's own search index is one ``searchindex.js`` holding every term of the
site, which a reader downloads whole before the first search (11 MB at a
thousand documents) and which a build loads, prunes and rewrites whenever a
page changes.  With ``sourcebook_search = "pagefind"`` (the default) the HTML
builder feeds no page to that index and writes none; at the end of a build
that wrote pages, Pagefind (``pagefind`` on PyPI, whose ``extended`` extra
ships the indexer binary) indexes the written HTML into ``_pagefind/``: a
small entry file, index chunks by term range and one fragment per page, of
which a search loads only what its words need.  The fragments of pages that
did not change are kept from the last index (``pagefindkeep.py``); a build may
instead index only the pages changed since into a second bundle the search page
merges (``pagefinddelta.py``: off by default, its searches are not a full
index's).  The search page (``templates/sourcebook-search.html``, in place of the
theme's) and the theme's search box, which submits to it, use Pagefind's own
interface.

What is indexed is each page's main article, without what is not the
page's own prose (:data:`EXCLUDE`): folded editors' notes, permalink signs,
the navigation at the foot.  Pagefind loads its index with ``fetch()``, which
browsers refuse for pages opened from disk (``file://``), so the search page
says how to serve the site instead (``python -m http.server``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.errors import ExtensionError

from sourcebook.sphinxext import pagefinddelta, pagefindkeep

BUNDLE = "_pagefind"
#: set on the application when this build wrote a document's page
WROTE = "sourcebook_pagefind_wrote"
#: the element whose text is a page's searchable content (the theme's main article)
ROOT_SELECTOR = "article[role=main]"
#: the theme whose page ``templates/sourcebook-search.html`` extends (other themes: Sphinx's index)
THEME = "furo"
#: what inside it is not the page's own prose: folded notes, permalinks, the
#: "About this document" box, the claim flags' and citations' decorations
EXCLUDE = (
    ".sourcebook-editors-note",
    ".sourcebook-about",
    ".headerlink",
    ".related-pages",
    ".sourcebook-flag",
    ".footnote-reference",
)
#: top-level pages that are not content: the search page itself and the general index
SKIP_PAGES = frozenset(["search.html", "genindex.html"])


def uses_engine(app: Sphinx, engine: str) -> bool:
    """An HTML build with ``sourcebook_search = engine`` and the theme the page is for.

    Not an e-book: the EPUB builders are HTML builders too, but a book has no search
    page and its package must hold only what the EPUB needs.
    """
    return (
        isinstance(app.builder, StandaloneHTMLBuilder)
        and not isinstance(app.builder, Epub3Builder)
        and app.builder.format == "html"
        and app.config.sourcebook_search == engine
        and app.config.html_theme == THEME
    )


def uses_pagefind(app: Sphinx) -> bool:
    return uses_engine(app, "pagefind")


def on_builder_inited(app: Sphinx) -> None:
    """Keep the search page, but feed and write no Sphinx search index."""
    if uses_pagefind(app):
        no_sphinx_index(app)


def no_sphinx_index(app: Sphinx) -> None:
    """Make the HTML builder keep its search page but feed and write no Sphinx search index
    (for this engine and the ``shards`` one)."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    prepare = builder.prepare_writing

    def prepare_writing(docnames: set[str]) -> None:
        # ``search`` is read here to create the indexer, and later to add the search
        # page: off for the first only, so the page stays and no index is made
        builder.search = False
        try:
            prepare(docnames)
        finally:
            builder.search = True

    setattr(builder, "prepare_writing", prepare_writing)  # noqa: B010
    stale = Path(builder.outdir) / builder.searchindex_filename
    stale.unlink(missing_ok=True)


def listing_pages(app: Sphinx) -> frozenset[str]:
    """Pages left out of the index besides :data:`SKIP_PAGES`: lists of the documents' text.

    The glossary (every mention of every entity) and the claims page (every
    claim) repeat text a reader finds on the document it comes from: as
    results they only crowd out the document, and they are the site's largest
    pages (at 300 documents the glossary alone was an eighth of the HTML
    Pagefind read, the claims page a twenty-fifth).
    """
    from sourcebook.sphinxext.glossary import GLOSSARY_DOC

    docnames = {GLOSSARY_DOC, app.config.sourcebook_claims_page}
    return frozenset(f"{name}.html" for name in docnames if name)


def glob(site: Path, skip: frozenset[str] = frozenset()) -> str:
    """A glob for every page of *site* but :data:`SKIP_PAGES` and *skip* (Pagefind's globs
    cannot negate).

    Each top-level page by name, each directory whole (``_static`` and the
    like hold no pages, and a bundle from an earlier build is skipped) unless
    it holds a skipped page, whose other pages are then named one by one.
    """
    skip = skip | SKIP_PAGES
    parts: list[str] = []
    for item in sorted(site.iterdir()):
        if item.is_dir() and not item.name.startswith((BUNDLE, ".")):
            if any(name.startswith(f"{item.name}/") for name in skip):
                pages = (p.relative_to(site).as_posix() for p in sorted(item.rglob("*.html")))
                parts.extend(page for page in pages if page not in skip)
            else:
                parts.append(f"{item.name}/**/*.html")
        elif item.suffix == ".html" and item.name not in skip:
            parts.append(item.name)
    return "{" + ",".join(parts) + "}"


def pages(site: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    """The pages :func:`glob` matches, each by its path in *site*."""
    skip = skip | SKIP_PAGES
    found: list[str] = []
    for item in sorted(site.iterdir()):
        if item.is_dir() and not item.name.startswith((BUNDLE, ".")):
            found.extend(p.relative_to(site).as_posix() for p in sorted(item.rglob("*.html")))
        elif item.suffix == ".html":
            found.append(item.name)
    return [page for page in found if page not in skip]


def command(
    site: Path,
    output: Path,
    language: str,
    skip: frozenset[str] = frozenset(),
    only: list[str] | None = None,
) -> list[str]:
    """The Pagefind command indexing *site* (or its pages *only*) into *output*, leaving
    out the pages *skip*."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-path",
        str(output),
        "--root-selector",
        ROOT_SELECTOR,
        "--exclude-selectors",
        ", ".join(EXCLUDE),
        "--glob",
        glob(site, skip) if only is None else "{" + ",".join(only) + "}",
        "--force-language",
        language,
        "--quiet",
    ]


def settings(language: str, skip: frozenset[str]) -> str:
    """What a page's fragment depends on besides the page: kept fragments must match it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        pagefind = version("pagefind")
    except PackageNotFoundError:  # pragma: no cover - the extra is a dependency
        pagefind = "?"
    return json.dumps([pagefind, ROOT_SELECTOR, EXCLUDE, language, sorted(skip)])


def index(
    site: Path, fresh: Path, language: str, skip: frozenset[str], only: list[str] | None = None
) -> None:
    """Run Pagefind on *site* (or its pages *only*) into *fresh*; an error names what it said."""
    made = command(site, fresh, language, skip, only)
    done = subprocess.run(made, capture_output=True, text=True)
    if done.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise ExtensionError(f"Pagefind failed to index {site}: {done.stderr.strip()[-2000:]}")


def renew(site: Path, language: str, skip: frozenset[str], record: Path) -> None:
    """Index *site* into a new bundle and put it in place of the old one.

    The fragments of pages unchanged since the last index are kept
    (:mod:`sourcebook.sphinxext.pagefindkeep`): Pagefind compresses only the others.
    """
    bundle, fresh = site / BUNDLE, site / f"{BUNDLE}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    made_with = settings(language, skip)
    kept = pagefindkeep.seed(site, bundle, fresh, record, made_with)
    index(site, fresh, language, skip)
    if not pagefindkeep.settle(site, fresh, kept, record, made_with) and kept.pages:
        shutil.rmtree(fresh, ignore_errors=True)  # a kept fragment is suspect: from nothing
        index(site, fresh, language, skip)
        pagefindkeep.settle(site, fresh, pagefindkeep.Kept({}), record, made_with)
    shutil.rmtree(bundle, ignore_errors=True)
    fresh.rename(bundle)
    # the whole site is in the base now: no delta, and what was seen is what was indexed
    pagefinddelta.clear(site)
    pagefinddelta.write_state(bundle, None, [])
    base = pagefinddelta.read_base(site, BUNDLE, record, made_with)
    if base is not None:
        pagefinddelta.prime(site, base, record.parent / pagefinddelta.SEEN)


def update_delta(
    site: Path, language: str, skip: frozenset[str], record: Path, percent: int
) -> bool:
    """Index the pages changed since the base into the delta bundle
    (:mod:`sourcebook.sphinxext.pagefinddelta`); false when the whole site must be
    indexed instead (no base, other settings, too many changes, a collision of ids)."""
    if percent <= 0:
        return False
    base = pagefinddelta.read_base(site, BUNDLE, record, settings(language, skip))
    if base is None:
        return False
    seen = record.parent / pagefinddelta.SEEN
    change = pagefinddelta.compare(
        base, pagefinddelta.current(site, pages(site, skip), seen, base.token)
    )
    if len(change.changed) + len(change.deleted) > pagefinddelta.limit(base, percent):
        return False
    fresh = site / f"{pagefinddelta.DELTA}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    if change.changed:
        index(site, fresh, language, skip, change.changed)
    drop = pagefinddelta.superseded(base, change, fresh)
    if drop is None:
        shutil.rmtree(fresh, ignore_errors=True)
        return False
    pagefinddelta.clear(site)
    delta = None
    if change.changed:
        fresh.rename(site / pagefinddelta.DELTA)
        delta = pagefinddelta.DELTA
    else:
        shutil.rmtree(fresh)
    pagefinddelta.write_state(site / BUNDLE, delta, drop)
    return True


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Index the site when a page changed (or no index exists)."""
    if exception is not None or not uses_pagefind(app):
        return
    site = Path(app.outdir)
    if not getattr(app, WROTE, False) and (site / BUNDLE / "pagefind.js").is_file():
        return
    language = (app.config.language or "en").split("_")[0]
    skip, record = listing_pages(app), Path(app.doctreedir) / pagefindkeep.RECORD
    if not update_delta(site, language, skip, record, app.config.sourcebook_search_delta_percent):
        renew(site, language, skip, record)


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> str | None:
    """The search page from ``templates/sourcebook-search.html`` (with the shard
    index: ``sourcebook-search-shards.html``), not the theme's."""
    if pagename in app.env.all_docs:
        setattr(app, WROTE, True)  # a page of the site changed: index again
    if pagename == "search" and uses_pagefind(app):
        return "sourcebook-search.html"
    if pagename == "search" and uses_engine(app, "shards"):
        return "sourcebook-search-shards.html"
    return None


def on_config_inited(app: Sphinx, config: Config) -> None:
    templates = str(Path(__file__).parent / "templates")
    if templates not in config.templates_path:
        config.templates_path.append(templates)


def setup_pagefind(app: Sphinx) -> None:
    """Registered from the extension's ``setup``."""
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", on_build_finished)
