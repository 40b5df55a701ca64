"""The corpus layout: a folder per document, a file per subject, entity and source.

Every name in it is data a pull request chooses, so the folders are listed,
never trusted: a document folder's name is its slug (:func:`is_slug`), a
subject's or entity's file name is its id, a bibliography file's name is its
key (:func:`is_bibkey`); a name that breaks its rule, a file or folder the
layout does not know, a symbolic link, a hard link or a special file is a
located diagnostic (the entry is left out, the others load).  Nothing is
followed out of the tree.

::

    seeds/<slug>/extract.txt      the raw extract, byte for byte
    seeds/<slug>/document.toml    its facts, [structure] hints, [[revision]] records
    seeds/<slug>/apparatus.toml   what each marker cites (optional)
    seeds/subjects/<id>.toml      an organisation documents are about
    seeds/entities/<id>.toml      a glossary entity
    seeds/overrides/<name>.toml   a maintainer's recorded ratchet override
    docs/references/<key>.bib     one bibliography entry
    docs/references/<key>.json    the fetch record of a fetched entry (optional)

Two pull requests that add different documents, subjects, entities or
sources touch different files, so they merge without conflict.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.core.identifiers import describe, is_bibkey, is_slug
from sourcebook.inputs.hygiene import shown

SEEDS = "seeds"
EXTRACT = "extract.txt"
DOCUMENT = "document.toml"
APPARATUS = "apparatus.toml"
SUBJECTS = "subjects"
ENTITIES = "entities"
OVERRIDES = "overrides"
#: the bibliography's folder, relative to the project root
REFERENCES = "docs/references"
#: everything a contribution may change: the corpus (tools/contrib_sim.py checks its
#: contributions stay inside; the tests' corpus guard watches reads of these)
CORPUS_FOLDERS = (SEEDS, REFERENCES)
#: the files a document folder may hold
DOCUMENT_FILES = frozenset({EXTRACT, DOCUMENT, APPARATUS})
#: folders of ``seeds/`` that are not documents
RESERVED = frozenset({SUBJECTS, ENTITIES, OVERRIDES})
#: files ``seeds/`` may hold beside the folders (a maintainer's baseline, a read-me)
SEEDS_FILES = frozenset({"baseline.toml", "README.md"})
#: the flat layout's files: their presence means the project needs ``migrate``
FLAT_FILES = ("manifest.toml", "entities.toml", "apparatus")
MIGRATE_COMMAND = "nox -s migrate"


def extract_of(slug: str) -> str:
    """The extract's path relative to ``seeds/`` (``DocumentEntry.file``)."""
    return f"{slug}/{EXTRACT}"


def document_of(slug: str) -> str:
    """The document file's path relative to the project root."""
    return f"{SEEDS}/{slug}/{DOCUMENT}"


def apparatus_of(slug: str) -> str:
    """The apparatus file's path relative to the project root."""
    return f"{SEEDS}/{slug}/{APPARATUS}"


def subject_of(subject_id: str) -> str:
    return f"{SEEDS}/{SUBJECTS}/{subject_id}.toml"


def entity_of(entity_id: str) -> str:
    return f"{SEEDS}/{ENTITIES}/{entity_id}.toml"


def reference_of(key: str) -> str:
    """The bibliography file of *key*, relative to the project root."""
    return f"{REFERENCES}/{key}.bib"


def record_of(key: str) -> str:
    """The fetch record of *key* (``source add``), relative to the project root."""
    return f"{REFERENCES}/{key}.json"


@dataclass(slots=True)
class Listing:
    """What a folder holds, by name, and what is wrong with it."""

    names: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: names (file stems) of entries refused where they stand: what cites them is not
    #: reported again
    refused: list[str] = field(default_factory=list)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return sorted(found, key=lambda e: e.name)
    except OSError:
        return []


def _kind_problem(entry: os.DirEntry[str], display: str, want_dir: bool) -> Diagnostic | None:
    """A symbolic link, a special file, a hard link, or a file where a folder belongs."""
    info = entry.stat(follow_symlinks=False)
    if stat.S_ISLNK(info.st_mode):
        message = "a symbolic link is not allowed in the corpus; put the file itself here"
        return Diagnostic(display, 1, 1, Code.PATH_ESCAPES, message)
    if want_dir and not stat.S_ISDIR(info.st_mode):
        return Diagnostic(display, 1, 1, Code.LAYOUT_STRAY, "expected a folder here")
    if not want_dir and not stat.S_ISREG(info.st_mode):
        return Diagnostic(display, 1, 1, Code.NOT_REGULAR_FILE, "not a regular file")
    if not want_dir and info.st_nlink > 1:
        message = f"the file has {info.st_nlink} names (hard links); keep one copy"
        return Diagnostic(display, 1, 1, Code.NOT_REGULAR_FILE, message)
    return None


