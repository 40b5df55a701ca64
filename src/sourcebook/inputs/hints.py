"""Contributor-declared structure hints: a ``structure`` table in a document's metadata.

Where the normaliser's evidence cannot decide (which line is the title, where
the body starts, which lines are site furniture), a contributor says so in a
TOML table named ``structure``: the ``[structure]`` table of the document's
``seeds/<slug>/document.toml``, or a ``[structure]`` table in the file given
to ``sourcebook normalise --hints``.
The loader takes the table wherever it lives (:func:`structure_hints_from`
needs only the parsed file and the table's data path), so moving per-document
metadata elsewhere does not change it.

Keys (all optional; lines are 1-based lines of the seed):

``title_line``     the line holding the title
``body_start``     first line of the body (lines above it are furniture)
``body_end``       last line of the body (lines below it are furniture)
``remove``         line ranges of furniture to remove: ``["3-5", "7"]``
``keep``           line ranges the rules must leave as body text
``headings``       lines that are section headings
``comments_start`` first line of the comment thread
``comment_header`` a template for comment header lines, e.g. ``"{name} said..."``

The schema (``schema/structure.fragment.json``, copied into the document and
hints schemas) checks types and forms; :mod:`sourcebook.parse.hinting`
checks each hint against the text.  The comment-header template is
untrusted input, so it is not a regular expression: see
:mod:`sourcebook.inputs.headertemplate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.inputs.headertemplate import HeaderTemplate, compile_template
from sourcebook.inputs.tomlpos import Path as DataPath
from sourcebook.inputs.tomlschema import TomlFile, read_toml

#: one line ("7") or an inclusive range ("3-5")
_RANGE = re.compile(r"(\d{1,7})(?:-(\d{1,7}))?")
KEYS = (
    "title_line",
    "body_start",
    "body_end",
    "remove",
    "keep",
    "headings",
    "comments_start",
    "comment_header",
)


@dataclass(frozen=True, slots=True)
class Where:
    """Where a hint is written: the metadata file and the hint's line and column."""

    path: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class StructureHints:
    """A document's structure hints, each with where it was written."""

    title_line: int | None = None
    body_start: int | None = None
    body_end: int | None = None
    #: inclusive line ranges, in the order written
    remove: tuple[tuple[int, int], ...] = ()
    keep: tuple[tuple[int, int], ...] = ()
    headings: tuple[int, ...] = ()
    comments_start: int | None = None
    comment_header: HeaderTemplate | None = None
    #: key -> where it is written (``"remove.1"`` for the second range)
    where: dict[str, Where] = field(default_factory=dict, compare=False)

    def at(self, key: str) -> Where:
        return self.where.get(key) or self.where.get("", Where("structure", 1, 1))

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.title_line,
                self.body_start,
                self.body_end,
                self.remove,
                self.keep,
                self.headings,
                self.comments_start,
                self.comment_header,
            )
        )


def parse_range(text: str) -> tuple[int, int] | None:
    """``"3-5"`` -> ``(3, 5)``, ``"7"`` -> ``(7, 7)``; ``None`` if malformed or reversed.

    >>> parse_range("3-5"), parse_range("7"), parse_range("5-3"), parse_range("0"), parse_range("a")
    ((3, 5), (7, 7), None, None, None)
    """
    match = _RANGE.fullmatch(text)
    if not match:
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    return (first, last) if 1 <= first <= last else None


def structure_hints_from(file: TomlFile, table: DataPath) -> StructureHints | None:
    """The hints in the ``structure`` table at data path *table* of *file*.

    ``None`` when there is no such table or it has a schema error (the
    schema's own diagnostic reports it).  Values are taken as validated.
    """
    data: Any = file.data
    for part in table:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    if not isinstance(data, dict) or not file.clean(table):
        return None
    return hints_from_table(data, lambda key: _where(file, table, key))


def hints_from_table(data: dict[str, Any], locate: Any) -> StructureHints:
    """Hints from a validated table; *locate(key path)* says where a key is written."""
    where = {"": locate(())}
    for key in KEYS:
        if key in data:
            where[key] = locate((key,))
    ranges = {key: _ranges(data, key, where, locate) for key in ("remove", "keep")}
    for index, _ in enumerate(data.get("headings", ())):
        where[f"headings.{index}"] = locate(("headings", index))
    header = data.get("comment_header")
    return StructureHints(
        title_line=data.get("title_line"),
        body_start=data.get("body_start"),
        body_end=data.get("body_end"),
        remove=ranges["remove"],
        keep=ranges["keep"],
        headings=tuple(data.get("headings", ())),
        comments_start=data.get("comments_start"),
        comment_header=compile_template(header) if isinstance(header, str) else None,
        where=where,
    )


def read_hints_file(path: Path, display: str) -> tuple[StructureHints | None, list[Diagnostic]]:
    """The ``[structure]`` table of a hints file (``sourcebook normalise --hints``), or of a
    corpus document's ``document.toml`` (checked against the document schema), so a
    contributor sees the page the reader will get with the hints already written there."""
    schema = "document" if path.name == "document.toml" else "hints"
    file, diags, problem = read_toml(path.parent, path.name, display, schema)
    if problem is not None:
        diags.append(Diagnostic(display, 1, 1, Code.FILE_UNREADABLE, problem.message))
    if file is None or diags:
        return None, diags
    return structure_hints_from(file, ("structure",)), diags


def _ranges(
    data: dict[str, Any], key: str, where: dict[str, Where], locate: Any
) -> tuple[tuple[int, int], ...]:
    ranges: list[tuple[int, int]] = []
    for index, text in enumerate(data.get(key, ())):
        span = parse_range(text)
        if span is not None:
            where[f"{key}.{len(ranges)}"] = locate((key, index))
            ranges.append(span)
    return tuple(ranges)


def _where(file: TomlFile, table: DataPath, key: DataPath) -> Where:
    line, col = file.at((*table, *key))
    return Where(file.display, line, col)


__all__ = [
    "KEYS",
    "StructureHints",
    "Where",
    "parse_range",
    "read_hints_file",
    "structure_hints_from",
]
