"""The outline a reader will see, with the evidence for each decision.

``sourcebook normalise --explain`` and ``sourcebook add`` (before it writes)
print it, so a contributor can compare a new text with its original in
seconds: the title and the header lines, the metadata, the headings, how
many paragraphs, lists, tables, quotations and comments there are, which
lines were removed and why, and then every decision with the rule that took
it and, where the evidence was scored, its score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sourcebook.model import Block, BlockQuote, Comment, Document, Heading, Removed, Truncated
from sourcebook.parse.state import Decision


def comment_total(comments: tuple[Comment, ...]) -> int:
    """Every comment of a thread, replies at any depth included."""
    return sum(1 + comment_total(c.replies) for c in comments)


def _ranges(lines: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``1-3, 7``.

    >>> _ranges([1, 2, 3, 7, 9, 10])
    '1-3, 7, 9-10'
    """
    spans: list[list[int]] = []
    for line in sorted(set(lines)):
        if spans and line == spans[-1][1] + 1:
            spans[-1][1] = line
        else:
            spans.append([line, line])
    return ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in spans)


def _removed(removed: tuple[Removed, ...]) -> list[str]:
    by_reason: dict[str, list[int]] = {}
    for item in removed:
        # a removed block spans the consecutive seed lines its raw text holds
        span = range(item.line, item.line + item.text.count("\n") + 1)
        by_reason.setdefault(item.reason, []).extend(span)
    return [f"  removed ({reason}): lines {_ranges(lines)}" for reason, lines in by_reason.items()]


def _decided(decisions: list[Decision], line: int, became: str) -> str:
    for decision in decisions:
        if decision.line == line and decision.became == became:
            score = f", score {decision.score:.2f}" if decision.score is not None else ""
            return f" (line {line}: {decision.rule}{score})"
    return ""


def outline(document: Document, decisions: list[Decision]) -> list[str]:
    """The outline lines (see the module docstring), without the decisions."""
    body = [b for b in document.blocks if not isinstance(b, Comment)]
    return [
        f"outline ({document.kind}):",
        *_header(document, decisions),
        *_body(body),
        *_thread(document),
        *_removed(document.removed),
    ]


def _header(document: Document, decisions: list[Decision]) -> list[str]:
    """Title (with the decision that chose it), site, tagline and metadata fields."""
    title_decision = next((d for d in decisions if d.became == "title"), None)
    where = _decided(decisions, title_decision.line, "title") if title_decision else ""
    out = [f"  title: {document.title!r}{where}" if document.title else "  title: (none)"]
    for role in ("site", "tagline"):
        value = getattr(document, role)
        if value:
            out.append(f"  {role}: {value!r}")
    out += [f"  metadata {f.name}: {f.value!r} (line {f.line})" for f in document.metadata]
    return out


def _body(body: Sequence[Block]) -> list[str]:
    """The headings one by one, then the other blocks counted by kind."""
    headings = [b for b in body if isinstance(b, Heading)]
    out = [f"  headings: {len(headings)}", *(f"    line {h.line}: {h.text!r}" for h in headings)]
    kinds = Counter(type(b).__name__ for b in body if not isinstance(b, (Heading, Truncated)))
    quotes = sum(len(b.paragraphs) for b in body if isinstance(b, BlockQuote))
    parts = ", ".join(f"{n} {k.lower()}" for k, n in sorted(kinds.items())) or "nothing"
    return [*out, f"  body: {parts}" + (f" ({quotes} quoted paragraphs)" if quotes else "")]


def _thread(document: Document) -> list[str]:
    """The comment count (with what the page declared) and where the extract was cut."""
    out = []
    comments, declared = document.comments, document.declared_comments
    if comments or declared is not None:
        said = f", the page declares {declared}" if declared is not None else ""
        out.append(f"  comments: {comment_total(comments)} ({len(comments)} top-level){said}")
    truncated = [b.line for b in document.blocks if isinstance(b, Truncated)]
    if truncated:
        out.append(f"  truncated: at line {truncated[0]}")
    return out


def decision_lines(path: str, decisions: list[Decision]) -> list[str]:
    """``path:line: became <- rule [score]``, one per decision, in seed order."""
    return [
        f"{path}:{d.line}: {d.became} <- {d.rule}"
        + (f" [score {d.score:.2f}]" if d.score is not None else "")
        for d in decisions
    ]


__all__ = ["decision_lines", "outline"]
