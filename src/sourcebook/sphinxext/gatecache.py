"""The build gate's verdict, kept for inputs that have not changed since.

The gate runs the whole checker before any page is generated.  Its verdict
depends only on the project's contributor files (everything under
``seeds/``, and ``docs/references/``) and on sourcebook's code, so a
build whose inputs hash the same as an earlier build's replays that
verdict, its error lines included, instead of checking again: a no-op
rebuild reads and hashes the files (the floor) and loads nothing.

Verdicts are stored like parses (:mod:`sourcebook.corpus.cache`): outside the
project tree, under a hash of their inputs, so a pull request cannot commit
a verdict for the build to trust.  They are JSON, never pickles, read and
written only through :mod:`sourcebook.core.cachestore` (digest, owner and
permissions checked), and each records the inputs key it was made for.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sourcebook.core.cachestore import read_entry, store_entry
from sourcebook.corpus.cache import cache_home, code_version
from sourcebook.inputs import layout

#: bump when the layout of a stored verdict changes
FORMAT = 2


@dataclass(frozen=True, slots=True)
class Verdict:
    """The gate's error lines: (code, formatted diagnostic), in the checker's order."""

    errors: tuple[tuple[str, str], ...]


def _digest_tree(digest: hashlib._Hash, root: Path, base: Path) -> None:
    """Every name under *base*: regular files by content, links by target, others by type.

    Nothing but regular files is opened (a FIFO would block), and links are
    not followed: the checker judges them by where they lead.
    """
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            _digest_path(digest, root, path, descend=False)


def _digest_path(digest: hashlib._Hash, root: Path, path: Path, descend: bool) -> None:
    info = path.lstat()
    digest.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
    if stat.S_ISLNK(info.st_mode):
        digest.update(b"link\0" + os.fsencode(os.readlink(path)) + b"\0")
    elif stat.S_ISREG(info.st_mode):
        digest.update(b"file\0" + hashlib.sha256(path.read_bytes()).digest())
    elif stat.S_ISDIR(info.st_mode):
        digest.update(b"dir\0")
        if descend:
            _digest_tree(digest, root, path)
    else:
        digest.update(b"other\0" + str(stat.S_IFMT(info.st_mode)).encode())


def inputs_key(root: Path) -> str | None:
    """A hash of everything the gate's verdict depends on; ``None`` if it cannot be read."""
    digest = hashlib.sha256(repr((FORMAT, code_version())).encode())
    try:
        for relative in ("seeds", layout.REFERENCES):
            path = root / relative
            if os.path.lexists(path):
                _digest_path(digest, root, path, descend=True)
            else:
                digest.update(relative.encode() + b"\0missing\0")
    except (OSError, ValueError):
        return None  # the checker will say what is wrong
    return digest.hexdigest()


def _directory(home: Path) -> Path:
    return home / "gate" / code_version()[:20]


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
