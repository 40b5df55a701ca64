"""Sphinx builds of the tiny test corpus (``tests/roots/test-tiny``) with :mod:`sphinx.testing`.

What a contributor's change does to the reader -- a resolved flag, a claims
page that follows -- is tested here on a corpus the tests own, so that the
live corpus can change by pull request without turning these tests red.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import build_docs, sphinx_build
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


def test_an_edited_editors_note_reaches_the_page_on_a_rebuild(tiny: Path) -> None:
    # the editors' note of a marker whose source is unknown is added to the page as it
    # is read, from the apparatus, not from the generated MyST (which does not change):
    # the page must be read again when only the note changes (sphinx-build, as the
    # reader's build runs it, with its environment kept between the two builds)
    apparatus = tiny / "seeds" / "tiny-wiki" / "apparatus.toml"
    text = apparatus.read_text(encoding="utf-8")
    unknown = 'label = "2"\nkeys = []\n'
    assert unknown in text
    apparatus.write_text(
        text.replace(unknown, unknown + 'note = "Searched the 2004 papers; none found."\n'),
        encoding="utf-8",
    )
    first = sphinx_build(tiny, "html", "-j", "auto")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Searched the 2004 papers; none found." in _html(tiny, "corpus/tiny-wiki.html")
    text = apparatus.read_text(encoding="utf-8")
    apparatus.write_text(text.replace("none found", "one found later"), encoding="utf-8")
    again = sphinx_build(tiny, "html", "-j", "auto")
    assert again.returncode == 0, again.stdout + again.stderr
    page = _html(tiny, "corpus/tiny-wiki.html")
    assert "one found later" in page and "none found" not in page


def test_an_edited_own_entry_reaches_the_page_s_how_to_cite_on_a_rebuild(tiny: Path) -> None:
    # "how to cite" is added to the page as it is read, from the document's own entry
    first = sphinx_build(tiny, "html", "-j", "auto")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "The Free Encyclopedia (English)" in _html(tiny, "corpus/tiny-wiki.html")
    entry = tiny / "docs" / "references" / "tinywiki.bib"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("(English)", "(English edition)"), encoding="utf-8")
    again = sphinx_build(tiny, "html", "-j", "auto")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "The Free Encyclopedia (English edition)" in _html(tiny, "corpus/tiny-wiki.html")
