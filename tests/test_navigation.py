"""The bounded sidebar and the collection pages, on constructed outlines (no Sphinx build)."""

from __future__ import annotations

from sourcebook.corpus.manifest import DocumentEntry
from sourcebook.render.collections import Row, collection_pages
from sourcebook.sphinxext.navigation import Outline, render


def _outline(n: int) -> Outline:
    docs = [f"corpus/doc-{i:05d}" for i in range(n)]
    half = n // 2
    outline = Outline(
        sections=[("Documents", ["corpus/index"]), ("Apparatus", ["claims", "glossary"])],
        children={
            "corpus/index": ["corpus/collection-blog", "corpus/collection-essay"],
            "corpus/collection-blog": docs[:half],
            "corpus/collection-essay": docs[half:],
        },
    )
    for parent, kids in outline.children.items():
        for kid in kids:
            outline.parent[kid] = parent
    outline.titles = {d: f"Title of {d}" for d in docs} | {"corpus/index": "The documents"}
    return outline


def test_sidebar_size_does_not_depend_on_the_number_of_documents() -> None:
    small = render(_outline(10), "corpus/doc-00007", lambda d: d + ".html")
    large = render(_outline(10_000), "corpus/doc-00007", lambda d: d + ".html")
    assert len(small) == len(large)
    assert "doc-00001" not in large  # siblings are not listed, only the current page


def test_sidebar_shows_the_path_to_the_current_page() -> None:
    html = render(_outline(100), "corpus/doc-00070", lambda d: d + ".html")
    assert 'class="toctree-l2 current"' in html  # its collection (essays: the second half)
    assert html.index("collection-blog") < html.index("collection-essay") < html.index("doc-00070")
    assert '<a class="current reference internal" href="#">Title of corpus/doc-00070</a>' in html
    assert "<ul>" in html and "Apparatus" in html and "glossary.html" in html


def _entry(slug: str, kind: str) -> DocumentEntry:
    return DocumentEntry(
        slug,
        f"{slug}.txt",
        "0" * 64,
        kind,
        f"<b>{slug}</b>",
        False,
        ("A",),
        (),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "reference",
        (),
        1,
        None,
    )


def test_documents_are_grouped_into_collection_pages_by_kind() -> None:
    rows = [Row(_entry(f"b{i}", "blog"), 1) for i in range(3)] + [Row(_entry("w", "wikipedia"), 2)]
    pages = collection_pages(rows)
    assert list(pages) == ["index", "collection-wikipedia", "collection-blog"]
    assert "collection-blog" in pages["index"] and "b0" not in pages["index"]
    # a Markdown link per document (a role's text would be taken verbatim)
    assert [f"(b{i}.md)" in pages["collection-blog"] for i in range(3)] == [True] * 3
    # titles are data: escaped, never markup
    assert "<b>" not in pages["collection-blog"]
