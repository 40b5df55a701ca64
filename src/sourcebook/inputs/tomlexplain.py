"""A schema error in the contributor's words: one diagnostic at its cause.

jsonschema reports what failed in its own terms (``'x' is a required
property``, ``1 is not of type 'string'``); a contributor reads
``[[document]] 3 lacks the required key 'kind'`` or ``'document[3].date'
must be a string in quotes ("..."), not the number 2016``, with a "did you
mean" for a misspelt key.  :mod:`sourcebook.inputs.tomlschema` asks for these only
when its fast test (:mod:`sourcebook.inputs.tomlaccept`) did not accept the file.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.inputs.hygiene import shown
from sourcebook.inputs.tomlformats import FormatProblem
from sourcebook.inputs.tomlpos import Path as DataPath

if TYPE_CHECKING:  # the errors come from jsonschema, imported only for an invalid file
    import jsonschema


class Locator(Protocol):
    """What places a diagnostic: :class:`sourcebook.inputs.tomlschema.TomlFile`."""

    def diagnostic(
        self, path: DataPath, code: Code, message: str, *, key: bool = False
    ) -> Diagnostic: ...


def explain(
    error: jsonschema.ValidationError, path: DataPath, file: Locator
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
