"""The documents and subjects of ``seeds/``: one folder per document, one file per subject.

Each ``seeds/<slug>/document.toml``, ``apparatus.toml`` and
``seeds/subjects/<id>.toml`` is a contributor file, read and validated by
:mod:`sourcebook.inputs.tomlschema` against its JSON Schema (``document``,
``apparatus``, ``subject``); the folders themselves are listed by
:mod:`sourcebook.inputs.layout`, which refuses stray files, bad names and
links.  The checks here are the ones a schema cannot express: look-alike
slugs and subjects that are not defined.  Every position comes from the
one TOML position source, :mod:`sourcebook.inputs.tomlpos` (through
:class:`~sourcebook.inputs.tomlschema.TomlFile`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.inputs import layout
from sourcebook.inputs.hints import StructureHints, structure_hints_from
from sourcebook.inputs.hygiene import skeleton
from sourcebook.inputs.paths import PathProblem, seeds_directory
from sourcebook.inputs.tomlschema import TomlFile, parse_toml, read_toml
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
    #: ``seeds/subjects/<id>.toml`` and the lines of its ``domains`` and ``publishers``
    path: str = ""
    domains_line: int = 1
    publishers_line: int = 1


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
    #: field name -> its line in the apparatus file
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)
    #: key -> (line, col) where ``keys`` names it
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    def line_of(self, name: str) -> int:
        """The line of field *name* of this marker's table (its header when absent)."""
        return self.field_lines.get(name, self.line)


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
    #: the first line of ``document.toml``, and the apparatus file (from the root)
    line: int
    apparatus_path: str | None
    #: contributor-declared structure hints (``[structure]``), if any
    structure: StructureHints | None = None
    #: ``seeds/<slug>/document.toml``
    path: str = ""
    #: field name -> the line it is written on in :attr:`path`
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)
    #: the ``[[revision]]`` records, oldest first
    revisions: tuple[dict[str, str], ...] = ()

    def line_of(self, name: str) -> int:
        """The line of field *name* in the document file (its first line when absent)."""
        return self.field_lines.get(name, self.line)

    def citation(self, label: str) -> Citation | None:
        """The apparatus's citation for marker *label*, if it has one."""
        return next((c for c in self.citations if c.label == label), None)


@dataclass(frozen=True, slots=True)
class Manifest:
    #: ``seeds`` (every document and subject has a file of its own)
    path: str
    documents: tuple[DocumentEntry, ...]
    subjects: dict[str, Subject]


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
        keys = tuple(entry.get("keys", ()))
        citations.append(
            Citation(
                label=entry["label"],
                keys=keys,
                confidence=fields["confidence"] or "established",
                locator=fields["locator"],
                note=fields["note"],
                line=file.at(("marker", index))[0],
                field_lines={name: file.at(("marker", index, name))[0] for name in entry},
                key_positions={
                    key: file.at(("marker", index, "keys", n))
                    for n, key in reversed(list(enumerate(keys)))
                },
            )
        )
    return tuple(citations), True


def read_apparatus(
    path: Path, display: str, data: bytes | None = None
) -> tuple[tuple[Citation, ...], list[Diagnostic], bool]:
    """Read one apparatus file: its citations, its problems, and whether it is complete.

    With *data*, those are the file's bytes, already read.
    """
    file, diags, problem = _toml(path.parent, path.name, display, "apparatus", data)
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


def _toml(
    base: Path, name: str, display: str, schema: str, data: bytes | None
) -> tuple[TomlFile | None, list[Diagnostic], PathProblem | None]:
    """:func:`read_toml`, or the same on bytes *data* already read (confined and limited)."""
    if data is None:
        return read_toml(base, name, display, schema)
    file, diags = parse_toml(data, display, schema)
    return file, diags, None


def _read(
    base: Path, name: str, display: str, schema: str, data: bytes | None = None
) -> tuple[TomlFile | None, list[Diagnostic]]:
    """One contributor TOML file, validated; a file that cannot be read is reported at itself."""
    file, diags, problem = _toml(base, name, display, schema, data)
    if problem is not None:
        code = Code.FILE_UNREADABLE if problem.code is Code.SEED_MISSING else problem.code
        diags.append(Diagnostic(display, 1, 1, code, problem.message))
    return file, diags


def _subject(seeds: Path, sid: str) -> tuple[Subject | None, list[Diagnostic]]:
    display = layout.subject_of(sid)
    file, diags = _read(seeds / layout.SUBJECTS, f"{sid}.toml", display, "subject")
    if file is None or not file.clean(()):
        return None, diags
    data = file.data
    subject = Subject(
        sid,
        data["name"],
        tuple(data.get("domains", ())),
        tuple(data.get("publishers", ())),
        display,
        file.at(("domains",))[0] if "domains" in data else 1,
        file.at(("publishers",))[0] if "publishers" in data else 1,
    )
    return subject, diags


def load_subjects(seeds: Path) -> tuple[dict[str, Subject], set[str], list[Diagnostic]]:
    """Every valid subject, the ids of those with an error (reported), and the problems."""
    listing = layout.list_subjects(seeds)
    subjects: dict[str, Subject] = {}
    # a subject file refused where it stands (a link, a bad name) is not reported again
    # at each document naming it
    broken: set[str] = {name.lower() for name in listing.refused}
    diags = list(listing.diagnostics)
    for sid in listing.names:
        subject, more = _subject(seeds, sid)
        diags.extend(more)
        if subject is None:
            broken.add(sid)
        else:
            subjects[sid] = subject
    return subjects, broken, diags


