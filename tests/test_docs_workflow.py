"""The contributor's documents name commands that work, and fields that exist."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from tests.conftest import ROOT
from tests.test_project_checks import documented_sessions, nox_sessions

#: what a contributor reads, and every checker message (they name commands too)
DOCUMENTS = (
    "CONTRIBUTING.md",
    ".github/pull_request_template.md",
    "docs/checker.md",
    "docs/formats.md",
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


def _table_fields(section: str) -> set[str]:
    text = (ROOT / "docs/formats.md").read_text(encoding="utf-8")
    start = text.index(section)
    end = text.find("\n#", start + len(section))
    return set(re.findall(r"^\| `([a-z0-9_]+)` \|", text[start:end], re.MULTILINE))


def _loader_keys() -> set[str]:
    """Keys the manifest loader reads: ``x.get("k")``, ``text("k")`` and the required tuple."""
    tree = ast.parse((ROOT / "src/sourcebook/manifest.py").read_text(encoding="utf-8"))
    keys: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("get", "text") and isinstance(node.args[0].value, str):
                keys.add(node.args[0].value)
        if isinstance(node, ast.comprehension) and isinstance(node.iter, ast.Tuple):
            keys |= {e.value for e in node.iter.elts if isinstance(e, ast.Constant)}
    return keys


def _schema_keys(name: str) -> set[str] | None:
    """Properties of ``src/sourcebook/schema/NAME.schema.json``, once the schemas exist."""
    path = ROOT / "src/sourcebook/schema" / f"{name}.schema.json"
    if not path.exists():
        return None
    schema = json.loads(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


def test_formats_page_documents_exactly_the_fields_the_loaders_read() -> None:
    documented = (
        _table_fields("### `[[subject]]`")
        | _table_fields("### `[[document]]`")
        | _table_fields("## `seeds/apparatus/")
    )
    read = _schema_keys("manifest")
    apparatus = _schema_keys("apparatus")
    if read is not None and apparatus is not None:
        read = (read | apparatus) - {"version", "subject", "document", "marker"}
        # "subject" is both a table and a document field
        read |= {"subject"}
    else:
        read = _loader_keys() - {"version", "document", "marker"}
    assert documented == read, (
        f"documented only: {sorted(documented - read)}; read only: {sorted(read - documented)}"
    )


def test_baseline_fields_are_documented() -> None:
    text = (ROOT / "docs/formats.md").read_text(encoding="utf-8")
    written = (ROOT / "seeds/baseline.toml").read_text(encoding="utf-8")
    for key in re.findall(r"^([a-z_]+) =", written, re.MULTILINE):
        assert f"| `{key}` |" in text, key
    assert "| `increase_reason` |" in text


def test_every_code_is_documented() -> None:
    from sourcebook.diagnostics import Code

    checker = (ROOT / "docs/checker.md").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    mine = [c for c in Code if 405 <= int(c.id[2:]) <= 449 or 506 <= int(c.id[2:]) <= 549]
    assert mine
    for code in mine:
        assert f"| {code.id} |" in checker, code
        assert code.id in contributing, code


def test_layout_messages_point_at_the_documented_layouts() -> None:
    text = Path(ROOT / "docs/formats.md").read_text(encoding="utf-8")
    for kind in ("wikipedia", "blog", "article", "essay"):
        assert f"(seed-layout-{kind})=" in text
