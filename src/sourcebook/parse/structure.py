"""Run a profile's passes over a seed and assemble the document model.

The passes live in :mod:`sourcebook.parse.passes`; the profile names them
in order.  This module only runs them and puts the pieces together.
"""

from __future__ import annotations

from sourcebook.core.diagnostics import Diagnostic
from sourcebook.inputs.hints import StructureHints
from sourcebook.model import Block, Document
from sourcebook.parse.audit import audit
from sourcebook.parse.passes import PASSES
from sourcebook.parse.profiles import Profile
from sourcebook.parse.state import Decision, ParseState


def run_passes(
    text: str, profile: Profile, path: str, hints: StructureHints | None = None
) -> ParseState:
    """The state after every pass of *profile* has run over *text*."""
    state = ParseState(text, path, profile, hints=hints)
    for name in profile.passes:
        PASSES[name](state)
    return state


def assemble(state: ParseState) -> Document:
    blocks: list[Block] = [*state.front, *state.body, *state.comments, *state.end]
    return Document(
        kind=state.profile.kind,
        title=state.header.get("title"),
        site=state.header.get("site"),
        tagline=state.header.get("tagline"),
        author=state.author,
        bio=state.bio,
        blocks=tuple(blocks),
        claims=tuple(state.claims),
        footnotes=tuple(state.footnotes),
        removed=tuple(sorted(state.removed, key=lambda r: r.line)),
        declared_comments=state.declared_comments,
        metadata=tuple(sorted(state.metadata, key=lambda f: f.line)),
    )


def parse_document(
    text: str, profile: Profile, path: str, hints: StructureHints | None = None
) -> tuple[Document, list[Diagnostic]]:
    """Parse a decoded seed into a :class:`Document` under *profile*."""
    state = run_passes(text, profile, path, hints)
    document = assemble(state)
    # the page as a whole, audited for traces of a layout no rule knew
    return document, [*state.diags, *audit(document, text, path, state.keep | state.settled)]


def explain(
    text: str, profile: Profile, path: str, hints: StructureHints | None = None
) -> list[Decision]:
    """Which rule decided what each stretch of *text* became, in seed order."""
    return sorted(run_passes(text, profile, path, hints).decisions, key=lambda d: d.line)


__all__ = ["explain", "parse_document", "run_passes"]
