"""Every committed version of the files under a directory, read with two git processes.

``git log --reverse -M --name-status`` lists, oldest first, each commit that
touched a file under the directory (renames followed, so a file moved into
a new layout keeps its history); ``git cat-file --batch`` then reads the
versions asked for in one pass.  This is what the claims queue dates a flag
and counts source changes with, for a whole corpus at the cost of one
document.

Where there is no history -- not a git work tree, git missing, a file never
committed -- :attr:`History.mode` says so and the lists are empty; in a
shallow clone the oldest version is only as old as the clone's history
(:attr:`History.shallow`).
"""

from __future__ import annotations

import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT = 120


@dataclass(frozen=True, slots=True)
class Version:
    commit: str
    #: the author date, ISO 8601 with offset (when the change was written)
    date: str
    #: the file's path (relative to the root) in that commit
    path: str


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(
            [git, "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _parse_log(text: str) -> dict[str, list[Version]]:
    """Path (as it is now) -> its versions, oldest first, from ``--name-status`` output."""
    versions: dict[str, list[Version]] = defaultdict(list)
    commit = date = ""
    for line in text.split("\n"):
        if line.startswith("\x00"):
            _, commit, date = line.split("\x00")
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0]:
            continue
        status, path = parts[0][0], parts[-1]
        if status == "R" and len(parts) == 3:
            versions[path] = versions.pop(parts[1], [])
        if status == "D":
            versions.pop(path, None)
            continue
        versions[path].append(Version(commit, date, path))
    return dict(versions)


class History:
    """The committed versions of the files under *directory* of the repository at *root*."""

    def __init__(self, root: Path, directory: str) -> None:
        self.root = root
        log = _git(
            root,
            "log",
            "--reverse",
            "-M",
            "--relative",
            "--format=%x00%H%x00%aI",
            "--name-status",
            "--",
            directory,
        )
        # a repository without commits yet has history: none of its files is committed
        in_repo = log is not None or _git(root, "rev-parse", "--git-dir") is not None
        self.mode = "git" if in_repo else "none"
        self.shallow = (
            _git(root, "rev-parse", "--is-shallow-repository") or b""
        ).strip() == b"true"
        self.versions = _parse_log(log.decode("utf-8", "replace")) if log else {}
        self._texts: dict[tuple[str, str], str | None] = {}

    def of(self, path: str) -> list[Version]:
        """*path*'s versions, oldest first (empty when it was never committed)."""
        return self.versions.get(path, [])

    def texts(self, versions: list[Version]) -> list[str | None]:
        """The contents of *versions* (``None`` for one that cannot be read), in one git call."""
        wanted = [(v.commit, v.path) for v in versions if (v.commit, v.path) not in self._texts]
        if wanted:
            self._read(wanted)
        return [self._texts.get((v.commit, v.path)) for v in versions]

    def _read(self, wanted: list[tuple[str, str]]) -> None:
        request = "".join(f"{commit}:{path}\n" for commit, path in wanted).encode("utf-8")
        out = _git(self.root, "cat-file", "--batch", stdin=request) or b""
        position = 0
        for name in wanted:
            end = out.find(b"\n", position)
            header = out[position:end].split(b" ") if end >= 0 else [b"missing"]
            if len(header) != 3 or header[1] != b"blob":
                self._texts[name] = None
                position = end + 1 if end >= 0 else len(out)
                continue
            size = int(header[2])
            self._texts[name] = out[end + 1 : end + 1 + size].decode("utf-8", "replace")
            position = end + 1 + size + 1
