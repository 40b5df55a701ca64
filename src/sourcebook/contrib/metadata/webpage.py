"""A web page's own metadata as an :class:`Entry`.

:func:`extract` reads what the page says about itself -- Highwire
``citation_*`` and plain ``<meta name>`` tags (lxml), and Dublin Core,
Open Graph and schema.org JSON-LD (extruct) -- into a small JSON-able dict:
the record kept beside the entry.  :func:`page_entry` turns that dict into
an entry, preferring the most specific vocabulary: ``citation_*``, then
JSON-LD, Dublin Core, Open Graph, and the ``<title>`` last.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sourcebook.contrib.metadata.clean import Unusable, optional
from sourcebook.contrib.metadata.dates import iso_date
from sourcebook.contrib.metadata.entry import Entry, Person
from sourcebook.contrib.metadata.people import display_people
from sourcebook.corpus.independence import site

#: schema.org types whose fields describe the page's work
_WORKS = (
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ScholarlyArticle",
    "Report",
    "WebPage",
    "Book",
    "CreativeWork",
)
_KEPT_META = ("citation_", "dc.", "dcterms.", "author", "description")


def extract(html_text: str, url: str) -> dict[str, Any]:
    """The page's metadata (no network, nothing executed): the record's ``page`` part."""
    import extruct
    import lxml.html  # extruct's own parser

    found = extruct.extract(
        html_text, base_url=url, syntaxes=["json-ld", "opengraph", "dublincore"], uniform=True
    )
    tree = lxml.html.fromstring(html_text or "<html></html>")
    meta = [
        [str(m.get("name")).strip().lower(), str(m.get("content") or "")]
        for m in tree.iter("meta")
        if m.get("name") and str(m.get("name")).strip().lower().startswith(_KEPT_META)
    ]
    titles = [t.text_content() for t in tree.iter("title")]
    return {
        "meta": meta,
        "json-ld": found.get("json-ld", []),
        "opengraph": found.get("opengraph", []),
        "dublincore": found.get("dublincore", []),
        "title": titles[0] if titles else None,
    }


def _named(page: dict[str, Any], name: str) -> list[tuple[object, str]]:
    return [
        (content, f"meta {name} #{index}")
        for index, (key, content) in enumerate(page.get("meta", []))
        if key == name
    ]


def _work(page: dict[str, Any]) -> dict[str, Any]:
    items: list[Any] = []
    for item in page.get("json-ld", []):
        items.extend(item.get("@graph", [item]) if isinstance(item, dict) else [])
    for item in items:
        types = item.get("@type") if isinstance(item, dict) else None
        types = types if isinstance(types, list) else [types]
        if any(t in _WORKS for t in types):
            return dict(item)
    return {}


def _name_of(value: Any) -> Any:
    return value.get("name") if isinstance(value, dict) else value


def _first(candidates: list[tuple[object, str]]) -> str | None:
    for value, where in candidates:
        text = optional(_name_of(value), where)
        if text:
            return text
    return None


def _vocabularies(page: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    work = _work(page)
    graph = page.get("opengraph") or [{}]
    og = graph[0] if isinstance(graph[0], dict) else {}
    dc: dict[str, str] = {}
    for block in page.get("dublincore", []):
        for element in (*block.get("elements", []), *block.get("terms", [])):
            dc.setdefault(str(element.get("name", "")).split(".")[-1].lower(), element["content"])
    return work, og, dc


def _authors(
    page: dict[str, Any], work: dict[str, Any], dc: dict[str, str], outlets: set[str | None]
) -> tuple[Person, ...]:
    listed = _named(page, "citation_author")
    if not listed:
        people = work.get("author", [])
        people = people if isinstance(people, list) else [people]
        listed = [(_name_of(p), f"json-ld author #{n}") for n, p in enumerate(people)]
    if not listed and dc.get("creator"):
        listed = [(dc["creator"], "dublin core creator")]
    if not listed:
        listed = _named(page, "author")
    # a profile address is not a name
    people = display_people((v, w) for v, w in listed if not str(v).startswith(("http:", "https:")))
    # a creator that is also the publisher or the site is an organisation: one name, unsplit
    return tuple(
        Person(f"{p.given} {p.family}".strip(), "", literal=True)
        if f"{p.given} {p.family}".strip() in outlets
        else p
        for p in people
    )


def page_entry(page: Any, asked: str, accessed: str) -> Entry:
    """The entry for the page at *asked* (its final address) from :func:`extract`'s dict."""
    if not isinstance(page, dict):
        raise Unusable("/page", "the record holds no page metadata")
    work, og, dc = _vocabularies(page)
    title = _first(
        [
            *_named(page, "citation_title"),
            (work.get("headline"), "json-ld headline"),
            (work.get("name"), "json-ld name"),
            (dc.get("title"), "dublin core title"),
            (og.get("og:title"), "og:title"),
            (page.get("title"), "<title>"),
        ]
    )
    if not title:
        raise Unusable(
            "/page",
            "the page names no title (no citation_title, JSON-LD, Dublin Core, Open Graph or "
            "<title>); write its entry by hand",
        )
    journal = _first(_named(page, "citation_journal_title"))
    publisher = _first(
        [
            *_named(page, "citation_publisher"),
            (work.get("publisher"), "json-ld publisher"),
            (dc.get("publisher"), "dublin core publisher"),
        ]
    )
    when = _first(
        [
            *_named(page, "citation_publication_date"),
            *_named(page, "citation_date"),
            (work.get("datePublished"), "json-ld datePublished"),
            (dc.get("date"), "dublin core date"),
            (og.get("article:published_time"), "article:published_time"),
        ]
    )
    year, date = iso_date(when)
    site_name = _first([(og.get("og:site_name"), "og:site_name")])
    authors = _authors(page, work, dc, {publisher, site_name, journal})
    kind = "article" if journal and authors and year else "misc"
    container = journal or site_name or publisher or site(urlsplit(asked).hostname or "")
    notes = [] if year else ["the page gives no date of publication: add year if you can"]
    return Entry(
        kind,
        title,
        authors,
        container=container,
        publisher=publisher if publisher != container else None,
        year=year,
        date=date,
        doi=_first(_named(page, "citation_doi")),
        url=asked,
        urldate=accessed,
        notes=tuple(notes),
    )
