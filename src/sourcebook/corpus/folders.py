"""What each document's files say, kept by content between checks: a warm check reads little.

Loading the corpus was most of a warm ``sourcebook check``: every
``document.toml`` and ``apparatus.toml`` parsed, located and validated
against its schema, and every parse read back from the parse cache into the
whole document model, although the rules need only each document's claims
and title.  Each of those results is a function of one file's bytes and its
name (and, for a seed, the kind, name and structure hints its parse depends
on), so it is kept under a hash of exactly those:

* ``document.toml`` -> its entry (without the apparatus) and its problems;
* ``apparatus.toml`` -> its citations, its problems, whether it is complete;
* the seed -> its reading problems, its claims and title, and its parse's
  problems (the whole parse stays in the parse cache, for the pages).

Everything that joins documents -- subjects, entities, the bibliography, the
claims' sources and statuses, every rule -- is computed afresh on every
run, so a kept result can never be stale: a changed byte is a new key and a
result nobody asks for is dropped when the file is next written.  A run that
asks for one kind of result only (the help-wanted page reads the seeds' alone)
keeps the other kinds as they were: otherwise each build's gate would parse
every ``document.toml`` and ``apparatus.toml`` again after that page dropped them.  Files are
still read (a key needs their bytes) through the same confined readers, and a
file those refuse is read the slow way, which reports why.

The results of one project live in :data:`SHARDS` JSON entries of
:mod:`sourcebook.core.cachestore` (digest, owner and mode checked on read), in
a directory named by the code version (new code: nothing is reused), named by
a hash of the project's path and a shard number taken from each key.  A shard
is rewritten only when a run made one of its results or stopped using one, so
a one-seed edit rewrites the few shards that hold its keys, not the corpus's.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sourcebook.core.cachestore import read_entry, store_entry
from sourcebook.corpus.cache import ParseCache, code_version, hints_identity
from sourcebook.corpus.entrydata import (
    NotKept,
    citation_from_data,
    citation_to_data,
    document_file_from_data,
    document_file_to_data,
)
from sourcebook.corpus.load import Loaders, SeedRead, flag_lines, read_and_parse
from sourcebook.corpus.manifest import (
    Citation,
    DocumentEntry,
    DocumentFile,
    Readers,
    read_apparatus,
    read_document_file,
)
from sourcebook.inputs import layout
from sourcebook.inputs.paths import (
    SEED_MAX_BYTES,
    TOML_MAX_BYTES,
    PathProblem,
    plain_relative,
    read_confined,
    read_limited,
    seeds_directory,
)
from sourcebook.inputs.source import SourceText, sha256_of
from sourcebook.model import KINDS, Claim, Document
from sourcebook.model.jsondata import BadData, diagnostic_from_data, diagnostic_to_data

#: bump when the shape of a kept result changes (the code version covers the rest)
FORMAT = 3
#: the results are kept in this many files, by key: an edit rewrites the few holding its keys
SHARDS = 64


def _shard(key: str) -> int:
    """The file of *key*: every key ends in hex digits of a hash."""
    try:
        return int(key[-2:], 16) % SHARDS
    except ValueError:
        return 0


T = TypeVar("T")
Apparatus = tuple[tuple[Citation, ...], list[Any], bool]


def _key(kind: str, identity: tuple[object, ...], data: bytes) -> str:
    return f"{kind}:" + hashlib.sha256(repr((identity, sha256_of(data))).encode()).hexdigest()


class FolderRecords:
    """The kept results of one project's document files, read once and written once a run."""

    def __init__(self, home: Path | None, root: Path) -> None:
        self.home = home
        self.root = root.resolve()
        self._given = root
        self.directory = home / "folders" / code_version()[:20] if home else None
        self.name = hashlib.sha256(str(self.root).encode()).hexdigest()[:32]
        self._old: dict[str, Any] = self._read()
        #: the results this run used or made, the next file's content
        self._used: dict[str, Any] = {}
        #: keys of the results this run computed (tests count them)
        self.computed: list[str] = []
        #: the kinds of result this run asked for (``document``, ``seed`` ...)
        self._kinds: set[str] = set()
        #: ``seeds/`` resolved, once a run (``None``: not yet, or it cannot be)
        self._real_seeds: Path | None = None
        self._seeds_names: tuple[str, ...] = ()

    def read(self, base: Path, name: str, limit: int) -> bytes | PathProblem:
        """``read_confined(base, name, limit)`` for *base* under ``seeds/``, resolving less.

        :func:`~sourcebook.inputs.paths.confine` resolves *base* on every call, a
        dozen system calls for each of the corpus's files.  Here ``seeds/`` is
        resolved once a run; below it, a path none of whose parts is a symbolic
        link stays inside it and is the path ``confine`` returns, so only those
        parts are examined (one ``lstat`` each).  Anything else -- a link, a part
        that cannot be examined, *base* outside ``seeds/`` -- goes through
        ``read_confined``, which decides and says why.
        """
        target = self._plain(base, name)
        if target is None:
            return read_confined(base, name, limit)
        return read_limited(target, limit)

    def _plain(self, base: Path, name: str) -> Path | None:
        if plain_relative(name) is not None:
            return None
        if self._real_seeds is None:
            real = seeds_directory(self.root)
            if isinstance(real, PathProblem):
                return None
            self._real_seeds = real
            # callers name seeds/ as given, resolved, or as seeds_directory() returns it
            self._seeds_names = tuple(
                str(p) for p in (self._given / layout.SEEDS, self.root / layout.SEEDS, real)
            )
        # strings, not Path objects: this runs for every file of the corpus
        given = str(base)
        for seeds in self._seeds_names:
            if given == seeds or given.startswith(seeds + os.sep):
                rest = given[len(seeds) + 1 :].split(os.sep) + name.split("/")
                break
        else:
            return None
        path = str(self._real_seeds)
        for part in rest:
            if part in ("", "."):
                continue
            path = os.path.join(path, part)
            try:
                if stat.S_ISLNK(os.lstat(path).st_mode):
                    return None
            except OSError:
                return None
        return Path(path)

    def _read(self) -> dict[str, Any]:
        results: dict[str, Any] = {}
        if self.home is None or self.directory is None:
            return results
        for shard in range(SHARDS):
            data = read_entry(self.home, self.directory, f"{self.name}.{shard:02x}")
            if (
                isinstance(data, dict)
                and data.get("format") == FORMAT
                and data.get("root") == str(self.root)
                and isinstance(data.get("results"), dict)
            ):
                results.update((k, v) for k, v in data["results"].items() if _shard(k) == shard)
        return results

    def kept(
        self,
        key: str,
        compute: Callable[[], T],
        encode: Callable[[T], Any],
        decode: Callable[[Any], T],
    ) -> T:
        """The result under *key*: kept if this project had it, else computed and kept."""
        self._kinds.add(key.split(":", 1)[0])
        if key in self._old:
            try:
                value = decode(self._old[key])
            except (BadData, TypeError, ValueError, KeyError, IndexError, AttributeError):
                pass  # damaged or of another shape: computed again
            else:
                self._used[key] = self._old[key]
                return value
        value = compute()
        self.computed.append(key)
        with contextlib.suppress(NotKept):  # computed again next time
            self._used[key] = encode(value)
        return value

    def save(self) -> None:
        """Write the results this run used and those of kinds it never asked for, if they
        differ from those read: only the shards whose keys changed."""
        if self.home is None or self.directory is None:
            return
        untouched = {k: v for k, v in self._old.items() if k.split(":", 1)[0] not in self._kinds}
        results = untouched | self._used
        if results.keys() == self._old.keys():
            return
        changed = {_shard(k) for k in results.keys() ^ self._old.keys()}
        for shard in sorted(changed):
            held = {k: v for k, v in results.items() if _shard(k) == shard}
            payload = {"format": FORMAT, "root": str(self.root), "results": held}
            store_entry(self.home, self.directory, f"{self.name}.{shard:02x}", payload)
        self._old = dict(results)

    def kept_file(
        self,
        kind: str,
        path: Path,
        display: str,
        limit: int,
        compute: Callable[[bytes | None], T],
        encode: Callable[[T], Any],
        decode: Callable[[Any], T],
    ) -> T:
        """``compute(bytes)`` of the file at *path*, kept under its bytes and *display*.

        A file the confined reader refuses is computed with ``None`` (read the slow
        way, which says why) and not kept.
        """
        self._kinds.add(kind)  # asked for, even when the file cannot be read
        data = self.read(path.parent, path.name, limit)
        if isinstance(data, PathProblem):
            return compute(None)
        return self.kept(_key(kind, (display,), data), lambda: compute(data), encode, decode)

    def loaders(self) -> Loaders:
        """Loaders for :func:`sourcebook.corpus.load.load_corpus` that go through these results."""
        return Loaders(Readers(self._document_file, self._apparatus), self._seed)

    def _document_file(self, folder: Path, slug: str) -> DocumentFile:
        self._kinds.add("document")
        data = self.read(folder, layout.DOCUMENT, TOML_MAX_BYTES)
        if isinstance(data, PathProblem):
            return read_document_file(folder, slug)  # says why, where it says it
        return self.kept(
            _key("document", (slug,), data),
            lambda: read_document_file(folder, slug, data),
            document_file_to_data,
            document_file_from_data,
        )

    def _apparatus(self, path: Path, display: str) -> Apparatus:
        self._kinds.add("apparatus")
        data = self.read(path.parent, path.name, TOML_MAX_BYTES)
        if isinstance(data, PathProblem):
            return read_apparatus(path, display)
        return self.kept(
            _key("apparatus", (display,), data),
            lambda: read_apparatus(path, display, data),
            _apparatus_to_data,
            _apparatus_from_data,
        )

    def carry(self, key: str) -> None:
        """Keep the result under *key*, if there is one, though this run did not use it."""
        if key in self._old:
            self._used[key] = self._old[key]

    @staticmethod
    def seed_key(entry: DocumentEntry, data: bytes) -> str:
        """The key of the seed's result (its reading, title and claims) for bytes *data*."""
        identity = (f"seeds/{entry.file}", entry.kind, hints_identity(entry.structure))
        return _key("seed", identity, data)

    def _seed(self, root: Path, entry: DocumentEntry, parser: ParseCache | None) -> SeedRead:
        self._kinds.add("seed")
        display = f"seeds/{entry.file}"
        data = self.read(root / "seeds", entry.file, SEED_MAX_BYTES)
        if isinstance(data, PathProblem):
            return read_and_parse(root, entry, parser)
        return self.kept(
            self.seed_key(entry, data),
            lambda: read_and_parse(root, entry, parser, data),
            _seed_to_data,
            lambda kept: _seed_from_data(kept, display, data),
        )


