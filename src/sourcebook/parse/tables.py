"""Tables flattened into ``|``-separated rows by extraction.

Wikipedia infoboxes and tables reach a text extract as lines such as
``Founded | 1966 | [3]`` with ``---|---|`` separator rows and empty-cell
artefacts (``a || b``), or as lines split by tabs into cells (mobile pages,
journal tables: ``Stone barn<TAB>112<TAB>81``).  A run of at least two such
lines becomes a :class:`~sourcebook.model.Table` (a run of tab rows inside a
block, under a caption or an infobox's title, is split off first); a marker in
a cell supports its row.
"""

from __future__ import annotations

import re

from sourcebook.core.diagnostics import Code
from sourcebook.model import Claim, Paragraph, Removed, Table, TableRow
from sourcebook.parse.blocks import RawBlock, sub_block
from sourcebook.parse.inline import InlineRules, PendingAnchor, Piece, finish_paragraph
from sourcebook.parse.rules import is_heading
from sourcebook.parse.state import ParseState

_SEPARATOR_CELL = re.compile(r":?-{2,}:?")
#: an infobox's head (name, image, caption) has at most this many lines
_HEAD_LINES = 3
_SENTENCE_END = re.compile(r"[.!?…][\"”’')]*$")


def row_cells(line: str) -> list[str] | None:
    """The cells of a table row, or None if *line* is not one.

    A leading or trailing ``|`` frames the row and adds no cell.

    >>> row_cells("| Founded | 1966 |"), row_cells("a || b")
    (['Founded', '1966'], ['a', '', 'b'])
    >>> row_cells("Log Out / Change"), row_cells("| lone |")
    (None, None)
    """
    if "|" not in line:
        return None
    cells = [cell.strip() for cell in line.strip().split("|")]
    if line.strip().startswith("|"):
        cells = cells[1:]
    if line.strip().endswith("|") and cells:
        cells = cells[:-1]
    return cells if len(cells) >= 2 else None


def tab_cells(raw: str) -> list[str] | None:
    """The cells of a line split by tabs, or None if it has fewer than two.

    >>> tab_cells("Stone barn\\t112\\t81"), tab_cells("one\\ttab"), tab_cells("no tabs")
    (['Stone barn', '112', '81'], ['one', 'tab'], None)
    """
    if "\t" not in raw:
        return None
    cells = [" ".join(cell.split()) for cell in raw.strip().split("\t")]
    cells = [cell for cell in cells if cell]
    return cells if len(cells) >= 2 else None


def split_tab_runs(blocks: list[RawBlock]) -> list[RawBlock]:
    """*blocks* with every run of two or more tab rows made a block of its own (a lone
    tab row stays with the text around it)."""
    out: list[RawBlock] = []
    for block in blocks:
        rows = [tab_cells(raw) is not None for raw in block.raw]
        # a line belongs to a run when it and a neighbour are both tab rows
        run = [
            row and ((i > 0 and rows[i - 1]) or (i + 1 < len(rows) and rows[i + 1]))
            for i, row in enumerate(rows)
        ]
        if not any(run) or all(run):
            out.append(block)
            continue
        start = 0
        for offset in range(1, len(run) + 1):
            if offset == len(run) or run[offset] != run[start]:
                out.append(sub_block(block, start, offset))
                start = offset
    return out


def infobox_heads(state: ParseState, blocks: list[RawBlock]) -> list[RawBlock]:
    """*blocks* less the infobox's head: up to three short lines with no sentence end
    printed right above (no blank line) a run of two-cell rows -- the infobox's name,
    its image's alt text and the caption.  Removed, since they are the box's, not the
    article's.  Only in the lead, where an infobox stands: above the first row run
    and the first section heading; below them two-cell rows are a body table and
    the line above it is its caption or its section's heading."""
    out: list[RawBlock] = []
    lead = True
    for index, block in enumerate(blocks):
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if lead and (is_row_block(block) or (block.single_line and _stands_alone(blocks, index))):
            lead = False  # a table or a section heading: the lead has ended
        if (
            lead
            and after is not None
            and block.line + len(block.lines) == after.line
            and is_row_block(after)
            and len(block.lines) <= _HEAD_LINES
            and not is_row_block(block)  # a row of the table itself (one row a block)
            and not any(n in state.keep for n in range(block.line, after.line))
            and not any(_SENTENCE_END.search(line) for line in block.lines)
            and _two_cells(after)
        ):
            state.remove(block, "infobox head", "body: short lines right above an infobox")
            continue
        out.append(block)
    return out