def load_manifest(root: Path, readers: Readers | None = None) -> tuple[Manifest, list[Diagnostic]]:
    """Read every document folder and subject file of ``root/seeds``.

    A document with any error is left out (the error is reported); the
    others load, so one broken document does not hide the problems of the rest.
    *readers* read each document's two files (default: directly).
    """
    seeds = seeds_directory(root)
    if isinstance(seeds, PathProblem):
        return Manifest(layout.SEEDS, (), {}), [
            Diagnostic(f"{layout.SEEDS}/", 1, 1, seeds.code, seeds.message)
        ]
    subjects, broken, diags = load_subjects(seeds)
    listing = layout.list_documents(seeds)
    diags.extend(listing.diagnostics)
    if not listing.names and not diags:  # alone: a broken folder says why first
        message = "seeds/ holds no document; add one with `nox -s add -- FILE --kind KIND`"
        diags.append(Diagnostic(f"{layout.SEEDS}/", 1, 1, Code.REQUIRED_FIELD, message))
    documents: list[DocumentEntry] = []
    looks: dict[str, str] = {}
    for slug in listing.names:
        if skeleton(slug) in looks:
            message = f"slug '{slug}' looks like '{looks[skeleton(slug)]}'; choose a distinct slug"
            diags.append(Diagnostic(f"{layout.SEEDS}/{slug}", 1, 1, Code.CONFUSABLE, message))
            continue
        looks[skeleton(slug)] = slug
        document = _document(seeds, slug, subjects, broken, diags, readers or Readers())
        if document is not None:
            documents.append(document)
    return Manifest(layout.SEEDS, tuple(documents), subjects), diags


@dataclass(frozen=True, slots=True)
class DocumentFile:
    """What ``document.toml`` alone says: its entry (no apparatus yet) or ``None``, and problems.

    A pure function of the file's bytes and its name, so it can be kept by content
    (:mod:`sourcebook.corpus.folders`); whether its subject exists is decided by the caller.
    """

    entry: DocumentEntry | None
    diagnostics: tuple[Diagnostic, ...]
    #: where the ``subject`` value is written, for "subject is not defined"
    subject_at: tuple[int, int] = (1, 1)


def read_document_file(folder: Path, slug: str, data: bytes | None = None) -> DocumentFile:
    """Read and validate ``<folder>/document.toml`` of document *slug* (or its bytes *data*)."""
    file, diags = _read(folder, layout.DOCUMENT, layout.document_of(slug), "document", data)
    if file is None or not file.clean(()):
        return DocumentFile(None, tuple(diags))
    hints = structure_hints_from(file, ("structure",))
    entry = _entry(file, slug, (), None, hints)
    return DocumentFile(entry, tuple(diags), file.at(("subject",)))


@dataclass(frozen=True, slots=True)
class Readers:
    """How a document's two metadata files are read: directly, or through kept results."""

    document: Callable[[Path, str], DocumentFile] = read_document_file
    apparatus: Callable[[Path, str], tuple[tuple[Citation, ...], list[Diagnostic], bool]] = (
        read_apparatus
    )


def _document(
    seeds: Path,
    slug: str,
    subjects: dict[str, Subject],
    broken: set[str],
    diags: list[Diagnostic],
    readers: Readers,
) -> DocumentEntry | None:
    """One document folder with its apparatus, or None (with the reasons in *diags*)."""
    read = readers.document(seeds / slug, slug)
    diags.extend(read.diagnostics)
    if read.entry is None:
        return None
    subject = read.entry.subject
    if subject is not None and subject not in subjects:
        if subject not in broken:  # a subject with its own error is reported there
            message = f"subject '{subject}' is not defined: no {layout.subject_of(subject)}"
            line, col = read.subject_at
            diags.append(
                Diagnostic(layout.document_of(slug), line, col, Code.MANIFEST_FIELD, message)
            )
        return None
    citations: tuple[Citation, ...] = ()
    apparatus_display = None
    if (seeds / slug / layout.APPARATUS).exists() or (seeds / slug / layout.APPARATUS).is_symlink():
        apparatus_display = layout.apparatus_of(slug)
        citations, more, complete = readers.apparatus(
            seeds / slug / layout.APPARATUS, apparatus_display
        )
        diags.extend(more)
        if not complete:
            return None  # half an apparatus would report its dropped markers as unmapped
    return replace(read.entry, citations=citations, apparatus_path=apparatus_display)


def _entry(
    file: TomlFile,
    slug: str,
    citations: tuple[Citation, ...],
    apparatus_display: str | None,
    hints: StructureHints | None = None,
) -> DocumentEntry:
    """A validated document file as a :class:`DocumentEntry`."""
    entry: dict[str, Any] = file.data
    return DocumentEntry(
        slug=slug,
        file=layout.extract_of(slug),
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
        line=1,
        apparatus_path=apparatus_display,
        structure=hints,
        path=file.display,
        field_lines={name: file.at((name,))[0] for name in entry},
        revisions=tuple(
            {k: str(v) for k, v in r.items()}
            for r in entry.get("revision", ())
            if isinstance(r, dict)
        ),
    )