def _apparatus_to_data(read: Apparatus) -> Any:
    citations, diags, complete = read
    return [
        [citation_to_data(c) for c in citations],
        [diagnostic_to_data(d) for d in diags],
        complete,
    ]


def _apparatus_from_data(data: Any) -> Apparatus:
    citations, diags, complete = data
    if not isinstance(complete, bool):
        raise BadData("complete is a boolean")
    kept = tuple(citation_from_data(c) for c in citations)
    return kept, [diagnostic_from_data(d) for d in diags], complete


def _seed_to_data(read: SeedRead) -> Any:
    """The seed's problems and, of its parse, what the checker reads: the title and claims."""
    document = read.document
    light = None
    if document is not None:
        claims = [[c.id, c.line, c.text, list(c.markers), list(c.flags)] for c in document.claims]
        light = [document.kind, document.title, claims, flag_lines(document)]
    return {
        "read": [diagnostic_to_data(d) for d in read.read_diagnostics],
        "ok": read.source is not None,
        "document": light,
        "parse": [diagnostic_to_data(d) for d in read.parse_diagnostics],
    }


def _light_document(data: Any) -> Document:
    """A document of only a kind, a title and claims (the blocks stay in the parse cache)."""
    kind, title, claims, _ = data
    if kind not in KINDS or not (title is None or isinstance(title, str)):
        raise BadData("not a document's kind and title")
    kept = tuple(
        Claim(str(i), int(line), str(text), tuple(map(str, markers)), tuple(map(str, flags)))
        for i, line, text, markers, flags in claims
    )
    return Document(kind, title, None, None, None, None, (), kept, (), ())


def _seed_from_data(data: Any, display: str, raw: bytes) -> SeedRead:
    document = _light_document(data["document"]) if data["document"] is not None else None
    flags = data["document"][3] if data["document"] is not None else None
    if flags is not None and not all(isinstance(v, int) for v in flags.values()):
        raise BadData("flag lines are numbers")
    # the text is the bytes the key hashed, decoded as the kept verdict found them decodable
    source = SourceText(display, raw.decode("utf-8"), sha256_of(raw)) if data["ok"] else None
    return SeedRead(
        source,
        tuple(diagnostic_from_data(d) for d in data["read"]),
        document,
        tuple(diagnostic_from_data(d) for d in data["parse"]),
        flags,
    )
