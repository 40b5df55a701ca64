"""Contributor TOML files, parsed and validated against their JSON Schemas.

Every file a pull request can edit -- ``seeds/manifest.toml``, the apparatus
files, ``seeds/entities.toml`` and ``seeds/baseline.toml`` -- is read here in
the same steps: bytes (size-limited, by :mod:`sourcebook.paths`) -> UTF-8
text -> a bracket-depth check -> :mod:`tomllib` -> the file's JSON Schema
(``src/sourcebook/schema/<name>.schema.json``, the single description of the
format) -> located diagnostics.  Each mistake gives one diagnostic at its
cause, ``path:line:col``, found by :mod:`sourcebook.tomlpos`; no input raises.

The schemas use ``format`` for every string: the formats below check
identifiers, dates, URLs and the Unicode hygiene of free text, and each
failure carries its own diagnostic code.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sourcebook import identifiers
from sourcebook.diagnostics import Code, Diagnostic
from sourcebook.hygiene import INVISIBLE, mixed_script_word, shown, unsafe_character
from sourcebook.lines import LineIndex
from sourcebook.paths import TOML_MAX_BYTES, PathProblem, plain_relative, read_confined
from sourcebook.tomlpos import Path as DataPath
from sourcebook.tomlpos import TomlPositions, scan
from sourcebook.urls import url_problem

if TYPE_CHECKING:  # imported when a file needs located errors (~0.1 s): see _validator
    import jsonschema

SCHEMAS = ("manifest", "apparatus", "entities", "baseline", "hints")

_TOML_ERROR_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


class FormatProblem(ValueError):
    """A string that fails its format, with the diagnostic code for it."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


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


def _schema_diagnostics(file: TomlFile, schema: str) -> tuple[list[Diagnostic], set[DataPath]]:
    diags: list[Diagnostic] = []
    bad: set[DataPath] = set()
    accept = _accepter(schema)
    if accept is not None and accept(file.data):
        return diags, bad  # valid: nothing for jsonschema to find (see _accepter)
    reported_arrays: set[DataPath] = set()
    for error in _validator(schema).iter_errors(file.data):
        path: DataPath = tuple(error.absolute_path)
        for diag_path, diag in _explain(error, path, file):
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


def _explain(
    error: jsonschema.ValidationError, path: DataPath, file: TomlFile
) -> Iterator[tuple[DataPath, Diagnostic]]:
    """The diagnostics for one schema error, each with the data path it blames."""
    keyword = error.validator
    where = _describe(path)
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in _extra_keys(error):
            near = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean '{near[0]}'?" if near else f"; allowed: {', '.join(allowed)}"
            yield (
                (*path, key),
                file.diagnostic(
                    (*path, key),
                    Code.UNKNOWN_FIELD,
                    f"unknown key {shown(key)}{where}{hint}",
                    key=True,
                ),
            )
        return
    if keyword == "required":
        missing = _quoted_name(error.message)
        if _misspelt(error, missing):
            return  # the unknown key that is a typo of it carries the one diagnostic
        yield (
            (*path, missing),
            file.diagnostic(
                path, Code.REQUIRED_FIELD, f"{_table(path)} lacks the required key '{missing}'"
            ),
        )
        return
    if (
        keyword == "type"
        and path
        and isinstance(path[-1], int)
        and error.schema.get("type") == "object"
    ):
        # ``marker = [1, 2]``: the mistake is the inline list, not its elements
        parent = path[:-1]
        message = (
            f"{_name(parent)} must be an array of tables: write [[{parent[-1]}]] "
            f"(double brackets) for each entry, not a list"
        )
        yield parent, file.diagnostic(parent, Code.WRONG_TYPE, message)
        return
    code, message = _value_problem(error, path)
    yield path, file.diagnostic(path, code, message)


