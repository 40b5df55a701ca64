"""Generate the corpus pages when a build starts, and keep the corpus at hand.

Running the generator on ``builder-inited`` means ``sphinx-build`` alone
always builds from the current seeds, manifest and bibliography; pages
whose content did not change are not rewritten, so Sphinx re-reads only the
changed ones.  Parallel readers are forked after this point and inherit the
loaded corpus.
"""

from __future__ import annotations

import weakref
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError, ExtensionError
from sphinx.util import logging

from sourcebook.corpus import ClaimRecord, Corpus, CorpusDocument
from sourcebook.diagnostics import Code, Diagnostic, Severity
from sourcebook.outdir import Refused
from sourcebook.pages import generate
from sourcebook.sphinxext.config import WARNING_TYPE, config_location

logger = logging.getLogger(__name__)


class CorpusRegistry:
    """The loaded corpus, looked up by page slug and claim id."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.documents: dict[str, CorpusDocument] = {d.entry.slug: d for d in corpus.documents}
        self.claims: dict[tuple[str, str], ClaimRecord] = {
            (c.document, c.claim.id): c for c in corpus.claims
        }


#: the registry of each build environment: roles see the environment, not the
#: application (``env.app`` is deprecated); forked parallel readers inherit it
_REGISTRIES: weakref.WeakKeyDictionary[BuildEnvironment, CorpusRegistry] = (
    weakref.WeakKeyDictionary()
)


def registry(app: Sphinx) -> CorpusRegistry | None:
    return getattr(app, "sourcebook_registry", None)


def env_registry(env: BuildEnvironment) -> CorpusRegistry | None:
    return _REGISTRIES.get(env)


def on_builder_inited(app: Sphinx) -> None:
    if not app.config.sourcebook_root:
        return
    root = (Path(app.confdir) / app.config.sourcebook_root).resolve()
    out = Path(app.srcdir) / app.config.sourcebook_pages_dir
    text = None
    if app.config.sourcebook_link_entities:
        from sourcebook.render.entities import entity_text_renderer

        text = entity_text_renderer(root)
    where = Diagnostic(*config_location(app, "sourcebook_pages_dir"), Code.BAD_CONFIG, "")
    try:
        corpus, result = generate(
            root, out, text=text, protected=(Path(app.srcdir), Path(app.confdir)), where=where
        )
    except Refused as refused:
        raise ConfigError(refused.diagnostic.format()) from None
    errors = [d for d in corpus.diagnostics if d.severity is Severity.ERROR]
    for diag in errors:
        logger.warning(diag.format(), type=WARNING_TYPE, subtype=diag.code.id)
    if errors and not corpus.documents:
        raise ExtensionError("sourcebook: no document could be read; run `sourcebook check`")
    logger.info(
        "sourcebook: %d pages written, %d unchanged, %d deleted",
        len(result.written),
        len(result.unchanged),
        len(result.deleted),
    )
    reg = CorpusRegistry(corpus)
    app.sourcebook_registry = reg  # type: ignore[attr-defined]
    _REGISTRIES[app.env] = reg
