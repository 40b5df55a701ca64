"""The manifest (``seeds/manifest.toml``) and the per-document apparatus files.

Both are TOML, read with :mod:`tomllib`.  tomllib keeps no line numbers, so
:class:`TomlLines` finds them in the raw text (the n-th ``[[document]]``
header starts the n-th document) to give every diagnostic a real location.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcebook.diagnostics import Code, Diagnostic
from sourcebook.model import KINDS, Kind

CONFIDENCES = ("established", "inferred")


@dataclass(frozen=True, slots=True)
class Subject:
    """An organisation a document is about, with its own outlets."""

    #: short id, e.g. "awl"
    id: str
    name: str
    #: web domains the subject runs (sub-domains match too)
    domains: tuple[str, ...]
    #: publisher, journal and imprint names the subject runs
    publishers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Citation:
    """One apparatus entry: what a marker of the text cites."""

    #: marker label as the parser reports it ("16", "5", "9.1")
    label: str
    #: bibliography keys; empty while the source is unknown
    keys: tuple[str, ...]
    confidence: str
    #: page, chapter ... passed to the footnote
    locator: str | None
    #: editor's note shown in the footnote (why the attribution is inferred)
    note: str | None
    line: int


@dataclass(frozen=True, slots=True)
class DocumentEntry:
    slug: str
    file: str
    sha256: str
    kind: Kind
    title: str
    #: title supplied by the editors rather than printed in the seed
    title_supplied: bool
    authors: tuple[str, ...]
    #: manifest fields whose values are inferred, not established
    inferred: tuple[str, ...]
    date: str | None
    url: str | None
    publisher: str | None
    licence: str | None
    licence_url: str | None
    bibkey: str | None
    subject: str | None
    #: what the text of a marker says when its source is unknown ("reference", "footnote")
    marker_noun: str
    citations: tuple[Citation, ...]
    #: where the entry starts in the manifest, and the apparatus file
    line: int
    apparatus_path: str | None


@dataclass(frozen=True, slots=True)
class Manifest:
    path: str
    documents: tuple[DocumentEntry, ...]
    subjects: dict[str, Subject]


class TomlLines:
    """Line numbers for array-of-table entries and their keys in raw TOML."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def headers(self, table: str) -> list[int]:
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
        return [n for n, line in enumerate(self.lines, 1) if pattern.match(line)]

    def key_line(self, start: int, key: str) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start, len(self.lines) + 1):
            if number > start and self.lines[number - 1].lstrip().startswith("["):
                break
            if pattern.match(self.lines[number - 1]):
                return number
        return start


def _toml(path: Path, display: str) -> tuple[dict[str, Any] | None, str, list[Diagnostic]]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return (
            None,
            "",
            [Diagnostic(display, 1, 1, Code.MANIFEST_SYNTAX, f"cannot read file: {exc}")],
        )
    try:
        return tomllib.loads(raw), raw, []
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        message = str(exc).split(" (at line")[0]
        return (
            None,
            raw,
            [Diagnostic(display, line, col, Code.MANIFEST_SYNTAX, f"invalid TOML: {message}")],
        )


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def load_apparatus(path: Path, display: str) -> tuple[tuple[Citation, ...], list[Diagnostic]]:
    """Read one apparatus file: ``[[marker]]`` tables mapping labels to keys."""
    data, raw, diags = _toml(path, display)
    if data is None:
        return (), diags
    lines = TomlLines(raw)
    starts = lines.headers("marker")
    citations: list[Citation] = []
    entries = data.get("marker", [])
    if not isinstance(entries, list):
        return (), [
            Diagnostic(
                display,
                1,
                1,
                Code.MANIFEST_FIELD,
                "'marker' must be an array of tables ([[marker]])",
            )
        ]
    for index, entry in enumerate(entries):
        line = starts[index] if index < len(starts) else 1
        label = entry.get("label")
        keys = _strings(entry.get("keys", []))
        confidence = entry.get("confidence", "established")
        if not isinstance(label, str | int):
            diags.append(
                Diagnostic(display, line, 1, Code.MANIFEST_FIELD, "marker entry needs a 'label'")
            )
            continue
        if keys is None:
            diags.append(
                Diagnostic(
                    display,
                    lines.key_line(line, "keys"),
                    1,
                    Code.MANIFEST_FIELD,
                    f"marker '{label}': 'keys' must be a list of bib keys",
                )
            )
            keys = ()
        if confidence not in CONFIDENCES:
            diags.append(
                Diagnostic(
                    display,
                    lines.key_line(line, "confidence"),
                    1,
                    Code.BAD_CONFIDENCE,
                    f"marker '{label}': confidence '{confidence}' "
                    f"is not one of {', '.join(CONFIDENCES)}",
                )
            )
            confidence = "inferred"
        locator = entry.get("locator")
        note = entry.get("note")
        citations.append(
            Citation(
                str(label),
                keys,
                str(confidence),
                locator if isinstance(locator, str) else None,
                note if isinstance(note, str) else None,
                line,
            )
        )
    return tuple(citations), diags


