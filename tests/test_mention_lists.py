"""The glossary's "Mentioned in" lists, added as nodes from data (sphinxext/mentionlist.py).

The built glossary of the constructed corpus lists, under each entity, one item
per document that mentions it: a link with the document's title, then its
comments and sections in parentheses, each linking into that page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from sourcebook.corpus.entities import Entity, load_entities
from sourcebook.corpus.load import load_corpus
from sourcebook.sphinxext.glossary import Place, glossary_page
from tests.conftest import CORPUS, copy_project


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


class _App:
    """What the glossary's ``builder-inited`` handler reads of a Sphinx application."""

    def __init__(self, project: Path, mentions: dict[str, list[Place]], key: str) -> None:
        self.config = type(
            "Config", (), {"sourcebook_root": "..", "sourcebook_pages_dir": "corpus"}
        )
        self.confdir = self.srcdir = str(project / "docs")
        self.doctreedir = str(project / "doctrees")
        self.env = type("Env", (), {})()
        self.sourcebook_registry = _Reg(mentions, key)


class _Reg:
    """A registry's mentions, counting how often they are gathered."""

    has_mentions = True

    def __init__(self, mentions: dict[str, list[Place]], key: str) -> None:
        self._mentions, self.mentions_key, self.gathered = mentions, key, 0

    @property
    def mentions(self) -> dict[str, list[Place]]:
        self.gathered += 1
        return self._mentions


def test_unchanged_inputs_leave_the_glossary_unmade_until_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sourcebook.sphinxext import glossary, mentionlist

    project = copy_project(tmp_path / "p")
    (project / "doctrees").mkdir()
    hal = next(e for e in load_entities(project))
    mentions = {hal.id: [Place("doc-a", "Plain")]}
    made: list[int] = []
    real = glossary.glossary_page

    def counted(*args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(glossary, "glossary_page", counted)
    page = project / "docs" / "glossary.md"
    glossary.on_builder_inited(_App(project, mentions, "k1"))  # type: ignore[arg-type]
    written = page.read_text(encoding="utf-8")
    assert len(made) == 1 and hal.name in written

    app = _App(project, mentions, "k1")
    glossary.on_builder_inited(app)  # type: ignore[arg-type]
    assert len(made) == 1  # the same inputs: nothing made, the mentions not even gathered
    assert app.sourcebook_registry.gathered == 0
    # the lists, made when the page is read, are those of a full run
    assert mentionlist._lists(app.env) == real(None, load_entities(project), "corpus", mentions)[1]
    assert len(made) == 2

    other = {hal.id: [Place("doc-b", "Plain")]}
    glossary.on_builder_inited(_App(project, other, "k2"))  # type: ignore[arg-type]
    assert len(made) == 3 and page.read_text(encoding="utf-8") != written

    # a page changed by hand is made again, even from the same inputs
    page.write_text("# not the glossary\n", encoding="utf-8")
    glossary.on_builder_inited(_App(project, other, "k2"))  # type: ignore[arg-type]
    assert len(made) == 4 and hal.name in page.read_text(encoding="utf-8")
    # and without a key for the mentions' origin, always
    glossary.on_builder_inited(_App(project, other, ""))  # type: ignore[arg-type]
    assert len(made) == 5


def test_mentions_are_gathered_by_entity_only_when_asked_for() -> None:
    from sourcebook.corpus.bibliography import Bibliography
    from sourcebook.corpus.manifest import Manifest
    from sourcebook.sphinxext.corpusregistry import CorpusRegistry, Mentions

    by_document = {
        "doc-b": {"hal": [("Plain", None)], "rosa": [(None, 3)]},
        "doc-a": {"hal": [("Intro", None), (None, 1)]},
    }
    lazy = Mentions(by_document)
    reg = CorpusRegistry(Path("."), Manifest("seeds", (), {}), Bibliography("x.bib"), {}, {}, lazy)
    assert reg.has_mentions and isinstance(reg._mentions, Mentions)  # nothing gathered yet
    assert reg.mentions == {
        "hal": [Place("doc-a", "Intro"), Place("doc-a", None, 1), Place("doc-b", "Plain")],
        "rosa": [Place("doc-b", None, 3)],
    }
    assert not CorpusRegistry(
        Path("."), Manifest("seeds", (), {}), Bibliography("x.bib"), {}, {}
    ).has_mentions
