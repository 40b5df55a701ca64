"""The page generator's output directory: which files in it are sourcebook's own.

The generator deletes pages of documents that left the corpus.  It must never
delete or overwrite a file it did not write, so it keeps a record of the names
it generated, ``.sourcebook-pages.json`` in the output directory (written
atomically), and deletes only names from that record.  It refuses:

* the project root, the Sphinx source directory, or any directory holding
  one of them (an empty or ``.`` ``sourcebook_pages_dir`` is the source
  directory itself) -- SB801;
* a directory with files it did not write and no record (a typo'd
  ``--out docs``) -- SB800, naming the first such file;
* a record it cannot read, or one naming anything but plain file names
  (which could point the deletion elsewhere) -- SB802.

A file that already holds exactly the bytes the generator would write is
taken as its own: overwriting it loses nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.core.files import TEMP_SUFFIX, display_path, write_if_changed

RECORD = ".sourcebook-pages.json"
RECORD_VERSION = 1


class Refused(Exception):
    """The generator will not write into this directory; the diagnostic says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


def _plain_name(name: object) -> bool:
    """A bare file name: no separator, not ``.``/``..``, not the record itself."""
    return (
        isinstance(name, str)
        and name not in ("", ".", "..", RECORD)
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
    )


def read_record(out: Path, shown: str) -> frozenset[str] | None:
    """The names recorded as generated in *out*, or ``None`` when there is no record."""
    path = out / RECORD
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Refused(
            Diagnostic(f"{shown}/{RECORD}", 1, 1, Code.PAGES_RECORD, f"unreadable: {exc}")
        ) from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or not all(_plain_name(n) for n in files):
        raise Refused(
            Diagnostic(
                f"{shown}/{RECORD}",
                1,
                1,
                Code.PAGES_RECORD,
                "is not a sourcebook record (a 'files' list of plain file names); "
                "remove the directory if it holds only generated pages",
            )
        )
    return frozenset(files)


def write_record(out: Path, names: Iterable[str]) -> None:
    record = {"version": RECORD_VERSION, "generator": "sourcebook", "files": sorted(set(names))}
    write_if_changed(out / RECORD, json.dumps(record, indent=1) + "\n")


def _refuse_protected(out: Path, shown: str, protected: Iterable[Path], where: Diagnostic) -> None:
    target = out.resolve()
    for directory in protected:
        directory = directory.resolve()
        if target == directory or target in directory.parents:
            what = "is" if target == directory else "contains"
            raise Refused(
                Diagnostic(
                    where.path,
                    where.line,
                    where.col,
                    Code.PAGES_DIR_FORBIDDEN,
                    f"output directory {shown!r} {what} {directory.as_posix()}, "
                    "which holds hand-written files; name a subdirectory of its own "
                    "(e.g. 'corpus')",
                )
            )


def _identical(path: Path, content: bytes | None) -> bool:
    try:
        return content is not None and path.is_file() and path.read_bytes() == content
    except OSError:
        return False


def _foreign(out: Path, wanted: Mapping[str, bytes], recorded: frozenset[str] | None) -> str | None:
    """The first file in *out* the generator must not touch, or ``None``."""
    for entry in sorted(out.iterdir()):
        name = entry.name
        if name == RECORD or name.endswith(TEMP_SUFFIX):
            continue
        if recorded is not None and (name in recorded or name not in wanted):
            continue  # ours, or someone else's that the generator leaves alone
        if not _identical(entry, wanted.get(name)):
            return name
    return None


def claim(
    out: Path,
    wanted: Mapping[str, bytes],
    *,
    root: Path,
    protected: Iterable[Path] = (),
    where: Diagnostic | None = None,
) -> frozenset[str]:
    """Check that *out* may receive the pages *wanted*; return the names it recorded.

    *root* is the project directory (for messages); *protected* are directories
    that must neither be nor lie inside the output; *where* locates the
    setting that chose *out* (its code and message are ignored).
    """
    shown = display_path(root, out)
    where = where or Diagnostic(shown, 1, 1, Code.PAGES_DIR_FORBIDDEN, "")
    _refuse_protected(out, shown, [root, *protected], where)
    if out.exists() and not out.is_dir():
        raise Refused(
            Diagnostic(shown, 1, 1, Code.PAGES_DIR_NOT_OWNED, "is a file, not a directory")
        )
    if not out.is_dir():
        return frozenset()
    recorded = read_record(out, shown)
    name = _foreign(out, wanted, recorded)
    if name is not None:
        why = "does not list it" if recorded is not None else "is missing"
        raise Refused(
            Diagnostic(
                f"{shown}/{name}",
                1,
                1,
                Code.PAGES_DIR_NOT_OWNED,
                "the page generator did not write this file and will not overwrite or "
                f"delete it: {shown} is not a directory it owns ({RECORD} {why}); choose a "
                "new directory, or remove this one if it holds only old generated pages",
            )
        )
    return recorded or frozenset()