def load_manifest(path: Path, display: str | None = None) -> tuple[Manifest, list[Diagnostic]]:
    """Read the manifest and every apparatus file it names."""
    name = display or str(path)
    data, raw, diags = _toml(path, name)
    if data is None:
        return Manifest(name, (), {}), diags
    lines = TomlLines(raw)

    subjects: dict[str, Subject] = {}
    for index, entry in enumerate(data.get("subject", [])):
        starts = lines.headers("subject")
        line = starts[index] if index < len(starts) else 1
        sid, sname = entry.get("id"), entry.get("name")
        domains = _strings(entry.get("domains", [])) or ()
        publishers = _strings(entry.get("publishers", [])) or ()
        if not isinstance(sid, str) or not isinstance(sname, str):
            diags.append(
                Diagnostic(
                    name, line, 1, Code.MANIFEST_FIELD, "subject needs string 'id' and 'name'"
                )
            )
            continue
        subjects[sid] = Subject(sid, sname, tuple(d.lower() for d in domains), publishers)

    documents: list[DocumentEntry] = []
    seen: dict[str, int] = {}
    starts = lines.headers("document")
    for index, entry in enumerate(data.get("document", [])):
        line = starts[index] if index < len(starts) else 1
        problems: list[str] = []
        required = {k: entry.get(k) for k in ("slug", "file", "sha256", "kind", "title")}
        for key, value in required.items():
            if not isinstance(value, str) or not value:
                diags.append(
                    Diagnostic(
                        name,
                        lines.key_line(line, key),
                        1,
                        Code.MANIFEST_FIELD,
                        f"document {index + 1}: missing or empty string field '{key}'",
                    )
                )
                problems.append(key)
        if problems:
            continue
        slug = str(required["slug"])
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
            diags.append(
                Diagnostic(
                    name,
                    lines.key_line(line, "slug"),
                    1,
                    Code.MANIFEST_FIELD,
                    f"slug '{slug}' must be lower-case letters, digits and hyphens",
                )
            )
            continue
        if slug in seen:
            diags.append(
                Diagnostic(
                    name,
                    line,
                    1,
                    Code.DUPLICATE_DOCUMENT,
                    f"slug '{slug}' is already used by the entry at line {seen[slug]}",
                )
            )
            continue
        seen[slug] = line
        kind = required["kind"]
        if kind not in KINDS:
            diags.append(
                Diagnostic(
                    name,
                    lines.key_line(line, "kind"),
                    1,
                    Code.MANIFEST_FIELD,
                    f"kind '{kind}' is not one of {', '.join(KINDS)}",
                )
            )
            continue
        subject = entry.get("subject")
        if subject is not None and subject not in subjects:
            diags.append(
                Diagnostic(
                    name,
                    lines.key_line(line, "subject"),
                    1,
                    Code.MANIFEST_FIELD,
                    f"subject '{subject}' is not defined by a [[subject]] table",
                )
            )
            subject = None
        citations: tuple[Citation, ...] = ()
        apparatus = entry.get("apparatus")
        apparatus_display = None
        if isinstance(apparatus, str):
            apparatus_display = str(Path(name).parent / apparatus)
            citations, more = load_apparatus(path.parent / apparatus, apparatus_display)
            diags.extend(more)

        def text(key: str, entry: dict[str, Any] = entry) -> str | None:
            value = entry.get(key)
            return value if isinstance(value, str) and value else None

        documents.append(
            DocumentEntry(
                slug=slug,
                file=str(required["file"]),
                sha256=str(required["sha256"]).lower(),
                kind=kind,
                title=str(required["title"]),
                title_supplied=bool(entry.get("title_supplied", False)),
                authors=_strings(entry.get("authors", [])) or (),
                inferred=_strings(entry.get("inferred", [])) or (),
                date=text("date"),
                url=text("url"),
                publisher=text("publisher"),
                licence=text("licence"),
                licence_url=text("licence_url"),
                bibkey=text("bibkey"),
                subject=subject,
                marker_noun=text("marker_noun") or "reference",
                citations=citations,
                line=line,
                apparatus_path=apparatus_display,
            )
        )
    return Manifest(name, tuple(documents), subjects), diags
