"""Parsed documents kept on disk, keyed on everything a parse depends on.

Parsing is the bulk of loading the corpus (~2 ms a document), and both
``sourcebook check`` and the Sphinx build (whose gate runs the checker before
the pages are generated) load every document.  A parse depends only on the
seed's bytes, its kind, the name its diagnostics carry and the parser's code,
so the result is stored under a hash of exactly those: an entry can never be
stale, only unused.  A second check, a no-op build or a one-seed edit parses
only the seeds whose bytes changed.

The cache lives outside the project tree (``$SOURCEBOOK_CACHE_DIR``, else
``$XDG_CACHE_HOME/sourcebook``, else ``~/.cache/sourcebook``): entries are
pickles, and a pull request can add files to the tree but not to the build
machine's home, so nothing it commits is ever unpickled.  Setting
``SOURCEBOOK_CACHE_DIR`` to the empty string turns the cache off.  Entries
of older code versions are removed when a new version first writes, and
entries unused for :data:`MAX_AGE` by a prune that runs at most once a day
(several projects can share the cache without evicting each other).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sourcebook.diagnostics import Diagnostic
from sourcebook.files import write_atomic
from sourcebook.model import Document, Kind
from sourcebook.parse import parse
from sourcebook.source import SourceText

CACHE_ENV = "SOURCEBOOK_CACHE_DIR"
#: bump when the layout of an entry changes (the code version covers the model)
ENTRY_FORMAT = 1
#: an entry not used for this long (seconds) is removed by the next prune
MAX_AGE = 14 * 24 * 3600
#: seconds between two prunes (a prune stats every entry)
PRUNE_EVERY = 24 * 3600
PRUNED_MARK = ".pruned"

Parsed = tuple[Document, list[Diagnostic]]


@cache
def code_version() -> str:
    """A hash of the package's source files: new code makes every cached result unused."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_home() -> Path | None:
    """Where sourcebook keeps its caches; ``None`` when they are turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "sourcebook"


def entry_key(source: SourceText, kind: Kind, display: str) -> str:
    return hashlib.sha256(repr((ENTRY_FORMAT, kind, display, source.sha256)).encode()).hexdigest()


@dataclass(slots=True)
class ParseCache:
    """Parse through the on-disk cache, counting what was really parsed."""

    home: Path | None = field(default_factory=cache_home)
    #: display names of the documents parsed (not found in the cache), in order
    parsed: list[str] = field(default_factory=list)

    @property
    def directory(self) -> Path | None:
        return self.home / "parse" / code_version()[:20] if self.home else None

    def parse(self, source: SourceText, kind: Kind, display: str) -> Parsed:
        """``parse(source.text, kind, display)``, from the cache when it holds it."""
        key = entry_key(source, kind, display)
        found = self._load(key)
        if found is not None:
            return found
        result = parse(source.text, kind, display)
        self.parsed.append(display)
        self._store(key, result)
        return result

    def _load(self, key: str) -> Parsed | None:
        if self.directory is None:
            return None
        path = self.directory / key
        try:
            data = path.read_bytes()
            found = pickle.loads(data)
            os.utime(path)  # used now: the age-based prune keeps it
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None  # absent, or left half-written by a killed run of older code
        if (
            isinstance(found, tuple)
            and len(found) == 2
            and isinstance(found[0], Document)
            and isinstance(found[1], list)
        ):
            return found
        return None

    def _store(self, key: str, result: Parsed) -> None:
        if self.directory is not None:
            store_entry(self.directory, key, pickle.dumps(result, protocol=5))

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


def store_entry(directory: Path, name: str, data: str | bytes) -> None:
    """Write cache entry *name* into *directory*, a code version's directory of a cache.

    The first entry of a version removes the other versions' directories.  No
    flush to disk: an entry is made again when lost, and a cache that cannot
    be written only costs time.
    """
    try:
        if not directory.is_dir():
            directory.mkdir(parents=True, exist_ok=True)
            remove_other_versions(directory)
        write_atomic(directory / name, data, durable=False)
    except OSError:
        pass


def remove_other_versions(directory: Path) -> None:
    for other in directory.parent.iterdir():
        if other != directory and other.is_dir() and not other.is_symlink():
            shutil.rmtree(other, ignore_errors=True)
