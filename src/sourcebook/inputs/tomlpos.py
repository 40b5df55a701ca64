"""Where each key, table and value of a TOML text starts.

:mod:`tomllib` returns plain dicts without positions, and a schema error
names a path such as ``("document", 2, "date")``.  This scanner walks the
raw text once, in linear time, and records the offset of every key, table
header and value under the same path, so an error can be reported at
``line:col`` of its cause.  It also measures bracket nesting *before*
tomllib parses anything, so a hostile ``[[[[...`` is refused without
recursing, and it returns the comment spans for the Unicode hygiene check
(bidirectional controls hide in comments too).

The scanner never raises and always advances, on any text; on text that is
not valid TOML its positions are best effort (tomllib reports the syntax
error itself).

>>> pos = scan('a = 1\\n[[doc]]\\nkeys = ["x", "y"]\\n[[doc]]\\nb = {c = 2}  # hi\\n')
>>> pos.value_at(("doc", 0, "keys", 1)), pos.key_at(("doc", 1, "b", "c"))
(27, 45)
>>> pos.comments
[(53, 57)]
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field

#: nesting of arrays and inline tables the scanner follows; deeper is refused
MAX_BRACKET_DEPTH = 16

Path = tuple[str | int, ...]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
# Each run of characters the scanner passes over is one compiled match from the current
# offset, so C walks the characters and Python runs once per token, not per character.
_BARE_RUN = re.compile(r"[A-Za-z0-9_-]*")
_BLANKS = re.compile(r"[ \t]*")
_BLANKS_AND_BREAKS = re.compile(r"[ \t\r\n]*")
_SCALAR = re.compile(r"[^,\]}\n#]*")
_LINE_REST = re.compile(r"[^\n#\"']*")
#: the inside of a one-line basic string: a backslash escapes any next character
_BASIC_BODY = re.compile(r'[^"\n\\]*(?:\\[\s\S]?[^"\n\\]*)*')
_LITERAL_BODY = re.compile(r"[^'\n]*")
#: the inside of a multi-line basic string, up to its closing three quotes
_MULTILINE_BODY = re.compile(r'[^\\"]*(?:(?:\\[\s\S]?|"(?!""))[^\\"]*)*')


@dataclass(slots=True)
class TomlPositions:
    """Offsets (0-based, in characters) of keys and values, by data path."""

    keys: dict[Path, int] = field(default_factory=dict)
    values: dict[Path, int] = field(default_factory=dict)
    #: ``(start, end)`` of every comment, ``#`` included
    comments: list[tuple[int, int]] = field(default_factory=list)
    #: offset of the first bracket nested deeper than the limit, if any
    too_deep_at: int | None = None

    def key_at(self, path: Path) -> int | None:
        return self.keys.get(path)

    def value_at(self, path: Path) -> int | None:
        return self.values.get(path)

    def nearest(self, path: Path, *, key: bool = False) -> int:
        """The offset for *path*, or for its closest recorded ancestor; 0 at worst."""
        first, second = (self.keys, self.values) if key else (self.values, self.keys)
        for end in range(len(path), 0, -1):
            prefix = path[:end]
            for table in (first, second):
                if prefix in table:
                    return table[prefix]
        return 0


def scan(text: str, max_depth: int = MAX_BRACKET_DEPTH) -> TomlPositions:
    """Positions of everything in *text* (see the module docstring)."""
    scanner = _Scanner(text, max_depth)
    scanner.document()
    return scanner.out


class _Scanner:
    def __init__(self, text: str, max_depth: int) -> None:
        self.t = text
        self.n = len(text)
        self.i = 0
        self.max_depth = max_depth
        self.out = TomlPositions()
        self.table: Path = ()
        #: array-of-tables path (with parents' indices) -> index of its last element
        self.arrays: dict[Path, int] = {}

    # -- top level -------------------------------------------------------

    def document(self) -> None:
        while self.i < self.n and self.out.too_deep_at is None:
            start = self.i
            self.skip_blank(newlines=True)
            if self.i >= self.n:
                break
            char = self.t[self.i]
            if char == "[":
                self.header()
            elif char in _BARE or char in "\"'":
                self.key_value(self.table)
            else:
                self.skip_line()
            if self.i == start:  # never stall on text the grammar above does not expect
                self.i += 1

    def header(self) -> None:
        at = self.i
        double = self.t.startswith("[[", at)
        self.i += 2 if double else 1
        self.skip_blank()
        parts = self.key()
        if not parts:
            self.skip_line()
            return
        if double:
            parent = self.resolve(parts[:-1])
            name = (*parent, parts[-1])
            index = self.arrays.get(name, -1) + 1
            self.arrays[name] = index
            self.out.keys.setdefault(name, at)
            self.out.values.setdefault(name, at)
            self.table = (*name, index)
        else:
            self.table = self.resolve(parts)
        self.out.keys.setdefault(self.table, at)
        self.out.values.setdefault(self.table, at)
        self.skip_line()

    def resolve(self, parts: list[str]) -> Path:
        """A header's dotted name as a data path, through arrays of tables."""
        path: Path = ()
        for part in parts:
            path = (*path, part)
            if path in self.arrays:
                path = (*path, self.arrays[path])
        return path

    def key_value(self, table: Path, depth: int = 0) -> None:
        at = self.i
        parts = self.key()
        if not parts:
            self.skip_line()
            return
        path: Path = (*table, *parts)
        for end in range(len(table) + 1, len(path) + 1):
            self.out.keys.setdefault(path[:end], at)
        self.skip_blank()
        if self.i < self.n and self.t[self.i] == "=":
            self.i += 1
            self.skip_blank()
            self.value(path, depth)

    # -- keys --------------------------------------------------------------

    def key(self) -> list[str]:
        """A dotted key's parts (quoted parts decoded); stops after the last part."""
        parts: list[str] = []
        while self.i < self.n:
            char = self.t[self.i]
            if char in _BARE:
                start = self.i
                self.i = _skip(_BARE_RUN, self.t, start)
                parts.append(self.t[start : self.i])
            elif char in "\"'":
                start = self.i
                self.string()
                parts.append(_decode_key(self.t[start : self.i]))
            else:
                break
            self.skip_blank()
            if self.i < self.n and self.t[self.i] == ".":
                self.i += 1
                self.skip_blank()
            else:
                break
        return parts

    # -- values ------------------------------------------------------------

    def value(self, path: Path, depth: int) -> None:
        self.out.values.setdefault(path, self.i)
        if self.i >= self.n:
            return
        char = self.t[self.i]
        if char in "[{":
            if depth + 1 > self.max_depth:
                self.out.too_deep_at = self.i
                self.i = self.n
            elif char == "[":
                self.array(path, depth + 1)
            else:
                self.inline_table(path, depth + 1)
        elif char in "\"'":
            self.string()
        else:
            self.i = _skip(_SCALAR, self.t, self.i)

    def array(self, path: Path, depth: int) -> None:
        count = iter(range(self.n + 1))  # an array has fewer items than characters
        self.sequence("]", lambda: self.value((*path, next(count)), depth))

    def inline_table(self, path: Path, depth: int) -> None:
        self.sequence("}", lambda: self.key_value(path, depth))

    def sequence(self, closer: str, item: Callable[[], None]) -> None:
        """Read comma-separated items up to *closer*; the opening bracket is at ``self.i``."""
        self.i += 1
        while self.i < self.n and self.out.too_deep_at is None:
            self.skip_blank(newlines=True, comments=True)
            if self.i >= self.n:
                return
            char = self.t[self.i]
            if char == closer:
                self.i += 1
                return
            if char == ",":
                self.i += 1
                continue
            start = self.i
            item()
            if self.i == start:
                self.i += 1  # no progress on a malformed item: step over it

    def string(self) -> None:
        """Skip one string of any of TOML's four kinds, escapes included."""
        quote = self.t[self.i]
        if self.t.startswith(quote * 3, self.i):
            end = self._multiline_end(quote, self.i + 3)
            # a closing delimiter may carry up to two more quotes of content
            extra = 0
            while extra < 2 and end + extra < self.n and self.t[end + extra] == quote:
                extra += 1
            self.i = end + extra
            return
        body = _BASIC_BODY if quote == '"' else _LITERAL_BODY
        j = _skip(body, self.t, self.i + 1)
        self.i = j + 1 if j < self.n and self.t[j] == quote else j

    def _multiline_end(self, quote: str, j: int) -> int:
        delimiter = quote * 3
        if quote == "'":
            found = self.t.find(delimiter, j)
            return self.n if found < 0 else found + 3
        j = _skip(_MULTILINE_BODY, self.t, j)
        return j + 3 if self.t.startswith(delimiter, j) else self.n

    # -- blanks --------------------------------------------------------------

    def skip_blank(self, newlines: bool = False, comments: bool = False) -> None:
        blanks = _BLANKS_AND_BREAKS if newlines else _BLANKS
        self.i = _skip(blanks, self.t, self.i)
        while self.i < self.n and self.t[self.i] == "#" and (comments or newlines):
            self.comment()
            self.i = _skip(blanks, self.t, self.i)

    def comment(self) -> None:
        end = self.t.find("\n", self.i)
        end = self.n if end < 0 else end
        self.out.comments.append((self.i, end))
        self.i = end

    def skip_line(self) -> None:
        """Skip to the end of the line, recording a trailing comment."""
        while True:
            self.i = _skip(_LINE_REST, self.t, self.i)
            if self.i >= self.n or self.t[self.i] == "\n":
                return
            if self.t[self.i] == "#":
                self.comment()
                return
            self.string()


def _skip(pattern: re.Pattern[str], text: str, start: int) -> int:
    """Where the run of *pattern* from *start* ends (every such pattern matches '')."""
    match = pattern.match(text, start)
    assert match is not None
    return match.end()


def _decode_key(raw: str) -> str:
    """A quoted key's value, decoded by tomllib itself (escapes and all)."""
    try:
        value = tomllib.loads(f"k = {raw}\n").get("k")
    except tomllib.TOMLDecodeError:
        return raw
    return value if isinstance(value, str) else raw