def _value_problem(error: jsonschema.ValidationError, path: DataPath) -> tuple[Code, str]:
    keyword = error.validator
    name = _name(path)
    value = error.instance
    if keyword == "type":
        return (
            Code.WRONG_TYPE,
            f"{name} must be {_expected(error.schema, path)}, not {_actual(value)}",
        )
    if keyword == "format" and isinstance(error.cause, FormatProblem):
        return error.cause.code, f"{name} {shown(value)}: {error.cause.message}"
    if keyword == "const" and path == ("version",):
        return (
            Code.BAD_VERSION,
            f"version {shown(value)} is not {error.validator_value}, the only version",
        )
    if keyword == "enum":
        choices = [str(c) for c in error.validator_value]
        near = difflib.get_close_matches(str(value), choices, n=1)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        code = Code.BAD_CONFIDENCE if path[-1:] == ("confidence",) else Code.BAD_VALUE
        return code, f"{name} is {shown(value)}, not one of {', '.join(choices)}{hint}"
    limits = {
        "maxLength": "longer than {} characters",
        "minLength": "shorter than {} characters",
        "maxItems": "more than {} items",
        "minItems": "fewer than {} items",
        "minimum": "less than {}",
        "maximum": "more than {}",
    }
    if keyword in limits:
        return Code.BAD_VALUE, f"{name} is {limits[keyword].format(error.validator_value)}"
    if keyword == "uniqueItems":
        return Code.BAD_VALUE, f"{name} lists the same item twice"
    return Code.BAD_VALUE, f"{name}: {error.message}"


def _extra_keys(error: jsonschema.ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    allowed = error.schema.get("properties", {})
    return [key for key in instance if key not in allowed]


def _misspelt(error: jsonschema.ValidationError, missing: str) -> bool:
    """Whether an unknown key of the same table is a near miss for *missing*."""
    return any(
        missing in difflib.get_close_matches(key, sorted(error.schema.get("properties", {})), n=1)
        for key in _extra_keys(error)
    )


def _quoted_name(message: str) -> str:
    match = re.match(r"'(.*)' is a required property", message)
    return match.group(1) if match else message


def _describe(path: DataPath) -> str:
    return f" in {_table(path)}" if path else " at the top level"


def _table(path: DataPath) -> str:
    """A data path as the reader wrote it: ``[[document]] 3`` or ``document[3].keys``."""
    if not path:
        return "the file"
    if len(path) == 2 and isinstance(path[1], int):
        return f"[[{path[0]}]] {path[1] + 1}"
    return _name(path)


def _name(path: DataPath) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return f"'{out}'" if out else "the file"


def _expected(schema: dict[str, Any], path: DataPath) -> str:
    kind = schema.get("type")
    items = schema.get("items", {})
    if kind == "array" and items.get("type") == "object":
        return f"an array of tables: write [[{path[-1]}]] (double brackets) for each entry"
    words = {
        "string": 'a string in quotes ("...")',
        "integer": "a whole number",
        "boolean": "true or false",
        "object": "a table",
        "array": 'a list such as ["a", "b"]',
    }
    return words.get(str(kind), str(kind))


def _actual(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return "an unquoted TOML date or time (put it in quotes)"
    return type(value).__name__


# -- fast accept ----------------------------------------------------------------------
#
# jsonschema's ``iter_errors`` builds an error object per failure and a validator per
# level of the data; on a valid file (nearly every file) that machinery finds nothing
# at a high price.  The schemas use a handful of keywords, so each is compiled once into
# a plain function that says whether a value is certainly valid.  It answers True only
# when jsonschema would find no error (same formats, same checks; where the two could
# differ, e.g. 1.0 as an integer or True in a list, it answers False); a False sends
# the file through jsonschema, which reports every error where it is.  Security checks
# are formats, so they run on every string either way.

Accept = Callable[[Any], bool]
#: annotations that validate nothing
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "examples"})


@functools.cache
def _accepter(name: str) -> Accept | None:
    """The fast test of schema *name*, or ``None`` if it uses a keyword not compiled."""
    return _compile(load_schema(name))


def _compile(schema: dict[str, Any]) -> Accept | None:
    tests: list[Accept] = []
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS or keyword in ("additionalProperties", "required"):
            continue  # the last two are compiled with "properties"
        test = _keyword(keyword, value, schema)
        if test is None:
            return None
        tests.append(test)
    if "properties" not in schema and ("required" in schema or "additionalProperties" in schema):
        return None
    if len(tests) == 1:
        return tests[0]

    def accept(value: Any) -> bool:
        for test in tests:  # noqa: SIM110 -- no generator object per value: a hot path
            if not test(value):
                return False
        return True

    return accept