def _stands_alone(blocks: list[RawBlock], index: int) -> bool:
    """A heading's shape: a short line with no sentence end, a blank line below it."""
    block, after = blocks[index], blocks[index + 1] if index + 1 < len(blocks) else None
    gap = after is None or after.line > block.line + 1
    return gap and is_heading(block)


def _two_cells(block: RawBlock) -> bool:
    return all(
        len(row_cells(line) or tab_cells(raw) or []) == 2
        for line, raw in zip(block.lines, block.raw, strict=True)
    )


def is_separator(cells: list[str]) -> bool:
    """``---|:---:`` rows carry no text.

    >>> is_separator(["---", ":---:"]), is_separator(["---", "x"]), is_separator(["", ""])
    (True, False, False)
    """
    filled = [c for c in cells if c]
    return bool(filled) and all(_SEPARATOR_CELL.fullmatch(c) for c in filled)


def is_row_block(block: RawBlock) -> bool:
    if block.raw and "\t" in block.raw[0] and all(tab_cells(r) is not None for r in block.raw):
        return True
    if block.lines and "|" not in block.lines[0]:
        return False  # the common case, decided without a generator
    return all(row_cells(line) is not None for line in block.lines)


def _empty_columns(rows: list[list[str]]) -> set[int]:
    """Columns empty in every row: extraction artefacts, not data.

    >>> _empty_columns([["a", "", "x"], ["b", ""]]), _empty_columns([["a", ""], ["", "b"]])
    ({1}, set())
    """
    width = max(len(r) for r in rows)
    return {c for c in range(width) if all(c >= len(r) or not r[c] for r in rows)}


def _lines(blocks: list[RawBlock]) -> list[tuple[int, str, str]]:
    return [
        (block.line + offset, line, block.raw[offset])
        for block in blocks
        for offset, line in enumerate(block.lines)
    ]


def _cell_pieces(
    state: ParseState, cells: list[str], line: int, rules: InlineRules
) -> list[list[Piece]]:
    out: list[list[Piece]] = []
    for cell in cells:
        pieces = state.pieces(cell, line, rules)
        out.append(pieces)
    return out


def _plain(pieces: list[Piece]) -> str:
    return "".join(p for p in pieces if isinstance(p, str)).strip()


def build_table(
    state: ParseState, blocks: list[RawBlock], rules: InlineRules, first_in_body: bool
) -> Table:
    """Build a table from consecutive row blocks, recording what layout it drops."""
    layout: list[str] = []
    data: list[tuple[int, list[str]]] = []
    header = False
    for number, text, raw in _lines(blocks):
        cells = row_cells(text) or tab_cells(raw) or []
        layout.append("|" * raw.count("|"))
        if is_separator(cells):
            header = header or len(data) == 1
            layout.append(text.replace("|", ""))
            continue
        data.append((number, cells))
    line = blocks[0].line
    state.removed.append(Removed(line, "".join(layout), "table layout"))
    dropped = _empty_columns([cells for _, cells in data])
    rows_cells = [[c for i, c in enumerate(cells) if i not in dropped] for _, cells in data]
    widths = {len(cells) for cells in rows_cells}
    if len(widths) > 1:
        state.warn(
            line,
            1,
            Code.TABLE_RAGGED,
            f"table rows have {min(widths)} to {max(widths)} cells; short rows padded",
        )
    width = max(widths)
    rows: list[TableRow] = []
    for index, (number, _) in enumerate(data):
        cells = rows_cells[index] + [""] * (width - len(rows_cells[index]))
        pieces = _cell_pieces(state, cells, number, rules)
        context = " | ".join(_plain(p) for p in pieces)
        paragraphs = tuple(_finish(state, p, number, context) for p in pieces)
        rows.append(TableRow(paragraphs, number))
    infobox = first_in_body and width == 2 and not header
    role = "infobox" if infobox else "table"
    rule = "first block, two columns, no header row" if infobox else "consecutive rows of cells"
    state.decide(line, role, f"body: {rule}")
    return Table(tuple(rows), line, role, header)


def _finish(state: ParseState, pieces: list[Piece], line: int, context: str) -> Paragraph:
    claims: list[Claim] = state.claims
    return finish_paragraph(pieces, line, claims, state.ids, context=context)


__all__ = [
    "PendingAnchor",
    "build_table",
    "infobox_heads",
    "is_row_block",
    "is_separator",
    "row_cells",
    "split_tab_runs",
    "tab_cells",
]
