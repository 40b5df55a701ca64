"""Parsed documents kept on disk, keyed on everything a parse depends on.

Parsing is the bulk of loading the corpus (~2 ms a document), and both
``sourcebook check`` and the Sphinx build (whose gate runs the checker before
the pages are generated) load every document.  A parse depends only on the
seed's bytes, its kind, the name its diagnostics carry, its structure hints
(each value and where it is written, since a hint's diagnostics point at it)
and the parser's code, so the result is stored under a hash of exactly those:
an entry can never be stale, only unused.  A changed hint is a new key.  A
second check, a no-op build or a one-seed edit parses only the seeds whose
bytes (or hints) changed.

The cache lives outside the project tree (``$SOURCEBOOK_CACHE_DIR``, else
``$XDG_CACHE_HOME/sourcebook``, else ``~/.cache/sourcebook``), so nothing a
pull request commits is ever read as an entry.  Entries are JSON
(:mod:`sourcebook.model.jsondata`) in :mod:`sourcebook.core.cachestore`'s envelope: no
code runs to read one, a damaged one or one another user could have written
is a miss, and each records the seed hash, kind and name it was parsed from,
checked on read.  Setting ``SOURCEBOOK_CACHE_DIR`` to the empty string turns
the cache off.  Entries of older code versions are removed when a new version
first writes, and entries unused for :data:`MAX_AGE` by a prune that runs at
most once a day (several projects can share the cache without evicting each
other).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sourcebook.core.cachestore import read_entry, store_entry
from sourcebook.core.diagnostics import Diagnostic
from sourcebook.inputs.hints import StructureHints
from sourcebook.inputs.source import SourceText
from sourcebook.model import Document, Kind
from sourcebook.model.jsondata import BadData, parse_from_data, parse_to_data
from sourcebook.parse import parse

CACHE_ENV = "SOURCEBOOK_CACHE_DIR"
#: bump when the layout of an entry changes (the code version covers the model)
ENTRY_FORMAT = 3
#: an entry not used for this long (seconds) is removed by the next prune
MAX_AGE = 14 * 24 * 3600
#: seconds between two prunes (a prune stats every entry)
PRUNE_EVERY = 24 * 3600
PRUNED_MARK = ".pruned"

Parsed = tuple[Document, list[Diagnostic]]


@cache
def code_version() -> str:
    """A hash of every file of the package: new code or data makes every cached result unused.

    Not only ``*.py``: a result also depends on the JSON Schemas, the static
    files and any other data shipped in the package.  Bytecode is left out (it
    follows from the source, and Python rewrites it at will).
    """
    package = Path(__file__).resolve().parent.parent  # the whole sourcebook package
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cache_home() -> Path | None:
    """Where sourcebook keeps its caches; ``None`` when they are turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "sourcebook"


def hints_identity(hints: StructureHints | None) -> str:
    """The normalised content of *hints*: every value and where it is written.

    ``""`` for no hints or empty ones (they parse alike).  Where each hint is
    written is part of it: the diagnostics a hint yields point at its line.
    """
    if hints is None or hints.empty:
        return ""
    template = hints.comment_header.source if hints.comment_header else None
    values = (
        hints.title_line,
        hints.body_start,
        hints.body_end,
        hints.remove,
        hints.keep,
        hints.headings,
        hints.comments_start,
        template,
    )
    where = sorted((key, at.path, at.line, at.col) for key, at in hints.where.items())
    return hashlib.sha256(repr((values, where)).encode()).hexdigest()


def entry_key(
    source: SourceText, kind: Kind, display: str, hints: StructureHints | None = None
) -> str:
    identity = (ENTRY_FORMAT, kind, display, source.sha256, hints_identity(hints))
    return hashlib.sha256(repr(identity).encode()).hexdigest()


@dataclass(slots=True)
class ParseCache:
    """Parse through the on-disk cache, counting what was really parsed."""

    home: Path | None = field(default_factory=cache_home)
    #: display names of the documents parsed (not found in the cache), in order
    parsed: list[str] = field(default_factory=list)

    @property
    def directory(self) -> Path | None:
        return self.home / "parse" / code_version()[:20] if self.home else None

    def parse(
        self,
        source: SourceText,
        kind: Kind,
        display: str,
        hints: StructureHints | None = None,
    ) -> Parsed:
        """``parse(source.text, kind, display, hints)``, from the cache when it holds it."""
        key = entry_key(source, kind, display, hints)
        # what the entry must say it was parsed from
        origin = [source.sha256, kind, display, hints_identity(hints)]
        found = self._load(key, origin)
        if found is not None:
            return found
        result = parse(source.text, kind, display, hints)
        self.parsed.append(display)
        self._store(key, origin, result)
        return result

    def _load(self, key: str, origin: list[str]) -> Parsed | None:
        if self.home is None or self.directory is None:
            return None
        data = read_entry(self.home, self.directory, key)
        if not isinstance(data, dict) or data.get("origin") != origin:
            return None  # absent, damaged, untrusted, or not the parse of these inputs
        try:
            return parse_from_data(data)
        except (BadData, TypeError):
            return None

    def _store(self, key: str, origin: list[str], result: Parsed) -> None:
        if self.home is not None and self.directory is not None:
            payload = {"origin": origin, **parse_to_data(*result)}
            store_entry(self.home, self.directory, key, payload)

    def prune(self, now: float | None = None) -> int:
        """Remove entries unused for :data:`MAX_AGE`; at most once per :data:`PRUNE_EVERY`."""
        directory = self.directory
        if directory is None or not directory.is_dir():
            return 0
        now = time.time() if now is None else now
        mark = directory / PRUNED_MARK
        try:
            if now - mark.stat().st_mtime < PRUNE_EVERY:
                return 0
        except OSError:
            pass  # never pruned
        removed = 0
        with os.scandir(directory) as found:
            for item in found:
                try:
                    stale = now - item.stat().st_mtime > MAX_AGE
                    if stale and item.is_file() and item.name != PRUNED_MARK:
                        os.unlink(item.path)
                        removed += 1
                except OSError:
                    pass
        with contextlib.suppress(OSError):
            mark.touch()
            os.utime(mark, (now, now))
        return removed
