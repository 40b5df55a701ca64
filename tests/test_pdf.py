"""The PDF as a book: built with real xelatex; its LaTeX log and source are checked.

* 0 undefined references, 0 missing characters;
* no overfull box over 5 pt anywhere in the book (the contributor's manual is
  a publication of its own, docs/manual);
* note numbers restart with each document and run 1..n as on its HTML page;
* one Bibliography, a "Contents" page, A4 paper, no empty "Notes" heading.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT, copy_project

pytestmark = [
    pytest.mark.pdf,
    pytest.mark.skipif(
        not all(shutil.which(t) for t in ("xelatex", "latexmk", "pdftotext", "pdfinfo")),
        reason="TeX Live / poppler not installed (nox -s pdf prints the install command)",
    ),
]


def _load_latexlog() -> ModuleType:
    """``tools/latexlog.py``: what a LaTeX log says is wrong (the sessions use it too)."""
    spec = importlib.util.spec_from_file_location("latexlog", ROOT / "tools" / "latexlog.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


latexlog = _load_latexlog()


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
    assert latexlog.problems(_latex(book, "log")) == []


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


def test_the_book_holds_no_manual_page(book: Path) -> None:
    """The contributor's manual is a publication of its own (docs/manual), not an appendix."""
    tex = _latex(book, "tex")
    assert "\\appendix" not in tex
    for page in ("checker", "formats", "normalising", "configuration", "performance"):
        assert f"\\label{{\\detokenize{{{page}::doc}}}}" not in tex, page
    assert "\\label{\\detokenize{about::doc}}" in tex


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


def bookmarks(out_file: str) -> list[str]:
    r"""The titles of hyperref's bookmarks (``.out``: UTF-16BE as octal escapes).

    >>> bookmarks("\\BOOKMARK [0][-]{chapter.1}{\\376\\377\\000A\\000b}{}% 1")
    ['Ab']
    """
    titles = []
    for match in re.finditer(
        r"^\\BOOKMARK \[\d+\]\[-\]\{[^}]*\}\{(.*)\}\{[^}]*\}%", out_file, re.M
    ):
        raw = re.sub(r"\\(\d{3})", lambda m: chr(int(m[1], 8)), match[1])
        data = raw.encode("latin-1")
        titles.append(data[2:].decode("utf-16-be") if data[:2] == b"\xfe\xff" else raw)
    return titles


def test_pdf_metadata_fonts_and_a_bookmark_per_document(book: Path) -> None:
    from sourcebook.corpus.load import load_corpus

    pdf = book / "docs" / "_build" / "latex" / "sourcebook.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    for field in ("Title", "Author", "Subject", "Keywords"):
        assert fields.get(field, "").strip(), field
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts.stdout  # "emb"
    marks = bookmarks(_latex(book, "out"))
    corpus = load_corpus(book)
    for doc in corpus.documents:
        assert any(doc.entry.title.rstrip(".") in mark for mark in marks), doc.entry.title
