"""The body pass: a run of raw blocks becomes model blocks.

Used for a document's body and for each comment's text.  Each block is
decided by the first rule that claims it, in this order: footnote
definitions, lists, tables, headings, outlet quotations, quotations,
paragraphs.  Every decision is recorded for ``--explain``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sourcebook.core.diagnostics import Code
from sourcebook.core.text import is_title_case
from sourcebook.model import Block, BlockQuote, Footnote, Heading, ListBlock, LostHeading
from sourcebook.parse.bareitems import declared_items, summary_points
from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.infobox import fields_table
from sourcebook.parse.inline import InlineRules, Piece, finish_paragraph, leading_anchor
from sourcebook.parse.leadlist import lead_in_items
from sourcebook.parse.linklists import link_lines, opens_link_section
from sourcebook.parse.listmarks import item_blocks, item_style
from sourcebook.parse.rules import (
    _BULLET,
    _FOOTNOTE_DEF,
    _GLUED_END,
    _HEADING_END,
    _OUTLET_LINE,
    after_lead_in,
    introduces_quote,
    is_heading,
    is_whole_quote,
)
from sourcebook.parse.sourcelist import source_items
from sourcebook.parse.state import ParseState
from sourcebook.parse.tables import build_table, is_row_block
from sourcebook.parse.vocabulary import vocabulary

#: a single line this long with no closing punctuation might be a heading
#: or a paragraph: the parser says it had to choose (SB603)
_UNSURE_HEADING_WORDS = range(11, 17)
_OPENING_QUOTE = re.compile(r"^[“\"‘]")


@dataclass(slots=True)
class _Open:
    pieces: list[Piece]
    line: int
    quoted: bool
    prefix: str = ""


@dataclass(slots=True)
class _OpenList:
    items: list[_Open]
    style: str
    line: int


Pending = Block | _Open | _OpenList


class Body:
    """Turns raw blocks into model blocks under one set of inline rules."""

    def __init__(
        self,
        state: ParseState,
        rules: InlineRules,
        allow_headings: bool,
        forced_headings: frozenset[int] = frozenset(),
    ) -> None:
        self.state = state
        self.rules = rules
        self.allow_headings = allow_headings
        #: lines a structure hint or an "[edit]" link made headings
        self.forced_headings = forced_headings
        self.out: list[Pending] = []
        #: an outlet line ("The Mirror.") opened a quotation still running
        self.outlet_quote: int | None = None
        self._quote_rule = ""
        #: the last heading opened a link-list section ("See also")
        self.link_section = False

    def build(self, blocks: list[RawBlock]) -> list[Block]:
        index = 0
        while index < len(blocks):
            index = self._step(blocks, index)
        if self.outlet_quote is not None:
            self.state.warn(
                self.outlet_quote,
                1,
                Code.QUOTE_END_GUESS,
                "the quotation after this outlet line never ends; closed at the end of the body",
            )
        return self._freeze()

    def _step(self, blocks: list[RawBlock], index: int) -> int:
        block = blocks[index]
        lines = block.lines
        # a definition line starts with "[": most blocks are told apart without a generator
        if (not lines or lines[0][:1] == "[") and all(_FOOTNOTE_DEF.match(ln) for ln in lines):
            self._footnotes(block)
            return index + 1
        if self.state.profile.lost_headings and block.blanks_before >= 2 and self.out:
            self.out.append(LostHeading(block.line - 1))
            self.state.decide(block.line - 1, "lost heading", "body: two or more blank lines")
        if item_style(blocks, index) is not None:
            return self._list(blocks, index)
        if is_row_block(block) and self._table_run(blocks, index) > index:
            return self._table(blocks, index)
        fields = self.state.fields.get(block.line)
        if fields:
            self.out.append(fields_table(self.state, block.line, fields, self.rules))
            return index + 1
        listed = self._lost_marks(blocks, index)
        if listed is not None:
            return listed
        if self._heading(blocks, index):
            last = self.out[-1]
            kind = self.state.profile.kind
            self.link_section = isinstance(last, Heading) and opens_link_section(last.text, kind)
            return index + 1
        self._end_outlet_quote(block)
        if self._outlet_line(blocks, index):
            return index + 1
        if block.line not in self.state.keep and lead_in_items(block):
            return self._lead_in_list(block, index)
        self._paragraph(block, quoted=self._quoted(blocks, index))
        return index + 1

    # -- rules -------------------------------------------------------------
    def _footnotes(self, block: RawBlock) -> None:
        for offset, line in enumerate(block.lines):
            match = _FOOTNOTE_DEF.match(line)
            assert match is not None
            label = self.rules.label_prefix + match.group(1)
            self.state.footnotes.append(Footnote(label, match.group(2), block.line + offset))
        self.state.decide(block.line, "footnote definitions", "body: [n] URL lines")

    def _table_run(self, blocks: list[RawBlock], index: int) -> int:
        """End (exclusive) of the run of row blocks starting at *index*."""
        end = index
        while end < len(blocks) and is_row_block(blocks[end]):
            end += 1
        rows = sum(len(b.lines) for b in blocks[index:end])
        return end if rows >= 2 else index

    def _table(self, blocks: list[RawBlock], index: int) -> int:
        end = self._table_run(blocks, index)
        first = not self.out
        self.out.append(build_table(self.state, blocks[index:end], self.rules, first))
        return end

    def _heading(self, blocks: list[RawBlock], index: int) -> bool:
        block = blocks[index]
        if block.line in self.forced_headings and block.single_line:
            self.out.append(Heading(block.text, block.line))
            self.outlet_quote = None
            if not any(
                d.line == block.line and d.became == "heading" for d in self.state.decisions
            ):
                self.state.decide(block.line, "heading", "hint: headings")
            return True
        if not self.allow_headings:
            return False
        if is_heading(block) and index + 1 < len(blocks) and not after_lead_in(blocks, index):
            self.out.append(Heading(block.text, block.line))
            self.state.decide(block.line, "heading", "body: short unpunctuated line")
            self.outlet_quote = None
            return True
        if not block.single_line:
            return False
        # at most one part more than the longest unsure heading: a long line is not split whole
        words = len(block.text.split(maxsplit=_UNSURE_HEADING_WORDS[-1]))
        if (
            words in _UNSURE_HEADING_WORDS
            and block.text[0].isupper()
            and not _HEADING_END.search(block.text)
            and not _GLUED_END.search(block.text)
            and is_title_case(block.text)
        ):
            self.state.warn(
                block.line,
                1,
                Code.HEADING_GUESS,
                f"a {words}-word line without closing punctuation: read as a paragraph,"
                " not a heading",
            )
        return False

    def _end_outlet_quote(self, block: RawBlock) -> None:
        """An outlet quotation ends at the next pasted link title (a Title-Case
        line without closing punctuation) or at a gap of two blank lines."""
        if self.outlet_quote is None:
            return
        title = is_title_case(block.text) and not _HEADING_END.search(block.text)
        if title or block.blanks_before >= 2:
            self.outlet_quote = None

    def _outlet_line(self, blocks: list[RawBlock], index: int) -> bool:
        block = blocks[index]
        if not (
            self.state.profile.outlet_quotes
            and block.single_line
            and _OUTLET_LINE.match(block.text)
            and block.text.rstrip(".").lower() not in vocabulary().not_outlets
            and index + 1 < len(blocks)
        ):
            return False
        self._paragraph(block, rule="outlet line: opens a quotation")
        self.outlet_quote = block.line
        return True

    def _quoted(self, blocks: list[RawBlock], index: int) -> bool:
        """Is this block quoted?  Sets :attr:`_quote_rule` to the rule that said so."""
        text = blocks[index].text
        previous = blocks[index - 1].text if index else ""
        if self.outlet_quote is not None:
            self._quote_rule = f"in the quotation opened by the outlet line {self.outlet_quote}"
        elif is_whole_quote(text):
            self._quote_rule = "one quotation, with its source"
        elif index and introduces_quote(previous):
            self._quote_rule = "after a reporting verb and a colon"
        elif previous.endswith(":") and _OPENING_QUOTE.match(text):
            self._quote_rule = "opens with a quotation mark after a colon"
        else:
            return False
        return True

    def _list(self, blocks: list[RawBlock], index: int) -> int:
        pattern, style = item_style(blocks, index) or (_BULLET, "bullet")
        items: list[_Open] = []
        line = blocks[index].line
        while index < len(blocks) and pattern.match(blocks[index].text):
            block = blocks[index]
            # items one a line with no blank line between: each line its own item
            whole = all(pattern.match(line) for line in block.lines)
            for item in explode([block]) if whole else item_blocks(block, pattern):
                stripped = pattern.sub("", item.text, count=1)
                cut = len(item.text) - len(stripped)
                pieces = self.state.pieces(stripped, item.line, self.rules)
                prefix = item.text[:cut].strip()
                items.append(_Open(pieces, item.line, quoted=False, prefix=prefix))
            index += 1
        self.out.append(_OpenList(items, style, line))
        self.state.decide(line, f"{style} list", "body: item marks")
        return index

    def _lost_marks(self, blocks: list[RawBlock], index: int) -> int | None:
        """A list whose marks the extract lost (the index after it), else ``None``."""
        listed = None if blocks[index].line in self.state.keep else self._sources(blocks, index)
        if listed is None:
            listed = self._link_step(blocks, index)
        return self._points(blocks, index) if listed is None else listed

    def _points(self, blocks: list[RawBlock], index: int) -> int | None:
        """Items whose marks were lost (:mod:`.bareitems`): the index after, else ``None``."""
        items, end = declared_items(blocks, index, self.state.bare_items)
        if items:
            self._bare_list(items, "body: lines a pass read as list items", 0.8)
            return end
        if any(isinstance(p, (_Open, _OpenList)) for p in self.out):
            return None
        end = summary_points(blocks, index)
        if end == index:
            return None
        self._bare_list(blocks[index:end], "body: summary points at the top", 0.8)
        return end

    def _sources(self, blocks: list[RawBlock], index: int) -> int | None:
        """Source lines under a "Sources" line (:mod:`.sourcelist`): the index after."""
        glued, items, end = source_items(blocks, index)
        if not items:
            return None
        if glued:
            self._paragraph(explode([blocks[index]])[0])
        self._bare_list(items, "body: source lines under 'Sources'", 0.8)
        return end

    def _lead_in_list(self, block: RawBlock, index: int) -> int:
        """A lead-in line, then its items one a line with their marks lost."""
        lines = explode([block])
        self._paragraph(lines[0])
        self._bare_list(lines[1:], "body: lower-case items after a lead-in")
        return index + 1

    def _bare_list(self, items: list[RawBlock], rule: str, score: float | None = None) -> None:
        """One bullet list of single-line *items* whose marks the extract lost."""
        opened = [
            _Open(self.state.pieces(i.text, i.line, self.rules), i.line, False) for i in items
        ]
        self.out.append(_OpenList(opened, "bullet", items[0].line))
        self.state.decide(items[0].line, "bullet list", rule, score)

    def _link_step(self, blocks: list[RawBlock], index: int) -> int | None:
        """In a link section, a list of link-like blocks (the index after it), else ``None``."""
        block = blocks[index]
        if self.link_section and block.line not in self.forced_headings and link_lines(block):
            if block.line in self.state.keep or not self._heads_prose(blocks, index):
                return self._link_list(blocks, index)
            self.state.warn(
                block.line,
                1,
                Code.STRUCTURE_UNSURE,
                f"a short line in a link section with prose after it: {block.text[:40]!r} read"
                f" as a heading, not a link (score 0.6); if it is a link, list line {block.line}"
                " in the document's structure hint 'keep'",
            )
        self.link_section = self.link_section and link_lines(block)
        return None

    def _link_list(self, blocks: list[RawBlock], index: int) -> int:
        """Consecutive link-like blocks of a "See also" section: one bullet list."""
        line = blocks[index].line
        items: list[_Open] = []
        while index < len(blocks) and link_lines(blocks[index]):
            block = blocks[index]
            kind = self.state.profile.kind
            if block.line in self.forced_headings or opens_link_section(block.text, kind):
                break
            if items and self._heads_prose(blocks, index) and block.line not in self.state.keep:
                break
            for offset, text in enumerate(block.lines):
                pieces = self.state.pieces(text, block.line + offset, self.rules)
                items.append(_Open(pieces, block.line + offset, quoted=False))
            index += 1
        self.out.append(_OpenList(items, "bullet", line))
        self.state.decide(line, "bullet list", "evidence: short lines in a link section", 0.8)
        return index

    def _heads_prose(self, blocks: list[RawBlock], index: int) -> bool:
        """A single line followed by a block that is not a list of links: a heading's shape."""
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        return blocks[index].single_line and following is not None and not link_lines(following)

    def _paragraph(self, block: RawBlock, quoted: bool = False, rule: str = "") -> None:
        pieces = self.state.pieces(block.text, block.line, self.rules)
        became = "quotation" if quoted else "paragraph"
        lead = leading_anchor(pieces)
        if lead is not None and self.state.profile.leading_markers_to_previous:
            target = self._last_open()
            if target is None:
                self.state.warn(
                    lead.line,
                    lead.col,
                    Code.ORPHAN_MARKER,
                    "marker opens the text: there is no sentence before it to attach to",
                )
            else:
                pieces.pop(0)
                if pieces and isinstance(pieces[0], str):
                    pieces[0] = pieces[0].lstrip()
                target.pieces.append(lead)
                if not pieces:
                    # a flag or marker alone on its line: it closed the block before
                    self.state.decide(block.line, "anchor of the block before", "body: lone")
                    return
        self.out.append(_Open(pieces, block.line, quoted=quoted))
        rule = rule or (self._quote_rule if quoted else "default")
        self.state.decide(block.line, became, f"body: {rule}")

    def _last_open(self) -> _Open | None:
        for node in reversed(self.out):
            if isinstance(node, _Open):
                return node
            if isinstance(node, _OpenList):
                return node.items[-1]
            return None
        return None

    # -- freezing ----------------------------------------------------------
    def _freeze(self) -> list[Block]:
        blocks: list[Block] = []
        for node in self.out:
            if isinstance(node, _Open):
                paragraph = finish_paragraph(
                    node.pieces, node.line, self.state.claims, self.state.ids
                )
                if not node.quoted:
                    blocks.append(paragraph)
                elif blocks and isinstance(blocks[-1], BlockQuote):
                    last = blocks[-1]
                    blocks[-1] = BlockQuote((*last.paragraphs, paragraph), last.line)
                else:
                    blocks.append(BlockQuote((paragraph,), node.line))
            elif isinstance(node, _OpenList):
                items = tuple(
                    finish_paragraph(i.pieces, i.line, self.state.claims, self.state.ids)
                    for i in node.items
                )
                labels = tuple(i.prefix for i in node.items)
                blocks.append(ListBlock(items, node.style, node.line, labels))
            else:
                blocks.append(node)
        return blocks


__all__ = ["Body"]
