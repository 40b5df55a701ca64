"""Full references on the tiny test root: letters for same-author years, ranges, BCE, previews.

The letter that tells two works of one author and year apart (``2004a``) is
printed wherever the work is named: the note, the bibliography entry, the
full reference kept in the note for its preview, and a page's "How to cite".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.corpusfiles import add_entries
from tests.sphinxroots import build, copy_root

pytestmark = pytest.mark.sphinx

#: written for the tests: a second 2004 article by the tiny root's Jane Doe, a second
#: untitled-author work with the tiny extract's own title, a range and an ancient year
EXTRA = """
@article{gazette2004pay,
  author  = {Doe, Jane},
  title   = {Dock Pay Talks},
  journal = {Port Gazette},
  year    = {2004}
}

@misc{tinywikimirror,
  title        = {Harbour Workers' Circle},
  howpublished = {A mirror of the encyclopedia}
}

@book{lane1988long,
  author    = {Lane, Ada},
  title     = {Long Work},
  publisher = {Quay Press},
  date      = {1988/1992}
}

@book{bard2000song,
  author    = {Bard, Old},
  title     = {Old Song},
  publisher = {Quay Press},
  date      = {-0876}
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_root("tiny", tmp_path_factory.mktemp("refs"))
    add_entries(project, EXTRA)
    # the reader's citation settings (docs/conf.py): author-date labels, entry ids by key
    book = {"bibtex_reference_style": "sourcebook", "bibtex_cite_id": "cite-{key}"}
    _, warnings = build(project, confoverrides=book)
    assert "ERROR" not in warnings, warnings
    return project / "docs" / "_build" / "html"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _entry(site: Path, key: str) -> str:
    html = (site / "bibliography.html").read_text(encoding="utf-8")
    start = html.index(f'id="cite-{key}"')
    return _text(html[start : html.index("</div>", start)])


def _note(site: Path, number: str) -> str:
    html = (site / "corpus" / "tiny-wiki.html").read_text(encoding="utf-8")
    start = html.index(f'id="m-{number}"')
    return html[start : html.index("</aside>", start)]


def test_same_author_same_year_entries_carry_their_letter(site: Path) -> None:
    assert "Doe 2004a" in _entry(site, "gazette2004cranes")
    assert "Doe, Jane. 2004a. “Crane Drivers Walk Out.”" in _entry(site, "gazette2004cranes")
    assert "Doe, Jane. 2004b. “Dock Pay Talks.”" in _entry(site, "gazette2004pay")


def test_a_note_cites_the_letter_and_keeps_the_full_reference(site: Path) -> None:
    note = _note(site, "3")
    visible, _, hidden = note.partition('<div class="sourcebook-note-sources" hidden="hidden">')
    assert "Doe 2004a</a></span>, p. 3" in visible
    full = _text(hidden)
    # the bibliography's own entry: author, year with letter, title, container, link
    assert full.strip().startswith("Doe, Jane. 2004a. “Crane Drivers Walk Out.” Port Gazette.")
    assert 'href="https://www.portgazette.co.uk/2004/cranes"' in hidden
    assert _entry(site, "gazette2004cranes").split("]", 1)[1].strip().startswith(full.strip())


def test_a_note_without_a_source_has_no_reference_block(site: Path) -> None:
    assert "sourcebook-note-sources" not in _note(site, "2")


def test_how_to_cite_uses_the_bibliography_label(site: Path) -> None:
    label = re.search(r"\[(.*?)\]", _entry(site, "tinywiki"))
    assert label and re.search(r"n\.d\.-[ab]$", label[1]), _entry(site, "tinywiki")
    page = _text((site / "corpus" / "tiny-wiki.html").read_text(encoding="utf-8"))
    assert f"Cite the original ({label[1]})" in page
    letter = label[1].rsplit("-", 1)[1]
    assert f"Harbour Workers' Circle. n.d.-{letter}." in page.replace("“", "").replace("”", "")


def test_ranges_and_ancient_years_render_as_the_data_says(site: Path) -> None:
    assert "Lane, Ada. 1988–1992. Long Work." in _entry(site, "lane1988long")
    assert "Lane 1988–1992" in _entry(site, "lane1988long")
    assert "Bard, Old. 877 BCE. Old Song." in _entry(site, "bard2000song")
