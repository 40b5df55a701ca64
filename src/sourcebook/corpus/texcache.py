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
in a directory named by sourcebook's code version and the versions of the
libraries the rule calls.  Keys are hashes of the judged value, verdicts are
plain strings: nothing read from it is ever run, and a stale verdict cannot
exist, only an unused one.  A run rewrites the file with the verdicts it
used, so it holds the current corpus's values and no more.
"""

from __future__ import annotations

import atexit
import codecs
import hashlib
import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from sourcebook.core.files import write_atomic
from sourcebook.corpus.cache import cache_home, code_version

MAGIC = b"sourcebook-cache-entry 1\n"
#: bump when the layout of a store changes
FORMAT = 1


def _versions(libraries: tuple[str, ...]) -> str:
    found = []
    for name in libraries:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return ",".join(found)


def encode(payload: dict[str, str]) -> bytes:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return MAGIC + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body


def decode(data: bytes) -> dict[str, str]:
    """The verdicts in *data*; ``ValueError`` when it is not an intact store."""
    if not data.startswith(MAGIC):
        raise ValueError("not a sourcebook cache entry")
    digest, _, body = data[len(MAGIC) :].partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode("ascii") != digest:
        raise ValueError("digest mismatch")
    payload = json.loads(body)
    if not isinstance(payload, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in payload.items()
    ):
        raise ValueError("not a table of verdicts")
    return payload


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
    def path(self) -> Path | None:
        if self.home is None:
            return None
        namespace = repr((FORMAT, code_version(), _versions(self.libraries)))
        version = hashlib.sha256(namespace.encode()).hexdigest()[:20]
        return self.home / "verdicts" / version / f"{self.rule}.json"

    def load(self) -> VerdictStore:
        path = self.path
        if path is not None:
            try:
                self.known = decode(path.read_bytes())
            except (OSError, ValueError):
                self.known = {}
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
        path = self.path
        if path is None or self.used == self.known:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomic(path, encode(self.used), durable=False)
        except OSError:
            pass  # a cache that cannot be written only costs time


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


__all__ = ["VerdictStore", "decode", "decoded_latex", "encode", "value_key"]
