"""The pages of corpus-wide lists are read and written again only when what they show changed.

A seed edit that changes no claim and no document's facts leaves the claims,
help-wanted and home pages alone; an edit to a claim's sentence rewrites the
claims page with the new text, and a new title reaches the home page's list.
Work is read from the build's log (pages read, pages written); what the pages
say from their HTML.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import copy_project, sphinx_build

pytestmark = pytest.mark.sphinx

LISTS = {"claims", "helpwanted", "index"}


def _work(result: subprocess.CompletedProcess[str]) -> tuple[set[str], set[str]]:
    """(pages read, pages written) from a build's log."""
    assert result.returncode == 0, result.stdout + result.stderr
    read = set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", result.stdout))
    written = set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", result.stdout))
    return read, written


def _rewrite_seed(project: Path, slug: str, old: str, new: str) -> None:
    """Replace *old* (once) in *slug*'s seed and keep its sha256 in document.toml in step."""
    seed = project / "seeds" / slug / "extract.txt"
    text = seed.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    before = hashlib.sha256(text.encode()).hexdigest()
    text = text.replace(old, new)
    seed.write_text(text, encoding="utf-8")
    document = project / "seeds" / slug / "document.toml"
    after = hashlib.sha256(text.encode()).hexdigest()
    document.write_text(document.read_text("utf-8").replace(before, after), "utf-8")


def _page(project: Path, name: str) -> str:
    return (project / "docs" / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8")


def _claim_word(project: Path) -> tuple[str, str]:
    """A (slug, word) of a listed claim's sentence, the word found once in that seed."""
    claims = re.findall(r"“([^”]+)”", _page(project, "claims"))
    for folder in sorted((project / "seeds").iterdir()):
        seed = folder / "extract.txt"
        if not seed.is_file():
            continue
        text = seed.read_text(encoding="utf-8")
        for claim in claims:
            for word in re.findall(r"[A-Za-z]{7,}", claim):
                if text.count(word) == 1:
                    return folder.name, word
    raise AssertionError("no claim word found once in a seed")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("aggregates") / "p")
    _work(sphinx_build(project))
    return project


def test_an_edit_that_changes_no_list_leaves_the_list_pages(built: Path) -> None:
    claims = _page(built, "claims")
    seed = built / "seeds" / "dockside-blog" / "extract.txt"
    # a new last line: the page changes (its sha256), no claim, fact or first sentence
    _rewrite_seed(built, "dockside-blog", seed.read_text("utf-8"), seed.read_text("utf-8") + "\n")
    read, written = _work(sphinx_build(built))
    assert "corpus/dockside-blog" in read
    assert not (read | written) & LISTS, (read, written)
    assert _page(built, "claims") == claims


def test_a_changed_claim_rewrites_the_claims_page(built: Path) -> None:
    slug, word = _claim_word(built)
    new = "Zqvexilated"
    assert new not in _page(built, "claims")
    _rewrite_seed(built, slug, word, new)
    read, written = _work(sphinx_build(built))
    assert "claims" in written and "claims" not in read
    assert new in _page(built, "claims")
    # the bibliography shows where claims are and what they cite, not their text
    assert "bibliography" not in read | written, (read, written)
    # and a build after it has nothing to write again
    read, written = _work(sphinx_build(built))
    assert not (read | written) & LISTS, (read, written)


def test_a_new_title_reaches_the_home_page_list(built: Path) -> None:
    document = built / "seeds" / "tidewater-article" / "document.toml"
    text = document.read_text(encoding="utf-8")
    title = re.search(r'^title = "(.*)"$', text, re.M)
    assert title is not None
    document.write_text(text.replace(title.group(0), 'title = "A Renamed Tide"'), "utf-8")
    read, _ = _work(sphinx_build(built))
    assert "index" in read
    assert "A Renamed Tide" in _page(built, "index")
    assert "claims" not in read
    # its "Reproduced in this reader" line names the document by its title
    assert "A Renamed Tide" in _page(built, "bibliography")
