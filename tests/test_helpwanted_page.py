"""The reader's Help wanted page: the claims queue, dated from a constructed git history."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import build_docs
from tests.test_claims_queue import cite_marker, commit_all, git

pytestmark = [
    pytest.mark.sphinx,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]

PAGE = "# Help wanted\n\n```{helpwanted}\n```\n"


def test_help_wanted_lists_every_waiting_claim_with_its_age_and_a_random_link(
    tiny: Path,
) -> None:
    (tiny / "docs" / "helpwanted.md").write_text(PAGE, encoding="utf-8")
    index = tiny / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("claims\n", "claims\nhelpwanted\n"), "utf-8"
    )
    git(tiny, "init", "-q", "-b", "main")
    commit_all(tiny, "the corpus", "2025-01-10T12:00:00+00:00")
    cite_marker(tiny, "4", '"circle2001readingroom"')
    commit_all(tiny, "an affiliated source for 4", "2025-03-01T12:00:00+00:00")
    assert build_docs(tiny) == ""
    html = (tiny / "docs" / "_build" / "html" / "helpwanted.html").read_text(encoding="utf-8")
    assert "3 flagged claims waiting for a source" in html
    items = re.findall(r'<li class="sourcebook-helpwanted-item">(.*?)</li>', html, re.S)
    assert len(items) == 3
    four = next(i for i in items if "A former secretary wrote a history" in i)
    assert 'href="corpus/tiny-wiki.html#claim-tiny-wiki-ref-4"' in four
    assert "Waiting since 2025-01-10" in four and "Sources changed 1 time." in four
    assert "not on its sites (harbourcircle.org, hwc-bulletin.wordpress.com)" in four
    assert '<span class="pre">tiny-wiki/4</span>' in four
    assert re.search(r'<a class="[^"]*sourcebook-random-claim[^"]*" href="#help-wanted-list"', html)
    assert 'id="help-wanted-list"' in html
    assert "sourcebook-helpwanted.js" in html
    script = tiny / "docs" / "_build" / "html" / "_static" / "sourcebook-helpwanted.js"
    assert "sourcebook-helpwanted-claim" in script.read_text(encoding="utf-8")


def test_values_are_text_nodes_never_markup() -> None:
    """A sentence, title or flag holding markup stays a text node (no raw, no reference)."""
    from types import SimpleNamespace

    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from sourcebook.sphinxext.helpwanted import fill, helpwanted

    hostile = "<script>alert(1)</script> **bold** {raw}`html` [x](javascript:alert(1))"
    claim = {
        "document": "doc",
        "claim": "ref-1",
        "title": hostile,
        "sentence": hostile,
        "flags": [hostile],
        "first_flagged": "2025-01-10",
        "age_days": 3,
        "history": "git",
        "source_changes": 0,
        "resolve": {"needs": "source", "command": "nox -s cite -- doc/1 --doi 10.…"},
    }
    document = new_document("page", get_default_settings(Parser))
    document += helpwanted(claims=[claim], as_of="2025-01-13")
    app = SimpleNamespace(
        config=SimpleNamespace(sourcebook_pages_dir="corpus"),
        builder=SimpleNamespace(get_relative_uri=lambda source, target: f"{target}.html"),
    )
    fill(app, "page", list(document.findall(helpwanted)))  # type: ignore[arg-type]
    assert not list(document.findall(nodes.raw))
    texts = [t.astext() for t in document.findall(nodes.Text)]
    assert f"“{hostile}” " in texts and f"[{hostile}]" in texts
    refs = [r["refuri"] for r in document.findall(nodes.reference)]
    assert refs == ["#help-wanted-list", "corpus/doc.html#claim-doc-ref-1"]


def _add_help_wanted(project: Path) -> None:
    (project / "docs" / "helpwanted.md").write_text(PAGE, encoding="utf-8")
    index = project / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("claims\n", "claims\nhelpwanted\n"), "utf-8"
    )


def _items(project: Path) -> list[str]:
    html = (project / "docs" / "_build" / "html" / "helpwanted.html").read_text(encoding="utf-8")
    return re.findall(r'<li class="sourcebook-helpwanted-item">(.*?)</li>', html, re.S)


def test_the_page_lists_what_the_gate_read_without_reading_the_seeds_again(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the build's gate checked the corpus, the page lists the documents it read;
    when the gate replayed its verdict, the page reads them through the kept results:
    the same list either way."""
    from sourcebook.corpus.folders import FolderRecords

    _add_help_wanted(tiny)
    reads: list[str] = []
    seed = FolderRecords._seed

    def counted(self: FolderRecords, root: Path, entry: Any, parser: Any) -> Any:
        reads.append(entry.slug)
        return seed(self, root, entry, parser)

    monkeypatch.setattr(FolderRecords, "_seed", counted)
    assert build_docs(tiny) == ""
    assert reads == ["tiny-wiki"], "the gate reads the seed once; the page reads none"
    gated = _items(tiny)
    assert len(gated) == 3
    reads.clear()
    index = tiny / "docs" / "index.md"  # a page changes, the checker's inputs do not
    index.write_text(index.read_text(encoding="utf-8") + "\nA note.\n", encoding="utf-8")
    (tiny / "docs" / "helpwanted.md").write_text(PAGE + "\n", encoding="utf-8")
    assert build_docs(tiny) == ""
    assert reads == ["tiny-wiki"], "the gate replayed its verdict: the page reads the seed"
    assert _items(tiny) == gated
