"""Cache entries that cannot run code or lie: the one reader and writer of cache files.

Both caches (parses, :mod:`sourcebook.corpus.cache`; the build gate's verdicts,
:mod:`sourcebook.sphinxext.gatecache`) store JSON, never a pickle or any
format whose reading can run code.  Each entry is a header line, the
sha256 of its payload, and the payload::

    sourcebook-cache-entry 1
    <sha256 of the payload, hex>
    <payload: JSON>

An entry is read only when every directory from the cache home down to it,
and the entry itself, belongs to the user running sourcebook and is
writable by nobody else (no group or world write bit, no symbolic link), and
when the digest matches.  Anything else is a miss, with a
:class:`CacheWarning`: the caller computes the result again and overwrites
the entry.  The digest catches damage, not a forger: anyone who can write
the cache as this user can change what it holds (see ``docs/manual/checker.md``,
"The caches", for what may share a cache and how CI should key it).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import warnings
from pathlib import Path
from typing import Any

from sourcebook.core.files import write_atomic

MAGIC = b"sourcebook-cache-entry 1\n"
#: group and world write: a directory or entry with either could hold someone else's file
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


class CacheWarning(UserWarning):
    """A cache entry or directory was ignored: it could not be trusted or was damaged."""


#: warnings given per cache directory by this process: a restored cache of another
#: user would otherwise warn once for each of thousands of entries
_given: dict[Path, int] = {}
WARNINGS_PER_DIRECTORY = 3


def _warn(path: Path, reason: str, directory: Path) -> None:
    given = _given.get(directory, 0)
    _given[directory] = given + 1
    if given < WARNINGS_PER_DIRECTORY:
        warnings.warn(f"{path}: cache entry ignored: {reason}", CacheWarning, stacklevel=3)
    elif given == WARNINGS_PER_DIRECTORY:
        message = f"{directory}: further ignored cache entries are not reported"
        warnings.warn(message, CacheWarning, stacklevel=3)


def _untrusted(info: os.stat_result) -> str | None:
    """Why a file with *info* cannot be trusted, or ``None``."""
    if info.st_uid != os.getuid():
        return f"owned by user {info.st_uid}, not by {os.getuid()}"
    if info.st_mode & _OTHERS_WRITE:
        return f"writable by others (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def _directory_trusted(home: Path, directory: Path) -> bool:
    """Every directory from *home* (exclusive) down to *directory* is ours alone."""
    current = directory
    while current != home and home in current.parents:
        try:
            info = current.lstat()
        except FileNotFoundError:
            return False  # nothing stored yet
        except OSError as error:
            _warn(current, error.strerror or "unreadable", current)
            return False
        reason = "not a directory" if not stat.S_ISDIR(info.st_mode) else _untrusted(info)
        if reason:
            _warn(current, reason, current)
            return False
        current = current.parent
    return True


def encode(payload: Any) -> bytes:
    """*payload* as an entry's bytes: header, digest, JSON."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return MAGIC + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body


def decode(data: bytes) -> Any:
    """The payload of entry bytes *data*; ``ValueError`` if damaged or not an entry."""
    if not data.startswith(MAGIC):
        raise ValueError("not a sourcebook cache entry")
    digest, _, body = data[len(MAGIC) :].partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode("ascii") != digest:
        raise ValueError("its digest does not match its content")
    return json.loads(body)


def read_entry(home: Path, directory: Path, name: str) -> Any | None:
    """The payload of entry *name* in *directory* under cache *home*; ``None`` on a miss."""
    path = directory / name
    if not _directory_trusted(home, directory):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as error:
        _warn(path, error.strerror or "cannot be opened", directory)  # a link, a FIFO ...
        return None
    with open(fd, "rb") as handle:
        info = os.fstat(fd)
        reason = "not a regular file" if not stat.S_ISREG(info.st_mode) else _untrusted(info)
        if reason:
            _warn(path, reason, directory)
            return None
        data = handle.read()
        with contextlib.suppress(OSError):
            os.utime(fd)  # used now: the age-based prune keeps it
    try:
        return decode(data)
    except ValueError as error:  # json.JSONDecodeError and UnicodeDecodeError included
        _warn(path, str(error), directory)
        return None


def _make_private(home: Path, directory: Path) -> None:
    """Create *directory* (and its parents under *home*) writable by this user alone."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    below = [d for d in (directory, *directory.parents) if home in d.parents]
    missing = [d for d in below if not d.exists()]
    for each in reversed(below):
        each.mkdir(mode=0o700, exist_ok=True)
        info = each.lstat()
        if each in missing or (info.st_uid == os.getuid() and info.st_mode & _OTHERS_WRITE):
            # a new directory, or one of ours an older version made under a loose
            # umask: whatever others put in it is refused by its owner on read
            os.chmod(each, 0o700)
    if missing:
        remove_other_versions(directory)


def private_file(home: Path, directory: Path, name: str) -> Path | None:
    """*directory*/*name* under cache *home* for a store that is not an entry (a database).

    The directories are made private as an entry's are; a file there that is
    not ours alone (another owner, a group or world write bit, a link) is
    removed, so whatever is opened was written by this user.  ``None`` when
    that cannot be arranged (the caller keeps its data elsewhere).
    """
    path = directory / name
    try:
        _make_private(home, directory)
        if not _directory_trusted(home, directory):
            return None
        info = path.lstat()
    except FileNotFoundError:
        return path
    except OSError:
        return None
    reason = "not a regular file" if not stat.S_ISREG(info.st_mode) else _untrusted(info)
    if reason:
        _warn(path, reason, directory)
        try:
            path.unlink()
        except OSError:
            return None
    return path


def store_entry(home: Path, directory: Path, name: str, payload: Any) -> None:
    """Write *payload* as entry *name* in *directory*, a code version's directory under *home*.

    The first entry of a version removes the other versions' directories.  No
    flush to disk: an entry is made again when lost, and a cache that cannot
    be written only costs time.
    """
    try:
        _make_private(home, directory)
        write_atomic(directory / name, encode(payload), durable=False, mode=0o600)
    except OSError:
        pass


def remove_other_versions(directory: Path) -> None:
    for other in directory.parent.iterdir():
        if other != directory and other.is_dir() and not other.is_symlink():
            shutil.rmtree(other, ignore_errors=True)
