"""Split a ``.bib`` text into entries with exact positions, blaming each syntax error right.

Two linear passes per entry:

1. **Span**: from the entry head, a brace/quote scanner finds where the
   entry ends.  A line that starts a new entry head (``@type{``) while the
   entry is still open ends it as *unterminated*; the blame then goes to the
   brace or quote that never closed (or to the value that ran on over the
   next field), inside the entry that holds it, and scanning resumes at that
   head, so the next entry is read normally.
2. **Body**: the closed span is parsed with pybtex's own grammar (the same
   token patterns), so whatever this scanner accepts pybtex -- which renders
   the reader's bibliography -- accepts too.  Every field and value piece
   keeps its offset for located diagnostics.

The scanner never raises on any text: every problem is a
:class:`~sourcebook.diagnostics.Diagnostic`.  Every entry head is counted,
and is either returned as an entry or reported (:attr:`Scan.unread`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from string import ascii_letters, digits
from typing import Literal, NamedTuple

from sourcebook.diagnostics import Code, Diagnostic
from sourcebook.lines import LineIndex

#: pybtex's name characters (``pybtex.database.input.bibtex.NAME_CHARS``)
_NAME_CHARS = ascii_letters + "@!$&*+-./:;<>?[\\]^_`|~\x7f"
_NAME = re.compile(f"[{re.escape(_NAME_CHARS)}][{re.escape(_NAME_CHARS + digits)}]*")
_NUMBER = re.compile("[0-9]+")
_WS = re.compile(r"\s*")
_HEAD = re.compile(rf"@\s*({_NAME.pattern})\s*([{{(])")
_AT_NAME = re.compile(rf"@\s*{_NAME.pattern}")
_KEY = {"}": re.compile(r"[^\s,}]+"), ")": re.compile(r"[^\s,]+")}
#: what matters to the span scanner; a line opening a new entry ends an unclosed one
_SPAN = re.compile(r"[{}\"()]|\n[ \t]*(?=@[ \t]*[A-Za-z][\w-]*[ \t]*[{(])")
_IN_BRACES = re.compile(r"[{}]")
_BARE_COMMENT = re.compile(r"@[ \t]*comment(?![\w@!$&*+\-./:;<>?\[\\\]^`|~])", re.IGNORECASE)


def _balanced(depth: int) -> str:
    """A brace group nested at most *depth* deep; possessive, so linear on failure."""
    inner = r"[^{}]*+"
    for _ in range(depth - 1):
        inner = rf"(?:[^{{}}]++|\{{{inner}\}})*+"
    return rf"\{{{inner}\}}"


_BALANCED = re.compile(_balanced(5))
_NEW_HEAD = re.compile(r"\n[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]")
_IN_QUOTES = re.compile(r"[{}\"]")
#: a line that looks like the start of a field (``  year = {``): evidence of a run-on value
_FIELD_LINE = re.compile(r"\n[ \t]*,?[ \t]*([A-Za-z][\w-]*)[ \t]*=[ \t]*[{\"0-9A-Za-z]")
_FIELD_BEFORE = re.compile(r"([A-Za-z][\w:.+-]*)\s*=\s*$")
_EQUALS = re.compile("=")
#: the common field shape, read in one match: ``, name = {flat}`` / ``"flat"`` / 12 / macro
_SIMPLE_FIELD = re.compile(
    rf"\s*,\s*({_NAME.pattern})\s*=\s*"
    rf"(?:\{{([^{{}}]*)\}}|\"([^\"{{}}]*)\"|([0-9]+)|({_NAME.pattern}))"
    r"(?=\s*(?:,|$))"
)
_COMMA = re.compile(",")
_NEXT_HEAD_LINE = re.compile(r"\n[ \t]*(?=@)")
MAX_DEPTH = 100  # pybtex refuses deeper brace nesting

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


@dataclass(slots=True)
class Scan:
    path: str
    index: LineIndex
    entries: list[RawEntry] = field(default_factory=list)
    strings: list[RawEntry] = field(default_factory=list)
    preambles: list[RawEntry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: entry heads seen (``@string``, ``@preamble`` and ``@comment`` excluded)
    heads: int = 0
    #: entry heads that could not be read (each has a diagnostic)
    unread: int = 0
    #: keys of entries that could not be read (when a key was found)
    broken: set[str] = field(default_factory=set)
    #: offsets of ``@comment`` heads without a brace: BibTeX skips them, pybtex stops
    bare_comments: list[int] = field(default_factory=list)

    def report(self, offset: int, code: Code, message: str) -> None:
        line, col = self.index.position(offset)
        self.diagnostics.append(Diagnostic(self.path, line, col, code, message))

    def where(self, offset: int) -> str:
        line, col = self.index.position(offset)
        return f"{line}:{col}"


class _BodyError(Exception):
    """A syntax error inside one entry's closed span (caught per entry)."""

    def __init__(self, offset: int, message: str, code: Code = Code.BIB_SYNTAX) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.code = code

    @property
    def blame(self) -> tuple[int, str]:
        return self.offset, self.message


