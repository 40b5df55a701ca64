"""Written pages' doctrees freed by reference counting (``sourcebook.sphinxext.release``)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx.application import Sphinx

from sourcebook.sphinxext import release
from tests.sphinxroots import build, copy_root


def _made() -> nodes.document:
    """A small doctree with the cycles Sphinx's have: parents, the document, its ids."""
    document = new_document("<test>", get_default_settings(Parser))
    section = nodes.section(ids=["title"], names=["title"])
    document += section
    document.note_implicit_target(section, section)
    section += nodes.title("", "Title")
    para = nodes.paragraph()
    section += para
    para += nodes.Text("A paragraph with ")
    para += nodes.reference("", "a link", refuri="https://example.org")
    para += nodes.emphasis("", "emphasis")
    return document


def test_a_released_doctree_is_freed_without_the_collector() -> None:
    kept, dropped = _made(), _made()
    gc.collect()
    gc.disable()  # from here only reference counting frees anything
    try:
        watched = [weakref.ref(n) for n in dropped.findall(include_self=True)]
        control = weakref.ref(kept)
        assert release.release(dropped) == len(watched) > 5
        del dropped, kept
        assert all(ref() is None for ref in watched)
        # the control shows the cycles: without release, only the collector frees a doctree
        assert control() is not None
    finally:
        gc.enable()


def _pages(app: Any) -> dict[str, bytes]:
    outdir = Path(app.outdir)
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.suffix in {".html", ".js"} and "_static" not in p.parts
    }


def _build_watched(project: Path) -> tuple[Any, str, int, int]:
    """Build with the collector off; the app, its warnings, the written pages' nodes and how
    many of them are still alive at the end (only reference counting freed the others)."""
    written: list[weakref.ref[nodes.Node]] = []

    def watch(app: Sphinx, pagename: str, templatename: str, ctx: object, doctree: object) -> None:
        if isinstance(doctree, nodes.document):
            written.extend(weakref.ref(n) for n in doctree.findall(include_self=True))

    gc.collect()
    gc.disable()
    try:
        app, warned = build(project, probes={"html-page-context": watch})
        alive = sum(ref() is not None for ref in written)
    finally:
        gc.enable()
    return app, warned, len(written), alive


def test_the_pages_are_the_same_and_the_written_doctrees_are_freed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    released, warned, watched, alive = _build_watched(copy_root("tiny", tmp_path / "released"))
    assert warned == ""
    # what survives is what the reading's own cyclic garbage (the parser's state) still
    # points to: the document's shell and a few nodes, not the page
    assert watched > 500 and alive < watched * 0.1

    monkeypatch.setattr(release, "release", lambda doctree: 0)
    kept, warned, watched, alive = _build_watched(copy_root("tiny", tmp_path / "kept"))
    assert warned == ""
    assert alive > watched * 0.9  # without it, only the collector would free them
    expected = _pages(kept)
    assert "corpus/tiny-wiki.html" in expected and "glossary.html" in expected
    assert _pages(released) == expected
