"""Two accessibility faults of the HTML that Sphinx and docutils write, mended on the page.

axe-core reports both as critical on every page of the reader:

* a toctree caption is ``<p class="caption" role="heading">`` with no
  ``aria-level`` (a heading role requires one); it appears in the page body
  (a toctree directive) and in the theme's sidebar, which the theme builds by
  calling the ``toctree`` template function;
* a citation list is ``<div role="list">`` whose children are
  ``role="doc-biblioentry"``, which axe does not accept as list items (the
  DPUB role is deprecated): the entries become ``role="listitem"``.

Why here and not in a template: the markup comes from the writers, and the
sidebar is assembled by the theme's own ``html-page-context`` handler from
``toctree()``; wrapping that function before the theme calls it (priority
below the default 500) mends both places without copying the theme's
templates.  Plain string replacements of the writers' exact output: each is
idempotent and leaves anything else alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

_MENDS = (
    ('<p class="caption" role="heading">', '<p class="caption" role="heading" aria-level="2">'),
    (' role="doc-biblioentry">', ' role="listitem">'),
)


def mend(html: str) -> str:
    """``html`` with the writers' two faulty tags replaced (linear in its length)."""
    for faulty, fixed in _MENDS:
        html = html.replace(faulty, fixed)
    return html


def _mended(toctree: Callable[..., str]) -> Callable[..., str]:
    def call(*args: Any, **kwargs: Any) -> str:
        return mend(toctree(*args, **kwargs))

    return call


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Mend the page body and wrap the ``toctree`` the theme calls for the sidebar."""
    if isinstance(context.get("body"), str):
        context["body"] = mend(context["body"])
    toctree = context.get("toctree")
    if callable(toctree):
        context["toctree"] = _mended(toctree)


def register(app: Sphinx) -> None:
    # before furo's handler (default priority 500) builds the sidebar from toctree()
    app.connect("html-page-context", on_html_page_context, priority=400)
