"""The reader's Help wanted page: the claims queue, dated from a constructed git history."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

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
