"""Apply a document's structure hints before the rules (the "hints" pass).

Each hint is first checked against the text: a line outside the text or a
blank line is an error (SB609) located where the hint is written, and that
hint is not applied.  The others decide before any rule does: the title line,
furniture to remove (``remove`` and everything outside ``body_start`` ..
``body_end``), lines the rules must keep as text, headings, and the comment
thread from ``comments_start`` (split at ``comment_header`` lines).  A
``comments_start`` without a ``comment_header`` keeps the rules' own evidence for
comment headers: the thread passes read the page as they would without the hint,
and :func:`hinted_thread` (before the body) then makes the thread start at that
line: what they left from it on is split at the vocabulary's header lines.
"""

from __future__ import annotations

from collections.abc import Callable

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.inputs.hints import StructureHints, Where
from sourcebook.model import Removed
from sourcebook.parse.blocks import RawBlock, explode, runs_without, sub_block
from sourcebook.parse.headed import build_thread, vocabulary_matcher
from sourcebook.parse.state import ParseState

#: key of a hint -> whether it fits the text and is applied
Applied = Callable[[str], bool]


def _error(where: Where, message: str) -> Diagnostic:
    return Diagnostic(where.path, where.line, where.col, Code.STRUCTURE_HINT, message)


class _Checker:
    """Checks hints against the text's lines; collects errors and the keys that failed."""

    def __init__(self, hints: StructureHints, lines: list[str]) -> None:
        self.hints, self.lines = hints, lines
        self.errors: list[Diagnostic] = []
        self.failed: set[str] = set()

    def line(self, key: str, number: int | None, *, blank_ok: bool = False) -> None:
        if number is None:
            return
        where = self.hints.at(key)
        if number > len(self.lines):
            problem = f"line {number} is past the end of the text ({len(self.lines)} lines)"
        elif not blank_ok and not self.lines[number - 1].strip():
            problem = f"line {number} is blank"
        else:
            return
        self.errors.append(
            _error(where, f"{key.split('.')[0]}: {problem}; the hint is not applied")
        )
        self.failed.add(key)

    def run(self) -> None:
        hints = self.hints
        for key in ("title_line", "body_start", "body_end", "comments_start"):
            self.line(key, getattr(hints, key))
        for index, number in enumerate(hints.headings):
            self.line(f"headings.{index}", number)
        for key in ("remove", "keep"):
            for index, (_, last) in enumerate(getattr(hints, key)):
                # ranges may hold blank lines; their first line is never after their last
                self.line(f"{key}.{index}", last, blank_ok=True)
        start, end = hints.body_start, hints.body_end
        if start and end and start > end:
            self.errors.append(
                _error(hints.at("body_end"), f"body_end {end} is before body_start {start}")
            )
            self.failed |= {"body_start", "body_end"}
        if hints.comment_header is not None:
            first = (hints.comments_start or 1) - 1
            if not any(hints.comment_header.match(line) for line in self.lines[first:]):
                self.errors.append(
                    _error(
                        hints.at("comment_header"),
                        f"comment_header {hints.comment_header.source!r} matches no line"
                        + (f" from line {first + 1}" if first else ""),
                    )
                )
                self.failed.add("comment_header")


def hints(state: ParseState) -> None:
    """Check the hints, then apply those that fit the text."""
    given = state.hints
    if given is None or given.empty:
        return
    lines = state.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    checker = _Checker(given, lines)
    checker.run()
    state.diags.extend(checker.errors)
    failed = checker.failed

    def ok(key: str) -> bool:
        return key not in failed

    state.keep = {n for i, span in enumerate(given.keep) if ok(f"keep.{i}") for n in _span(span)}
    state.headings |= {n for i, n in enumerate(given.headings) if ok(f"headings.{i}")}
    by_line = {b.line: b for b in explode(state.blocks)}
    taken: set[int] = set()
    _title(state, given, by_line, taken, ok("title_line"))
    thread = _comments_region(state, given, by_line, taken, ok)
    _furniture(state, given, by_line, taken, ok)
    alone = state.headings | ({state.thread_start} if state.thread_start else set())
    state.blocks = _regroup(state.blocks, taken, alone)
    if thread:
        template = given.comment_header if ok("comment_header") else None
        match = template.match if template is not None else vocabulary_matcher
        build_thread(state, _regroup(thread, set(), set()), match)


