"""The fast accept: each contributor schema compiled into a plain function.

jsonschema's ``iter_errors`` builds an error object per failure and a validator per
level of the data; on a valid file (nearly every file) that machinery finds nothing
at a high price.  The schemas use a handful of keywords, so each is compiled once into
a plain function that says whether a value is certainly valid.  It answers True only
when jsonschema would find no error (same formats, same checks; where the two could
differ, e.g. 1.0 as an integer or True in a list, it answers False); a False sends
the file through jsonschema (:mod:`sourcebook.inputs.tomlschema`), which reports every error
where it is.  Security checks are formats, so they run on every string either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sourcebook.inputs.tomlformats import FORMAT_CHECKS, FormatProblem

Accept = Callable[[Any], bool]
#: annotations that validate nothing
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "examples"})


def compile_schema(schema: dict[str, Any]) -> Accept | None:
    """The fast test of *schema*, or ``None`` if it uses a keyword not compiled."""
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
    build = _KEYWORDS.get(keyword)
    return None if build is None else build(value, schema)


def _type(value: Any, schema: dict[str, Any]) -> Accept | None:
    return _TYPES.get(value) if isinstance(value, str) else None


def _items(value: Any, schema: dict[str, Any]) -> Accept | None:
    if not isinstance(value, dict):
        return None
    item = compile_schema(value)
    return None if item is None else lambda v: not isinstance(v, list) or all(map(item, v))


def _one_of(allowed: Any) -> Accept | None:
    """``const`` and ``enum``: strings and integers only (``1 == True`` is jsonschema's)."""
    if not all(type(a) in (str, int) for a in allowed):
        return None
    return lambda v: any(type(v) is type(a) and v == a for a in allowed)


def _max_length(value: Any, schema: dict[str, Any]) -> Accept | None:
    if type(value) is not int:
        return None
    return lambda v: not isinstance(v, str) or len(v) <= value


def _max_items(value: Any, schema: dict[str, Any]) -> Accept | None:
    if type(value) is not int:
        return None
    return lambda v: not isinstance(v, list) or len(v) <= value


def _unique_items(value: Any, schema: dict[str, Any]) -> Accept | None:
    return lambda v: not value or not isinstance(v, list) or _unique_strings(v)


def _minimum(value: Any, schema: dict[str, Any]) -> Accept | None:
    if type(value) is not int:
        return None
    return lambda v: type(v) is int and v >= value


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
        test = compile_schema(sub)
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


#: keyword -> the builder of its test from the keyword's value and its schema
_KEYWORDS: dict[str, Callable[[Any, dict[str, Any]], Accept | None]] = {
    "type": _type,
    "properties": _properties,
    "items": _items,
    "format": lambda value, schema: _format_test(value),
    "const": lambda value, schema: _one_of([value]),
    "enum": lambda value, schema: _one_of(value),
    "maxLength": _max_length,
    "maxItems": _max_items,
    "uniqueItems": _unique_items,
    "minimum": _minimum,
}
