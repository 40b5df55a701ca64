"""Pass 2 of the ``.bib`` scanner: the body of one closed entry span, with pybtex's grammar.

:mod:`sourcebook.bib.scan` finds where each entry ends (pass 1); the span is
then read here with the same token patterns pybtex uses, so whatever the
scanner accepts pybtex -- which renders the reader's bibliography -- accepts
too.  Every field and value piece keeps its offset for located diagnostics.
A syntax error raises :class:`BodyError`, which the scanner turns into a
diagnostic for that entry alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import ascii_letters, digits
from typing import Literal, NamedTuple

from sourcebook.core.diagnostics import Code

#: pybtex's name characters (``pybtex.database.input.bibtex.NAME_CHARS``)
_NAME_CHARS = ascii_letters + "@!$&*+-./:;<>?[\\]^_`|~\x7f"
NAME = re.compile(f"[{re.escape(_NAME_CHARS)}][{re.escape(_NAME_CHARS + digits)}]*")
WHITESPACE = re.compile(r"\s*")
#: an entry key, by the entry's closing delimiter
KEY = {"}": re.compile(r"[^\s,}]+"), ")": re.compile(r"[^\s,]+")}
_NUMBER = re.compile("[0-9]+")
_IN_BRACES = re.compile(r"[{}]")
_IN_QUOTES = re.compile(r"[{}\"]")
_EQUALS = re.compile("=")
#: the common field shape, read in one match: ``, name = {flat}`` / ``"flat"`` / 12 / macro
_SIMPLE_FIELD = re.compile(
    rf"\s*,\s*({NAME.pattern})\s*=\s*"
    rf"(?:\{{([^{{}}]*)\}}|\"([^\"{{}}]*)\"|([0-9]+)|({NAME.pattern}))"
    r"(?=\s*(?:,|$))"
)
_COMMA = re.compile(",")

PieceKind = Literal["text", "number", "macro"]


class Piece(NamedTuple):
    """One part of a value: ``{text}``, ``"text"``, a number or an ``@string`` name.

    Tuples, not dataclasses: a large file has hundreds of thousands of them.
    """

    kind: PieceKind
    #: the content without its delimiters, or the macro name, exactly as written
    text: str
    #: offset of :attr:`text` in the file
    offset: int


class RawField(NamedTuple):
    name: str
    offset: int
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class RawEntry:
    """An entry (or ``@string``/``@preamble``) whose span closed and whose body parsed."""

    type: str
    #: ``None`` for ``@preamble``; the macro name for ``@string``
    key: str | None
    offset: int
    key_offset: int
    end: int
    fields: tuple[RawField, ...]
    #: the head stands after ``%`` on its line
    commented: bool = False


class BodyError(Exception):
    """A syntax error inside one entry's closed span (caught per entry)."""

    def __init__(self, offset: int, message: str, code: Code = Code.BIB_SYNTAX) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.code = code

    @property
    def blame(self) -> tuple[int, str]:
        return self.offset, self.message


