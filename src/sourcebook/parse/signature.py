"""A notice's signature block: the date it was made, the signatory, the post, the address.

Public notices (a council's traffic order, a planning notice, a company's
statutory notice) close with a block of short lines: "Dated: 3 March 2026",
the signatory's name, their post, the body's address.  One a line with no
blank line between, each reads as a heading (short, capitalised, no full stop)
and the notice grows a heading per line.  The evidence is the block's opening
or closing line: a dating line (``[signature] dated`` in ``layout.toml``) or an
address holding a postcode (``postcode``), or a bare name over a post (``role``:
"Town Clerk", "Head of Streets"; the date may close the block), in a run of two to
``_MAX_LINES`` short lines with no sentence end, on consecutive lines, right after
a paragraph.  The run becomes one block of the text (a paragraph, its lines kept),
never headings; the audit reads its short lines as a signature's, not as a menu or
a list, and a notice closing with it is not cut off.
"""

from __future__ import annotations

import functools
import re

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.journal import name_like
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_MAX_LINES = 6
#: a line of the block has at most this many words
_LINE_WORDS = 14
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*$")


@functools.cache
def _forms() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    table = layout_table("signature")
    return re.compile(table["dated"]), re.compile(table["postcode"]), re.compile(table["role"])


def _short(block: RawBlock) -> bool:
    text = block.text
    return (
        block.single_line
        and len(text.split()) <= _LINE_WORDS
        and _SENTENCE_END.search(text) is None
    )


def _run(blocks: list[RawBlock], start: int) -> int:
    """The end of the run of short lines on consecutive lines from *start*: it ends at
    an address (a postcode) and before a line that heads a paragraph (a heading)."""
    end = start
    while end < len(blocks) and end - start < _MAX_LINES and _short(blocks[end]):
        if end > start and blocks[end].line != blocks[end - 1].line + 1:
            break
        following = blocks[end + 1] if end + 1 < len(blocks) else None
        if end > start and following is not None and not _short(following):
            break
        end += 1
        if _forms()[1].search(blocks[end - 1].text):
            break
    return end


def _signed(lines: list[str]) -> bool:
    dated, postcode, role = _forms()
    if len(lines) < 2:
        return False
    if dated.fullmatch(lines[0]) or postcode.search(lines[-1]):
        return True
    return name_like(lines[0]) and role.fullmatch(lines[1]) is not None


def _printed_whole(block: RawBlock) -> bool:
    """A block already printed as one: two to ``_MAX_LINES`` short lines, signed."""
    return (
        2 <= len(block.lines) <= _MAX_LINES
        and all(len(t.split()) <= _LINE_WORDS and not _SENTENCE_END.search(t) for t in block.lines)
        and _signed(list(block.lines))
    )


def signature(state: ParseState) -> None:
    """Join each signature block into one block (see the module docstring)."""
    dated, postcode, role = _forms()
    printed = [t.strip() for t in state.text.splitlines()]
    if not any(dated.fullmatch(t) or postcode.search(t) or role.fullmatch(t) for t in printed):
        return  # no dating line, no postcode and no post: no block to join
    blocks, index = state.blocks, 0
    out: list[RawBlock] = []
    while index < len(blocks):
        block = blocks[index]
        after_text = bool(out) and not _short(out[-1])
        end = _run(blocks, index) if after_text else index
        run = blocks[index:end]
        if after_text and not block.single_line and _printed_whole(block):
            run, end = [block], index + 1  # its lines already one block: kept as they are
        elif not _signed([b.text for b in run]) or any(b.line in state.keep for b in run):
            out.append(block)
            index += 1
            continue
        lines = tuple(line for b in run for line in b.lines)
        raw = tuple(line for b in run for line in b.raw)
        out.append(RawBlock(block.line, lines, raw, block.indent, block.blanks_before))
        state.decide(block.line, "signature block", "signature: a notice's dated signature", 0.8)
        # its short lines are the signature's, not a menu or a list: not audited as such
        state.settled.update(range(block.line, block.line + len(lines)))
        index = end
    state.blocks = out


__all__ = ["signature"]
