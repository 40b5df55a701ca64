"""Hypothesis fuzzing of the contributor-file loaders: no input raises, ever.

Three kinds of input: arbitrary bytes and text; text assembled from TOML
fragments (headers, brackets, quotes) that reach deeper into the parser;
and real TOML documents built from arbitrary values under the schemas' own
key names, so the schema, format and loader stages see every type.  The
examples are few and small so the module runs in seconds.
"""

from __future__ import annotations

import datetime
import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcebook.check.ratchet import load_baseline
from sourcebook.core.diagnostics import Diagnostic
from sourcebook.core.lines import LineIndex
from sourcebook.corpus.entities import read_entities
from sourcebook.corpus.manifest import load_apparatus, load_manifest
from sourcebook.inputs.tomlpos import scan
from sourcebook.inputs.tomlschema import SCHEMAS, load_schema, parse_toml

FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
#: structured documents cost more to build and load; fewer of them
FUZZ_DOCUMENTS = settings(FUZZ, max_examples=50)


def _keys(schema: dict[str, Any]) -> Iterator[str]:
    for name, sub in schema.get("properties", {}).items():
        yield name
        yield from _keys(sub)
        yield from _keys(sub.get("items", {}))


KEYS = sorted({key for name in SCHEMAS for key in _keys(load_schema(name))})
TABLES = ["document", "subject", "marker", "entity"]
INTERESTING = [
    "alpha",
    "alpha.txt",
    "../x",
    "/etc/passwd",
    "apparatus/alpha.toml",
    "2019-02-30",
    "2019-10-22",
    "https://x.example/",
    "javascript:alert(1)",
    "wikipedia",
    "established",
    "a\u202eb",
    "\u0410WL",
    "AWL",
    "k`{download}`",
    "0" * 64,
    "",
]

scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(INTERESTING),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=6))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=8,
)
tables = st.dictionaries(keys, values, max_size=8)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_document(top: dict[str, Any], sections: list[tuple[str, dict[str, Any]]]) -> str:
    lines = [f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}" for k, v in top.items()]
    for name, table in sections:
        lines.append(f"[[{name}]]")
        lines += [
            f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}" for k, v in table.items()
        ]
    return "\n".join(lines) + "\n"


def check_located(text: bytes, diags: list[Diagnostic]) -> None:
    """Every diagnostic points inside the file it names."""
    index = LineIndex(text.decode("utf-8", "replace"))
    for diag in diags:
        assert 1 <= diag.line <= index.line_count, diag
        assert diag.col >= 1, diag


def parse_everywhere(data: bytes) -> None:
    for schema in SCHEMAS:
        _, diags = parse_toml(data, "f.toml", schema)
        check_located(data, diags)


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    parse_everywhere(data)


@FUZZ
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    parse_everywhere(text.encode("utf-8"))


FRAGMENTS = [
    "[[document]]\n",
    "[document]\n",
    "[[marker]]\n",
    "[entity.x]\n",
    'slug = "a"\n',
    "label = ",
    "keys = [",
    "]",
    "[",
    "{",
    "}",
    ", ",
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "=",
    "\n",
    "# c\n",
    "version = 1\n",
    "marker = [1, 2]\n",
    "a.b.c = 1\n",
    "\u202e",
    "\r\n",
]


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40))
def test_toml_shaped_text_never_raises(parts: list[str]) -> None:
    parse_everywhere("".join(parts).encode("utf-8"))


@FUZZ_DOCUMENTS
@given(tables, st.lists(st.tuples(st.sampled_from(TABLES), tables), max_size=4))
def test_toml_documents_never_raise_and_keys_are_located(
    top: dict[str, Any], sections: list[tuple[str, dict[str, Any]]]
) -> None:
    text = toml_document(top, sections)
    parse_everywhere(text.encode("utf-8"))
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # positions are promised for valid TOML only (e.g. a raw DEL is not)
    positions = scan(text)
    for key in top:
        at = positions.key_at((key,))
        assert at is not None and text.startswith(json.dumps(key, ensure_ascii=False), at)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "seeds"
    for folder in ("alpha", "subjects", "entities"):
        (path / folder).mkdir(parents=True)
    (path / "alpha" / "extract.txt").write_text("Lamps\n\nLight.[1]\n", encoding="utf-8")
    return path


@FUZZ_DOCUMENTS
@given(tables, st.lists(st.tuples(st.sampled_from(TABLES), tables), max_size=4))
def test_the_loaders_never_raise(
    seeds: Path, top: dict[str, Any], sections: list[tuple[str, dict[str, Any]]]
) -> None:
    text = toml_document(top, sections)
    names = ("alpha/document.toml", "alpha/apparatus.toml", "subjects/s.toml", "entities/e.toml")
    for name in (*names, "baseline.toml"):
        (seeds / name).write_text(text, encoding="utf-8")
    load_manifest(seeds.parent)
    load_apparatus(seeds / "alpha/apparatus.toml", "seeds/alpha/apparatus.toml")
    read_entities(seeds.parent)
    load_baseline(seeds / "baseline.toml", "seeds/baseline.toml")


# -- the fast accept path agrees with jsonschema ----------------------------------------

#: realistic files: the constructed corpus's (the live ones change with every contribution)
ROOT = Path(__file__).resolve().parent / "roots" / "test-corpus"
REAL_FILES = {
    schema: sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(pattern))
    for schema, pattern in (
        ("document", "seeds/*/document.toml"),
        ("apparatus", "seeds/*/apparatus.toml"),
        ("subject", "seeds/subjects/*.toml"),
        ("entity", "seeds/entities/*.toml"),
        ("baseline", "seeds/baseline.toml"),
    )
}


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))


def _replaced(data: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replaced(data[head], rest, new)}
    return [_replaced(item, rest, new) if i == head else item for i, item in enumerate(data)]


def _agrees(schema: str, data: Any) -> None:
    from sourcebook.inputs.tomlschema import _accepter, _validator

    accept = _accepter(schema)
    assert accept is not None
    if accept(data):
        assert not list(_validator(schema).iter_errors(data)), data


def test_the_real_files_take_the_fast_path() -> None:
    from sourcebook.inputs.tomlschema import _accepter

    for schema, names in REAL_FILES.items():
        for name in names:
            data = tomllib.loads((ROOT / name).read_text("utf-8"))
            accept = _accepter(schema)
            assert accept is not None and accept(data), name


@FUZZ_DOCUMENTS
@given(st.data())
def test_fast_accept_only_what_jsonschema_accepts(data: st.DataObject) -> None:
    """A real file with one value replaced (or a key added): the fast test may send a
    valid file to jsonschema, but never accepts one that jsonschema refuses."""
    schema = data.draw(st.sampled_from(sorted(REAL_FILES)))
    name = data.draw(st.sampled_from(REAL_FILES[schema]))
    document = tomllib.loads((ROOT / name).read_text("utf-8"))
    path = data.draw(st.sampled_from(list(_leaves(document))))
    new = data.draw(values | st.sampled_from([1.0, True, 0, -1, ["a", "a"], [True, 1]]))
    mutated = _replaced(document, path, new)
    if data.draw(st.booleans()) and isinstance(mutated, dict):
        mutated = {**mutated, data.draw(keys): new}
    _agrees(schema, mutated)
