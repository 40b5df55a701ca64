"""All or nothing: the changes ``add`` and ``cite`` make, tried on a copy first.

A command that edits several contributor files (extract, document file,
apparatus, bibliography entries, baseline) stages the new texts, copies the
project's ``seeds/`` and ``docs/references/`` into a temporary directory, applies
the changes there and runs the whole check on the copy.  Only when the copy
is clean are the real files replaced, each atomically (temporary file and
rename), so a failed step leaves the project exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sourcebook.core.files import write_atomic
from sourcebook.inputs import layout


@dataclass
class Changes:
    """New file contents by path relative to the project root."""

    texts: dict[Path, str] = field(default_factory=dict)
    data: dict[Path, bytes] = field(default_factory=dict)
    #: files to delete (``remove``: a document's seed and apparatus)
    deleted: set[Path] = field(default_factory=set)

    def paths(self) -> list[Path]:
        return sorted({*self.texts, *self.data, *self.deleted})


@contextmanager
def staged(root: Path, changes: Changes) -> Iterator[Path]:
    """A temporary copy of the project's contributor files with *changes* applied."""
    with tempfile.TemporaryDirectory(prefix="sourcebook-stage-") as temp:
        copy = Path(temp)
        shutil.copytree(root / "seeds", copy / "seeds", symlinks=True)
        (copy / "docs").mkdir()
        if (root / layout.REFERENCES).is_dir():
            shutil.copytree(root / layout.REFERENCES, copy / layout.REFERENCES, symlinks=True)
        for relative, text in changes.texts.items():
            (copy / relative).parent.mkdir(parents=True, exist_ok=True)
            (copy / relative).write_text(text, encoding="utf-8", newline="\n")
        for relative, data in changes.data.items():
            (copy / relative).parent.mkdir(parents=True, exist_ok=True)
            (copy / relative).write_bytes(data)
        for relative in changes.deleted:
            (copy / relative).unlink(missing_ok=True)
            folder = (copy / relative).parent
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        yield copy


def collect(copy: Path, relatives: list[Path], changes: Changes) -> None:
    """Take files the staged run rewrote (the baseline, the bibliography) into *changes*."""
    for relative in relatives:
        path = copy / relative
        if path.exists():
            changes.texts[relative] = path.read_text(encoding="utf-8")


def commit(root: Path, changes: Changes) -> None:
    """Replace the real files, each atomically; seeds keep their exact bytes."""
    for relative, data in changes.data.items():
        write_atomic(root / relative, data)
    for relative, text in changes.texts.items():
        current = root / relative
        if current.exists() and current.read_text(encoding="utf-8") == text:
            continue
        write_atomic(current, text)
    for relative in changes.deleted:
        (root / relative).unlink(missing_ok=True)
        folder = (root / relative).parent
        if folder != root / layout.SEEDS and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # a removed document's folder
