"""In-process Sphinx builds of tiny test roots: one behaviour per root."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.errors import ConfigError

from tests.sphinxroots import build, copy_root

pytestmark = pytest.mark.sphinx


def _notes(html: str) -> dict[str, str]:
    """The page's notes as text, by footnote id (``m-1``)."""
    found = re.findall(
        r'<aside class="footnote[^"]*" id="(m-[\w-]+)"[^>]*>(.*?)</aside>', html, re.S
    )
    return {ident: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)) for ident, body in found}


def test_notes_cite_keys_that_make_id_rewrites_with_locator_and_editors_note(
    tmp_path: Path,
) -> None:
    project = copy_root("attribution", tmp_path)
    app, warnings = build(project)
    assert warnings == ""
    html = (Path(app.outdir) / "corpus" / "tiny.html").read_text(encoding="utf-8")
    notes = _notes(html)
    # a short author–date citation, its locator, linked to the entry; not a bare number
    assert "Battle Over the Plan 2016 , p. 12." in notes["m-1"]
    assert 'href="../bibliography.html#' in html
    # the inference is the editors' note, collapsed, not part of the citation
    assert "Editors’ note (attribution inferred)" in notes["m-1"]
    assert "<details" in html.split('id="m-1"')[1].split("</aside>")[0]
    assert "Capital Plans Reviewed 2019 , ch. 3." in notes["m-2"]
    assert "Editors’ note" not in notes["m-2"]


def _set(conf: Path, line: str) -> int:
    """Append *line* to conf.py; return its line number."""
    text = conf.read_text(encoding="utf-8")
    conf.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ('sourcebook_pages_dir = ""', "not the source directory itself"),
        ('sourcebook_pages_dir = "."', "not the source directory itself"),
        ('sourcebook_pages_dir = "../elsewhere"', "without '..'"),
        ('sourcebook_link_entities = "yes"', "must be bool, not str"),
        ("sourcebook_root = 1", "must be str, not int"),
    ],
)
def test_a_bad_configuration_value_is_refused_at_its_line(
    tmp_path: Path, assignment: str, message: str
) -> None:
    project = copy_root("attribution", tmp_path)
    line = _set(project / "docs" / "conf.py", assignment)
    with pytest.raises(ConfigError) as refused:
        build(project)
    assert str(refused.value).startswith(f"conf.py:{line}:1: SB803 ")
    assert message in str(refused.value)
    assert not (project / "docs" / "glossary.md").exists()  # refused before writing


def test_suppress_warnings_silences_exactly_one_subtype(tmp_path: Path) -> None:
    project = copy_root("attribution", tmp_path)
    docs = project / "docs"
    (docs / "extra.md").write_text("# Extra\n\nA {claim}`ref-9 [9]` here.\n", encoding="utf-8")
    (docs / "index.md").write_text(
        (docs / "index.md").read_text(encoding="utf-8").replace("glossary\n", "glossary\nextra\n"),
        encoding="utf-8",
    )
    apparatus = project / "seeds" / "tiny" / "apparatus.toml"
    apparatus.write_text(
        apparatus.read_text(encoding="utf-8").replace('"established"', '"sure"'),
        encoding="utf-8",
    )
    # the SB206 error would make the build refuse to start; this test is about warnings
    keep_going = {"sourcebook_refuse_errors": False}
    _, loud = build(project, confoverrides=keep_going)
    assert "SB804 unknown claim 'ref-9'" in loud and "[sourcebook.SB804]" in loud
    assert "SB206" in loud and "[sourcebook.SB206]" in loud
    _, quiet = build(
        project, confoverrides={**keep_going, "suppress_warnings": ["sourcebook.SB804"]}
    )
    assert "SB804" not in quiet
    assert "[sourcebook.SB206]" in quiet
