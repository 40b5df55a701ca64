"""A comment quoting an earlier post: the attribution line, then the quotation.

Forums print a reply's quotation of an earlier post as an attribution line
("Ossie Kettering wrote: ↑Sat Jan 13, 2024 8:02 pm", Discourse's bare
"Dunstan_Pyke:") and the quoted words below it, often with the reply's own
text right after in the same block.  The attribution forms are data
(``quote_attributions`` in ``[paired_comments]``).  The quotation is the run
of lines after the attribution that stand word for word earlier in the text
(what was quoted); after a reporting word ("wrote:") with no such line, it
is the rest of the block.  The attribution stays as the comment's text; the
quotation becomes a block quote; the lines after it stay the comment's text.
"""

from __future__ import annotations

import functools
import re

from sourcebook.model import Block, BlockQuote, Paragraph, Removed
from sourcebook.parse.blocks import RawBlock, sub_block
from sourcebook.parse.body import Body
from sourcebook.parse.inline import InlineRules
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table


@functools.cache
def _attributions() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in layout_table("paired_comments")["quote_attributions"])


def _quoted_run(state: ParseState, block: RawBlock, offset: int) -> int:
    """How many lines after the attribution at *offset* are the quotation (0: none)."""
    match = next((m for p in _attributions() if (m := p.fullmatch(block.lines[offset]))), None)
    if match is None:
        return 0
    earlier = state.text[: state.text.find(block.raw[offset])] if block.raw[offset] else ""
    count = 0
    for line in block.lines[offset + 1 :]:
        if len(line.split()) < 3 or line not in earlier:
            break
        count += 1
    if count == 0 and match.groupdict().get("verb"):
        count = len(block.lines) - offset - 1
    return count


#: a line quoted the way mail and Markdown quote ("> the words quoted")
_MARKED = re.compile(r"> ?(?P<text>\S.*)")


def marked_quote(state: ParseState, rules: InlineRules, block: RawBlock) -> BlockQuote | None:
    """A block whose every line opens with ">" is a quotation: its marks are kept in the
    provenance record, its words become a block quote."""
    found = [_MARKED.fullmatch(t) for t in block.lines]
    if not all(found):
        return None
    lines = tuple(m.group("text") for m in found if m)
    for offset, raw in enumerate(block.raw):
        state.removed.append(Removed(block.line + offset, raw[: raw.find(">") + 1], "quote mark"))
    quoted = RawBlock(block.line, lines, block.raw, block.indent, block.blanks_before)
    paragraphs = Body(state, rules, allow_headings=False).build([quoted])
    state.decide(block.line, "quote", "quotes: lines marked '>'")
    return BlockQuote(tuple(p for p in paragraphs if isinstance(p, Paragraph)), block.line)


#: a comment's opening line that repeats an earlier post has at least this many words
_ECHO_WORDS = 5
_CLOSING = ".!?…:;,\"”’' "


@functools.lru_cache(maxsize=2)
def _lowered(text: str) -> str:
    return text.lower()


@functools.lru_cache(maxsize=2)
def _line_starts(text: str) -> tuple[int, ...]:
    """Where each line of *text* starts."""
    return (0, *(i + 1 for i, c in enumerate(text) if c == "\n"))


def _echo_quote(state: ParseState, rules: InlineRules, body: list[RawBlock]) -> Block | None:
    """A comment opening with a line that repeats words of an earlier post (case and a
    closing stop aside), with the comment's own text after it: a quotation whose "> "
    mark the copy lost (a code host's quote reply).  The line becomes a block quote."""
    if not body or (len(body[0].lines) == 1 and len(body) == 1):
        return None
    first = body[0]
    words = first.lines[0].rstrip(_CLOSING).split()
    at = _line_starts(state.text)[first.line - 1]
    if len(words) < _ECHO_WORDS or first.line in state.keep:
        return None
    if _lowered(state.text).find(" ".join(words).lower(), 0, at) < 0:
        return None
    paragraphs = Body(state, rules, allow_headings=False).build([sub_block(first, 0, 1)])
    state.decide(first.line, "quote", "quotes: an opening line repeating an earlier post")
    return BlockQuote(tuple(p for p in paragraphs if isinstance(p, Paragraph)), first.line)


def comment_blocks(state: ParseState, rules: InlineRules, body: list[RawBlock]) -> list[Block]:
    """The comment's blocks, with quotations of earlier posts as block quotes."""
    echo = _echo_quote(state, rules, body)
    if echo is not None:
        rest = [sub_block(body[0], 1, len(body[0].lines))] if len(body[0].lines) > 1 else []
        return [echo, *comment_blocks(state, rules, rest + body[1:])]
    out: list[Block] = []
    plain: list[RawBlock] = []
    for block in body:
        marked = marked_quote(state, rules, block) or _inline_quote(state, rules, block)
        if marked is not None:
            out += Body(state, rules, allow_headings=False).build(plain)
            plain = []
            out.append(marked)
            continue
        start = 0
        for offset in range(len(block.lines) - 1):
            if offset < start:
                continue
            count = _quoted_run(state, block, offset)
            if count == 0:
                continue
            plain.append(sub_block(block, start, offset + 1))  # the text and the attribution
            out += Body(state, rules, allow_headings=False).build(plain)
            plain = []
            quote = sub_block(block, offset + 1, offset + 1 + count)
            paragraphs = Body(state, rules, allow_headings=False).build([quote])
            out.append(
                BlockQuote(tuple(p for p in paragraphs if isinstance(p, Paragraph)), quote.line)
            )
            state.decide(quote.line, "quote", "quotes: the quotation under an attribution line")
            start = offset + 1 + count
        if start < len(block.lines):
            plain.append(sub_block(block, start, len(block.lines)))
    return out + Body(state, rules, allow_headings=False).build(plain)


@functools.cache
def _inline_forms() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in layout_table("paired_comments")["inline_quotes"])


def _inline_quote(state: ParseState, rules: InlineRules, block: RawBlock) -> BlockQuote | None:
    """A one-line block 'NAME wrote: "…"': the words in quotation marks become a block
    quote; the attribution before them and the closing mark go to the record."""
    if not block.single_line:
        return None
    line = block.lines[0]
    match = next((m for p in _inline_forms() if (m := p.fullmatch(line))), None)
    if match is None:
        return None
    raw = block.raw[0]
    start = raw.find(match.group("quote"))
    if start < 0:
        return None  # spaces the cleaning collapsed inside the quotation: left as text
    end = start + len(match.group("quote"))
    state.removed.append(Removed(block.line, raw[:start], "quote attribution"))
    state.removed.append(Removed(block.line, raw[end:], "quote mark"))
    quoted = RawBlock(block.line, (match.group("quote"),), (raw[start:end],), 0, 0)
    paragraphs = Body(state, rules, allow_headings=False).build([quoted])
    state.decide(block.line, "quote", "quotes: an attribution with its quotation on one line")
    return BlockQuote(tuple(p for p in paragraphs if isinstance(p, Paragraph)), block.line)


__all__ = ["comment_blocks", "marked_quote"]