class _Reader:
    """A cursor over one closed entry span."""

    def __init__(self, text: str, pos: int, end: int) -> None:
        self.text, self.pos, self.end = text, pos, end

    def skip(self) -> None:
        match = WHITESPACE.match(self.text, self.pos, self.end)
        if match:
            self.pos = match.end()

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos] if self.pos < self.end else ""

    def take(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        self.skip()
        match = pattern.match(self.text, self.pos, self.end)
        if match:
            self.pos = match.end()
        return match

    def fail(self, expected: str) -> BodyError:
        found = self.text[self.pos : self.pos + 12].split("\n", 1)[0] or "the end of the entry"
        if found.startswith("%"):
            return BodyError(self.pos, "'%' starts no comment inside an entry")
        return BodyError(self.pos, f"expected {expected}, found '{found}'")


def read_body(text: str, at: int, head: re.Match[str], closer: str, end: int) -> RawEntry:
    """The entry whose head *head* matched at *at* and whose span closed just before *end*."""
    kind = head.group(1).lower()
    reader = _Reader(text, head.end(), end - 1)
    line_start = text.rfind("\n", 0, at) + 1
    commented = text[line_start:at].lstrip().startswith("%")
    if kind == "preamble":
        pieces = _value(reader)
        return RawEntry(head.group(1), None, at, at, end, (RawField("", at, pieces),))
    if kind == "string":
        name = reader.take(NAME)
        if name is None:
            raise reader.fail("a @string name")
        if reader.take(_EQUALS) is None:
            raise reader.fail(f"'=' after @string name '{name.group()}'")
        pieces = _value(reader)
        _closing(reader)
        raw = RawField(name.group(), name.start(), pieces)
        return RawEntry(head.group(1), name.group(), at, name.start(), end, (raw,))
    key = _key(reader, closer)
    fields: list[RawField] = []
    while True:
        simple = _SIMPLE_FIELD.match(text, reader.pos, reader.end)
        if simple is not None:  # fast path: one undelimited or unnested value, no '#'
            fields.append(_simple_field(simple))
            reader.pos = simple.end()
            continue
        if not reader.take(_COMMA):
            break
        name = reader.take(NAME)
        if name is None:
            continue  # pybtex accepts empty fields between commas
        if reader.take(_EQUALS) is None:
            raise reader.fail(f"'=' after field name '{name.group()}'")
        fields.append(RawField(name.group(), name.start(), _value(reader)))
    _closing(reader)
    return RawEntry(head.group(1), key.group(), at, key.start(), end, tuple(fields), commented)


_SIMPLE_KINDS: dict[int, PieceKind] = {2: "text", 3: "text", 4: "number", 5: "macro"}


def _simple_field(match: re.Match[str]) -> RawField:
    group = match.lastindex or 2  # the value alternatives are the last groups
    piece = Piece(_SIMPLE_KINDS[group], match.group(group), match.start(group))
    return RawField(match.group(1), match.start(1), (piece,))


def _closing(reader: _Reader) -> None:
    reader.skip()
    if reader.pos != reader.end:
        raise reader.fail("',' or the end of the entry")


def _key(reader: _Reader, closer: str) -> re.Match[str]:
    key = reader.take(KEY[closer])
    if key is None or reader.peek() == "=" or "=" in key.group():
        offset = key.start() if key else reader.pos
        raise BodyError(
            offset, "the entry has no key (a key must come first, before ',')", Code.BIB_NO_KEY
        )
    return key


def _value(reader: _Reader) -> tuple[Piece, ...]:
    pieces = [_piece(reader)]
    while reader.peek() == "#":
        reader.pos += 1
        pieces.append(_piece(reader))
    return tuple(pieces)


def _piece(reader: _Reader) -> Piece:
    char = reader.peek()
    text, start = reader.text, reader.pos
    if char == "{":
        close = _matching(text, start + 1, reader.end, "}")
        reader.pos = close + 1
        return Piece("text", text[start + 1 : close], start + 1)
    if char == '"':
        close = _matching(text, start + 1, reader.end, '"')
        reader.pos = close + 1
        return Piece("text", text[start + 1 : close], start + 1)
    number = reader.take(_NUMBER)
    if number:
        return Piece("number", number.group(), number.start())
    name = reader.take(NAME)
    if name:
        return Piece("macro", name.group(), name.start())
    raise reader.fail('a value ({...}, "...", a number or a @string name)')


def _matching(text: str, pos: int, end: int, closer: str) -> int:
    """Offset of the *closer* (``}`` or ``"``) that ends a value opened just before *pos*.

    Braces nest inside both kinds of value; a ``"`` inside braces is text.
    """
    depth = 0
    for match in (_IN_BRACES if closer == "}" else _IN_QUOTES).finditer(text, pos, end):
        char = match.group()
        if char == "{":
            depth += 1
        elif depth:
            depth -= char == "}"
        elif char == closer:
            return match.start()
        else:
            raise BodyError(match.start(), "'}' closes no '{' inside the quoted value")
    opener = "{" if closer == "}" else '"'
    raise BodyError(pos - 1, f"the '{opener}' opened here is never closed")