def _keyword(keyword: str, value: Any, schema: dict[str, Any]) -> Accept | None:
    """One keyword as a test, or ``None`` when it is not one the fast path knows."""
    if keyword == "type":
        return _TYPES.get(value) if isinstance(value, str) else None
    if keyword == "properties":
        return _properties(value, schema)
    if keyword == "items" and isinstance(value, dict):
        item = _compile(value)
        return None if item is None else lambda v: not isinstance(v, list) or all(map(item, v))
    if keyword == "format":
        return _format_test(value)
    if keyword in ("const", "enum"):
        allowed = [value] if keyword == "const" else value
        if not all(type(a) in (str, int) for a in allowed):
            return None
        return lambda v: any(type(v) is type(a) and v == a for a in allowed)
    if keyword == "maxLength" and type(value) is int:
        return lambda v: not isinstance(v, str) or len(v) <= value
    if keyword == "maxItems" and type(value) is int:
        return lambda v: not isinstance(v, list) or len(v) <= value
    if keyword == "uniqueItems":
        return lambda v: not value or not isinstance(v, list) or _unique_strings(v)
    if keyword == "minimum" and type(value) is int:
        return lambda v: type(v) is int and v >= value
    return None


def _format_test(name: str) -> Accept:
    """What jsonschema's format checker answers, without its look-ups per value."""
    if name not in FORMAT_CHECKS:
        return lambda v: True  # an unknown format asserts nothing, for jsonschema too
    check, raises = FORMAT_CHECKS[name], FormatProblem

    def accept(value: Any) -> bool:
        if not isinstance(value, str):
            return True
        try:
            return bool(check(value))
        except raises:
            return False

    return accept


def _properties(properties: dict[str, Any], schema: dict[str, Any]) -> Accept | None:
    tests: dict[str, Accept] = {}
    for key, sub in properties.items():
        test = _compile(sub)
        if test is None:
            return None
        tests[key] = test
    required = schema.get("required", [])
    closed = schema.get("additionalProperties", True)
    if closed not in (True, False):
        return None

    def accept(value: Any) -> bool:
        if not isinstance(value, dict):
            return True  # "type" decides what a non-table is
        if any(key not in value for key in required):
            return False
        for key, item in value.items():
            test = tests.get(key)
            if test is None:
                if not closed:
                    return False
            elif not test(item):
                return False
        return True

    return accept


def _unique_strings(values: list[Any]) -> bool:
    """Certainly unique: all strings (so no ``1 == True`` question) and no repeat."""
    return all(type(v) is str for v in values) and len(set(values)) == len(values)


_TYPES: dict[str, Accept] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: type(v) is int,
    "boolean": lambda v: type(v) is bool,
}


# -- formats: one checker per kind of string ----------------------------------------

#: format name -> its check (raises :class:`FormatProblem` or returns True)
FORMAT_CHECKS: dict[str, Callable[[object], bool]] = {}


@functools.cache
def format_checker() -> jsonschema.FormatChecker:
    """The same checks as a jsonschema format checker (built when jsonschema is needed)."""
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    for name, run in FORMAT_CHECKS.items():
        checker.checks(name, raises=FormatProblem)(run)
    return checker


def _format(name: str) -> Callable[[Callable[[str], None]], Callable[[object], bool]]:
    """Register *check* for format *name*: it raises :class:`FormatProblem` or returns."""

    def register(check: Callable[[str], None]) -> Callable[[object], bool]:
        def run(value: object) -> bool:
            if isinstance(value, str):
                check(value)
            return True

        FORMAT_CHECKS[name] = run
        return run

    return register


def _hygiene(value: str, *, multiline: bool, invisible: bool = False) -> None:
    found = unsafe_character(value, multiline=multiline, invisible=invisible)
    if found is not None:
        raise FormatProblem(Code.UNSAFE_CHARACTER, f"{found[1]} at character {found[0] + 1}")


@_format("line")
def _line(value: str) -> None:
    """One line of plain text."""
    _hygiene(value, multiline=False)
    _mixed(value)
    if not value.strip():
        raise FormatProblem(Code.BAD_VALUE, "is empty")