def stray(display: str, what: str) -> Diagnostic:
    return Diagnostic(display, 1, 1, Code.LAYOUT_STRAY, f"{what} (docs/manual/formats.md)")


def list_named(
    folder: Path, display: str, suffixes: tuple[str, ...], valid: Callable[[str], bool], rule: str
) -> Listing:
    """The names (file stems) of *folder*'s files ending in *suffixes*; the rest reported.

    With more than one suffix, a name counts once (``<key>.bib`` and ``<key>.json``).
    """
    listing = Listing()
    for entry in _entries(folder):
        where = f"{display}/{entry.name}"
        stem, dot, suffix = entry.name.rpartition(".")
        problem = _kind_problem(entry, where, want_dir=False)
        if problem is None and (not dot or f".{suffix}" not in suffixes):
            wanted = " or ".join(suffixes)
            problem = stray(where, f"a stray file: only {wanted} files belong")
        elif problem is None and not valid(stem):
            message = f"the name {shown(stem)} must be {describe(rule)}"
            problem = Diagnostic(where, 1, 1, Code.LAYOUT_NAME, message)
        if problem is not None:
            listing.diagnostics.append(problem)
            listing.refused.append(stem or entry.name)
        elif f".{suffix}" == suffixes[0]:
            listing.names.append(stem)
    return listing


def list_documents(seeds: Path) -> Listing:
    """The document folders of ``seeds/``, by slug; everything unknown there is reported."""
    listing = Listing()
    if any(os.path.lexists(seeds / name) for name in FLAT_FILES):
        message = (
            "the flat layout (seeds/manifest.toml ...) is no longer read; convert the project "
            f"with `{MIGRATE_COMMAND}` (docs/manual/formats.md)"
        )
        listing.diagnostics.append(Diagnostic(f"{SEEDS}/", 1, 1, Code.OLD_LAYOUT, message))
        return listing  # one error at the cause: its files are not strays of the new layout
    for entry in _entries(seeds):
        where = f"{SEEDS}/{entry.name}"
        if entry.name in SEEDS_FILES:
            continue
        problem = _kind_problem(entry, where, want_dir=True)
        if problem is not None:
            listing.diagnostics.append(problem)
        elif entry.name in RESERVED:
            continue
        elif not is_slug(entry.name):
            message = (
                f"the folder name {shown(entry.name)} is a slug and must be {describe('slug')}"
            )
            listing.diagnostics.append(Diagnostic(where, 1, 1, Code.LAYOUT_NAME, message))
        else:
            more = _document_folder(seeds / entry.name, where)
            listing.diagnostics.extend(more)
            if not more:
                listing.names.append(entry.name)
    return listing


def _document_folder(folder: Path, display: str) -> list[Diagnostic]:
    """What is wrong with one document folder: stray entries, a missing file."""
    diags: list[Diagnostic] = []
    present: set[str] = set()
    for entry in _entries(folder):
        where = f"{display}/{entry.name}"
        if entry.name not in DOCUMENT_FILES:
            known = ", ".join(sorted(DOCUMENT_FILES))
            diags.append(stray(where, f"a stray entry: a document folder holds {known}"))
            continue
        problem = _kind_problem(entry, where, want_dir=False)
        if problem is not None:
            diags.append(problem)
        present.add(entry.name)
    for needed, code in ((DOCUMENT, Code.FILE_UNREADABLE), (EXTRACT, Code.SEED_MISSING)):
        if needed not in present and not any(d.path == f"{display}/{needed}" for d in diags):
            message = f"the document folder has no {needed}"
            diags.append(Diagnostic(f"{display}/{needed}", 1, 1, code, message))
    return diags


def list_subjects(seeds: Path) -> Listing:
    return list_named(seeds / SUBJECTS, f"{SEEDS}/{SUBJECTS}", (".toml",), is_slug, "slug")


def list_entities(seeds: Path) -> Listing:
    return list_named(seeds / ENTITIES, f"{SEEDS}/{ENTITIES}", (".toml",), is_slug, "slug")


def list_references(root: Path) -> Listing:
    """The keys of ``docs/references/``: each ``<key>.bib``, with an optional ``<key>.json``."""
    return list_named(root / REFERENCES, REFERENCES, (".bib", ".json"), is_bibkey, "bibkey")
