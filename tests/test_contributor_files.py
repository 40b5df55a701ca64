"""Schemas, positions, paths and Unicode hygiene of the contributor-file loaders."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sourcebook.core.diagnostics import Code
from sourcebook.corpus.manifest import read_apparatus
from sourcebook.inputs.hygiene import ASCII_PROTOTYPES, _prototypes, shown, skeleton
from sourcebook.inputs.paths import confine, read_limited
from sourcebook.inputs.tomlformats import format_checker
from sourcebook.inputs.tomlpos import scan
from sourcebook.inputs.tomlschema import SCHEMAS, load_schema, parse_toml
from tests.conftest import ROOT, sphinx_build
from tests.contributor.miniproject import edited, write_project


def properties(schema: dict[str, Any], where: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every property schema, array items included, with a dotted name."""
    out = []
    for name, sub in schema.get("properties", {}).items():
        out.append((f"{where}{name}", sub))
        out += properties(sub, f"{where}{name}.")
        items = sub.get("items", {})
        out += properties(items, f"{where}{name}[].")
    return out


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_property_is_documented_typed_and_exemplified(name: str) -> None:
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    for where, sub in properties(schema):
        assert sub.get("description"), where
        assert sub.get("examples"), where
        assert "type" in sub, where
        strings = [sub, sub.get("items", {})]
        for string in (s for s in strings if s.get("type") == "string"):
            assert "format" in string or "enum" in string, f"{where}: free text needs a format"
        validator = jsonschema.Draft202012Validator(sub, format_checker=format_checker())
        for example in sub["examples"]:
            assert list(validator.iter_errors(example)) == [], (where, example)


def test_formats_in_the_schemas_are_all_checked() -> None:
    used = set()
    for name in SCHEMAS:
        for _, sub in properties(load_schema(name)):
            used |= {s["format"] for s in (sub, sub.get("items", {})) if "format" in s}
    assert used <= set(format_checker().checkers)


def codes(text: str, schema: str = "document") -> list[str]:
    _, diags = parse_toml(text.encode(), "f.toml", schema)
    return [f"{d.line}:{d.col}:{d.code.id}" for d in diags]


@pytest.mark.parametrize(
    ("text", "schema", "expected"),
    [
        ('kind = "essay"\n', "document", ["1:1:SB210"] * 2),
        ('titel = "x"\n', "document", ["1:1:SB210"] * 2 + ["1:1:SB209"]),
        ('[[marker]]\nlabel = "1"\nkeys = [1, 2, 3]\n', "apparatus", ["3:9:SB211"]),
        ('"quoted key" = 1\n', "apparatus", ["1:1:SB209"]),
        ("a.b.c = 1\n", "apparatus", ["1:1:SB209"]),
    ],
)
def test_one_located_error_per_mistake(text: str, schema: str, expected: list[str]) -> None:
    assert sorted(codes(text, schema)) == sorted(expected)


def test_a_misspelt_required_key_is_one_error_with_a_suggestion() -> None:
    text = edited("seeds/alpha/document.toml", {3: 'titel = "Lamps"'})
    _, diags = parse_toml(text.encode(), "d.toml", "document")
    assert [d.format() for d in diags] == [
        "d.toml:3:1: SB209 unknown key 'titel' at the top level; did you mean 'title'?"
    ]


def test_unsafe_values_are_escaped_in_messages() -> None:
    _, diags = parse_toml(b'[[marker]]\nlabel = "1\\u202e2"\n', "a.toml", "apparatus")
    assert "\u202e" not in diags[0].message
    assert "\\u202e" in diags[0].message
    assert shown("x'\\") == "'x\\'\\\\'"


def test_positions_skip_strings_and_follow_nested_arrays_of_tables() -> None:
    text = (
        'a = """\n[[fake]]\nb = 1\n"""\n'
        "[[doc]]\n"
        "[[doc.part]]\n"
        'x."y z".w = [1, {k = "v"}]  # note\n'
        "[[doc]]\n"
        "[[doc.part]]\n"
        "q = 'lit'''\n"
    )
    pos = scan(text)
    assert ("fake",) not in pos.keys
    assert text[pos.key_at(("doc", 0, "part", 0, "x", "y z", "w")) or 0 :].startswith("x.")
    assert text[pos.value_at(("doc", 0, "part", 0, "x", "y z", "w", 1, "k")) or 0 :].startswith(
        '"v"'
    )
    assert pos.key_at(("doc", 1, "part", 0, "q")) == text.rindex("q =")
    assert len(pos.comments) == 1