def hinted_thread(state: ParseState) -> None:
    """``comments_start`` alone: the blocks the thread rules left from that line on are
    the thread's.  With no comment read they are split at the vocabulary's header
    lines; below a thread the rules read, they are removed and reported."""
    start = state.thread_start
    if start is None:
        return
    region = [b for b in state.blocks if b.line >= start]
    if not region:
        return
    state.blocks = [b for b in state.blocks if b.line < start]
    if not state.comments:
        build_thread(state, region, vocabulary_matcher)
        return
    for block in region:
        state.remove(block, "before the comments", "hint: comments_start")
        state.warn(
            block.line,
            1,
            Code.STRUCTURE_UNSURE,
            "text below 'comments_start' that no comment header opens: removed; if it is a"
            " comment, declare 'comment_header' in the structure hints",
        )


def _span(span: tuple[int, int]) -> range:
    return range(span[0], span[1] + 1)


def _title(
    state: ParseState,
    given: StructureHints,
    by_line: dict[int, RawBlock],
    taken: set[int],
    ok: bool,
) -> None:
    if given.title_line is None or not ok or given.title_line not in by_line:
        return
    state.header["title"] = by_line[given.title_line].text
    state.title_line = given.title_line
    taken.add(given.title_line)
    state.decide(given.title_line, "title", "hint: title_line", 1.0)


def _comments_region(
    state: ParseState,
    given: StructureHints,
    by_line: dict[int, RawBlock],
    taken: set[int],
    ok: Applied,
) -> list[RawBlock]:
    start = given.comments_start
    if start is None or not ok("comments_start"):
        return []
    if given.comment_header is None or not ok("comment_header"):
        state.thread_start = start  # the rules read the thread (see hinted_thread)
        state.headings.discard(start)
        state.decide(start, "comments start", "hint: comments_start", 1.0)
        return []
    region = [b for n, b in sorted(by_line.items()) if n >= start and n not in taken]
    taken.update(b.line for b in region)
    state.decide(start, "comments start", "hint: comments_start", 1.0)
    return region


def _furniture(
    state: ParseState,
    given: StructureHints,
    by_line: dict[int, RawBlock],
    taken: set[int],
    check: Applied,
) -> None:
    """Remove the hinted ranges and every line outside body_start .. body_end."""
    reasons: dict[int, str] = {}
    for index, span in enumerate(given.remove):
        if check(f"remove.{index}"):
            label = f"{span[0]}-{span[1]}" if span[0] != span[1] else str(span[0])
            reasons.update({n: f"hint: remove {label}" for n in _span(span)})
    first = given.body_start if check("body_start") else None
    last = given.body_end if check("body_end") else None
    end = (given.comments_start or max(by_line, default=0) + 1) - 1
    for number in by_line:
        if first is not None and number < first:
            reasons.setdefault(number, "hint: before body_start")
        if last is not None and last < number <= end:
            reasons.setdefault(number, "hint: after body_end")
    for number, rule in sorted(reasons.items()):
        block = by_line.get(number)
        if block is None or number in taken or number in state.keep:
            continue
        taken.add(number)
        state.removed.append(Removed(number, "\n".join(block.raw), "furniture (structure hint)"))
        state.decide(number, "removed (furniture)", rule, 1.0)


def _regroup(blocks: list[RawBlock], drop: set[int], alone: set[int]) -> list[RawBlock]:
    """The blocks without the lines in *drop*, each line in *alone* a block of its own."""
    out: list[RawBlock] = []
    for block in blocks:
        numbers = [block.line + offset for offset in range(len(block.lines))]
        cuts = {o for o, n in enumerate(numbers) if n in drop or n in alone}
        singles = [o for o, n in enumerate(numbers) if n in alone and n not in drop]
        parts = runs_without(block, cuts) + [sub_block(block, o, o + 1) for o in singles]
        out += sorted(parts, key=lambda part: part.line)
    return out


__all__ = ["hinted_thread", "hints"]
