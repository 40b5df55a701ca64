"""The glossary's "Mentioned in" lists, added as nodes from data (sphinxext/mentionlist.py).

The built glossary of the constructed corpus lists, under each entity, one item
per document that mentions it: a link with the document's title, then its
comments and sections in parentheses, each linking into that page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sourcebook.corpus.entities import Entity, load_entities
from sourcebook.corpus.load import load_corpus
from sourcebook.sphinxext.glossary import Place, glossary_page
from tests.conftest import CORPUS


def _entry(glossary: str, name: str) -> str:
    """The ``<dd>`` of *name*'s term."""
    start = glossary.index(f'>{html.escape(name, quote=False)}<a class="headerlink"')
    return glossary[start : glossary.index("</dd>", start)]


def _title(page: str) -> str:
    return re.search(r"<h1>(.*?)<a class=\"headerlink\"", page, re.S).group(1)  # type: ignore[union-attr]


def test_each_entry_lists_every_mentioning_document_with_its_title(built_site: Path) -> None:
    glossary = (built_site / "glossary.html").read_text(encoding="utf-8")
    _page, lists = glossary_page(load_corpus(CORPUS), load_entities(CORPUS))
    assert lists
    for name, found in lists.items():
        entry = _entry(glossary, name)
        items = re.findall(r"<li><p>(.*?)</p></li>", entry, re.S)
        assert len(items) == len(found), name
        for item, mention in zip(items, found, strict=True):
            first = re.match(
                r'<a class="reference internal" href="([^"#]+)[^"]*"><span class="doc">'
                r"(.*?)</span></a>",
                item,
            )
            assert first is not None, item
            assert first.group(1) == f"corpus/{mention.slug}.html"
            page = (built_site / first.group(1)).read_text(encoding="utf-8")
            assert first.group(2) == _title(page)
            places = re.findall(r'<span class="std std-ref">(comment \d+)</span>', item)
            comments = [f"comment {p}" for p in mention.places if isinstance(p, int)]
            assert places == comments, item
            if mention.places:
                assert item.endswith(")"), item


def test_an_entity_without_mentions_says_so_and_has_no_list() -> None:
    hal = Entity("hal", "Hal Draper", "person", "A writer.")
    page, lists = glossary_page(None, (hal,), "corpus", {})
    assert lists == {} and "  Not mentioned in the documents." in page
    page, lists = glossary_page(None, (hal,), "corpus", {"hal": [Place("Bad Slug!", "A")]})
    assert lists == {"Hal Draper": []} and "  Mentioned in:" in page  # refused slugs: SB701