@dataclass(frozen=True, slots=True)
class _Span:
    #: offset just after the closing delimiter, or where scanning resumes
    end: int
    closed: bool
    #: (offset, message) of the problem when not closed
    blame: tuple[int, str] | None = None
    code: Code = Code.BIB_SYNTAX
    #: found by the one-match fast path
    fast: bool = False


def scan(text: str, path: str) -> Scan:
    """Every entry, string and preamble of *text*, and every problem, located."""
    result = Scan(path, LineIndex(text))
    pos = 0
    after_entry: RawEntry | None = None
    while (at := text.find("@", pos)) != -1:
        if after_entry is not None:
            _stray_text(text, after_entry, pos, at, result)
        after_entry = None
        head = _HEAD.match(text, at)
        bare = _BARE_COMMENT.match(text, at) if head is None else None
        if bare is not None:
            # BibTeX reads '@comment' and goes on as between entries; so does this scan
            result.bare_comments.append(at)
            pos = bare.end()
            continue
        if head is None:
            _stray_at(text, at, result)
            # '@' is a name character: every '@' inside this failed name would fail the
            # same way at the same place, so skip them all (linear on '@@@@...')
            run = _AT_NAME.match(text, at)
            pos = max(at + 1, run.end() if run else 0)
            continue
        kind = head.group(1).lower()
        if kind == "comment":
            pos = head.end()  # pybtex skips the head only; the body is text between entries
            continue
        closer = "}" if head.group(2) == "{" else ")"
        if kind not in ("string", "preamble"):
            result.heads += 1
        span = _span(text, at, head.end(), closer, result, fast=True)
        if not span.closed:
            _unread(text, at, head, span, result)
            pos = span.end
            continue
        try:
            entry = _body(text, at, head, closer, span.end, result)
        except _BodyError as error:
            if span.fast:  # the full scan knows better where the entry ends, and why
                span = _span(text, at, head.end(), closer, result)
            blame = span if not span.closed else _Span(span.end, False, error.blame, error.code)
            _unread(text, at, head, blame, result)
            pos = span.end
            continue
        if kind == "string":
            result.strings.append(entry)
        elif kind == "preamble":
            result.preambles.append(entry)
        else:
            result.entries.append(entry)
            after_entry = entry
            if entry.commented:
                result.report(
                    at,
                    Code.BIB_COMMENTED_ENTRY,
                    f"@{entry.type}{{{entry.key}}} stands after '%', but BibTeX and pybtex have "
                    "no comments: the entry is still read (delete it, or remove the '%')",
                )
        pos = span.end
    if after_entry is not None:
        _stray_text(text, after_entry, pos, len(text), result)
    return result


