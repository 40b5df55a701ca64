"""Contributor TOML files, parsed and validated against their JSON Schemas.

Every file a pull request can edit -- each document's ``document.toml`` and
``apparatus.toml``, each subject and entity file and ``seeds/baseline.toml`` -- is read here in
the same steps: bytes (size-limited, by :mod:`sourcebook.inputs.paths`) -> UTF-8
text -> a bracket-depth check -> :mod:`tomllib` -> the file's JSON Schema
(``src/sourcebook/schema/<name>.schema.json``, the single description of the
format) -> located diagnostics.  Each mistake gives one diagnostic at its
cause, ``path:line:col``, found by :mod:`sourcebook.inputs.tomlpos`; no input raises.

The schemas use ``format`` for every string: the formats
(:mod:`sourcebook.inputs.tomlformats`) check identifiers, dates, URLs and the
Unicode hygiene of free text, and each failure carries its own diagnostic
code.  A valid file is recognised by a compiled fast test
(:mod:`sourcebook.inputs.tomlaccept`); jsonschema explains an invalid one.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.core.lines import LineIndex
from sourcebook.inputs.hygiene import unsafe_character
from sourcebook.inputs.paths import TOML_MAX_BYTES, PathProblem, read_confined
from sourcebook.inputs.tomlaccept import Accept, compile_schema
from sourcebook.inputs.tomlexplain import explain
from sourcebook.inputs.tomlformats import format_checker
from sourcebook.inputs.tomlpos import Path as DataPath
from sourcebook.inputs.tomlpos import TomlPositions, scan

if TYPE_CHECKING:  # imported when a file needs located errors (~0.1 s): see _validator
    import jsonschema

SCHEMAS = ("document", "subject", "apparatus", "entity", "baseline", "hints")

_TOML_ERROR_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


@dataclass(frozen=True, slots=True)
class TomlFile:
    """A parsed contributor file and where everything in it is."""

    display: str
    data: dict[str, Any]
    positions: TomlPositions
    index: LineIndex
    #: data paths with a schema error; loaders skip what lies on or under them
    bad: frozenset[DataPath] = field(default=frozenset())
    #: every prefix of a path in *bad*, so :meth:`clean` costs O(path length)
    bad_prefixes: frozenset[DataPath] = field(default=frozenset())

    @classmethod
    def with_errors(cls, file: TomlFile, bad: set[DataPath]) -> TomlFile:
        prefixes = {path[:end] for path in bad for end in range(len(path) + 1)}
        return cls(
            file.display, file.data, file.positions, file.index, frozenset(bad), frozenset(prefixes)
        )

    def at(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        return self.index.position(self.positions.nearest(path, key=key))

    def diagnostic(
        self, path: DataPath, code: Code, message: str, *, key: bool = False
    ) -> Diagnostic:
        line, col = self.at(path, key=key)
        return Diagnostic(self.display, line, col, code, message)

    def entries(self, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(index, table)`` of each valid table of array-of-tables *key*."""
        value = self.data.get(key)
        if not isinstance(value, list) or (key,) in self.bad or () in self.bad:
            return
        for index, entry in enumerate(value):
            if isinstance(entry, dict) and self.clean((key, index)):
                yield index, entry

    def clean(self, path: DataPath) -> bool:
        """No schema error at *path*, inside it, or at a table holding it."""
        if path in self.bad_prefixes:
            return False  # an error at or inside *path*
        return not any(path[:end] in self.bad for end in range(len(path)))


def read_toml(
    base: Path,
    name: str,
    display: str,
    schema: str,
    syntax: Code = Code.MANIFEST_SYNTAX,
    max_bytes: int = TOML_MAX_BYTES,
) -> tuple[TomlFile | None, list[Diagnostic], PathProblem | None]:
    """Read contributor file *name* inside directory *base*, parse and validate it.

    A path problem (missing, not a regular file, outside *base*) is returned,
    not reported: the caller knows where the path was written.  A file over
    the size limit is reported at the file itself.
    """
    data = read_confined(base, name, max_bytes)
    if isinstance(data, PathProblem):
        if data.code is Code.FILE_TOO_LARGE:
            return None, [Diagnostic(display, 1, 1, data.code, data.message)], None
        return None, [], data
    file, diags = parse_toml(data, display, schema, syntax)
    return file, diags, None


def validate_data(
    data: dict[str, Any], display: str, schema: str
) -> tuple[TomlFile, list[Diagnostic]]:
    """Validate already parsed *data* (no text, so every location is 1:1)."""
    file = TomlFile(display, data, TomlPositions(), LineIndex(""))
    diags, bad = _schema_diagnostics(file, schema)
    return TomlFile.with_errors(file, bad), diags


