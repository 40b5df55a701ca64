"""What the passes share while one seed is parsed.

Each pass reads and rewrites :attr:`ParseState.blocks` (the raw blocks not
yet claimed by a rule) and records what it decided: removed passages,
metadata, diagnostics, and one :class:`Decision` per block for
``sourcebook normalise --explain``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.model import Block, Claim, Comment, Footnote, MetaField, Removed
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.inline import ClaimIds, FootnoteSequence, InlineRules, Piece, scan

if TYPE_CHECKING:
    from sourcebook.inputs.hints import StructureHints
    from sourcebook.parse.profiles import Profile


@dataclass(frozen=True, slots=True)
class Decision:
    """Which rule decided what a stretch of the seed became."""

    line: int
    #: what it became: "paragraph", "heading", "removed", "metadata", ...
    became: str
    #: the pass and rule that decided, e.g. "body: short unpunctuated line"
    rule: str
    #: how sure the evidence was (0-1), for decisions taken by score
    score: float | None = None


@dataclass(slots=True)
class ParseState:
    text: str
    path: str
    profile: Profile
    blocks: list[RawBlock] = field(default_factory=list)
    sequence: FootnoteSequence = field(default_factory=FootnoteSequence)
    ids: ClaimIds = field(default_factory=ClaimIds)
    claims: list[Claim] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    metadata: list[MetaField] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)
    author: str | None = None
    bio: str | None = None
    declared_comments: int | None = None
    comments: list[Comment] = field(default_factory=list)
    #: comments found, replies included
    comment_total: int = 0
    body: list[Block] = field(default_factory=list)
    #: blocks placed before the body (an epigraph)
    front: list[Block] = field(default_factory=list)
    #: blocks placed after the comments (a truncation mark)
    end: list[Block] = field(default_factory=list)
    diags: list[Diagnostic] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    #: the contributor's structure hints, if any (applied by the "hints" pass)
    hints: StructureHints | None = None
    #: lines the hints say are headings, or that the evidence made headings
    headings: set[int] = field(default_factory=set)
    #: lines the rules must leave as body text (the hints' ``keep``)
    keep: set[int] = field(default_factory=set)
    #: lines a rule read as one unit on sure evidence (a notice's signature block):
    #: the audit trusts them as it trusts the hints' ``keep``
    settled: set[int] = field(default_factory=set)
    #: the hints' ``comments_start`` given without ``comment_header``: the rules read the
    #: thread, and what they leave from this line on is split by the vocabulary's headers
    thread_start: int | None = None
    #: lines a pass read as the items of a list whose marks the extract lost (an issue
    #: template's steps): the body makes each a bullet item
    bare_items: set[int] = field(default_factory=set)
    #: the title's line, when a hint or the evidence chose it
    title_line: int | None = None
    #: glued infobox runs split into (label, value) rows, by line
    fields: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    #: a "continue reading" notice: the body was cut here
    notice_line: int | None = None

    def pieces(self, text: str, line: int, rules: InlineRules | None = None) -> list[Piece]:
        pieces, diags = scan(text, line, rules or self.profile.inline, self.path, self.sequence)
        self.diags.extend(diags)
        return pieces

    def remove(self, block: RawBlock, reason: str, rule: str) -> None:
        self.removed.append(Removed(block.line, "\n".join(block.raw), reason))
        self.decide(block.line, f"removed ({reason})", rule)

    def decide(self, line: int, became: str, rule: str, score: float | None = None) -> None:
        self.decisions.append(Decision(line, became, rule, score))

    def warn(self, line: int, col: int, code: Code, message: str) -> None:
        self.diags.append(Diagnostic(self.path, line, col, code, message))


__all__ = ["Decision", "ParseState"]