def _skip_ws(text: str, pos: int, end: int | None = None) -> int:
    match = _WS.match(text, pos, len(text) if end is None else end)
    return match.end() if match else pos


def _head_key(text: str, head: re.Match[str]) -> str | None:
    """The key after an entry head, if there is one (for messages about broken entries)."""
    key = _KEY["}"].match(text, _skip_ws(text, head.end()))
    after = _skip_ws(text, key.end()) if key else 0
    if key is None or "=" in key.group() or text[after : after + 1] == "=":
        return None
    return key.group().rstrip(")")


def _label(text: str, at: int, head: re.Match[str], result: Scan) -> str:
    """``@article{key}`` at line N, for messages about a whole entry."""
    name = _head_key(text, head) or "(no key)"
    return f"@{head.group(1)}{{{name}}} (line {result.index.line(at)})"


def _unread(text: str, at: int, head: re.Match[str], span: _Span, result: Scan) -> None:
    kind = head.group(1).lower()
    if kind not in ("string", "preamble"):
        result.unread += 1
        key = _head_key(text, head)
        if key is not None:
            result.broken.add(key)
    offset, message = span.blame or (at, "cannot be read")
    result.report(
        offset, span.code, f"{_label(text, at, head, result)}: {message}; the entry is not read"
    )


def _span(text: str, at: int, start: int, closer: str, result: Scan, fast: bool = False) -> _Span:
    """Where the entry opened just before *start* ends; linear in the entry's length.

    With *fast*, a brace-balanced entry is found in one C-level match (braces
    nested at most five deep, no line that starts another entry); it ends where
    the scan below would, unless a quoted value holds a stray ``}`` -- then the
    body does not parse and :func:`scan` asks again without *fast*, for the blame.
    """
    if fast and closer == "}":
        fast_match = _BALANCED.match(text, start - 1)
        if fast_match and _NEW_HEAD.search(text, start, fast_match.end()) is None:
            return _Span(fast_match.end(), True, fast=True)
    stack: list[int] = []  # offsets of open braces inside the entry
    quote: int | None = None  # offset of an open quote at entry level
    values: list[tuple[int, int]] = []  # closed top-level brace values, for blame
    for match in _SPAN.finditer(text, start):
        char, pos = match.group()[0], match.start()
        if char == "\n":
            resume = match.end()
            return _Span(resume, False, _run_on(text, at, stack, quote, values, resume, result))
        if char == "{":
            stack.append(pos)
            if len(stack) > MAX_DEPTH:
                return _Span(_resume(text, pos), False, (pos, "braces nested too deeply"))
        elif char == "}":
            if stack:
                opened = stack.pop()
                if not stack and quote is None:
                    values.append((opened, pos))
            elif quote is not None:
                where = result.where(pos)
                message = (
                    f"the '\"' opened here{_field_of(text, quote)} is not closed before "
                    f"'}}' at {where}"
                )
                return _Span(_resume(text, pos), False, (quote, message))
            elif closer == "}":
                return _Span(pos + 1, True)
            else:
                return _Span(_resume(text, pos), False, (pos, "'}' closes no '{'"))
        elif char == '"' and not stack:
            quote = pos if quote is None else None
        elif char == ")" and closer == ")" and not stack and quote is None:
            return _Span(pos + 1, True)
    end = len(text)
    return _Span(end, False, _run_on(text, at, stack, quote, values, end, result))


def _resume(text: str, pos: int) -> int:
    """Where scanning resumes after an error at *pos*: the next line holding an entry head."""
    match = _NEXT_HEAD_LINE.search(text, pos)
    return match.end() if match else len(text)


