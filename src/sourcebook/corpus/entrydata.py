"""A document's metadata as plain JSON data, and back, for the kept folder results.

:mod:`sourcebook.corpus.folders` keeps what each document's files say (its
``document.toml`` entry, its apparatus's citations, its seed's claims) under a
hash of their bytes.  Like the parse cache it stores JSON, never pickles: reading
builds only :class:`~sourcebook.corpus.manifest.DocumentEntry`,
:class:`~sourcebook.corpus.manifest.Citation` and the structure hints, from
strings, numbers and lists, and anything else is :class:`BadData` (a miss).
Every field is kept, the positions too, so a kept result says exactly what
reading the file again would: ``entry_from_data(entry_to_data(e))`` equals
``e`` field for field.
"""

from __future__ import annotations

from typing import Any

from sourcebook.corpus.manifest import Citation, DocumentEntry, DocumentFile
from sourcebook.inputs.hints import StructureHints, Where
from sourcebook.model.jsondata import BadData, diagnostic_from_data, diagnostic_to_data


class NotKept(ValueError):
    """A result this module does not store (it is computed again on every run)."""


def _pairs(data: Any) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in data)


def hints_to_data(hints: StructureHints | None) -> Any:
    if hints is None:
        return None
    if hints.comment_header is not None:
        raise NotKept("a comment-header template is compiled, not data")
    where = [[key, at.path, at.line, at.col] for key, at in hints.where.items()]
    return [
        hints.title_line,
        hints.body_start,
        hints.body_end,
        [list(r) for r in hints.remove],
        [list(r) for r in hints.keep],
        list(hints.headings),
        hints.comments_start,
        where,
    ]


def hints_from_data(data: Any) -> StructureHints | None:
    if data is None:
        return None
    title, start, end, remove, keep, headings, comments, where = data
    return StructureHints(
        title,
        start,
        end,
        _pairs(remove),
        _pairs(keep),
        tuple(int(h) for h in headings),
        comments,
        None,
        {str(key): Where(str(path), int(line), int(col)) for key, path, line, col in where},
    )


def citation_to_data(c: Citation) -> list[Any]:
    positions = [[key, line, col] for key, (line, col) in c.key_positions.items()]
    return [
        c.label,
        list(c.keys),
        c.confidence,
        c.locator,
        c.note,
        c.line,
        c.field_lines,
        positions,
    ]


def citation_from_data(data: Any) -> Citation:
    label, keys, confidence, locator, note, line, field_lines, positions = data
    return Citation(
        str(label),
        tuple(str(k) for k in keys),
        str(confidence),
        locator,
        note,
        int(line),
        {str(k): int(v) for k, v in field_lines.items()},
        {str(key): (int(ln), int(col)) for key, ln, col in positions},
    )


_SCALARS = (
    "slug",
    "file",
    "sha256",
    "kind",
    "title",
    "title_supplied",
    "authors",
    "inferred",
    "date",
    "url",
    "publisher",
    "licence",
    "licence_url",
    "bibkey",
    "subject",
    "marker_noun",
    "line",
    "path",
)


def entry_to_data(e: DocumentEntry) -> dict[str, Any]:
    """A document entry with its citations, hints, field lines and revisions."""
    data: dict[str, Any] = {name: getattr(e, name) for name in _SCALARS}
    data["authors"] = list(e.authors)
    data["inferred"] = list(e.inferred)
    data["citations"] = [citation_to_data(c) for c in e.citations]
    data["apparatus_path"] = e.apparatus_path
    data["structure"] = hints_to_data(e.structure)
    data["field_lines"] = e.field_lines
    data["revisions"] = [dict(r) for r in e.revisions]
    return data


def entry_from_data(data: Any) -> DocumentEntry:
    """The entry :func:`entry_to_data` wrote; :class:`BadData` for anything else."""
    try:
        fields = {name: data[name] for name in _SCALARS}
        fields["authors"] = tuple(str(a) for a in data["authors"])
        fields["inferred"] = tuple(str(a) for a in data["inferred"])
        return DocumentEntry(
            **fields,
            citations=tuple(citation_from_data(c) for c in data["citations"]),
            apparatus_path=data["apparatus_path"],
            structure=hints_from_data(data["structure"]),
            field_lines={str(k): int(v) for k, v in data["field_lines"].items()},
            revisions=tuple({str(k): str(v) for k, v in r.items()} for r in data["revisions"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BadData(f"not a document entry: {error}") from error


def document_file_to_data(read: DocumentFile) -> dict[str, Any]:
    return {
        "entry": None if read.entry is None else entry_to_data(read.entry),
        "diagnostics": [diagnostic_to_data(d) for d in read.diagnostics],
        "subject_at": list(read.subject_at),
    }


def document_file_from_data(data: Any) -> DocumentFile:
    try:
        entry = None if data["entry"] is None else entry_from_data(data["entry"])
        line, col = data["subject_at"]
        diags = tuple(diagnostic_from_data(d) for d in data["diagnostics"])
        return DocumentFile(entry, diags, (int(line), int(col)))
    except (KeyError, TypeError, ValueError) as error:
        raise BadData(f"not a document file: {error}") from error
