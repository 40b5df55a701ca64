"""Verdicts of the checker's costly per-item rules, kept between runs and keyed by content.

Some rules judge one value at a time and their verdict depends on nothing
else: whether a bibliography field is well-formed TeX depends on the field's
text and on pybtex's and latexcodec's code, not on where the entry sits or on
any other entry.  Decoding every field with latexcodec was more than half of
``sourcebook check`` on a corpus of a thousand documents with two entries
each; with this store a check decodes only the values it has not judged
before, so an edit to one entry costs one entry.

A store is one JSON file per rule, in the format of the other caches (a
header line, the sha256 of the payload, the payload; anything else, or a
digest that does not match, is ignored and rewritten), outside the project
tree under the cache home (``$SOURCEBOOK_CACHE_DIR``; empty turns it off),
in a directory of the rule's named by sourcebook's code version and the versions of the
libraries the rule calls.  Reading and writing go through
:mod:`sourcebook.core.cachestore`, so a store is used only when every
directory down to it and the file itself belong to this user and nobody else
can write them.  Keys are hashes of the judged value, verdicts are
plain strings: nothing read from it is ever run, and a stale verdict cannot
exist, only an unused one.  A run rewrites the file with the verdicts it
used, so it holds the current corpus's values and no more.
"""

from __future__ import annotations

import atexit
import codecs
import hashlib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from sourcebook.core import cachestore
from sourcebook.corpus.cache import cache_home, code_version

#: bump when the layout of a store changes
FORMAT = 1


def library_versions(libraries: tuple[str, ...]) -> str:
    """``name=version`` of each of *libraries* (``name=?`` when it is not installed)."""
    found = []
    for name in libraries:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return ",".join(found)


def encode(payload: dict[str, str]) -> bytes:
    """A store's bytes (the format of every cache entry, :mod:`sourcebook.core.cachestore`)."""
    return cachestore.encode(payload)


def _table(payload: Any) -> dict[str, str]:
    if not isinstance(payload, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in payload.items()
    ):
        raise ValueError("not a table of verdicts")
    return payload


def decode(data: bytes) -> dict[str, str]:
    """The verdicts in *data*; ``ValueError`` when it is not an intact store."""
    return _table(cachestore.decode(data))


def value_key(value: str) -> str:
    """The key of a judged value: a hash of its text."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(slots=True)
class VerdictStore:
    """The verdicts of one rule: value key -> verdict (``""`` for "no problem")."""

    rule: str
    libraries: tuple[str, ...] = ()
    home: Path | None = field(default_factory=cache_home)
    known: dict[str, str] = field(default_factory=dict)
    used: dict[str, str] = field(default_factory=dict)
    #: how many verdicts this run had to compute (the tests count them)
    computed: int = 0

    @property
    def directory(self) -> Path | None:
        """The store's directory: one per rule, named by the code and library versions.

        A rule's own directory: cachestore removes a directory's sibling versions
        when it makes a new one, which must not be another rule's store.
        """
        if self.home is None:
            return None
        namespace = repr((FORMAT, code_version(), library_versions(self.libraries)))
        version = hashlib.sha256(namespace.encode()).hexdigest()[:20]
        return self.home / "verdicts" / self.rule / version

    @property
    def path(self) -> Path | None:
        directory = self.directory
        return None if directory is None else directory / f"{self.rule}.json"

    def load(self) -> VerdictStore:
        """Read the stored verdicts through cachestore's checks (owner, mode, digest)."""
        directory = self.directory
        if self.home is not None and directory is not None:
            try:
                payload = cachestore.read_entry(self.home, directory, f"{self.rule}.json")
                self.known = _table(payload) if payload is not None else {}
            except ValueError:
                self.known = {}  # intact JSON, but not a table of verdicts: a miss
        return self

    def get(self, key: str) -> str | None:
        verdict = self.known.get(key)
        if verdict is not None:
            self.used[key] = verdict
        return verdict

    def put(self, key: str, verdict: str) -> None:
        self.computed += 1
        self.used[key] = verdict

    def save(self) -> None:
        """Keep the verdicts this run used (only when they differ from the stored ones)."""
        directory = self.directory
        if self.home is None or directory is None or self.used == self.known:
            return
        cachestore.store_entry(self.home, directory, f"{self.rule}.json", self.used)


_LATEX: VerdictStore | None = None


def decoded_latex(text: str) -> str:
    """``codecs.decode(text, "ulatex")``, kept between runs (``UnicodeDecodeError`` as it).

    The bibliography style decodes every field of every entry on every build
    (sphinxcontrib-bibtex formats them all); the result depends on the text
    and latexcodec alone.  The store is saved when the process exits.
    """
    global _LATEX
    import latexcodec  # noqa: F401 - registers the "ulatex" codec

    if _LATEX is None:
        _LATEX = VerdictStore("latex-decoded", ("latexcodec",)).load()
        atexit.register(_LATEX.save)
    key = value_key(text)
    found = _LATEX.get(key)
    if found is None:
        found = str(codecs.decode(text, "ulatex"))  # type: ignore[call-overload]
        _LATEX.put(key, found)
    return found


__all__ = [
    "VerdictStore",
    "decode",
    "decoded_latex",
    "encode",
    "library_versions",
    "value_key",
]
