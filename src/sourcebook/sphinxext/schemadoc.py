"""``sourcebook-fields``: a contributor file's fields, generated from its JSON schema.

The schemas under ``sourcebook/schema/`` are what the loaders validate, and
every key in them has a type, a description and examples.  The formats page
lists the fields of each table straight from them, so the documentation
cannot drift from what is accepted::

    ```{sourcebook-fields} manifest document
    ```

The first argument names the schema (``manifest``, ``apparatus``,
``baseline``, ``entities``); the optional second one a key of its top level
whose value is an array of tables (``document``, ``subject``, ``marker``).
Descriptions are data: they become text and ``literal`` nodes, never markup.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

_TYPES = {
    "string": "string",
    "integer": "integer",
    "boolean": "boolean",
    "number": "number",
    "object": "table",
}


def load_schema(name: str) -> dict[str, Any]:
    text = (
        resources.files("sourcebook").joinpath("schema", f"{name}.schema.json").read_text("utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


def table_of(schema: dict[str, Any], key: str | None) -> dict[str, Any]:
    """The object schema whose ``properties`` are listed: the file, or one of its tables."""
    if key is None:
        return schema
    node: dict[str, Any] = schema["properties"][key]
    return node.get("items", node) if node.get("type") == "array" else node


def type_text(prop: dict[str, Any]) -> str:
    """``string (slug)``, ``list of strings (http-url)``, ``list of tables``.

    >>> type_text({"type": "array", "items": {"type": "string", "format": "slug"}})
    'list of strings (slug)'
    >>> type_text({"type": "integer"})
    'integer'
    """
    kind = prop.get("type", "any")
    if kind == "array":
        inner = type_text(prop.get("items", {}))
        head, _, rest = inner.partition(" ")
        return f"list of {head}s" + (f" {rest}" if rest else "")
    name = _TYPES.get(str(kind), str(kind))
    if "enum" in prop:
        return f"{name}: one of " + ", ".join(json.dumps(v) for v in prop["enum"])
    return f"{name} ({prop['format']})" if "format" in prop else name


def _inline(text: str) -> list[nodes.Node]:
    """Plain text with ``literal`` spans for backquoted words."""
    parts = text.split("`")
    return [nodes.literal(text=p) if i % 2 else nodes.Text(p) for i, p in enumerate(parts) if p]


def field_items(table: dict[str, Any]) -> list[tuple[str, str, bool, str, str | None]]:
    """(name, type, required, description, example) for each field, in schema order."""
    required = set(table.get("required", []))
    items = []
    for name, prop in table.get("properties", {}).items():
        examples = prop.get("examples") or []
        example = json.dumps(examples[0], ensure_ascii=False) if examples else None
        items.append(
            (name, type_text(prop), name in required, prop.get("description", ""), example)
        )
    return items


class FieldsDirective(SphinxDirective):
    """Every field of one contributor-file table, from the schema the loader validates."""

    required_arguments = 1
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        key = self.arguments[1] if len(self.arguments) > 1 else None
        schema_file = resources.files("sourcebook").joinpath("schema", f"{name}.schema.json")
        self.env.note_dependency(str(schema_file))
        listing = nodes.definition_list(classes=["sourcebook-fields"])
        for field, kind, required, description, example in field_items(
            table_of(load_schema(name), key)
        ):
            anchor = nodes.make_id(f"field-{name}-{key or 'top'}-{field}")
            term = nodes.term(ids=[anchor])
            term += nodes.literal(text=field)
            term += nodes.Text(f" — {kind}, {'required' if required else 'optional'}")
            body = nodes.definition()
            para = nodes.paragraph()
            para.extend(_inline(description))
            body += para
            if example is not None:
                sample = nodes.paragraph()
                sample += nodes.Text("Example: ")
                sample += nodes.literal(text=f"{field} = {example}")
                body += sample
            listing += nodes.definition_list_item("", term, body)
        return [listing]
