"""Sphinx builds of the tiny test corpus (``tests/roots/test-tiny``) with :mod:`sphinx.testing`.

What a contributor's change does to the reader -- a resolved flag, a claims
page that follows -- is tested here on a corpus the tests own, so that the
live corpus can change by pull request without turning these tests red.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import build_docs
from tests.corpusfiles import add_entries

pytestmark = pytest.mark.sphinx

NEEDING = 'class="status-needs-independent-source"'
RESOLVED = 'class="status-independently-sourced"'


def _html(project: Path, page: str) -> str:
    return (project / "docs" / "_build" / "html" / page).read_text(encoding="utf-8")


def _flags(page: str) -> int:
    return page.count("independent source needed</em>")


def _resolve(project: Path, url: str) -> None:
    add_entries(
        project,
        (
            "@misc{press2004strike,\n  title = {Crane strike report},\n"
            f"  howpublished = {{Some Paper}},\n  url = {{{url}}},\n  year = {{2004}}\n}}\n"
        ),
    )
    apparatus = project / "seeds" / "tiny-wiki" / "apparatus.toml"
    text = apparatus.read_text(encoding="utf-8")
    assert 'label = "2"\nkeys = []' in text
    apparatus.write_text(
        text.replace('label = "2"\nkeys = []', 'label = "2"\nkeys = ["press2004strike"]'),
        encoding="utf-8",
    )


def test_claims_page_lists_the_flagged_claims(tiny: Path) -> None:
    assert build_docs(tiny) == ""
    claims = _html(tiny, "claims.html")
    assert claims.count(NEEDING) == 3
    assert 'href="corpus/tiny-wiki.html#claim-tiny-wiki-ref-2"' in claims
    assert claims.count("Needs an independent source:") == 3
    assert "Note 2 (marked [2] in the source)" in claims  # the page's number, then the source's
    assert _flags(_html(tiny, "corpus/tiny-wiki.html")) == 3


@pytest.mark.parametrize(
    ("url", "resolved"),
    [
        ("https://www.eastporttribune.co.uk/2004/strike", True),
        ("https://harbourcircle.org/2004/strike", False),
        ("https://web.archive.org/web/2005/https://harbourcircle.org/2004/strike", False),
    ],
    ids=["independent", "affiliated", "archived-affiliated"],
)
def test_a_source_resolves_a_flag_only_when_independent(
    tiny: Path, url: str, resolved: bool
) -> None:
    _resolve(tiny, url)
    assert build_docs(tiny) == ""
    assert _flags(_html(tiny, "corpus/tiny-wiki.html")) == (2 if resolved else 3)
    claims = _html(tiny, "claims.html")
    assert claims.count(NEEDING) == (2 if resolved else 3)
    assert claims.count(RESOLVED) == (1 if resolved else 0)


def test_incremental_rebuild_updates_the_claims_page(tiny: Path) -> None:
    assert build_docs(tiny) == ""
    _resolve(tiny, "https://www.bbc.co.uk/news/cranes")
    assert build_docs(tiny) == ""
    assert _html(tiny, "claims.html").count(NEEDING) == 2
    page = _html(tiny, "corpus/tiny-wiki.html")
    assert _flags(page) == 2
    assert re.search(r"press2004strike|Crane strike report", page)
