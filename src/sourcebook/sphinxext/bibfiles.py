"""sphinxcontrib-bibtex reads the project's bibliography as one generated file.

The bibliography is one file per source (``docs/references/<key>.bib``).
Listing those files in ``bibtex_bibfiles`` would change a configuration
value with every new source, and Sphinx rewrites every page when one
changes; so at ``config-inited`` the files are joined, in key order, into
``<doctrees>/sourcebook/references.bib`` -- the same text the checker reads
(:mod:`sourcebook.corpus.projectbib`) -- and that one stable path is what
sphinxcontrib-bibtex is given.  The joined file is rewritten only when its
text changes, so an unchanged bibliography is not parsed again.  A
``conf.py`` that sets ``bibtex_bibfiles`` itself is left alone.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from sourcebook.core.files import write_atomic
from sourcebook.corpus.projectbib import joined_text

JOINED = Path("sourcebook") / "references.bib"


def joined_bibliography(app: Sphinx, config: Config) -> None:
    """Point ``bibtex_bibfiles`` at the joined bibliography of the project (config-inited)."""
    root_setting = config.sourcebook_root
    if getattr(config, "bibtex_bibfiles", []) is not None or not isinstance(root_setting, str):
        return  # set by conf.py, sphinxcontrib-bibtex not loaded, or a bad root (reported)
    if not root_setting:
        config.bibtex_bibfiles = []  # no project: no bibliography
        return
    root = (Path(app.confdir) / root_setting).resolve()
    target = Path(app.doctreedir) / JOINED
    text = joined_text(root)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        write_atomic(target, text, durable=False)
    config.bibtex_bibfiles = [str(target)]


def setup_bibfiles(app: Sphinx) -> None:
    # after the settings are validated (priority 500), before sphinxcontrib-bibtex reads
    # its setting (builder-inited)
    app.connect("config-inited", joined_bibliography, priority=600)