def _run_on(
    text: str,
    at: int,
    stack: list[int],
    quote: int | None,
    values: list[tuple[int, int]],
    stop: int,
    result: Scan,
) -> tuple[int, str]:
    """Blame for an entry that is still open where the next entry (or the file) starts.

    The culprit is the earliest of: an open quote, the outermost unclosed
    brace, and a brace value that ran on over a line that looks like the
    next field (its ``}`` was missing, and a later one closed it instead).
    """
    ends = "the end of the file" if stop >= len(text) else f"line {result.index.line(stop)}"
    candidates: list[tuple[int, str]] = []
    if quote is not None:
        candidates.append((quote, f"the '\"' opened here is never closed (still open at {ends})"))
    if stack:
        candidates.append(
            (stack[0], f"the '{{' opened here{_field_of(text, stack[0])} is never closed")
        )
    for opened, closed in values:
        run_on = _FIELD_LINE.search(text, opened, closed)
        if run_on:
            line = result.index.line(run_on.start() + 1)
            candidates.append(
                (
                    opened,
                    f"the '{{' opened here{_field_of(text, opened)} is not closed before "
                    f"'{run_on.group(1)} =' at line {line}",
                )
            )
            break
    if not candidates:
        return at, f"the entry is not closed before {ends}"
    return min(candidates)


def _field_of(text: str, brace: int) -> str:
    match = _FIELD_BEFORE.search(text, max(0, brace - 80), brace)
    return f" (field '{match.group(1)}')" if match else ""


def _stray_at(text: str, at: int, result: Scan) -> None:
    snippet = text[at : at + 20].split("\n", 1)[0]
    result.report(
        at,
        Code.BIB_STRAY_AT,
        f"'{snippet}' starts no entry: BibTeX and pybtex read every '@' outside an entry "
        "as an entry head (write 'at' or move the text into a field)",
    )


def _stray_text(text: str, entry: RawEntry, start: int, end: int, result: Scan) -> None:
    """Text right after an entry that looks like its fields: a '}' closed it early."""
    gap = text[start:end]
    loose = _FIELD_LINE.search("\n" + gap.lstrip(" \t,"))
    if loose is None and not gap.lstrip().startswith(","):
        return
    offset = start + len(gap) - len(gap.lstrip())
    result.report(
        offset,
        Code.BIB_STRAY_TEXT,
        f"text after the end of @{entry.type}{{{entry.key}}} (line "
        f"{result.index.line(entry.offset)}) looks like its fields and is ignored: the '}}' "
        f"at {result.where(entry.end - 1)} closes the entry early",
    )


# -- pass 2: the body of a closed span, with pybtex's grammar ---------------------------


class _Reader:
    """A cursor over one closed entry span."""

    def __init__(self, text: str, pos: int, end: int) -> None:
        self.text, self.pos, self.end = text, pos, end

    def skip(self) -> None:
        match = _WS.match(self.text, self.pos, self.end)
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

    def fail(self, expected: str) -> _BodyError:
        found = self.text[self.pos : self.pos + 12].split("\n", 1)[0] or "the end of the entry"
        if found.startswith("%"):
            return _BodyError(self.pos, "'%' starts no comment inside an entry")
        return _BodyError(self.pos, f"expected {expected}, found '{found}'")


def _body(text: str, at: int, head: re.Match[str], closer: str, end: int, result: Scan) -> RawEntry:
    kind = head.group(1).lower()
    reader = _Reader(text, head.end(), end - 1)
    line_start = text.rfind("\n", 0, at) + 1
    commented = text[line_start:at].lstrip().startswith("%")
    if kind == "preamble":
        pieces = _value(reader)
        return RawEntry(head.group(1), None, at, at, end, (RawField("", at, pieces),))
    if kind == "string":
        name = reader.take(_NAME)
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
        name = reader.take(_NAME)
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
    key = reader.take(_KEY[closer])
    if key is None or reader.peek() == "=" or "=" in key.group():
        offset = key.start() if key else reader.pos
        raise _BodyError(
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
    name = reader.take(_NAME)
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
            raise _BodyError(match.start(), "'}' closes no '{' inside the quoted value")
    opener = "{" if closer == "}" else '"'
    raise _BodyError(pos - 1, f"the '{opener}' opened here is never closed")
