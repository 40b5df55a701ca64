"""The standfirst (dek) printed between a post's title and its byline.

News sites, magazines and newsletters print a sentence or two under the
headline, then the byline or the date.  Read as text it becomes the first
paragraph.  The evidence is its place: a single-line block (or one paragraph
hard-wrapped onto several lines) right below the title, with the byline or date
line (metadata the evidence already took) within a few lines below it.  It
becomes the ``subtitle`` field; a bare name there (with no author found yet) is
the ``author``.
"""

from __future__ import annotations

from sourcebook.model import MetaField
from sourcebook.parse.evidence import score_line
from sourcebook.parse.journal import name_like
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import vocabulary
from sourcebook.parse.wrapped import one_paragraph

#: the byline or date must stand within this many lines below the dek
_BYLINE_WITHIN = 6
#: a dek longer than this is a paragraph
_DEK_WORDS = 45
_BYLINE_DECISIONS = frozenset({"metadata (author)", "metadata (date)"})
#: the rules that take a name printed beside a role or a credit line (parse/evidence.py)
_NAME_RULES = frozenset({"a name above a byline line", "a name below a credit"})


def dek(state: ParseState) -> None:
    """Take the standfirst between the title and the byline (see the module docstring)."""
    if state.title_line is None or not state.blocks or "subtitle" in _fields(state):
        return
    block = state.blocks[0]
    # one line, or one paragraph hard-wrapped onto several
    if not one_paragraph(block.lines) or block.line <= state.title_line or block.line in state.keep:
        return
    if len(block.text.split()) > _DEK_WORDS or _known_line(state, block.text):
        return
    end = block.line + len(block.lines) - 1
    if not _byline_below(state, range(end + 1, end + _BYLINE_WITHIN + 1)):
        return
    above = range(state.title_line + 1, block.line)
    if any(f.line in above and f.name in ("author", "date") for f in state.metadata):
        return  # the byline stands above it: the line is the text's first, not a dek
    field = "subtitle"
    if name_like(block.text) and "author" not in _fields(state):
        field = "author"  # a bare name above the date: the post's author
    state.metadata.append(MetaField(field, block.text, block.line))
    state.metadata.sort(key=lambda f: f.line)
    state.remove(block, "document metadata", f"dek: {field} between the title and the byline")
    state.blocks.pop(0)


def _byline_below(state: ParseState, lines: range) -> bool:
    """An author or date line the evidence took on *lines*, of a kind printed at the
    top of a page (a byline, not a footer such as Blogger's "Posted by")."""
    tops = {e.name for e in vocabulary().lines if e.role == "metadata" and e.where == "top"}
    tops |= _NAME_RULES  # a byline's name taken beside its role or credit line
    return any(
        d.line in lines
        and d.became in _BYLINE_DECISIONS
        and d.rule.removeprefix("evidence: ") in tops
        for d in state.decisions
    )


def _known_line(state: ParseState, text: str) -> bool:
    """A line the profile or the vocabulary already knows (a "Written by" line)."""
    if any(rule.pattern.fullmatch(text) for rule in state.profile.metadata):
        return True
    vocab = vocabulary()
    return score_line(text, 0, 1, vocab.for_kind(state.profile.kind), vocab.window) is not None


def _fields(state: ParseState) -> set[str]:
    return {f.name for f in state.metadata}


__all__ = ["dek"]
