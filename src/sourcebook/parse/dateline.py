"""The wire dateline pass: "PORTVILLE, Maine (AP) —" opening the first paragraph.

The dateline stays in the text, as printed; it is recorded as metadata so the page's
outline shows where the story was filed.
"""

from __future__ import annotations

from sourcebook.model import MetaField
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import vocabulary


def dateline(state: ParseState) -> None:
    """A wire dateline opening the first paragraph: kept in the text, recorded as metadata.

    Runs after the header, so the first block left is the body's first paragraph.
    """
    vocab = vocabulary()
    if state.profile.kind not in vocab.dateline_kinds or not state.blocks:
        return
    first = state.blocks[0]
    match = vocab.dateline.match(first.lines[0])
    if match is None or first.line in state.keep:
        return
    state.metadata.append(MetaField("dateline", match.group("value"), first.line))
    state.decide(first.line, "metadata (dateline)", "evidence: a dateline opens the text", 0.9)


__all__ = ["dateline"]