def parse_toml(
    data: bytes, display: str, schema: str, syntax: Code = Code.MANIFEST_SYNTAX
) -> tuple[TomlFile | None, list[Diagnostic]]:
    """Decode, parse and validate one file's *data* against *schema*.

    Returns ``None`` when the file cannot be parsed at all; otherwise the
    file, with every schema error as a diagnostic and in ``bad``.
    """
    text, problem = _decode(data, display)
    if text is None:
        return None, [problem] if problem else []
    index = LineIndex(text)
    positions = scan(text)
    if positions.too_deep_at is not None:
        line, col = index.position(positions.too_deep_at)
        message = "arrays and inline tables are nested too deeply; the format needs very few"
        return None, [Diagnostic(display, line, col, Code.TOML_TOO_DEEP, message)]
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_error(str(exc), display, index, syntax)]
    except RecursionError:  # pragma: no cover - the depth check above refuses such input first
        return None, [Diagnostic(display, 1, 1, Code.TOML_TOO_DEEP, "nested too deeply")]
    if not parsed and (not text.strip() or schema != "apparatus"):
        # 0 bytes, or a manifest, entities file or baseline of comments only: truncated or
        # wrong.  An apparatus of comments only is what `add` writes for a text without markers
        message = "the file holds no key or table (empty, or comments only)"
        return None, [Diagnostic(display, 1, 1, Code.EMPTY_FILE, message)]
    file = TomlFile(display, parsed, positions, index)
    diags, bad = _schema_diagnostics(file, schema)
    diags.extend(_comment_hygiene(text, positions, display, index))
    return TomlFile.with_errors(file, bad), diags


def _decode(data: bytes, display: str) -> tuple[str | None, Diagnostic | None]:
    if data.startswith(b"\xef\xbb\xbf"):
        message = "file starts with a UTF-8 byte-order mark; save it without BOM"
        return None, Diagnostic(display, 1, 1, Code.TOML_ENCODING, message)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        line, col = LineIndex(good).position(len(good))
        message = f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded"
        return None, Diagnostic(display, line, col, Code.TOML_ENCODING, message)


def _syntax_error(message: str, display: str, index: LineIndex, code: Code) -> Diagnostic:
    match = _TOML_ERROR_AT.search(message)
    line, col = 1, 1
    if match and match.group(1):
        line, col = int(match.group(1)), int(match.group(2))
    elif match:  # at end of document
        line = index.line_count
    text = _TOML_ERROR_AT.sub("", message)
    return Diagnostic(display, line, col, code, f"invalid TOML: {text}")


def _comment_hygiene(
    text: str, positions: TomlPositions, display: str, index: LineIndex
) -> Iterator[Diagnostic]:
    """Bidirectional controls in comments (strings are checked by their formats)."""
    for start, end in positions.comments:
        found = unsafe_character(text[start:end], multiline=False, invisible=False)
        if found is not None:
            line, col = index.position(start + found[0])
            yield Diagnostic(display, line, col, Code.UNSAFE_CHARACTER, f"{found[1]} in a comment")


# -- the schemas --------------------------------------------------------------


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of contributor file *name* (one of :data:`SCHEMAS`)."""
    text = (resources.files("sourcebook") / "schema" / f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    """jsonschema's validator, for a file the fast test does not accept (imported then)."""
    import jsonschema

    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=format_checker())


@functools.cache
def _accepter(name: str) -> Accept | None:
    """The fast test of schema *name* (:mod:`sourcebook.inputs.tomlaccept`), or ``None``."""
    return compile_schema(load_schema(name))


def _schema_diagnostics(file: TomlFile, schema: str) -> tuple[list[Diagnostic], set[DataPath]]:
    diags: list[Diagnostic] = []
    bad: set[DataPath] = set()
    accept = _accepter(schema)
    if accept is not None and accept(file.data):
        return diags, bad  # valid: nothing for jsonschema to find (see _accepter)
    reported_arrays: set[DataPath] = set()
    for error in _validator(schema).iter_errors(file.data):
        path: DataPath = tuple(error.absolute_path)
        for diag_path, diag in explain(error, path, file):
            if diag_path in bad:
                continue  # one mistake, one diagnostic: a value fails one keyword at most
            if error.validator == "type" and path and isinstance(path[-1], int):
                # ``marker = [1, 2]`` is one mistake, however many elements it has
                if path[:-1] in reported_arrays:
                    bad.add(diag_path)
                    continue
                reported_arrays.add(path[:-1])
            bad.add(diag_path)
            diags.append(diag)
    return diags, bad
