"""Page furniture for the HTML reader: accessible theme markup and meta descriptions.

Connected to ``html-page-context`` after the theme (furo) has built its
navigation, so the fixes apply to whatever the theme rendered:

* toctree captions carry ``role="heading"`` without the ``aria-level``
  ARIA requires (axe-core: aria-required-attr, critical);
* the bibliography's entries use the deprecated ``doc-biblioentry`` role
  inside a ``role="list"`` (axe-core: aria-required-children, critical):
  they become list items;
* code blocks and wide tables that scroll get ``tabindex="0"`` so keyboard
  users can scroll them (axe-core: scrollable-region-focusable, serious);
* the reader's favicon, unless the project has one;
* every page gets a meta description (a document page: its kind, author and
  date), written as an empty element (``<meta ... />``) so that the page is
  XHTML as well as HTML: the EPUB builder's pages must parse as XML;
* one viewport tag: the theme writes its own, so docutils' copy in
  ``metatags`` is dropped (two viewport tags are invalid, EPUBCheck RSC-005);
* a remembered "About this document" opens before the first paint: a small
  inline script in the head (HTML only) opens the box as the parser inserts
  it, so the text below does not move when the deferred ``sourcebook.js``
  runs (a layout shift Lighthouse counted);
* in an EPUB, notes are EPUB footnotes: the reference is an
  ``epub:type="noteref"`` and the note (docutils' ``aside``) an
  ``epub:type="footnote"``, so reading systems show them as pop-ups; the
  browser-only preview stylesheet is left out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from sourcebook.render.myst import human_date
from sourcebook.sphinxext.generate import registry

_CAPTION = re.compile(r'role="heading"(?! aria-level)')
_SCROLLERS = (
    ('<div class="highlight"><pre>', '<div class="highlight"><pre tabindex="0">'),
    ('<div class="table-wrapper', '<div tabindex="0" class="table-wrapper'),
    ('role="doc-biblioentry"', 'role="listitem"'),
)
#: opens each ``details.sourcebook-about`` while the page is parsed, when the reader left
#: it open (sourcebook.js's key): a MutationObserver's callback runs at the end of the
#: parser's task, before the browser renders, so the box is never painted closed
ABOUT_EARLY = (
    "<script>(function () { try {"
    ' if (window.localStorage.getItem("sourcebook:about-open") !== "1") { return; }'
    " var open = function () {"
    ' document.querySelectorAll("details.sourcebook-about:not([open])")'
    ".forEach(function (d) { d.open = true; }); };"
    " var watch = new MutationObserver(open);"
    " watch.observe(document.documentElement, { childList: true, subtree: true });"
    ' document.addEventListener("DOMContentLoaded", function () { open(); watch.disconnect(); });'
    " } catch (e) { /* no storage: the box stays folded */ } })();</script>\n"
)
_KIND = {
    "wikipedia": "Wikipedia article",
    "blog": "blog post with its comments",
    "article": "article",
    "essay": "essay",
}


def accessible(markup: str) -> str:
    """*markup* with the theme's ARIA gaps filled (see the module docstring).

    >>> accessible('<p class="caption" role="heading"><span>Docs</span></p>')
    '<p class="caption" role="heading" aria-level="2"><span>Docs</span></p>'
    """
    markup = _CAPTION.sub('role="heading" aria-level="2"', markup)
    for old, new in _SCROLLERS:
        markup = markup.replace(old, new)
    return markup


def description(app: Sphinx, pagename: str) -> str:
    """One line saying what the page is."""
    reg = registry(app)
    slug = pagename.rsplit("/", 1)[-1]
    entry = reg.entries.get(slug) if reg else None
    if entry is None:
        return (
            f"{app.config.project}: a cited, cross-referenced reader of source texts "
            "on the organisation of the socialist left, with notes, a bibliography and "
            "a list of claims needing sources."
        )
    parts = [f"{entry.title}: {_KIND.get(entry.kind, entry.kind)}"]
    if entry.authors:
        parts.append("by " + ", ".join(entry.authors))
    if entry.date:
        parts.append(human_date(entry.date))
    return " ".join(parts) + f", with notes and sources, in the {app.config.project} reader."


def default_favicon(app: Sphinx) -> None:
    """The reader's favicon unless the project names its own (``html_favicon``)."""
    if not getattr(app.config, "html_favicon", None):
        app.config.html_favicon = str(Path(__file__).parent / "static" / "favicon.svg")


_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\s*')
_EPUB_NOTES = (
    ('role="doc-noteref"', 'role="doc-noteref" epub:type="noteref"'),
    ('role="doc-footnote"', 'role="doc-footnote" epub:type="footnote"'),
)
#: browser-only: previews and their positioning (CSS an EPUB reading system rejects)
_BROWSER_ONLY_CSS = ("sourcebook-preview.css",)


def meta_tag(name: str, content: str) -> str:
    """A ``<meta>`` element, escaped by the XML library, valid as HTML and as XHTML.

    >>> meta_tag("description", 'A "quoted" <b> & more')
    '<meta name="description" content="A &quot;quoted&quot; &lt;b&gt; &amp; more" />'
    """
    element = ET.Element("meta", {"name": name, "content": content})
    return ET.tostring(element, encoding="unicode", short_empty_elements=True)


def epub_notes(markup: str) -> str:
    """*markup* with docutils' note references and notes typed for EPUB reading systems."""
    for old, new in _EPUB_NOTES:
        markup = markup.replace(old, new)
    return markup


def leave_browser_files_out_of_epub(app: Sphinx) -> None:
    """The EPUB builder packs every static file; the previews' stylesheet is not for it."""
    if app.builder.name == "epub":
        excluded = list(app.config.epub_exclude_files)
        app.config.epub_exclude_files = excluded + [
            f"_static/{name}" for name in _BROWSER_ONLY_CSS if f"_static/{name}" not in excluded
        ]


def make_accessible(context: dict[str, Any]) -> None:
    """The page's body and the theme's navigation, made :func:`accessible` in place.

    The manual's pages use it too (``sourcebook.sphinxext.manual``).
    """
    for key in ("body", "furo_navigation_tree", "toc"):
        if isinstance(context.get(key), str):
            context[key] = accessible(context[key])


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.Node
) -> None:
    make_accessible(context)
    metatags = _VIEWPORT.sub("", context.get("metatags", ""))
    context["metatags"] = metatags + meta_tag("description", description(app, pagename)) + "\n"
    if app.builder.name != "epub":  # furo writes metatags first in the head
        context["metatags"] += ABOUT_EARLY
    if app.builder.name == "epub":
        if isinstance(context.get("body"), str):
            context["body"] = epub_notes(context["body"])
        context["css_files"] = [
            css
            for css in context.get("css_files", [])
            if not str(getattr(css, "filename", css)).endswith(_BROWSER_ONLY_CSS)
        ]
