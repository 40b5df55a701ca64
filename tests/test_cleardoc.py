"""Clearing a document before it is read (``sphinxext/cleardoc.py``) and the one walk of a
page (``sphinxext/walk.py``): the same results as Sphinx's and docutils' own, without
a pass over the whole site for each page."""

from __future__ import annotations

import copy
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx.domains.std import StandardDomain as SphinxStandardDomain
from sphinx.environment.collectors.toctree import TocTreeCollector as SphinxTocTreeCollector
from sphinx.testing.util import SphinxTestApp
from sphinxcontrib.bibtex.domain import BibtexDomain

from sourcebook.sphinxext import cleardoc
from sourcebook.sphinxext.walk import collect
from tests.sphinxroots import build, copy_root

pytestmark = pytest.mark.sphinx

PAGE = """\
A title
=======

A paragraph with a note [#a]_ and a citation [CIT2002]_.

.. admonition:: About

   Text in a box, with a note [#b]_.

   .. [#b] A note inside the box.

Section
-------

.. [#a] The first note, *emphasised*.

.. [CIT2002] A citation.

- a list item with **strong** text
"""


def _document() -> nodes.document:
    document = new_document("page", get_default_settings(Parser))
    Parser().parse(PAGE, document)
    return document


def test_one_walk_finds_what_findall_finds_in_order() -> None:
    document = _document()
    classes = (nodes.footnote, nodes.admonition, nodes.citation, nodes.Element, nodes.Text)
    found = collect(document, *classes)
    for cls in classes:
        assert found[cls] == list(document.findall(cls)), cls
    assert len(found[nodes.footnote]) == 2
    assert found[nodes.Element][0] is document  # the root itself, as findall gives it


class _CountingDict(dict[Any, Any]):
    """A dict that counts the whole-dict passes made over it."""

    passes = 0

    def items(self) -> Any:
        type(self).passes += 1
        return super().items()


def _built_tiny(tmp_path: Path) -> SphinxTestApp:
    app, warnings = build(copy_root("tiny", tmp_path))
    assert warnings == ""
    return app


def test_the_overriding_domains_and_collector_are_the_ones_in_use(tmp_path: Path) -> None:
    app = _built_tiny(tmp_path)
    assert type(app.env.get_domain("std")) is cleardoc.StandardDomain
    assert isinstance(app.env.get_domain("cite"), cleardoc.ReadDocuments)
    owners = [
        type(getattr(listener.handler, "__self__", None))
        for listener in app.events.listeners["env-purge-doc"]
    ]
    assert cleardoc.TocTreeCollector in owners
    assert SphinxTocTreeCollector not in owners  # disabled, not running twice


def test_a_document_never_read_is_not_looked_for(tmp_path: Path) -> None:
    domain = _built_tiny(tmp_path).env.get_domain("std")
    assert isinstance(domain, cleardoc.StandardDomain)
    before = copy.deepcopy(domain.data)
    domain.data["labels"] = _CountingDict(domain.data["labels"])
    _CountingDict.passes = 0
    domain.clear_doc("corpus/a-page-never-read")
    assert _CountingDict.passes == 0
    assert dict(domain.data["labels"]) == before["labels"]
    domain.clear_doc("corpus/tiny-wiki")  # read: Sphinx's own pass
    assert _CountingDict.passes == 1


@pytest.mark.parametrize(
    ("name", "original"), [("std", SphinxStandardDomain), ("cite", BibtexDomain)]
)
def test_clearing_a_read_document_leaves_what_sphinx_leaves(
    tmp_path: Path, name: str, original: type[Any]
) -> None:
    env = _built_tiny(tmp_path).env
    domain = env.get_domain(name)
    read = sorted(domain.data[cleardoc.READ] & set(env.all_docs))
    assert "corpus/tiny-wiki" in read and "bibliography" in read
    saved = copy.deepcopy(domain.data)
    for docname in read:
        ours, theirs = copy.deepcopy(saved), copy.deepcopy(saved)
        domain.data = ours
        domain.clear_doc(docname)
        domain.data = theirs
        original.clear_doc(domain, docname)
        assert docname not in ours.pop(cleardoc.READ)
        theirs.pop(cleardoc.READ)
        assert _shape(ours) == _shape(theirs), docname


def _shape(value: Any) -> Any:
    """*value* comparable after a deep copy: objects that compare by identity become their
    type's name (sphinxcontrib-bibtex's formatted entries)."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return (type(value).__name__, [_shape(item) for item in value])
    if type(value).__eq__ is object.__eq__:
        return type(value).__name__
    return value


def test_the_toctree_collector_clears_what_sphinx_clears(tmp_path: Path) -> None:
    app = _built_tiny(tmp_path)
    env = app.env
    inverse: dict[str, set[str]] = {}
    for parent, included in env.toctree_includes.items():
        for child in included:
            inverse.setdefault(child, set()).add(parent)
    assert env.files_to_rebuild == inverse
    fields = ("tocs", "toctree_includes", "files_to_rebuild", "glob_toctrees")
    saved = {field: copy.deepcopy(getattr(env, field)) for field in fields}
    for docname in sorted(env.all_docs):
        results = []
        for collector in (cleardoc.TocTreeCollector(), SphinxTocTreeCollector()):
            for field in fields:
                setattr(env, field, copy.deepcopy(saved[field]))
            collector.clear_doc(app, env, docname)
            results.append({field: _shape(getattr(env, field)) for field in fields})
        assert results[0] == results[1], docname


def test_a_rebuild_forgets_a_label_taken_out_of_a_page(tmp_path: Path) -> None:
    project = copy_root("tiny", tmp_path)
    index = project / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text("(a-passing-label)=\n" + text, encoding="utf-8")

    def labels(fresh: bool) -> dict[str, Any]:
        app = SphinxTestApp(
            "html",
            srcdir=project / "docs",
            builddir=project / "docs" / "_build",
            status=StringIO(),
            warning=StringIO(),
            freshenv=fresh,
        )
        try:
            app.build()
        finally:
            app.cleanup()
        return dict(app.env.get_domain("std").data["labels"])

    assert labels(fresh=True)["a-passing-label"][0] == "index"
    index.write_text(text, encoding="utf-8")
    assert "a-passing-label" not in labels(fresh=False)
