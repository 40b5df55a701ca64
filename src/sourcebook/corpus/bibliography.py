"""The bibliography (``docs/references/*.bib``, or any ``.bib`` file), loaded with exact positions.

:mod:`sourcebook.bib.scan` splits the file into entries (right blame for
syntax errors, nothing lost: every entry head is loaded or reported); this
module expands ``@string`` macros and flattens values the way pybtex does
(pybtex renders the reader's bibliography, so both must read the same
thing), and records duplicates, undefined macros and bad keys.  Loading
never raises on any text; problems are diagnostics.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pybtex.bibtex.utils import split_name_list

from sourcebook.bib.scan import Piece, RawEntry, Scan, scan
from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.core.identifiers import describe, is_bibkey
from sourcebook.core.lines import LineIndex
from sourcebook.core.text import MONTH_NAMES
from sourcebook.corpus.manifest import Subject
from sourcebook.inputs.paths import PathProblem, read_limited

#: the largest real libraries (~20,000 entries) are about 20 MB (``check-bib`` reads them)
BIB_MAX_BYTES = 64 * 1024 * 1024
#: an entry head as BibTeX sees one (``@type{`` or ``@type(``), counted before the scan
_ENTRY_HEAD = re.compile(r"@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]")


#: pybtex's predefined macros (``pybtex.database.input.bibtex.month_names``)
MONTH_MACROS = {name[:3].lower(): name for name in MONTH_NAMES}
#: fields pybtex splits into persons (``pybtex.database.Person.valid_roles``)
PERSON_ROLES = ("author", "editor")


@dataclass(frozen=True, slots=True)
class Source:
    """One bibliography entry, flattened to plain strings."""

    key: str
    type: str
    #: lower-case field name -> value, as written (Unicode)
    fields: dict[str, str]
    #: role ("author", "editor") -> names as written
    persons: dict[str, tuple[str, ...]]
    line: int
    col: int = 1
    #: lower-case field name -> (line, col) of the name
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: lower-case field name -> the value's pieces as written (macros unexpanded)
    pieces: dict[str, tuple[Piece, ...]] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return self.fields.get(name)

    def position(self, name: str) -> tuple[int, int]:
        """Where field *name* is written (the entry head when it is not)."""
        return self.positions.get(name, (self.line, self.col))

    @property
    def domain(self) -> str | None:
        url = self.get("url")
        if not url:
            return None
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None

    @property
    def outlet_names(self) -> tuple[str, ...]:
        """Publisher-like fields: who put the work out."""
        names = (
            self.get(f)
            for f in (
                "publisher",
                "journal",
                "journaltitle",
                "howpublished",
                "organization",
                "institution",
            )
        )
        return tuple(n for n in names if n)


@dataclass(frozen=True, slots=True)
class StringDef:
    """An ``@string`` macro: its value and where it is defined."""

    name: str
    value: str
    line: int
    col: int
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Bibliography:
    path: str
    #: key -> the first entry with that key
    sources: dict[str, Source] = field(default_factory=dict)
    #: key (lower-case) -> lines of every entry with that key
    key_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: every entry read, duplicates included, in file order
    entries: tuple[Source, ...] = ()
    strings: tuple[StringDef, ...] = ()
    #: ``@preamble`` values with their positions
    preambles: tuple[StringDef, ...] = ()
    #: entry heads in the file; each was read (:attr:`entries`) or reported
    heads: int = 0
    unread: int = 0
    #: keys of entries that hold a syntax error or a bad key
    broken: frozenset[str] = frozenset()
    index: LineIndex | None = None
    #: lower-case key -> key in :attr:`sources`
    folded: dict[str, str] = field(default_factory=dict)
    #: every ``@string`` known at the end of the file (lower-case name -> value)
    macros: dict[str, str] = field(default_factory=dict)
    #: the project's per-source files this text was joined from
    #: (:class:`sourcebook.corpus.projectbib.Parts`), or ``None`` for one file
    parts: Any = None

    def line_of(self, key: str) -> int:
        lines = self.key_lines.get(key.lower())
        return lines[0] if lines else 1

    def find(self, key: str) -> Source | None:
        """The entry *key* names, ignoring case as BibTeX and pybtex do for cross references."""
        return self.sources.get(key) or self.sources.get(self.folded.get(key.lower(), ""))


def load_bibliography_text(
    raw: str, display: str, macros: dict[str, str] | None = None, standalone: bool = False
) -> tuple[Bibliography, list[Diagnostic]]:
    """Load *raw*; never raises.  Problems are returned as diagnostics.

    *macros* are ``@string`` values defined before this file (lower-case names),
    as when BibTeX reads ``\\bibliography{strings,refs}``.  *standalone* (``check-bib``: a
    file outside the project) judges by what BibTeX and pybtex read: every key they
    read is accepted, and a bare ``@comment`` line is skipped silently as BibTeX
    does.  Otherwise a key must fit the identifier grammar, since the project's
    keys end up in citation roles (SB312), and a bare ``@comment`` is an error,
    since pybtex, which renders the reader, refuses it (SB325).
    """
    result = scan(raw, display)
    if not standalone:
        for offset in result.bare_comments:
            result.report(
                offset,
                Code.BIB_STRAY_AT,
                "a bare '@comment' (no braces): BibTeX skips it, but pybtex, which renders "
                "the reader, stops there; write it as @comment{...}",
            )
    loader = _Loader(result, macros, standalone)
    return loader.load(), result.diagnostics


class _Loader:
    def __init__(
        self, result: Scan, macros: dict[str, str] | None = None, standalone: bool = False
    ) -> None:
        self.scan = result
        self.standalone = standalone
        self.macros: dict[str, str] = {**MONTH_MACROS, **(macros or {})}
        self.defined: dict[str, int] = {}
        self.strings: list[StringDef] = []
        self.entries: list[Source] = []
        self.bad_keys: set[str] = set()

    def load(self) -> Bibliography:
        ordered = heapq.merge(self.scan.strings, self.scan.entries, key=lambda e: e.offset)
        for raw in ordered:
            if raw.type.lower() == "string":
                self._string(raw)
            else:
                self._entry(raw)
        preambles = tuple(self._preamble(p) for p in self.scan.preambles)
        key_lines: dict[str, list[int]] = {}
        sources: dict[str, Source] = {}
        for source in self.entries:
            lines = key_lines.setdefault(source.key.lower(), [])
            if lines:
                self._report(
                    source.line,
                    source.col,
                    Code.DUPLICATE_KEY,
                    f"duplicate key '{source.key}' (first defined at line {lines[0]}); "
                    "this entry is checked but never used",
                )
            else:
                sources[source.key] = source
            lines.append(source.line)
        return Bibliography(
            self.scan.path,
            sources,
            {k: tuple(v) for k, v in key_lines.items()},
            tuple(self.entries),
            tuple(self.strings),
            preambles,
            self.scan.heads,
            self.scan.unread + len(self.bad_keys),
            frozenset(self.scan.broken | self.bad_keys),
            self.scan.index,
            {key.lower(): key for key in sources},
            self.macros,
        )

    def _report(self, line: int, col: int, code: Code, message: str) -> None:
        self.scan.diagnostics.append(Diagnostic(self.scan.path, line, col, code, message))

    def _flatten(self, pieces: tuple[Piece, ...]) -> str:
        """The value as pybtex flattens it: macros expanded, white space collapsed."""
        if len(pieces) == 1 and pieces[0].kind != "macro":
            return " ".join(pieces[0].text.split())  # the common case
        parts = []
        for piece in pieces:
            if piece.kind != "macro":
                parts.append(piece.text)
                continue
            value = self.macros.get(piece.text.lower())
            if value is None:
                line, col = self.scan.index.position(piece.offset)
                self._report(
                    line,
                    col,
                    Code.BIB_UNDEFINED_MACRO,
                    f"'{piece.text}' is not a defined @string (define it before its first "
                    "use, or write the value in braces)",
                )
                value = ""
            parts.append(value)
        return " ".join("".join(parts).split())

    def _string(self, raw: RawEntry) -> None:
        name = raw.fields[0].name
        line, col = self.scan.index.position(raw.fields[0].offset)
        value = self._flatten(raw.fields[0].pieces)
        first = self.defined.get(name.lower())
        if first is not None:
            self._report(
                line,
                col,
                Code.BIB_DUPLICATE_STRING,
                f"@string '{name}' is defined again (first at line {first}); this value wins",
            )
        self.defined.setdefault(name.lower(), line)
        self.macros[name.lower()] = value
        self.strings.append(StringDef(name, value, line, col, raw.fields[0].pieces))

    def _preamble(self, raw: RawEntry) -> StringDef:
        line, col = self.scan.index.position(raw.offset)
        return StringDef("", self._flatten(raw.fields[0].pieces), line, col, raw.fields[0].pieces)

    def _entry(self, raw: RawEntry) -> None:
        key = raw.key or ""
        line, col = self.scan.index.position(raw.offset)
        if not (self.standalone or is_bibkey(key)):
            key_line, key_col = self.scan.index.position(raw.key_offset)
            self._report(key_line, key_col, Code.BIB_BAD_KEY, _bad_key(key, raw.type))
            self.bad_keys.add(key)
            return
        fields: dict[str, str] = {}
        positions: dict[str, tuple[int, int]] = {}
        pieces: dict[str, tuple[Piece, ...]] = {}
        for raw_field in raw.fields:
            name = raw_field.name.lower()
            where = self.scan.index.position(raw_field.offset)
            if name in fields:
                self._report(
                    *where,
                    Code.BIB_DUPLICATE_FIELD,
                    f"{key}: field '{name}' is set again (first at line {positions[name][0]}); "
                    "only the first value is used",
                )
                continue
            fields[name] = self._flatten(raw_field.pieces)
            positions[name] = where
            pieces[name] = raw_field.pieces
        persons = {
            role: tuple(split_name_list(fields.pop(role)))
            for role in PERSON_ROLES
            if role in fields
        }
        self.entries.append(
            Source(key, raw.type.lower(), fields, persons, line, col, positions, pieces)
        )


def _bad_key(key: str, type_name: str) -> str:
    odd = [c for c in key if not (c.isascii() and (c.isalnum() or c in "_.:+-"))]
    if odd:
        what = ", ".join(
            f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in dict.fromkeys(odd)
        )
        detail = f"holds {what}"
    elif not key:
        detail = "is empty"
    else:
        detail = "breaks the key grammar"
    return (
        f"key '{key}' of this @{type_name} {detail}; keys end up inside citation roles, so "
        f"they must be {describe('bibkey')}; the entry is not read"
    )


def load_bibliography(
    path: Path,
    display: str | None = None,
    macros: dict[str, str] | None = None,
    standalone: bool = False,
) -> tuple[Bibliography, list[Diagnostic]]:
    """Load the file at *path*: a regular UTF-8 file of at most ``BIB_MAX_BYTES``.

    A FIFO, a device, a directory or a file too large is refused (SB301), never
    read forever; like every other problem it is a diagnostic, never an exception.
    The project's own bibliography is read with stricter rules:
    :func:`sourcebook.corpus.projectbib.load_project_bibliography`.
    """
    name = display or str(path)
    data = read_limited(path, BIB_MAX_BYTES)
    if isinstance(data, PathProblem):
        return Bibliography(name), [
            Diagnostic(name, 1, 1, Code.BIB_SYNTAX, f"cannot read bibliography: {data.message}")
        ]
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Bibliography(name), [
            Diagnostic(name, 1, 1, Code.BIB_SYNTAX, f"cannot read bibliography: {exc}")
        ]
    return load_bibliography_text(raw, name, macros, standalone)


# -- independence (SPEC §4) ---------------------------------------------------

AFFILIATED = "affiliated"
INDEPENDENT = "independent"
UNKNOWN = "unknown"


def _fold(text: str) -> str:
    """Case- and apostrophe-insensitive form for matching outlet names.

    >>> _fold("Workers’ Liberty") == _fold("workers' liberty") == _fold("Workers Liberty")
    True
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"['’‘`]", "", text)
    return " ".join(re.findall(r"\w+", text))


