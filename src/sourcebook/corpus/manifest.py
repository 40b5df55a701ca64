"""The manifest (``seeds/manifest.toml``) and the per-document apparatus files.

Both are contributor files, read and validated by :mod:`sourcebook.inputs.tomlschema`
against ``schema/manifest.schema.json`` and ``schema/apparatus.schema.json``;
the checks here are the ones a schema cannot express: duplicate and
look-alike slugs, subjects that are not defined, and ``file``/``apparatus``
paths that must name regular files inside ``seeds/`` (:mod:`sourcebook.inputs.paths`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.inputs.hints import StructureHints, structure_hints_from
from sourcebook.inputs.hygiene import shown, skeleton
from sourcebook.inputs.paths import (
    CORPUS_TOML_MAX_BYTES,
    SEED_MAX_BYTES,
    TOML_MAX_BYTES,
    PathProblem,
    confine,
    stat_regular,
)
from sourcebook.inputs.tomlpos import Path as DataPath
from sourcebook.inputs.tomlschema import TomlFile, read_toml
from sourcebook.model import Kind

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
    #: contributor-declared structure hints (``[document.structure]``), if any
    structure: StructureHints | None = None

    def citation(self, label: str) -> Citation | None:
        """The apparatus's citation for marker *label*, if it has one."""
        return next((c for c in self.citations if c.label == label), None)


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


#: marker fields whose mistakes leave what the marker cites intact: reported, then the
#: field falls back to its cautious default (an unreadable confidence counts as inferred)
_SALVAGEABLE: dict[str, str | None] = {"confidence": "inferred", "locator": None, "note": None}


def _citations(file: TomlFile) -> tuple[tuple[Citation, ...], bool]:
    """The file's citations, and whether they are complete.

    They are incomplete when a mistake touches what a marker cites (its
    label or keys, an unknown key, the shape of the file): the caller then
    leaves the document out rather than report its markers as unmapped.
    """
    salvage: dict[int, set[str]] = {}
    for path in file.bad:
        if len(path) >= 3 and path[0] == "marker" and path[2] in _SALVAGEABLE:
            salvage.setdefault(int(path[1]), set()).add(str(path[2]))
        else:
            return (), False
    citations: list[Citation] = []
    for index, entry in enumerate(file.data.get("marker", [])):
        fields = {key: entry.get(key, default) for key, default in _SALVAGEABLE.items()}
        fields.update({key: _SALVAGEABLE[key] for key in salvage.get(index, ())})
        citations.append(
            Citation(
                label=entry["label"],
                keys=tuple(entry.get("keys", ())),
                confidence=fields["confidence"] or "established",
                locator=fields["locator"],
                note=fields["note"],
                line=file.at(("marker", index))[0],
            )
        )
    return tuple(citations), True


def read_apparatus(path: Path, display: str) -> tuple[tuple[Citation, ...], list[Diagnostic], bool]:
    """Read one apparatus file: its citations, its problems, and whether it is complete."""
    file, diags, problem = read_toml(path.parent, path.name, display, "apparatus")
    if problem is not None:
        code = Code.FILE_UNREADABLE if problem.code is Code.SEED_MISSING else problem.code
        diags.append(Diagnostic(display, 1, 1, code, problem.message))
    if file is None:
        return (), diags, False
    citations, complete = _citations(file)
    return citations, diags, complete


def load_apparatus(path: Path, display: str) -> tuple[tuple[Citation, ...], list[Diagnostic]]:
    """Read one apparatus file: ``[[marker]]`` tables mapping labels to keys."""
    citations, diags, _ = read_apparatus(path, display)
    return citations, diags


def _subjects(file: TomlFile) -> tuple[dict[str, Subject], list[Diagnostic]]:
    subjects: dict[str, Subject] = {}
    diags: list[Diagnostic] = []
    for index, entry in file.entries("subject"):
        sid = entry["id"]
        if sid in subjects:
            diags.append(
                file.diagnostic(
                    ("subject", index, "id"), Code.DUPLICATE_ID, f"subject id '{sid}' is used twice"
                )
            )
            continue
        subjects[sid] = Subject(
            sid,
            entry["name"],
            tuple(entry.get("domains", ())),
            tuple(entry.get("publishers", ())),
        )
    return subjects, diags


def _broken_ids(file: TomlFile, key: str) -> set[str]:
    """Ids named by tables of *key* that have a schema error (their own diagnostic)."""
    tables = file.data.get(key)
    if not isinstance(tables, list):
        return set()
    return {
        table["id"]
        for index, table in enumerate(tables)
        if isinstance(table, dict)
        and isinstance(table.get("id"), str)
        and not file.clean((key, index))
    }


def _seed_problem(seeds: Path, file: TomlFile, where: DataPath, kind: str) -> list[Diagnostic]:
    """Refuse a ``file``/``apparatus`` path that leaves ``seeds/`` or names no regular file."""
    name: Any = file.data
    for part in where:
        name = name[part]
    display = f"seeds/{name}"
    target = confine(seeds, str(name))
    if isinstance(target, PathProblem):
        return [file.diagnostic(where, target.code, f"{kind} {shown(name)}: {target.message}")]
    problem = stat_regular(target, SEED_MAX_BYTES if kind == "file" else TOML_MAX_BYTES)
    if problem is None:
        return []
    if problem.code is Code.FILE_TOO_LARGE:
        return [Diagnostic(display, 1, 1, problem.code, problem.message)]
    return [file.diagnostic(where, problem.code, f"{kind} {shown(name)}: {problem.message}")]