def test_bracket_depth_is_refused_before_tomllib_recurses() -> None:
    text = "a = " + "[" * 100_000 + "]" * 100_000
    _, diags = parse_toml(text.encode(), "f.toml", "manifest")
    assert [d.code for d in diags] == [Code.TOML_TOO_DEEP]


def test_the_ascii_fast_path_agrees_with_the_confusables_table() -> None:
    table = _prototypes()
    derived = {c: table[c] for c in map(chr, range(128)) if table.get(c, c) != c}
    assert derived == ASCII_PROTOTYPES


def test_skeleton_merges_look_alikes_only() -> None:
    assert skeleton("ACME") == skeleton("\u0410\u0421\u041c\u0415")
    assert skeleton("alpha") == skeleton("a1pha")
    assert skeleton("Acme") != skeleton("Acne")


def test_a_device_is_refused_without_reading() -> None:
    problem = read_limited(Path("/dev/zero"), 10)
    assert not isinstance(problem, bytes) and problem.code is Code.NOT_REGULAR_FILE


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(read_limited(tmp_path / "pipe", 10)))
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert getattr(result[0], "code", None) is Code.NOT_REGULAR_FILE


def test_size_limit_reads_one_byte_more_at_most(tmp_path: Path) -> None:
    (tmp_path / "ok").write_bytes(b"x" * 10)
    (tmp_path / "big").write_bytes(b"x" * 11)
    assert read_limited(tmp_path / "ok", 10) == b"x" * 10
    assert getattr(read_limited(tmp_path / "big", 10), "code", None) is Code.FILE_TOO_LARGE


def test_a_symlink_inside_the_tree_is_fine_and_one_leading_out_is_not(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "texts").mkdir(parents=True)
    (seeds / "texts" / "a.txt").write_text("A\n")
    (seeds / "alias.txt").symlink_to(seeds / "texts" / "a.txt")
    (seeds / "out").symlink_to(tmp_path)
    (tmp_path / "elsewhere.txt").write_text("B\n")
    assert confine(seeds, "alias.txt") == (seeds / "texts" / "a.txt").resolve()
    # containment is judged on the resolved path: out and back in is inside
    assert confine(seeds, "out/seeds/alias.txt") == (seeds / "texts" / "a.txt").resolve()
    assert getattr(confine(seeds, "out/elsewhere.txt"), "code", None) is Code.PATH_ESCAPES
    assert getattr(confine(seeds, "texts/../../x"), "code", None) is Code.PATH_NOT_RELATIVE


@pytest.mark.sphinx
def test_the_build_reports_a_broken_entities_file_instead_of_crashing(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    for name in ("conf.py", "index.md", "claims.md", "bibliography.md", "about.md"):
        shutil.copy2(ROOT / "docs" / name, project / "docs" / name)
    broken = edited("seeds/entities/acme.toml", {1: 'name = "Acme`x"'})
    (project / "seeds/entities/acme.toml").write_text(broken, encoding="utf-8")
    done = sphinx_build(project)
    output = done.stdout + done.stderr
    assert "Extension error" not in output and "Traceback" not in output
    assert "seeds/entities/acme.toml:1:8: SB212 'name' 'Acme`x'" in output


def test_a_bad_confidence_keeps_the_citation_as_inferred(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('[[marker]]\nlabel = "1"\nkeys = ["k"]\nconfidence = "sure"\n')
    citations, diags, complete = read_apparatus(path, "a.toml")
    assert complete and [d.code for d in diags] == [Code.BAD_CONFIDENCE]
    assert [(c.label, c.keys, c.confidence) for c in citations] == [("1", ("k",), "inferred")]


def test_a_bad_key_list_makes_the_apparatus_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('[[marker]]\nlabel = "1"\nkeys = ["k`"]\n')
    citations, diags, complete = read_apparatus(path, "a.toml")
    assert not complete and citations == () and [d.code for d in diags] == [Code.BAD_VALUE]


def test_unsafe_character_class_is_the_per_character_rule() -> None:
    """unsafe_character searches one regex class; it must refuse exactly what _problem does."""
    from sourcebook.inputs.hygiene import _problem, unsafe_character

    for multiline in (False, True):
        for invisible in (False, True):
            # every character of the BMP (all the refused ones are there), a sample above
            for code in (*range(0x10000), *range(0x10000, 0x110000, 0x101)):
                if 0xD800 <= code <= 0xDFFF:
                    continue
                char = chr(code)
                problem = _problem(char, multiline, invisible)
                found = unsafe_character("ab" + char, multiline=multiline, invisible=invisible)
                expected = None if problem is None else (2, f"{problem} U+{code:04X}")
                assert found == expected, hex(code)
