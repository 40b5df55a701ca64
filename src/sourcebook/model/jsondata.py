"""A parse (the document model and its diagnostics) as plain JSON data, and back.

The parse cache (:mod:`sourcebook.corpus.cache`) stores parses as JSON, never
as pickles: reading an entry back can only build the model's own classes,
listed in :data:`CLASSES`, from strings, numbers and lists.  Unlike
:mod:`sourcebook.render.serialise` (the documented ``normalise --format json`` shape,
which leaves out what a reader does not need), this mapping keeps every field,
so ``from_data(to_data(x)) == x`` for every parse.

A model object is ``{"t": class name, "f": [its fields in order]}``, a tuple
is a list, and strings, integers, booleans and ``None`` stand for themselves.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from sourcebook import model
from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.model import Document

#: the only classes an entry can name, the model's own: plain data, no code runs to build them
CLASSES: dict[str, type] = {
    name: cls
    for name, cls in vars(model).items()
    if isinstance(cls, type) and is_dataclass(cls) and cls.__module__ == model.__name__
}
_FIELDS = {name: tuple(f.name for f in fields(cls)) for name, cls in CLASSES.items()}


class BadData(ValueError):
    """The data is not a parse this module wrote."""


def to_data(value: object) -> Any:
    """*value* (a model object, a tuple of them, or a scalar) as JSON-ready data."""
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, tuple):
        return [to_data(v) for v in value]
    name = type(value).__name__
    if CLASSES.get(name) is not type(value):
        raise TypeError(f"not model data: {value!r}")
    return {"t": name, "f": [to_data(getattr(value, f)) for f in _FIELDS[name]]}


def from_data(data: Any) -> Any:
    """The model object *data* stands for; :class:`BadData` if it is not model data."""
    if data is None or isinstance(data, str | int):  # bool is an int (Table.header)
        return data
    if isinstance(data, list):
        return tuple(from_data(d) for d in data)
    if not isinstance(data, dict) or set(data) != {"t", "f"}:
        raise BadData(f"not model data: {type(data).__name__}")
    cls = CLASSES.get(data["t"]) if isinstance(data["t"], str) else None
    values = data["f"]
    if cls is None or not isinstance(values, list) or len(values) != len(_FIELDS[data["t"]]):
        raise BadData("unknown class or wrong number of fields")
    return cls(*(from_data(v) for v in values))


def diagnostic_to_data(diagnostic: Diagnostic) -> list[Any]:
    d = diagnostic
    return [d.path, d.line, d.col, d.code.name, d.message]


def diagnostic_from_data(data: Any) -> Diagnostic:
    if not (isinstance(data, list) and len(data) == 5):
        raise BadData("a diagnostic is five values")
    path, line, col, code, message = data
    if not (
        isinstance(path, str)
        and isinstance(line, int)
        and isinstance(col, int)
        and isinstance(message, str)
        and isinstance(code, str)
        and code in Code.__members__
    ):
        raise BadData("a diagnostic's values have the wrong types")
    return Diagnostic(path, line, col, Code[code], message)


def parse_from_data(data: Any) -> tuple[Document, list[Diagnostic]]:
    """The ``(document, diagnostics)`` of a parse stored by :func:`parse_to_data`."""
    if not (isinstance(data, dict) and isinstance(data.get("diagnostics"), list)):
        raise BadData("a parse is a document and its diagnostics")
    document = from_data(data.get("document"))
    if not isinstance(document, Document):
        raise BadData("not a document")
    return document, [diagnostic_from_data(d) for d in data["diagnostics"]]


def parse_to_data(document: Document, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    return {
        "document": to_data(document),
        "diagnostics": [diagnostic_to_data(d) for d in diagnostics],
    }
