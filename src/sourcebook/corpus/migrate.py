"""From the flat layout to a folder per document: one pure mapping, old files to new files.

The flat layout (until December 2026) kept every document in shared files::

    seeds/manifest.toml          [[subject]] and [[document]] tables
    seeds/<file>.txt             the extracts
    seeds/apparatus/<x>.toml     each document's markers
    seeds/entities.toml          [[entity]] tables
    docs/references.bib          every bibliography entry
    docs/sources/<key>.json      fetch records

:func:`migrate_files` maps those files to the layout of
:mod:`sourcebook.inputs.layout`: each ``[[document]]`` table becomes
``seeds/<slug>/document.toml`` (its comments kept, ``slug``, ``file`` and
``apparatus`` dropped since the folder says them, ``[document.structure]``
and ``[[document.revision]]`` becoming ``[structure]`` and ``[[revision]]``);
each extract moves to ``seeds/<slug>/extract.txt`` with its bytes intact;
each apparatus file to ``seeds/<slug>/apparatus.toml`` unchanged; each
subject and entity to a file named by its id; each bibliography entry (with
the comment lines directly above it) to ``docs/references/<key>.bib`` and
its fetch record beside it.  Comment paragraphs between entries (section
headings) and the files' header comments are not carried over: the entries'
``keywords`` say the same.  Every other file passes through unchanged.

The mapping touches no disk, so ``check --against`` converts a merge base
that still has the flat layout in memory (:func:`migrate_tree` on the
exported copy), and ``nox -s migrate`` converts a project all or nothing.
A project already in the new layout maps to itself (idempotent).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.items import AoT, Table

from sourcebook.core.files import write_atomic
from sourcebook.core.identifiers import is_bibkey, is_slug
from sourcebook.inputs import layout

MANIFEST = "seeds/manifest.toml"
ENTITIES = "seeds/entities.toml"
BIB = "docs/references.bib"
SOURCES = "docs/sources/"
#: an entry head at the start of a line, with its type and key
_HEAD = re.compile(r"^[ \t]*@[ \t]*([A-Za-z][\w-]*)[ \t]*[{(][ \t]*([^,\s}]*)", re.MULTILINE)
_SPECIAL = frozenset({"string", "preamble", "comment"})


class MigrationError(Exception):
    """The flat files cannot be mapped; nothing is written.  *path* names the file."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def is_flat(paths: Mapping[str, Any] | set[str]) -> bool:
    """Whether *paths* (relative to the project root) hold a flat-layout file."""
    return any(
        p in (MANIFEST, ENTITIES, BIB) or p.startswith(("seeds/apparatus/", SOURCES)) for p in paths
    )


def _toml(files: Mapping[str, bytes], path: str) -> tomlkit.TOMLDocument:
    try:
        return tomlkit.parse(files[path].decode("utf-8"))
    except (UnicodeDecodeError, tomlkit.exceptions.TOMLKitError) as exc:
        raise MigrationError(path, f"cannot be read ({exc}); fix it, then migrate") from None


def _table_text(table: Table, drop: frozenset[str]) -> str:
    """*table*'s items, comments included, as a file of its own without the keys in *drop*."""
    new = tomlkit.document()
    for key, item in table.value.body:
        if key is None:
            new.add(item)  # a comment or blank line
        elif key.key not in drop:
            new.append(key, item)
    return tomlkit.dumps(new).strip("\n") + "\n"


def _tables(doc: tomlkit.TOMLDocument, name: str, path: str) -> list[Table]:
    value = doc.get(name, [])
    if not isinstance(value, AoT | list):
        raise MigrationError(path, f"'{name}' is not a list of [[{name}]] tables")
    return [t for t in value if isinstance(t, Table)]


def _documents(files: Mapping[str, bytes], out: dict[str, bytes], used: set[str]) -> None:
    manifest = _toml(files, MANIFEST)
    for table in _tables(manifest, "subject", MANIFEST):
        sid = str(table.get("id", ""))
        if not is_slug(sid):
            raise MigrationError(MANIFEST, f"subject id '{sid}' cannot name a file")
        out[layout.subject_of(sid)] = _table_text(table, frozenset({"id"})).encode("utf-8")
    for table in _tables(manifest, "document", MANIFEST):
        slug, name = str(table.get("slug", "")), str(table.get("file", ""))
        if not is_slug(slug) or slug in layout.RESERVED or layout.document_of(slug) in out:
            raise MigrationError(MANIFEST, f"slug '{slug}' cannot name a folder of its own")
        extract = f"seeds/{name}"
        if extract not in files:
            raise MigrationError(MANIFEST, f"document '{slug}': its file {extract} is missing")
        out[f"seeds/{layout.extract_of(slug)}"] = files[extract]  # the bytes, untouched
        used.add(extract)
        drop = frozenset({"slug", "file", "apparatus"})
        out[layout.document_of(slug)] = _table_text(table, drop).encode("utf-8")
        apparatus = table.get("apparatus")
        if apparatus is not None:
            source = f"seeds/{apparatus}"
            if source not in files:
                raise MigrationError(MANIFEST, f"document '{slug}': {source} is missing")
            out[layout.apparatus_of(slug)] = files[source]
            used.add(source)