def load_manifest(path: Path, display: str | None = None) -> tuple[Manifest, list[Diagnostic]]:
    """Read the manifest and every apparatus file it names.

    A document with any error is left out (the error is reported); the
    others load, so one broken entry does not hide the problems of the rest.
    """
    name = display or str(path)
    seeds = path.parent
    file, diags, problem = read_toml(
        seeds, path.name, name, "manifest", max_bytes=CORPUS_TOML_MAX_BYTES
    )
    if problem is not None:
        code = Code.FILE_UNREADABLE if problem.code is Code.SEED_MISSING else problem.code
        diags.append(Diagnostic(name, 1, 1, code, f"manifest: {problem.message}"))
    if file is None:
        return Manifest(name, (), {}), diags
    if "document" not in file.data and not diags:  # alone: a broken file says why first
        message = (
            "the manifest lists no [[document]]; add one with `nox -s add -- FILE --kind KIND`"
        )
        diags.append(Diagnostic(name, 1, 1, Code.REQUIRED_FIELD, message))
    subjects, more = _subjects(file)
    diags.extend(more)
    documents: list[DocumentEntry] = []
    seen: dict[str, int] = {}
    looks: dict[str, str] = {}
    broken_subjects = _broken_ids(file, "subject")
    for index, entry in file.entries("document"):
        where: DataPath = ("document", index)
        line = file.at(where)[0]
        slug = entry["slug"]
        clash = _slug_clash(file, where, slug, seen, looks)
        if clash is not None:
            diags.append(clash)
            continue
        seen[slug] = line
        looks[skeleton(slug)] = slug
        if not _subject_known(file, where, entry.get("subject"), subjects, broken_subjects, diags):
            continue
        document = _document(seeds, file, where, entry, name, diags)
        if document is not None:
            documents.append(document)
    return Manifest(name, tuple(documents), subjects), diags


def _slug_clash(
    file: TomlFile, where: DataPath, slug: str, seen: dict[str, int], looks: dict[str, str]
) -> Diagnostic | None:
    """A slug another entry uses, or one that looks like it (a reader could not tell them apart)."""
    if slug in seen:
        message = f"slug '{slug}' is already used by the entry at line {seen[slug]}"
        return file.diagnostic((*where, "slug"), Code.DUPLICATE_DOCUMENT, message)
    if skeleton(slug) in looks:
        message = f"slug '{slug}' looks like '{looks[skeleton(slug)]}'; choose a distinct slug"
        return file.diagnostic((*where, "slug"), Code.CONFUSABLE, message)
    return None


def _subject_known(
    file: TomlFile,
    where: DataPath,
    subject: str | None,
    subjects: dict[str, Subject],
    broken: set[str],
    diags: list[Diagnostic],
) -> bool:
    """Whether the entry's subject (if any) is defined; an undefined one is reported once."""
    if subject is None or subject in subjects:
        return True
    # a subject with its own error, or a malformed [[subject]] list, is reported there
    if subject not in broken and file.clean(("subject",)):
        message = f"subject '{subject}' is not defined by a [[subject]] table"
        diags.append(file.diagnostic((*where, "subject"), Code.MANIFEST_FIELD, message))
    return False


def _document(
    seeds: Path,
    file: TomlFile,
    where: DataPath,
    entry: dict[str, Any],
    name: str,
    diags: list[Diagnostic],
) -> DocumentEntry | None:
    """One document entry with its apparatus, or None (with the reasons in *diags*)."""
    problems = _seed_problem(seeds, file, (*where, "file"), "file")
    apparatus = entry.get("apparatus")
    if apparatus is not None:
        problems += _seed_problem(seeds, file, (*where, "apparatus"), "apparatus")
    if problems:
        diags.extend(problems)
        return None
    citations: tuple[Citation, ...] = ()
    apparatus_display = None
    if apparatus is not None:
        apparatus_display = str(Path(name).parent / apparatus)
        citations, more, complete = read_apparatus(seeds / apparatus, apparatus_display)
        diags.extend(more)
        if not complete:
            return None  # half an apparatus would report its dropped markers as unmapped
    hints = structure_hints_from(file, (*where, "structure"))
    return _entry(entry, entry["slug"], file.at(where)[0], citations, apparatus_display, hints)


def _entry(
    entry: dict[str, Any],
    slug: str,
    line: int,
    citations: tuple[Citation, ...],
    apparatus_display: str | None,
    hints: StructureHints | None = None,
) -> DocumentEntry:
    """A validated ``[[document]]`` table as a :class:`DocumentEntry`."""
    return DocumentEntry(
        slug=slug,
        file=entry["file"],
        sha256=entry["sha256"].lower(),
        kind=entry["kind"],
        title=entry["title"],
        title_supplied=entry.get("title_supplied", False),
        authors=tuple(entry.get("authors", ())),
        inferred=tuple(entry.get("inferred", ())),
        date=entry.get("date"),
        url=entry.get("url"),
        publisher=entry.get("publisher"),
        licence=entry.get("licence"),
        licence_url=entry.get("licence_url"),
        bibkey=entry.get("bibkey"),
        subject=entry.get("subject"),
        marker_noun=entry.get("marker_noun", "reference"),
        citations=citations,
        line=line,
        apparatus_path=apparatus_display,
        structure=hints,
    )
