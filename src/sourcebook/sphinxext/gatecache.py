"""The build gate's verdict, kept for inputs that have not changed since.

The gate runs the whole checker before any page is generated.  Its verdict
depends only on the project's contributor files (everything under
``seeds/``, and ``docs/references/``) and on sourcebook's code, so a
build whose inputs hash the same as an earlier build's replays that
verdict, its error lines included, instead of checking again: a no-op
rebuild reads and hashes the files (the floor) and loads nothing.

Reading and hashing every input file is itself linear in the corpus (about
1.2 CPU s for the seeds alone at N = 10,000), so each file's hash is kept
with its ``lstat`` signature (inode, size, modification and change times in
nanoseconds): a file whose signature is the one recorded is not read again.
Any write changes a file's change time, which no contributor sets; and a file
whose times fall within :data:`RACY_NS` of the earlier walk's start (or after
it) is always read, since a write in the same clock tick as that walk's
hashing would leave its times as they were (git's "racy" rule).  The digest
itself is over the hashes, exactly as when every file is read.

Verdicts are stored like parses (:mod:`sourcebook.corpus.cache`): outside the
project tree, under a hash of their inputs, so a pull request cannot commit
a verdict for the build to trust.  They are JSON, never pickles, read and
written only through :mod:`sourcebook.core.cachestore` (digest, owner and
permissions checked), and each records the inputs key it was made for.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcebook.core.cachestore import read_entry, store_entry
from sourcebook.corpus.cache import cache_home, code_version
from sourcebook.inputs import layout

#: bump when the layout of a stored verdict changes
FORMAT = 2
#: a file changed this close to (or after) the last walk's start is read again
RACY_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class Verdict:
    """The gate's error lines: (code, formatted diagnostic), in the checker's order."""

    errors: tuple[tuple[str, str], ...]


class FileHashes:
    """sha256 of each input file, kept with its ``lstat`` signature between walks."""

    def __init__(self, root: Path) -> None:
        self.home = cache_home()
        self.name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32] + ".json"
        self.started = time.time_ns()
        #: display path -> [inode, size, mtime_ns, ctime_ns, sha256 hex]
        self.old: dict[str, list[Any]] = {}
        self.fresh: dict[str, list[Any]] = {}
        #: how many files this walk read (the tests count them)
        self.read = 0
        #: the display paths of the files it read (new, changed or too recent to trust)
        self.changed: list[str] = []
        self.before = 0
        data = read_entry(self.home, _files_directory(self.home), self.name) if self.home else None
        if isinstance(data, dict) and isinstance(data.get("files"), dict):
            self.old, self.before = data["files"], int(data.get("started", 0))

    def sha256(self, relative: str, path: str, info: os.stat_result) -> bytes:
        """The digest of regular file *path* (stat *info*), kept or read now."""
        signature = [info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]
        known = self.old.get(relative)
        settled = max(info.st_mtime_ns, info.st_ctime_ns) < self.before - RACY_NS
        if settled and isinstance(known, list) and known[:4] == signature:
            with contextlib.suppress(ValueError, TypeError):
                digest = bytes.fromhex(known[4])
                self.fresh[relative] = known
                return digest
        with open(path, "rb") as handle:
            digest = hashlib.sha256(handle.read()).digest()
        self.read += 1
        self.changed.append(relative)
        self.fresh[relative] = [*signature, digest.hex()]
        return digest

    def touched(self) -> list[str] | None:
        """The files this walk read or found gone since the last one; ``None`` when there
        was no last walk to compare with (every file is new)."""
        if not self.old:
            return None
        return self.changed + [name for name in self.old if name not in self.fresh]

    def save(self) -> None:
        # a file read again (changed, or too recent to trust) is recorded with this walk's start
        if self.home is not None and (self.read or self.fresh != self.old):
            payload = {"started": self.started, "files": self.fresh}
            store_entry(self.home, _files_directory(self.home), self.name, payload)


def _digest_tree(digest: hashlib._Hash, root: str, base: str, hashes: FileHashes) -> None:
    """Every name under *base*, in name order, then each directory's: regular files by
    content, links by target, others by type.

    Nothing but regular files is opened (a FIFO would block), and links are
    not followed: the checker judges them by where they lead.  Strings and
    ``scandir``, not ``Path`` objects: this runs for every file of the corpus.
    """
    with os.scandir(base) as found:
        entries = sorted(found, key=lambda e: e.name)
    below = []
    for entry in entries:
        info = entry.stat(follow_symlinks=False)
        _digest_entry(digest, entry.path[len(root) + 1 :], entry.path, info, hashes)
        if stat.S_ISDIR(info.st_mode):
            below.append(entry.path)
    for directory in below:
        _digest_tree(digest, root, directory, hashes)


def _digest_entry(
    digest: hashlib._Hash, relative: str, path: str, info: os.stat_result, hashes: FileHashes
) -> None:
    digest.update(relative.replace(os.sep, "/").encode("utf-8", "surrogateescape") + b"\0")
    if stat.S_ISLNK(info.st_mode):
        digest.update(b"link\0" + os.fsencode(os.readlink(path)) + b"\0")
    elif stat.S_ISREG(info.st_mode):
        digest.update(b"file\0" + hashes.sha256(relative, path, info))
    elif stat.S_ISDIR(info.st_mode):
        digest.update(b"dir\0")
    else:
        digest.update(b"other\0" + str(stat.S_IFMT(info.st_mode)).encode())


def inputs_key(root: Path, hashes: FileHashes | None = None) -> str | None:
    """A hash of everything the gate's verdict depends on; ``None`` if it cannot be read.

    Files whose ``lstat`` signature is unchanged since the last walk are not
    read again (*hashes*, by default the project's kept ones, saved here).
    """
    kept = hashes or FileHashes(root)
    digest = hashlib.sha256(repr((FORMAT, code_version())).encode())
    try:
        for relative in ("seeds", layout.REFERENCES):
            path = os.path.join(root, relative)
            if os.path.lexists(path):
                info = os.lstat(path)
                _digest_entry(digest, relative, path, info, kept)
                if stat.S_ISDIR(info.st_mode):
                    _digest_tree(digest, str(root), path, kept)
            else:
                digest.update(relative.encode() + b"\0missing\0")
    except (OSError, ValueError):
        return None  # the checker will say what is wrong
    kept.save()
    return digest.hexdigest()


def _directory(home: Path) -> Path:
    return home / "gate" / code_version()[:20]


def _files_directory(home: Path) -> Path:
    """The kept file hashes: a directory of their own (a new version removes its siblings)."""
    return home / "gate-files" / code_version()[:20]


def load(key: str) -> Verdict | None:
    """The verdict stored for *key*, if any (a damaged or untrusted one is ignored)."""
    home = cache_home()
    if home is None:
        return None
    data = read_entry(home, _directory(home), f"{key}.json")
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    try:
        errors = tuple((str(code), str(line)) for code, line in data["errors"])
    except (KeyError, TypeError, ValueError):
        return None
    return Verdict(errors)


def store(key: str, verdict: Verdict) -> None:
    """Keep *verdict* for *key*."""
    home = cache_home()
    if home is not None:
        payload = {"key": key, "errors": [list(e) for e in verdict.errors]}
        store_entry(home, _directory(home), f"{key}.json", payload)
