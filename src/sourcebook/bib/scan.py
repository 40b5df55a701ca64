"""Split a ``.bib`` text into entries with exact positions, blaming each syntax error right.

Two linear passes per entry:

1. **Span**: from the entry head, a brace/quote scanner finds where the
   entry ends.  A line that starts a new entry head (``@type{``) while the
   entry is still open ends it as *unterminated*; the blame then goes to the
   brace or quote that never closed (or to the value that ran on over the
   next field), inside the entry that holds it, and scanning resumes at that
   head, so the next entry is read normally.
2. **Body** (:mod:`sourcebook.bib.entrybody`): the closed span is parsed
   with pybtex's own grammar (the same token patterns), so whatever this
   scanner accepts pybtex -- which renders the reader's bibliography --
   accepts too.  Every field and value piece
   keeps its offset for located diagnostics.

The scanner never raises on any text: every problem is a
:class:`~sourcebook.core.diagnostics.Diagnostic`.  Every entry head is counted,
and is either returned as an entry or reported (:attr:`Scan.unread`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sourcebook.bib.entrybody import KEY, NAME, WHITESPACE, BodyError, read_body

# re-exported: bibliography.py and check/bibrules.py import them from here
from sourcebook.bib.entrybody import Piece as Piece
from sourcebook.bib.entrybody import RawEntry as RawEntry
from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.core.lines import LineIndex

_HEAD = re.compile(rf"@\s*({NAME.pattern})\s*([{{(])")
_AT_NAME = re.compile(rf"@\s*{NAME.pattern}")
#: what matters to the span scanner; a line opening a new entry ends an unclosed one
_SPAN = re.compile(r"[{}\"()]|\n[ \t]*(?=@[ \t]*[A-Za-z][\w-]*[ \t]*[{(])")
_BARE_COMMENT = re.compile(r"@[ \t]*comment(?![\w@!$&*+\-./:;<>?\[\\\]^`|~])", re.IGNORECASE)


def _after_headless(text: str, at: int, result: Scan) -> int:
    """Where scanning goes on after an '@' that opens no entry."""
    bare = _BARE_COMMENT.match(text, at)
    if bare is not None:
        # BibTeX reads '@comment' and goes on as between entries; so does this scan
        result.bare_comments.append(at)
        return bare.end()
    _stray_at(text, at, result)
    # '@' is a name character: every '@' inside this failed name would fail the
    # same way at the same place, so skip them all (linear on '@@@@...')
    run = _AT_NAME.match(text, at)
    return max(at + 1, run.end() if run else 0)


def _balanced(depth: int) -> str:
    """A brace group nested at most *depth* deep; possessive, so linear on failure."""
    inner = r"[^{}]*+"
    for _ in range(depth - 1):
        inner = rf"(?:[^{{}}]++|\{{{inner}\}})*+"
    return rf"\{{{inner}\}}"


_BALANCED = re.compile(_balanced(5))
_NEW_HEAD = re.compile(r"\n[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]")
#: a line that looks like the start of a field (``  year = {``): evidence of a run-on value
_FIELD_LINE = re.compile(r"\n[ \t]*,?[ \t]*([A-Za-z][\w-]*)[ \t]*=[ \t]*[{\"0-9A-Za-z]")
_FIELD_BEFORE = re.compile(r"([A-Za-z][\w:.+-]*)\s*=\s*$")
_NEXT_HEAD_LINE = re.compile(r"\n[ \t]*(?=@)")
MAX_DEPTH = 100  # pybtex refuses deeper brace nesting


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
        if head is None:
            pos = _after_headless(text, at, result)
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
            entry = read_body(text, at, head, closer, span.end)
        except BodyError as error:
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
    match = WHITESPACE.match(text, pos, len(text) if end is None else end)
    return match.end() if match else pos


def _head_key(text: str, head: re.Match[str]) -> str | None:
    """The key after an entry head, if there is one (for messages about broken entries)."""
    key = KEY["}"].match(text, _skip_ws(text, head.end()))
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
    if fast and closer == "}" and (balanced := _balanced_span(text, start)) is not None:
        return balanced
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
            ended = _closing_brace(text, pos, closer, stack, quote, values, result)
            if ended is not None:
                return ended
        elif char == '"' and not stack:
            quote = pos if quote is None else None
        elif char == ")" and closer == ")" and not stack and quote is None:
            return _Span(pos + 1, True)
    end = len(text)
    return _Span(end, False, _run_on(text, at, stack, quote, values, end, result))


def _balanced_span(text: str, start: int) -> _Span | None:
    """The fast path: the entry as one brace group, unless a line inside starts another entry."""
    match = _BALANCED.match(text, start - 1)
    if match and _NEW_HEAD.search(text, start, match.end()) is None:
        return _Span(match.end(), True, fast=True)
    return None


def _closing_brace(
    text: str,
    pos: int,
    closer: str,
    stack: list[int],
    quote: int | None,
    values: list[tuple[int, int]],
    result: Scan,
) -> _Span | None:
    """A ``}`` at *pos*: None when it closes a nested brace, else where the entry ends.

    Closing a top-level value records it in *values* (for the run-on blame);
    with nothing open, it ends the entry, or is an error inside a quoted
    value or an entry opened with ``(``.
    """
    if stack:
        opened = stack.pop()
        if not stack and quote is None:
            values.append((opened, pos))
        return None
    if quote is not None:
        where = result.where(pos)
        message = (
            f"the '\"' opened here{_field_of(text, quote)} is not closed before '}}' at {where}"
        )
        return _Span(_resume(text, pos), False, (quote, message))
    if closer == "}":
        return _Span(pos + 1, True)
    return _Span(_resume(text, pos), False, (pos, "'}' closes no '{'"))


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
