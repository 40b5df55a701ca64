"""The pages a generator run rendered, held on disk until they are written.

A full build renders every page before it writes any (the output directory
is claimed for all of them first, :func:`sourcebook.render.outdir.claim`);
holding them all in memory grew with the corpus (hundreds of megabytes at ten
thousand documents).  The spool keeps each page in a file of a temporary
directory and reads it back when it is compared or written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path


class PageSpool:
    """File name -> page content, on disk; a context manager that removes its directory."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="sourcebook-pages-")
        self._names: dict[str, int] = {}

    def __enter__(self) -> PageSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._dir.cleanup()

    def _path(self, name: str) -> Path:
        # numbered, not named: a page name is never a path in the temporary directory
        return Path(self._dir.name) / str(self._names[name])

    def __setitem__(self, name: str, content: str) -> None:
        self._names.setdefault(name, len(self._names))
        self._path(name).write_bytes(content.encode("utf-8"))

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __len__(self) -> int:
        return len(self._names)

    def data(self, name: str) -> bytes:
        return self._path(name).read_bytes()

    def __getitem__(self, name: str) -> str:
        return self.data(name).decode("utf-8")

    def names(self) -> list[str]:
        return sorted(self._names)


class Wanted(Mapping[str, bytes]):
    """Every file the output should hold -> its bytes (empty when not rendered this run)."""

    def __init__(self, names: set[str], spool: PageSpool) -> None:
        self._names = names
        self._spool = spool

    def __getitem__(self, name: str) -> bytes:
        if name not in self._names:
            raise KeyError(name)
        return self._spool.data(name) if name in self._spool else b""

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)
