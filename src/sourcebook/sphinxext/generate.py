"""Generate the corpus pages when a build starts, and keep the corpus at hand.

Running the generator on ``builder-inited`` means ``sphinx-build`` alone
always builds from the current seeds, manifest and bibliography; pages
whose content did not change are not rewritten, so Sphinx re-reads only the
changed ones.  Parallel readers are forked after this point and inherit the
loaded corpus.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from sourcebook.corpus import ClaimRecord, Corpus, CorpusDocument
from sourcebook.diagnostics import Severity
from sourcebook.pages import generate

logger = logging.getLogger(__name__)


class CorpusRegistry:
    """The loaded corpus, looked up by page slug and claim id."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.documents: dict[str, CorpusDocument] = {d.entry.slug: d for d in corpus.documents}
        self.claims: dict[tuple[str, str], ClaimRecord] = {
            (c.document, c.claim.id): c for c in corpus.claims
        }


def registry(app: Sphinx) -> CorpusRegistry | None:
    return getattr(app, "sourcebook_registry", None)


def on_builder_inited(app: Sphinx) -> None:
    if not app.config.sourcebook_root:
        return
    root = (Path(app.confdir) / app.config.sourcebook_root).resolve()
    out = Path(app.srcdir) / app.config.sourcebook_pages_dir
    text = None
    if app.config.sourcebook_link_entities:
        from sourcebook.render.entities import entity_text_renderer

        text = entity_text_renderer(root)
    corpus, result = generate(root, out, text=text)
    errors = [d for d in corpus.diagnostics if d.severity is Severity.ERROR]
    for diag in corpus.diagnostics:
        if diag.severity is Severity.ERROR:
            logger.warning(diag.format(), type="sourcebook", subtype=diag.code.id)
    if errors and not corpus.documents:
        raise ExtensionError("sourcebook: no document could be read; run `sourcebook check`")
    logger.info(
        "sourcebook: %d pages written, %d unchanged, %d deleted",
        len(result.written),
        len(result.unchanged),
        len(result.deleted),
    )
    app.sourcebook_registry = CorpusRegistry(corpus)  # type: ignore[attr-defined]