def _entities(files: Mapping[str, bytes], out: dict[str, bytes]) -> None:
    for table in _tables(_toml(files, ENTITIES), "entity", ENTITIES):
        eid = str(table.get("id", ""))
        if not is_slug(eid):
            raise MigrationError(ENTITIES, f"entity id '{eid}' cannot name a file")
        out[layout.entity_of(eid)] = _table_text(table, frozenset({"id"})).encode("utf-8")


def _entry_start(text: str, head: int) -> int:
    """Where an entry's block starts: its head, or the comment lines directly above it."""
    start = head
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        line = text[previous : start - 1]
        if not line.strip().startswith("%"):
            break
        start = previous
    return start


def split_bib(text: str) -> dict[str, str]:
    """Key -> the text of its entry (with its own comments and any ``@string`` before it)."""
    heads = list(_HEAD.finditer(text))
    blocks: dict[str, str] = {}
    pending = ""
    for index, head in enumerate(heads):
        kind, key = head.group(1).lower(), head.group(2)
        start = _entry_start(text, head.start())
        end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        if index + 1 < len(heads):
            end = _entry_start(text, end)
        body = text[start:end].strip("\n") + "\n"
        if kind in _SPECIAL:
            pending += body + "\n"
            continue
        if not is_bibkey(key) or key.casefold() in {k.casefold() for k in blocks}:
            raise MigrationError(BIB, f"entry key '{key}' cannot name a file of its own")
        blocks[key] = pending + _without_trailing_comments(body)
        pending = ""
    if pending and blocks:
        last = list(blocks)[-1]
        blocks[last] += "\n" + pending
    return blocks


def _without_trailing_comments(body: str) -> str:
    """An entry's block without the divider comments that trail it (a section heading)."""
    lines = body.rstrip("\n").split("\n")
    while lines and (lines[-1].strip().startswith("%") or not lines[-1].strip()):
        lines.pop()
    return "\n".join(lines) + "\n"


def migrate_files(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The new layout's files for *files* (paths relative to the project root).

    Pure: no disk.  Raises :class:`MigrationError` when a flat file cannot be
    mapped.  Files of neither layout-specific kind pass through unchanged.
    """
    if not is_flat(set(files)):
        return dict(files)
    out: dict[str, bytes] = {}
    used: set[str] = set()
    if MANIFEST in files:
        _documents(files, out, used)
    if ENTITIES in files:
        _entities(files, out)
    if BIB in files:
        for key, block in split_bib(files[BIB].decode("utf-8")).items():
            out[layout.reference_of(key)] = block.encode("utf-8")
    for path, data in files.items():
        if path.startswith(SOURCES) and path.endswith(".json"):
            out[layout.record_of(path[len(SOURCES) : -len(".json")])] = data
        elif not (
            path in used
            or path in (MANIFEST, ENTITIES, BIB)
            or path.startswith(("seeds/apparatus/", SOURCES))
        ):
            out.setdefault(path, data)
    return out


def read_tree(root: Path) -> dict[str, bytes]:
    """The layout's files under *root*: ``seeds/``, the bibliography and fetch records.

    Symbolic links are not followed (the loader refuses them where they stand).
    """
    files: dict[str, bytes] = {}
    for top in ("seeds", "docs/sources", layout.REFERENCES):
        for folder, dirs, names in os.walk(root / top):
            dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
            for name in names:
                path = Path(folder) / name
                if path.is_file() and not path.is_symlink():
                    files[path.relative_to(root).as_posix()] = path.read_bytes()
    if (root / BIB).is_file():
        files[BIB] = (root / BIB).read_bytes()
    return files


def _remove_empty_folders(root: Path, folders: set[str]) -> None:
    """The folders the old files left empty (``seeds/apparatus/``, ``docs/sources/`` ...)."""
    for folder in sorted(folders, key=lambda f: -f.count("/")):
        path = root / folder
        while path != root and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
            path = path.parent


def migrate_tree(root: Path) -> list[str]:
    """Convert the project at *root* in place; returns what changed (nothing when current).

    Every new file is computed before anything is written, so a flat file
    that cannot be mapped leaves the project as it was.
    """
    old = read_tree(root)
    new = migrate_files(old)
    if new == old:
        return []
    changed = sorted(p for p in new if old.get(p) != new[p])
    for path in changed:
        write_atomic(root / path, new[path])
    gone = sorted(set(old) - set(new))
    for path in gone:
        (root / path).unlink()
    _remove_empty_folders(root, {str(Path(p).parent) for p in gone})
    return [*(f"wrote {p}" for p in changed), *(f"removed {p}" for p in gone)]