def _domain_matches(domain: str, own: str) -> bool:
    """A domain matches its own outlet and that outlet's sub-domains.

    >>> _domain_matches("australia.workersliberty.org", "workersliberty.org")
    True
    >>> _domain_matches("notworkersliberty.org", "workersliberty.org")
    False
    """
    return domain == own or domain.endswith("." + own)


def independence(source: Source, subject: Subject) -> str:
    """Classify *source* as affiliated with, independent of, or unknown to *subject*.

    An explicit ``affiliation`` field wins; then the URL's domain; then the
    publisher-like fields.  With neither a URL nor a publisher the answer is
    unknown: absence of evidence is not independence.
    """
    explicit = source.get("affiliation")
    if explicit is not None:
        names = {_fold(n) for n in re.split(r"[,;]", explicit)}
        return (
            AFFILIATED
            if _fold(subject.id) in names or _fold(subject.name) in names
            else INDEPENDENT
        )
    domain = source.domain
    if domain and any(_domain_matches(domain, own) for own in subject.domains):
        return AFFILIATED
    own_names = [_fold(p) for p in subject.publishers]
    for outlet in source.outlet_names:
        folded = f" {_fold(outlet)} "
        if any(f" {name} " in folded for name in own_names if name):
            return AFFILIATED
    if domain or source.outlet_names:
        return INDEPENDENT
    return UNKNOWN
