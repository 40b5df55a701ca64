"""In-process Sphinx builds of tiny test roots: one behaviour per root."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.sphinxroots import build, copy_root

pytestmark = pytest.mark.sphinx


def _notes(html: str) -> list[str]:
    """The attribution notes of a page, as text."""
    found = re.findall(r'<p class="sourcebook-attribution"><em>(.*?)</em></p>', html, re.S)
    return [re.sub(r"\s+", " ", note) for note in found]


def test_attribution_notes_survive_keys_that_make_id_rewrites(tmp_path: Path) -> None:
    project = copy_root("attribution", tmp_path)
    app, warnings = build(project)
    assert warnings == ""
    html = (Path(app.outdir) / "corpus" / "tiny.html").read_text(encoding="utf-8")
    notes = _notes(html)
    assert "Reference 1: At p. 12. Attribution inferred, not established." in notes
    assert "Reference 2: At ch. 3." in notes
