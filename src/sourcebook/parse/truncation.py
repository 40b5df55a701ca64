"""The truncation pass: where an extract stops before its text does."""

from __future__ import annotations

import re

from sourcebook.core.diagnostics import Code
from sourcebook.model import Paragraph, Truncated
from sourcebook.parse.endmark import marked_end
from sourcebook.parse.state import ParseState

_CUT_OFF = re.compile(r"[\w,;–—-]$")
_CUT_OFF_MIN_WORDS = 4


def truncation(state: ParseState) -> None:
    """An extract that stops mid-word or mid-sentence is marked truncated; a
    "continue reading" notice marks the body truncated where it stood, before
    any comments."""
    if state.notice_line is not None:
        state.body.append(Truncated(state.notice_line))
        state.decide(state.notice_line, "truncated", "truncation: a continue-reading notice")
        return
    last = _last_paragraph(state)
    if last is None or last.line in state.settled:
        return  # a notice's signature block ends no sentence, and is whole
    if marked_end(state, last.line):
        return  # the page marks where its text ends ("End of entry"): whole
    text = last.plain.rstrip()
    if _CUT_OFF.search(text) and len(text.split()) >= _CUT_OFF_MIN_WORDS:
        state.end.append(Truncated(last.line))
        state.warn(
            last.line,
            1,
            Code.TRUNCATED,
            f"the text stops mid-sentence ('…{text[-30:]}'): kept and marked as truncated",
        )
        state.decide(last.line, "truncated", "truncation: no closing punctuation at the end")


def _last_paragraph(state: ParseState) -> Paragraph | None:
    blocks = list(state.body)
    if state.comments:
        comment = state.comments[-1]
        while comment.replies:
            comment = comment.replies[-1]
        blocks = list(comment.blocks)
    last = blocks[-1] if blocks else None
    return last if isinstance(last, Paragraph) else None


__all__ = ["truncation"]
