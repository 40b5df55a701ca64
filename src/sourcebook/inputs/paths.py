"""Paths a contributor writes, confined to the project's ``seeds/`` tree.

Names that arrive by pull request -- document folders, file names, a
hints file's path -- are data, not paths to follow anywhere: a name is
accepted only if it is a plain relative name (no ``..``, no absolute path, no
backslash), if it still lies inside ``seeds/`` once every symbolic link is
resolved, and if it is a regular file no larger than its limit.  Nothing
outside the tree is ever opened, so nothing outside it can be published or
hashed into a message (the SB109 oracle of issue 8).

>>> plain_relative("apparatus/awl.toml"), plain_relative("../secret.txt")
(None, "'..' is not allowed in a path")
>>> plain_relative("/etc/passwd")
'an absolute path is not allowed'
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from sourcebook.core.diagnostics import Code

#: a seed is a text extract; the largest real one is well under 1 MB
SEED_MAX_BYTES = 4 * 1024 * 1024
#: apparatus and entities files are small hand-edited TOML
TOML_MAX_BYTES = 1024 * 1024
#: the manifest and the baseline list every document (~600 and ~170 bytes each): they grow
#: with the corpus, and 64 MiB holds some 100,000 documents
CORPUS_TOML_MAX_BYTES = 64 * 1024 * 1024
#: control characters, which never belong in a path (one search instead of a loop)
_CONTROL = re.compile("[\x00-\x1f\x7f]")
#: how a contributor's path may be written: POSIX separators, no empty parts
PATH_MAX_CHARS = 200


@dataclass(frozen=True, slots=True)
class PathProblem:
    """Why a contributor's path or file is refused, as data for a diagnostic."""

    code: Code
    message: str


def plain_relative(name: str) -> str | None:
    """Why *name* is not a plain relative POSIX name, or ``None`` when it is.

    Checked on the text alone, before the file system is asked anything.
    """
    if not name:
        return "the path is empty"
    if len(name) > PATH_MAX_CHARS:
        return f"the path is longer than {PATH_MAX_CHARS} characters"
    if "\\" in name:
        return "write the path with '/' (a backslash is not allowed)"
    if _CONTROL.search(name):
        return "the path holds a control character"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "an absolute path is not allowed"
    # the parts as PurePosixPath(name).parts has them (no empty or "." parts), by split
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        return "'..' is not allowed in a path"
    if any(part.startswith("~") for part in parts[:1]):
        return "a path starting with '~' is not allowed"
    return None


def confine(base: Path, name: str) -> Path | PathProblem:
    """*name* resolved inside directory *base*, or why it cannot be used.

    The containment test runs on the fully resolved path, so a symbolic link
    anywhere on the way (the file itself or a directory) that leads out of
    *base* is refused; a link that stays inside is fine.
    """
    problem = plain_relative(name)
    if problem is not None:
        return PathProblem(Code.PATH_NOT_RELATIVE, f"{problem}; name a file inside seeds/")
    try:
        real_base = _real_directory(base)
        target = _plain_target(real_base, name) or (base / name).resolve(strict=False)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on older Pythons
        return PathProblem(Code.PATH_ESCAPES, "the path cannot be resolved (a symbolic link loop?)")
    if not target.is_relative_to(real_base):
        return PathProblem(
            Code.PATH_ESCAPES, "the path leads outside seeds/ through a symbolic link"
        )
    return target


def _real_directory(base: Path) -> Path:
    """``base.resolve()``, with one ``realpath`` call when *base* exists."""
    try:
        return Path(os.path.realpath(base, strict=True))
    except OSError:  # missing, or a link loop: let resolve decide, or raise, as before
        return base.resolve(strict=False)


def _plain_target(real_base: Path, name: str) -> Path | None:
    """``real_base / name`` when no part of *name* is a symbolic link, else ``None``.

    What :meth:`Path.resolve` would return, at the cost of one ``lstat`` per part
    of *name* instead of one per part of the whole path: *real_base* is resolved
    already and *name* is plain (no ``..``), so only a link inside it can lead
    elsewhere; a part that cannot be examined is not a link, as for ``resolve``.
    A link found leaves the answer to ``resolve``.
    """
    path = str(real_base)
    for part in name.split("/"):
        if part in ("", "."):
            continue
        path = os.path.join(path, part)
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return None
        except OSError:
            continue
    return real_base / name


def stat_regular(path: Path, limit: int) -> PathProblem | None:
    """Why *path* is not an existing regular file of at most *limit* bytes, if it is not.

    Only ``stat`` is asked: nothing is opened, so a FIFO cannot block.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return PathProblem(Code.SEED_MISSING, "the file does not exist")
    except OSError as exc:
        return PathProblem(Code.SEED_MISSING, f"the file cannot be read ({exc.strerror})")
    if not stat.S_ISREG(info.st_mode):
        return PathProblem(Code.NOT_REGULAR_FILE, f"not a regular file ({_kind(info.st_mode)})")
    if info.st_nlink > 1:
        return _hard_link(info.st_nlink)
    if info.st_size > limit:
        return _too_large(limit)
    return None


def _hard_link(names: int) -> PathProblem:
    # git never checks out hard links; one can make a file outside the project look inside it
    return PathProblem(
        Code.NOT_REGULAR_FILE,
        f"a hard link (the file has {names} names, one may be outside the project); "
        "replace it with a copy",
    )


def _too_large(limit: int) -> PathProblem:
    return PathProblem(
        Code.FILE_TOO_LARGE,
        f"the file is larger than the limit of {limit:,} bytes; split it or shorten it",
    )


def seeds_directory(root: Path) -> Path | PathProblem:
    """``root/seeds``, refused when it is itself a link leading out of the project.

    Every other path is confined to this directory, so it must not lead out.
    """
    target = confine(root, "seeds")
    if isinstance(target, PathProblem):
        return PathProblem(
            Code.PATH_ESCAPES, "seeds/ leads outside the project through a symbolic link"
        )
    return target


def read_limited(path: Path, limit: int) -> bytes | PathProblem:
    """The bytes of regular file *path*, at most *limit* of them, or why not.

    The file's type is checked before it is opened and again on the open
    descriptor, and the open never blocks, so a FIFO, a device such as
    ``/dev/zero`` or a directory is refused instead of read forever.  At most
    ``limit + 1`` bytes are read: one more than allowed proves the file is
    too large without reading it all.
    """
    problem = stat_regular(path, limit)
    if problem is not None:
        return problem
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        )
    except OSError as exc:
        return PathProblem(Code.SEED_MISSING, f"the file cannot be opened ({exc.strerror})")
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return PathProblem(Code.NOT_REGULAR_FILE, "not a regular file")
        if info.st_nlink > 1:
            return _hard_link(info.st_nlink)
        data = handle.read(limit + 1)
    if len(data) > limit:
        return _too_large(limit)
    return data


def read_confined(base: Path, name: str, limit: int) -> bytes | PathProblem:
    """Confine *name* to *base*, then read it with :func:`read_limited`."""
    target = confine(base, name)
    if isinstance(target, PathProblem):
        return target
    return read_limited(target, limit)


def _kind(mode: int) -> str:
    for test, word in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return word
    return "a special file"
