"""Collections: the documents grouped by kind, each group with its own index page.

The corpus index lists the collections, and each collection page lists its
documents (with a hidden toctree), so no page of the site -- the sidebar
included -- has to list every document: the navigation's size depends on
the number of kinds, not on the number of documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sourcebook.core.identifiers import is_slug
from sourcebook.corpus.manifest import DocumentEntry
from sourcebook.render.escape import one_line
from sourcebook.render.myst import human_date

#: collection titles by document kind (a kind without one is titled by its name)
TITLES = {
    "wikipedia": "Encyclopedia articles",
    "blog": "Blog posts",
    "article": "Articles",
    "essay": "Essays",
}
PREFIX = "collection-"


@dataclass(frozen=True, slots=True)
class Row:
    """One document as its collection page lists it."""

    entry: DocumentEntry
    markers: int


def collection_doc(kind: str) -> str:
    """The page name (under the pages folder) of the collection of *kind*.

    >>> collection_doc("blog")
    'collection-blog'
    """
    return f"{PREFIX}{kind}"


def collection_title(kind: str) -> str:
    return TITLES.get(kind, kind.capitalize())


def group(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """Kind -> its rows sorted by slug; kinds in order of :data:`TITLES`, then by name."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.entry.kind, []).append(row)
    order = list(TITLES)
    kinds = sorted(groups, key=lambda k: (order.index(k) if k in order else len(order), k))
    return {k: sorted(groups[k], key=lambda r: r.entry.slug) for k in kinds}


def corpus_index(groups: dict[str, list[Row]]) -> str:
    """The MyST source of the corpus index: one line per collection."""
    lines = [
        "(corpus)=",
        "# The documents",
        "",
        "Each page is generated from a raw seed text, its manifest entry and apparatus, and",
        "the bibliography. Footnotes cite the bibliography where the source is known.",
        "The documents are grouped into collections by kind:",
        "",
        "| Collection | Documents |",
        "| --- | --- |",
    ]
    for kind, rows in groups.items():
        lines.append(
            f"| {{doc}}`{collection_title(kind)} <{collection_doc(kind)}>` | {len(rows)} |"
        )
    lines += ["", "```{toctree}", ":hidden:", ""]
    lines += [collection_doc(kind) for kind in groups]
    lines += ["```", ""]
    return "\n".join(lines)


def collection_page(kind: str, rows: list[Row]) -> str:
    """The MyST source of one collection's page: a table of its documents."""
    lines = [
        f"({collection_doc(kind)})=",
        f"# {collection_title(kind)}",
        "",
        "| Document | Author | Date | Markers |",
        "| --- | --- | --- | --- |",
    ]
    # a slug outside the grammar is refused before any page is made; never a link target
    rows = [row for row in rows if is_slug(row.entry.slug)]
    for row in rows:
        entry = row.entry
        author = one_line(", ".join(entry.authors)) or "—"
        date = one_line(human_date(entry.date)) if entry.date else "—"
        # a Markdown link, not a {doc} role: a link's text is Markdown, so escaping holds
        # there, while a role's text is taken verbatim and would end at a backtick
        title = f"[{one_line(entry.title)}]({entry.slug}.md)"
        lines.append(f"| {title} | {author} | {date} | {row.markers} |")
    lines += ["", "```{toctree}", ":hidden:", ""]
    lines += [row.entry.slug for row in rows]
    lines += ["```", ""]
    return "\n".join(lines)


def collection_pages(rows: Iterable[Row]) -> dict[str, str]:
    """Page name -> MyST source, for the corpus index and every collection page."""
    groups = group(rows)
    pages = {"index": corpus_index(groups)}
    for kind, members in groups.items():
        pages[collection_doc(kind)] = collection_page(kind, members)
    return pages
