"""The contributor's documents name commands that work, and fields that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sourcebook.sphinxext.schemadoc import field_items, load_schema, table_of
from tests.conftest import CORPUS, ROOT
from tests.test_project_checks import documented_sessions, nox_sessions

#: what a contributor reads, and every checker message (they name commands too)
DOCUMENTS = (
    "CONTRIBUTING.md",
    ".github/pull_request_template.md",
    "docs/manual/checker.md",
    "docs/manual/formats.md",
)


def _texts() -> dict[str, str]:
    texts = {doc: (ROOT / doc).read_text(encoding="utf-8") for doc in DOCUMENTS}
    for path in sorted((ROOT / "src/sourcebook").rglob("*.py")):
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


def test_every_named_nox_session_exists() -> None:
    defined = nox_sessions()
    for name, text in _texts().items():
        named = documented_sessions(text)
        assert named <= defined, f"{name} names sessions noxfile.py lacks: {named - defined}"


def test_no_command_needs_sourcebook_on_path() -> None:
    """After the README's two commands only nox exists: documents show the nox form."""
    for name in DOCUMENTS:
        text = (ROOT / name).read_text(encoding="utf-8")
        bare = [
            line for line in text.splitlines() if re.match(r"\s*(?:\$ |- \[ \] `)sourcebook ", line)
        ]
        assert not bare, f"{name}: {bare}"
    for name, text in _texts().items():
        if name.startswith("src/"):
            # a message telling the contributor to run something names the nox session
            assert not re.search(r"\b(?:run|with) `sourcebook ", text), name


TABLES = (
    ("document", None),
    ("subject", None),
    ("apparatus", "marker"),
    ("entity", None),
    ("baseline", None),
)


def test_formats_page_lists_every_table_from_its_schema() -> None:
    text = (ROOT / "docs/manual/formats.md").read_text(encoding="utf-8")
    for name, key in TABLES:
        assert f"```{{sourcebook-fields}} {name}{' ' + key if key else ''}\n```" in text


def test_every_schema_field_has_a_type_a_description_and_an_example() -> None:
    for name, key in TABLES:
        items = field_items(table_of(load_schema(name), key))
        assert items, (name, key)
        for field, kind, _, description, example in items:
            assert kind and description and example is not None, (name, key, field)


@pytest.mark.sphinx
def test_the_built_formats_page_lists_every_field(built_manual: Path) -> None:
    html = (built_manual / "formats.html").read_text(encoding="utf-8")
    for name, key in TABLES:
        table = table_of(load_schema(name), key)
        for field in table["properties"]:
            assert f'id="field-{name}-{key or "top"}-{field.replace("_", "-")}"' in html, field
    assert "</span></code> — string (sha256), required</dt>" in html
    assert "Example: <code" in html


def test_baseline_fields_are_in_its_schema() -> None:
    written = (CORPUS / "seeds/baseline.toml").read_text(encoding="utf-8")
    fields = load_schema("baseline")["properties"]
    for key in re.findall(r"^([a-z_]+) =", written, re.MULTILINE):
        assert key in fields, key
    assert "increase_reason" in fields


def test_every_code_is_documented() -> None:
    from sourcebook.core.diagnostics import Code

    checker = (ROOT / "docs/manual/checker.md").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    mine = [c for c in Code if 405 <= int(c.id[2:]) <= 449 or 506 <= int(c.id[2:]) <= 549]
    assert mine
    for code in mine:
        assert f"| {code.id} |" in checker, code
        assert code.id in contributing, code


def test_layout_messages_point_at_the_documented_layouts() -> None:
    text = Path(ROOT / "docs/manual/formats.md").read_text(encoding="utf-8")
    for kind in ("wikipedia", "blog", "article", "essay"):
        assert f"(seed-layout-{kind})=" in text
