"""A page's searchable text, from the HTML Sphinx wrote: its main article, as Pagefind reads it.

The text is that of the element with ``role="main"`` (Furo's ``<article>``,
the basic theme's ``<div class="body">``), without the elements whose class is
one of :data:`sourcebook.sphinxext.pagefind.EXCLUDE` (folded editors' notes,
permalink signs, the "About this document" box ...): the same exclusions as the
Pagefind index, so both engines search the same words.  The title is the
article's first ``<h1>``, else the page's ``<title>``.  Words either side of a
block element's tag are kept apart; an inline element's tags join its text to
the text beside it, as a browser shows it.

The page is parsed with lxml (the dependency of extruct that
``contrib/metadata/webpage.py`` uses too): five times faster than the
standard library's ``html.parser`` on these pages, a tenth of a full index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import lxml.etree  # extruct's own parser

from sourcebook.sphinxext.pagefind import EXCLUDE

#: the classes whose elements are left out (every selector of EXCLUDE is a class)
EXCLUDED = frozenset(selector.removeprefix(".") for selector in EXCLUDE)
#: elements that run on with the text beside them: no word break at their tags
INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
    ]
)
#: elements whose text is not shown
HIDDEN = frozenset(["script", "style", "template"])
_PARSER = lxml.etree.HTMLParser()


@dataclass(frozen=True)
class Page:
    """What the index keeps of a page."""

    title: str
    text: str


def _excluded(element: Any) -> bool:
    if not isinstance(element.tag, str) or element.tag in HIDDEN:
        return True  # comments and processing instructions too
    classes = element.get("class")
    return bool(classes) and not EXCLUDED.isdisjoint(classes.split())


def _text(element: Any, parts: list[str]) -> None:
    """Append the text of *element* (not its tail) to *parts*, but of its excluded elements
    (whose tails stay: the text after them)."""
    _drop_comments(element)
    # lxml's iterwalk (C) rather than a stack of Python tuples: a third less time
    walker = lxml.etree.iterwalk(element, events=("start", "end"))
    skipped = None
    for event, node in walker:
        if event == "start":
            if node is not element and _excluded(node):
                walker.skip_subtree()
                skipped = node
                continue
            if node.tag not in INLINE:
                parts.append(" ")
            if node.text:
                parts.append(node.text)
            continue
        if node is skipped:  # an excluded element's end: its tail alone
            skipped = None
        elif node.tag not in INLINE:
            parts.append(" ")
        if node is not element and node.tail:
            parts.append(node.tail)


def _drop_comments(element: Any) -> None:
    """Take the comments and processing instructions out of *element*, their tails kept in
    their place (iterwalk, which :func:`_text` uses, does not visit them)."""
    for node in element.xpath(".//comment()|.//processing-instruction()"):
        parent, previous = node.getparent(), node.getprevious()
        if node.tail and previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        elif node.tail:
            parent.text = (parent.text or "") + node.tail
        parent.remove(node)


def _clean(text: str) -> str:
    # str.split() splits where the regular expression \s+ matches (both: str.isspace), three
    # times faster
    return " ".join(text.split())


def _main(document: Any) -> Any:
    """The first element with ``role="main"``, or None: a walk that stops there, fifteen times
    faster than the XPath ``//*[@role='main']``, which visits every node of the page."""
    for element in document.iter(tag=lxml.etree.Element):
        if element.get("role") == "main":
            return element
    return None


def read(page: str | bytes) -> Page:
    """The title and text of the HTML *page* (the whole body when no element is the main one)."""
    if isinstance(page, bytes):  # Sphinx writes UTF-8 (lxml would guess without a <meta>)
        page = page.decode("utf-8", errors="replace")
    # lxml.etree's HTML parser, not lxml.html's: no Python class lookup for each element
    document = lxml.etree.fromstring(page, _PARSER)
    if document is None:
        return Page("", "")
    main = _main(document)
    if main is None:
        main = document.find("body")
    if main is None:
        return Page("", "")
    parts: list[str] = []
    _text(main, parts)
    heading = main.find(".//h1")
    title = ""
    if heading is not None:
        words: list[str] = []
        _text(heading, words)
        title = _clean("".join(words))
    if not title:
        title = _clean(document.findtext(".//title") or "")
    return Page(title, _clean("".join(parts)))
