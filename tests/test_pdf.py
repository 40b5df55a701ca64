"""The PDF: built with real xelatex; its text carries footnotes and flags."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project

pytestmark = [
    pytest.mark.pdf,
    pytest.mark.skipif(
        not all(shutil.which(t) for t in ("xelatex", "latexmk", "pdftotext")),
        reason="TeX Live / poppler not installed (nox -s pdf prints the install command)",
    ),
]


def test_pdf_has_footnotes_flags_and_typography(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
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
    pdf = project / "docs" / "_build" / "latex" / "sourcebook.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count("independent source needed") >= 5
    assert "its text was not preserved in this extract" in text
    assert "Striking a Light" in text
    assert "Workers’ Liberty" in text and "L'Étincelle" in text
    assert "Continuing the Fight for International Socialism" in text
