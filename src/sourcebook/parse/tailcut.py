"""The ``tail`` pass: page furniture from its first block to the end of the text.

Its starts are the profile's (a comment form, a sidebar's heading) and the ``[tail]``
table of ``layout.toml`` (an ebook's licence, a transcriber's note late in the text, a
PDF export's appendix); a start standing above the text is left to the other passes."""

from __future__ import annotations

import functools
import re

from sourcebook.core.diagnostics import Code
from sourcebook.parse.appendix import site_tail
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.formfirst import cut_form
from sourcebook.parse.runs import before_text
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table


def tail(state: ParseState) -> None:
    """Remove everything from the first block that starts page furniture (the profile's
    starts, and those of ``[tail]`` in ``layout.toml``: an ebook's end marker anywhere,
    a transcriber's note in the second half of the text, a PDF export's appendix)."""
    for index, block in enumerate(state.blocks):
        if block.line in state.keep:
            continue  # the contributor says the line is the text's (a hint)
        # a sidebar's heading alone, or opening its list with no blank line between
        head = block.text if block.single_line else block.lines[0]
        reason = next((r for p, r in state.profile.tail_starts if p.fullmatch(head)), None)
        if reason not in (None, "comment form") and before_text(state.blocks, index):
            continue  # a box above the text, left to the evidence and `related`
        reason = reason or _vocabulary_reason(state, index, head)
        if reason == "comment form" and cut_form(state, index):
            return  # the form only: the thread below it stays for the thread passes
        if reason is not None:
            if reason == "page furniture":
                _report_prose(state, state.blocks[index:], head)
            for cut in state.blocks[index:]:
                state.remove(cut, reason, "tail: starts page furniture")
            del state.blocks[index:]
            return


def _vocabulary_reason(state: ParseState, index: int, head: str) -> str | None:
    """What ``[tail]`` of ``layout.toml`` says block *index*, opening with *head*, starts:
    an ebook's licence, an export's appendix, a late start, a static site's appendix."""
    starts, late, appendix = tail_starts()
    reason = None
    if any(p.fullmatch(head) for p in starts):
        reason = "ebook licence"
    elif any(p.fullmatch(head) for p in appendix):
        reason = "export appendix"
    elif 2 * index >= len(state.blocks):
        reason = _late_reason(head, late)
    return reason or site_tail(state.blocks, index)


#: a line of running text: at least this many words, ending a sentence
_RUNNING_WORDS = 12


def _report_prose(state: ParseState, cut: list[RawBlock], head: str) -> None:
    """A closing furniture cut ("Colophon", "More from @handle") that takes a line of
    running text with it is reported (SB608): a text's own last section may carry such a
    heading."""
    lines = [(b.line + i, t) for b in cut for i, t in enumerate(b.lines)]
    prose = [n for n, t in lines if len(t.split()) >= _RUNNING_WORDS and t.rstrip()[-1:] in ".!?"]
    if prose:
        state.warn(
            cut[0].line,
            1,
            Code.STRUCTURE_UNSURE,
            f"removed lines {cut[0].line}-{lines[-1][0]} from {head!r} on as the page's closing"
            f" furniture, with running text on line {prose[0]}; if they are the text's,"
            " list them in 'keep'",
        )


def _late_reason(head: str, late: tuple[re.Pattern[str], ...]) -> str | None:
    """What a late start removes: an ebook's licence after its transcriber's note, or a
    page's closing furniture (a review's letters box)."""
    if not any(p.fullmatch(head) for p in late):
        return None
    return "ebook licence" if "TRANSCRIBER" in head.upper() else "page furniture"


@functools.cache
def tail_starts() -> tuple[_Patterns, _Patterns, _Patterns]:
    """The ``[tail]`` table of ``layout.toml``: its starts anywhere, those in the last
    half, and a PDF export's appendix."""
    data = layout_table("tail")
    return (
        tuple(re.compile(p, re.IGNORECASE) for p in data["starts"]),
        tuple(re.compile(p, re.IGNORECASE) for p in data["late_starts"]),
        tuple(re.compile(p, re.IGNORECASE) for p in data["appendix_starts"]),
    )


_Patterns = tuple[re.Pattern[str], ...]
