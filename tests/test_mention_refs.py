"""The glossary's "Mentioned in" lists made as finished links (sphinxext/mentionrefs.py).

The page is read with a small placeholder per entry and its links are built
when it is resolved; the pages written are those the pending
cross-references of ``mentionlist.bullet_list`` gave, resolved by Sphinx and
MyST, warnings included.  Each test builds a project twice, the second time
with the lists made as pending cross-references (what the build did before),
and compares.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from docutils import nodes
from sphinx import addnodes

from sourcebook.sphinxext import mentionlist
from sourcebook.sphinxext.mentionlist import Mention, mention_list
from tests.conftest import copy_project
from tests.sphinxroots import build, copy_root


def _build(project: Path, monkeypatch: pytest.MonkeyPatch, pending: bool, builder: str) -> str:
    with monkeypatch.context() as patch:
        if pending:
            # the lists as the build made them before: pending cross-references
            patch.setattr(mentionlist, "placeholder", mentionlist.bullet_list)
        _app, warnings = build(project, builder)
    return warnings


def _glossary_doctree(project: Path) -> nodes.document:
    with (project / "docs" / "_build" / "doctrees" / "glossary.doctree").open("rb") as handle:
        doctree: nodes.document = pickle.load(handle)  # the test's own build
    return doctree


def test_the_corpus_glossary_is_written_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made, before = copy_project(tmp_path / "made"), copy_project(tmp_path / "before")
    assert _build(made, monkeypatch, False, "html") == ""
    assert _build(before, monkeypatch, True, "html") == ""
    page = (made / "docs" / "_build" / "html" / "glossary.html").read_text(encoding="utf-8")
    old = (before / "docs" / "_build" / "html" / "glossary.html").read_text(encoding="utf-8")
    assert page == old
    # comments, sections and documents are all linked, each at its mention on the page
    assert 'std-ref">comment ' in page and 'class="doc"' in page and "#mention-" in page
    # the page as read keeps the lists' data, not their nodes
    doctree, old_doctree = _glossary_doctree(made), _glossary_doctree(before)
    lists = list(doctree.findall(mention_list))
    assert lists and not list(old_doctree.findall(mention_list))
    assert not any(next(x.findall(addnodes.pending_xref), None) for x in lists)
    xrefs = len(list(doctree.findall(addnodes.pending_xref)))
    assert xrefs < len(list(old_doctree.findall(addnodes.pending_xref))) - len(lists)


def _missing_targets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give the first entry a document that does not exist and, in a document that does,
    a comment and a section that do not."""
    real = mentionlist._lists

    def lists(env: object) -> mentionlist.Lists:
        found = {term: list(mentions) for term, mentions in real(env).items()}  # type: ignore[arg-type]
        term = sorted(found)[0]
        slug = found[term][0].slug
        found[term] += [Mention("no-such-document", (3, "Nowhere")), Mention(slug, (999, "Nil"))]
        return found

    monkeypatch.setattr(mentionlist, "_lists", lists)


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_a_missing_target_warns_and_reads_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builder: str
) -> None:
    _missing_targets(monkeypatch)
    made, before = copy_root("tiny", tmp_path / "made"), copy_root("tiny", tmp_path / "before")
    warned = _build(made, monkeypatch, False, builder)
    warned_before = _build(before, monkeypatch, True, builder)
    for expected in ("no-such-document", "no-such-document-comment-3", "-comment-999", "nil"):
        assert expected in warned.lower(), warned
    # the same warnings, at the same place (the glossary's directive)
    assert warned.replace(str(made), "") == warned_before.replace(str(before), "")
    out = "glossary.html" if builder == "html" else "tiny.tex"
    written = (made / "docs" / "_build" / builder / out).read_text(encoding="utf-8")
    old = (before / "docs" / "_build" / builder / out).read_text(encoding="utf-8")
    assert written.replace(str(made), "") == old.replace(str(before), "")
    assert "Nowhere" in written
