"""Writing files safely, and naming them in messages: the one place for both.

Every file sourcebook writes (generated pages, the glossary, the baseline,
the pages manifest) goes through :func:`write_atomic`: the text is written to
a temporary file next to the target, flushed to disk, then renamed over the
target with ``os.replace``, so a reader sees the old file or the new one,
never half of either.  The temporary file is removed on any exception; one
left behind by a killed run (its writer's process is gone) is swept at the
next write into that directory.  Temporary names are recognisable,
``.<target>.<pid>.<random>.sourcebook-tmp``, so the sweep never touches
anything else.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TEMP_SUFFIX = ".sourcebook-tmp"

#: directories already swept by this process: one sweep each, so writing n
#: files into one directory stays O(n), not O(n²)
_swept: set[Path] = set()


def display_path(root: Path, path: Path) -> str:
    """*path* as messages show it: relative to *root* when inside it, with ``/``.

    >>> display_path(Path("/p"), Path("/p/seeds/a.txt"))
    'seeds/a.txt'
    >>> display_path(Path("/p"), Path("/elsewhere/b.bib"))
    '/elsewhere/b.bib'
    """
    try:
        # the file itself is not resolved: a link leading out keeps its name in the project
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def temp_name(target: str, pid: int, token: str) -> str:
    """The name of a temporary file for *target* written by process *pid*.

    >>> temp_name("a.md", 42, "x1")
    '.a.md.42.x1.sourcebook-tmp'
    """
    return f".{target}.{pid}.{token}{TEMP_SUFFIX}"


def _writer_pid(name: str) -> int | None:
    """The pid in a temporary file's name, or ``None`` if it is not one of ours."""
    if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
        return None
    parts = name[: -len(TEMP_SUFFIX)].rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return int(parts[1])


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def sweep_stale_temps(directory: Path) -> list[str]:
    """Delete temporary files in *directory* whose writing process is gone."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        pid = _writer_pid(entry.name)
        if pid is not None and entry.is_file(follow_symlinks=False) and not _alive(pid):
            Path(entry.path).unlink(missing_ok=True)
            removed.append(entry.name)
    return sorted(removed)


def write_atomic(
    path: Path, content: str | bytes, *, durable: bool = True, mode: int = 0o666
) -> None:
    """Replace *path* with *content* (text is UTF-8 with LF) in one rename.

    *durable* flushes the data to disk before the rename, so a crash of the
    machine cannot leave an empty file where contributor data was (the
    baseline, the bibliography).  Files that the next run makes again (pages,
    caches) skip it: the rename alone keeps them whole, and a flush costs
    milliseconds per file.  *mode* is the file's permissions before the umask
    (caches write ``0o600``: no one else may change what is read back).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    key = directory.resolve()
    if key not in _swept:
        sweep_stale_temps(directory)
        _swept.add(key)
    temp = directory / temp_name(path.name, os.getpid(), secrets.token_hex(4))
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, content: str) -> bool:
    """Atomically write generated *content* unless *path* already holds it; tell if it wrote.

    For generated files only (pages, records): they are written without the
    flush to disk, since the next run makes them again.
    """
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data, durable=False)
    return True
