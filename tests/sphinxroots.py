"""Tiny Sphinx projects under ``tests/roots/``, built in-process with ``SphinxTestApp``.

Each root is a whole sourcebook project (``seeds/`` beside ``docs/``), in the
style of sphinxcontrib-bibtex's ``test/roots/``: small enough that a build
takes a second, specific enough that each test names what it needs.  A root
is copied before the build because the extension writes generated pages into
the source directory.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).resolve().parent / "roots"


def copy_root(name: str, dest: Path) -> Path:
    """Copy ``tests/roots/test-<name>`` to *dest*; return the copy's project directory."""
    project = dest / name
    shutil.copytree(ROOTS / f"test-{name}", project)
    return project


def build(
    project: Path,
    builder: str = "html",
    confoverrides: dict[str, Any] | None = None,
    probes: dict[str, Callable[..., None]] | None = None,
    parallel: int = 0,
) -> tuple[SphinxTestApp, str]:
    """Build ``project/docs``; return the app and everything it warned.

    *probes* maps event names to handlers connected before the build.
    """
    warnings = StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=project / "docs",
        builddir=project / "docs" / "_build",
        confoverrides=confoverrides,
        status=StringIO(),
        warning=warnings,
        freshenv=True,
        parallel=parallel,
    )
    for event, handler in (probes or {}).items():
        app.connect(event, handler)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, warnings.getvalue()
