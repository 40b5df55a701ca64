"""The PDF as a book: built with real xelatex; its LaTeX log and source are checked.

* 0 undefined references, 0 missing characters;
* no overfull box over 5 pt outside tables in the reader's content (the
  contributors' appendix is not the reader's book);
* note numbers restart with each document and run 1..n as on its HTML page;
* one Bibliography, a "Contents" page, A4 paper, no empty "Notes" heading.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project

pytestmark = [
    pytest.mark.pdf,
    pytest.mark.skipif(
        not all(shutil.which(t) for t in ("xelatex", "latexmk", "pdftotext", "pdfinfo")),
        reason="TeX Live / poppler not installed (nox -s pdf prints the install command)",
    ),
]

_OVERFULL = re.compile(
    r"^Overfull \\hbox \((?P<pt>[\d.]+)pt too wide\) .*lines (?P<a>\d+)--(?P<b>\d+)"
)
_TABLE = re.compile(r"\\(begin|end)\{(tabulary|tabular|longtable|tabularx)\}")


def overfull_outside_tables(log: str, tex: str, limit: float = 5.0) -> list[str]:
    """Overfull hboxes wider than *limit* whose source lines are in no table or appendix.

    >>> tex = "a\\n\\\\begin{tabular}\\nb\\n\\\\end{tabular}\\nc\\n\\\\appendix\\nd"
    >>> log = "\\n".join(f"Overfull \\\\hbox (9.0pt too wide) in paragraph at lines {n}--{n}"
    ...                  for n in (1, 3, 5, 7))
    >>> overfull_outside_tables(log, tex)
    ['9.0pt at line 1', '9.0pt at line 5']
    """
    lines = tex.splitlines()
    in_table = [False] * (len(lines) + 2)
    depth, appendix = 0, len(lines) + 1
    for number, line in enumerate(lines, start=1):
        before = depth
        for match in _TABLE.finditer(line):
            depth += 1 if match.group(1) == "begin" else -1
        in_table[number] = before > 0 or depth > 0
        if line.strip() == "\\appendix" and appendix > len(lines):
            appendix = number
    found = []
    for row in log.splitlines():
        match = _OVERFULL.match(row)
        if not match or float(match["pt"]) <= limit:
            continue
        first = int(match["a"])
        if first < appendix and not in_table[min(first, len(lines))]:
            found.append(f"{match['pt']}pt at line {first}")
    return found


def note_numbers_per_document(tex: str) -> dict[str, list[int]]:
    """Document slug -> the note numbers printed in it, in order.

    A document starts at its page label (``corpus/SLUG::doc``), whatever its
    headings: a document's own sections do not start another one.
    """
    out: dict[str, list[int]] = {}
    current = None
    for line in tex.splitlines():
        start = re.search(r"\\label\{\\detokenize\{corpus/([\w-]+)::doc\}\}", line)
        if start:
            current = start.group(1)
            out.setdefault(current, [])
        elif "\\label{\\detokenize{" in line and "::doc}}" in line:
            current = None  # a page that is not a document
        for number in re.findall(r"\\begin\{footnote\}\[(\d+)\]", line):
            if current is not None:
                out[current].append(int(number))
    return out


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("pdf") / "p")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-M",
            "latexpdf",
            str(project / "docs"),
            str(project / "docs" / "_build"),
            "-W",
            "--keep-going",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project


def _latex(book: Path, suffix: str) -> str:
    return (book / "docs" / "_build" / "latex" / f"sourcebook.{suffix}").read_text(
        encoding="utf-8", errors="replace"
    )


def test_log_has_no_undefined_reference_missing_character_or_wide_box(book: Path) -> None:
    log, tex = _latex(book, "log"), _latex(book, "tex")
    # LaTeX wraps log lines at 79 characters: join them before matching
    joined = log.replace("\n", "")
    undefined = re.findall(r"(?:Hyper )?[Rr]eference `[^']*' on page \d+ undefined", joined)
    assert undefined == [] and "There were undefined references" not in joined, undefined[:5]
    assert "Missing character" not in log, re.findall(r"Missing character.*", log)[:5]
    assert overfull_outside_tables(log, tex) == []


def test_notes_restart_per_document_and_match_the_html_pages(book: Path) -> None:
    tex = _latex(book, "tex")
    pages = book / "docs" / "corpus"
    numbered = {slug: nums for slug, nums in note_numbers_per_document(tex).items() if nums}
    assert numbered, "no notes printed"
    for slug, numbers in numbered.items():
        assert numbers == list(range(1, len(numbers) + 1)), slug
    for page in pages.glob("*.md"):
        notes = re.findall(r"^\[\^m-[^\]]+\]:", page.read_text(encoding="utf-8"), re.MULTILINE)
        assert len(numbered.get(page.stem, [])) == len(notes), page.stem


def test_contributor_docs_are_appendices(book: Path) -> None:
    """Every page of the HTML-only "For contributors" toctree is an appendix of the book."""
    index = (book / "docs" / "index.md").read_text(encoding="utf-8")
    block = index[index.index(":caption: For contributors") :].split("```")[0]
    pages = [line.strip() for line in block.splitlines()[1:] if line.strip() and ":" not in line]
    tex = _latex(book, "tex")
    appendix = tex[tex.index("\\appendix") :]
    for page in pages:
        assert f"\\label{{\\detokenize{{{page}::doc}}}}" in appendix, page


def test_book_structure(book: Path) -> None:
    tex = _latex(book, "tex")
    pdf = book / "docs" / "_build" / "latex" / "sourcebook.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
    assert tex.count("\\begin{sphinxthebibliography}") == 1
    assert "\\chapter{Bibliography}" not in tex
    assert "\\section{Notes}" not in tex  # in print notes stand at the foot of the page
    assert "CONTENTS" in text and "DOCUMENTS\n" not in text.split("CONTENTS", 1)[0]
    assert "\\appendix" in tex and tex.index("\\appendix") < tex.index("The citation checker}")
    assert "\\sphinxtermref" not in tex.split("\\begin{document}")[1] or (
        "\\protected\\def\\sphinxtermref#1{#1}" in tex
    )
    # adjacent note marks are separated, editors' research notes are not printed
    assert re.search(r"\\end\{footnote\}\\textsuperscript\{,\}|\\end\{footnote\}.{0,40},", tex)
    assert "Evidence:" not in text and "INFERRED" not in text


def test_pdf_has_footnotes_flags_and_typography(book: Path) -> None:
    pdf = book / "docs" / "_build" / "latex" / "sourcebook.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "independent source needed" in text
    assert "its text was not preserved in this extract" in text
    assert "The Organiser" in text  # a source's title, in the bibliography
    assert "Harbour 2001, ch. 8." in text
