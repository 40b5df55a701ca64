"""The book as EPUB 3: every page parses as XHTML, notes are EPUB footnotes, EPUBCheck passes.

EPUBCheck (Debian package ``epubcheck``; ``.ci/run`` installs it) is run
where it is installed and the test is skipped otherwise; the XHTML and
footnote checks need nothing but Sphinx.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from tests.conftest import copy_project, sphinx_build
from tests.sphinxroots import build, copy_root

pytestmark = pytest.mark.sphinx

_EPUB = "{http://www.idpf.org/2007/ops}type"
_XHTML = "{http://www.w3.org/1999/xhtml}"


def epubcheck_command() -> list[str] | None:
    """How to run EPUBCheck here: Debian's jar (its /usr/bin wrapper needs binfmt), or PATH."""
    jar = Path("/usr/share/java/epubcheck.jar")
    if jar.is_file() and shutil.which("java"):
        return ["java", "-jar", str(jar)]
    found = shutil.which("epubcheck")
    return [found] if found else None


def epubcheck(epub: Path) -> tuple[int, int, str]:
    """(fatal errors, errors, the report) of EPUBCheck on *epub*."""
    command = epubcheck_command()
    assert command is not None
    done = subprocess.run([*command, str(epub)], capture_output=True, text=True, check=False)
    report = done.stdout + done.stderr
    counts = re.search(r"Messages: (\d+) fatals? / (\d+) errors?", report)
    if counts:
        return int(counts[1]), int(counts[2]), report
    # "No errors or warnings detected." prints no counts when everything passes
    assert done.returncode == 0 and "No errors or warnings detected" in report, report
    return 0, 0, report


@pytest.fixture(scope="module")
def tiny_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_root("tiny", tmp_path_factory.mktemp("epub"))
    _, warnings = build(project, "epub", confoverrides={"version": "1", "copyright": "test"})
    assert warnings == ""
    return project / "docs" / "_build" / "epub"


def _pages(out: Path) -> list[Path]:
    """The pages made from documents (not the EPUB's own navigation document)."""
    return sorted(p for p in out.rglob("*.xhtml") if p.name != "nav.xhtml")


def test_every_page_parses_as_xhtml_with_one_viewport_and_a_description(tiny_epub: Path) -> None:
    pages = _pages(tiny_epub)
    assert pages
    for page in pages:
        root = ET.parse(page).getroot()  # raises on any unclosed <meta>
        metas = [m.attrib for m in root.iter(f"{_XHTML}meta")]
        assert [m["name"] for m in metas if m.get("name") == "viewport"] == ["viewport"], page
        assert any(m.get("name") == "description" and m.get("content") for m in metas), page


def test_notes_are_epub_footnotes(tiny_epub: Path) -> None:
    refs = notes = 0
    for page in _pages(tiny_epub):
        root = ET.parse(page).getroot()
        for link in root.iter(f"{_XHTML}a"):
            if link.get(_EPUB) == "noteref":
                refs += 1
                assert link.get("href", "").startswith("#")
        for aside in root.iter(f"{_XHTML}aside"):
            if aside.get(_EPUB) == "footnote":
                notes += 1
                assert aside.get("id")
    assert refs > 0 and notes > 0


def test_the_epub_holds_no_browser_only_files(tiny_epub: Path) -> None:
    with zipfile.ZipFile(tiny_epub / "tiny.epub") as book:
        names = book.namelist()
    assert not [n for n in names if n.endswith((".js", ".json", "sourcebook-preview.css"))]


@pytest.mark.skipif(epubcheck_command() is None, reason="EPUBCheck not installed")
def test_tiny_root_passes_epubcheck(tiny_epub: Path) -> None:
    fatal, errors, report = epubcheck(tiny_epub / "tiny.epub")
    assert (fatal, errors) == (0, 0), report


@pytest.mark.skipif(epubcheck_command() is None, reason="EPUBCheck not installed")
def test_the_book_passes_epubcheck(tmp_path: Path) -> None:
    """The reader's book itself, with its conf.py's EPUB settings (nox -s epub)."""
    project = copy_project(tmp_path / "project")
    done = sphinx_build(project, "epub", "-d", str(tmp_path / "doctrees"))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    fatal, errors, report = epubcheck(project / "docs" / "_build" / "epub" / "sourcebook.epub")
    assert (fatal, errors) == (0, 0), report
