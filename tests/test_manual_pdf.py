"""The manual as a PDF: built with real xelatex, held to the book's standard.

0 undefined references, 0 missing characters, no overfull box over 5 pt
(``tools/latexlog.py``, which ``nox -s manualpdf`` runs too).  The print
tweaks that get there (sphinxext/latextables.py) are tested on constructed
tables first: a column is never narrower than its longest word, and a table
too wide for any widths is printed as a list of its rows.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docutils import nodes
from docutils.core import publish_doctree

from sourcebook.sphinxext.latextables import (
    breakable_slashes,
    column_widths,
    fit_columns,
    longest_word,
)
from tests.conftest import ROOT
from tests.test_pdf import latexlog

HAS_TEX = all(shutil.which(t) for t in ("xelatex", "latexmk", "pdfinfo"))


def _table(rows: list[list[str]]) -> nodes.document:
    """A reStructuredText list-table of *rows* (the first is the header), parsed."""
    lines = [".. list-table::", "   :header-rows: 1", ""]
    for row in rows:
        lines += [f"   * - {row[0]}", *(f"     - {cell}" for cell in row[1:])]
    return publish_doctree("\n".join(lines) + "\n")


def test_every_column_is_as_wide_as_its_longest_word_at_least() -> None:
    columns = [["SB101", "SB215"], ["unbalanced_bracket", "x"], ["a sentence " * 30, "more"]]
    widths = column_widths(columns, line=68)
    for cells, width in zip(columns, widths, strict=True):
        need = max(longest_word(c) for c in cells) + 1
        assert width >= 100 * need / 68 - 1, (cells[0][:12], width)
    assert sum(widths) in range(99, 102)
    assert widths[2] == max(widths)  # the prose column gets what is left


def test_a_table_gets_given_widths_and_may_break_across_pages() -> None:
    doctree = _table([["Code", "Meaning"], ["SB101", "The file is empty."]])
    fit_columns(doctree)
    table = next(iter(doctree.findall(nodes.table)))
    assert {"colwidths-given", "longtable"} <= set(table["classes"])
    widths = [c["colwidth"] for c in table.findall(nodes.colspec)]
    assert widths[0] < widths[1]


def test_a_table_too_wide_for_the_page_becomes_a_list_of_its_rows() -> None:
    header = [f"Heading {n}" for n in range(6)]
    row = [f"cell-{n}-with-a-long-unbreakable-name-and-more" for n in range(6)]
    doctree = _table([header, row, row])
    fit_columns(doctree)
    assert not list(doctree.findall(nodes.table))
    items = list(doctree.findall(nodes.definition_list_item))
    assert len(items) == 2  # one per row; the header row names the fields
    assert items[0].next_node(nodes.term).astext() == row[0]
    names = [n.astext() for n in items[0].findall(nodes.field_name)]
    assert names == header[1:]
    assert [b.astext() for b in items[0].findall(nodes.field_body)] == row[1:]


def test_short_columns_join_the_row_name_in_a_list() -> None:
    header = ["Code", "Severity", "Name", "Meaning", "How to fix it"]
    rows = [
        [f"SB10{n}", "error", f"some_rule_{n}", "a long explanation " * 4, "what to do " * 5]
        for n in range(3)
    ]
    rows[0][2] = "arulenamelongenoughtowidenthetablepastthepageitself"
    doctree = _table([header, *rows])
    fit_columns(doctree)
    items = list(doctree.findall(nodes.definition_list_item))
    assert items[1].next_node(nodes.term).astext() == "SB101 · error"
    fields = [n.astext() for n in items[1].findall(nodes.field_name)]
    assert fields == ["Name", "Meaning", "How to fix it"]


def test_a_slash_between_code_words_may_break() -> None:
    doctree = publish_doctree("An entry's ``url``/``publisher``/``journal`` changed.\n")
    breakable_slashes(doctree)
    raws = [r.astext() for r in doctree.findall(nodes.raw)]
    assert raws == [r"\allowbreak{}"] * 2


@pytest.mark.pdf
@pytest.mark.skipif(not HAS_TEX, reason="TeX Live / poppler not installed")
def test_the_manual_pdf_has_no_undefined_reference_and_no_wide_box(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            *(sys.executable, "-m", "sphinx", "-M", "latexpdf"),
            *(str(ROOT / "docs" / "manual"), str(tmp_path), "-W", "--keep-going", "-q"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    latex = tmp_path / "latex"
    log = (latex / "sourcebook-manual.log").read_text(encoding="utf-8", errors="replace")
    assert latexlog.problems(log) == []
    info = subprocess.run(
        ["pdfinfo", str(latex / "sourcebook-manual.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "(A4)" in info and "sourcebook manual" in info