@_format("text")
def _text(value: str) -> None:
    """Plain text; line breaks allowed."""
    _hygiene(value, multiline=True)
    _mixed(value)


@_format("name")
def _name_format(value: str) -> None:
    """A name that becomes a glossary term or an author: no markup, nothing invisible."""
    _hygiene(value, multiline=False, invisible=True)
    _mixed(value)
    if not value.strip() or value != value.strip():
        raise FormatProblem(Code.BAD_VALUE, "a name may not be empty or start or end with space")
    markup = sorted(c for c in "`<>\\{}" if c in value)
    if markup:
        raise FormatProblem(Code.BAD_VALUE, f"a name may not hold {' '.join(markup)}")


def _mixed(value: str) -> None:
    word = mixed_script_word(value)
    if word is not None:
        raise FormatProblem(
            Code.MIXED_SCRIPT, f"the word {shown(word)} mixes Latin, Greek or Cyrillic letters"
        )


def _identifier(kind: str, test: Callable[[str], bool]) -> Callable[[str], None]:
    def check(value: str) -> None:
        if not INVISIBLE.isdisjoint(value):
            raise FormatProblem(Code.UNSAFE_CHARACTER, "an identifier holds an invisible character")
        if not test(value):
            raise FormatProblem(Code.BAD_VALUE, f"must be {identifiers.describe(kind)}")

    return check


_format("slug")(_identifier("slug", identifiers.is_slug))
_format("bibkey")(_identifier("bibkey", identifiers.is_bibkey))
_format("marker-label")(_identifier("label", identifiers.is_marker_label))


@_format("seed-path")
def _seed_path(value: str) -> None:
    """A file name inside ``seeds/``; containment is checked again on the real file."""
    problem = plain_relative(value)
    if problem is not None:
        raise FormatProblem(Code.PATH_NOT_RELATIVE, f"{problem}; name a file inside seeds/")


@_format("sha256")
def _sha256(value: str) -> None:
    if not re.fullmatch(r"[0-9a-fA-F]{64}", value):
        raise FormatProblem(Code.BAD_VALUE, "must be 64 hexadecimal digits (sha256sum's output)")


@_format("partial-date")
def _partial_date(value: str) -> None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a real calendar date."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if match is None:
        raise FormatProblem(Code.BAD_VALUE, "write the date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError as exc:
        raise FormatProblem(Code.BAD_VALUE, f"not a calendar date ({exc})") from None


@_format("http-url")
def _http_url(value: str) -> None:
    problem = url_problem(value)
    if problem is not None:
        raise FormatProblem(Code.UNSAFE_URL, problem)


@_format("domain")
def _domain(value: str) -> None:
    label = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
    if len(value) > 253 or not re.fullmatch(rf"{label}(?:\.{label})+", value):
        raise FormatProblem(
            Code.BAD_VALUE, "must be a lower-case host name such as example.org (no scheme)"
        )


@_format("word")
def _word(value: str) -> None:
    if not re.fullmatch(r"[a-z]{1,30}", value):
        raise FormatProblem(Code.BAD_VALUE, "must be one lower-case ASCII word")


@_format("ratchet-id")
def _ratchet_id(value: str) -> None:
    slug, _, rest = value.partition("/")
    if not identifiers.is_slug(slug) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.-]{0,60}", rest):
        raise FormatProblem(Code.BAD_VALUE, "must be <document slug>/<claim id or marker label>")


@_format("line-range")
def _line_range(value: str) -> None:
    """A seed line ("7") or an inclusive range ("3-5") of a structure hint."""
    first, _, last = value.partition("-")
    digits = (
        first.isascii() and first.isdigit() and (not last or (last.isascii() and last.isdigit()))
    )
    if not digits or len(value) > 15 or int(first) < 1 or (last and int(last) < int(first)):
        raise FormatProblem(Code.BAD_VALUE, 'write a line ("7") or a range ("3-5"), first <= last')


@_format("comment-header")
def _comment_header(value: str) -> None:
    """A comment-header template (see :mod:`sourcebook.headertemplate`): never a regex."""
    from sourcebook.headertemplate import template_problem

    _hygiene(value, multiline=False)
    problem = template_problem(value)
    if problem is not None:
        raise FormatProblem(Code.BAD_VALUE, problem)
