"""The merge base of a pull request, read with git: what CI and reviews compare against.

Only ``git merge-base`` and ``git show`` are run, with argument lists (no
shell); a missing git, an unknown ref or a file absent at the base becomes a
message for a diagnostic, never a traceback.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from sourcebook.corpus.migrate import MigrationError, migrate_tree


class GitError(Exception):
    """git could not answer; the message says what to do."""


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return done.stdout


def merge_base(root: Path, ref: str, head: str = "HEAD") -> str:
    """The commit where *head* left *ref* (``git merge-base REF HEAD``)."""
    if ref.startswith("-"):
        raise GitError(f"'{ref}' is not a git ref")
    try:
        return _git(root, "merge-base", ref, head).decode("ascii").strip()
    except GitError as exc:
        raise GitError(
            f"{exc}; fetch the base branch first (e.g. `git fetch origin main`) or name another ref"
        ) from exc


def export(root: Path, commit: str, dest: Path) -> Path:
    """The tree of *commit* unpacked into *dest* (``git archive``), for a whole-corpus compare.

    A base that still has the flat layout (before the folder-per-document
    migration) is converted in place by the same mapping ``nox -s migrate``
    applies, so the pull request that migrates is compared with its base.
    """
    dest.mkdir(parents=True, exist_ok=True)
    data = _git(root, "archive", "--format=tar", commit)
    import io
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    try:
        migrate_tree(dest)
    except MigrationError as exc:
        raise GitError(f"the merge base's corpus cannot be read: {exc}") from exc
    return dest
