"""Column widths for the manual's tables in print, from what their cells hold.

Left to itself, LaTeX's ``tabulary`` gives a column of short code names (a
package path, a checker code) so little room that the names stand out of the
page: 124 overfull boxes over 5 pt in the manual's PDF came from its tables.
Here each table gets explicit widths (Sphinx's ``colwidths-given``): every
column is at least as wide as its longest unbreakable word, and the room
left is shared in proportion to how much text the column's cells hold.
A table too wide for any widths (nine columns of long code names) is printed
as a list instead: one entry per row, named by its first cell, with each
other cell under its column's heading.  The HTML keeps its own automatic
layout (the hook runs for LaTeX only).
"""

from __future__ import annotations

import re

from docutils import nodes

#: a column whose every cell is at most this long joins the row's name in a list
SHORT = 24
#: characters across the text block, counted low (monospace is wider than serif)
LINE = 68
#: where a word may break in the manual's PDF: at spaces, and after - and _ (in inline code
#: also after . , ; / but not between a code word and the text around it)
_BREAKS = re.compile(r"(?<=[-_])|\s+")


def longest_word(text: str) -> int:
    """The length of the longest piece of *text* that cannot break across lines.

    >>> longest_word("the sourcebook-config directive")  # "sourcebook-"
    11
    """
    return max((len(word) for word in _BREAKS.split(text)), default=0)


def column_widths(columns: list[list[str]], line: int = LINE) -> list[int]:
    """Percent widths of columns whose cells hold the texts *columns* lists.

    Each column gets its longest word plus one, then a share of what is left
    of *line* in proportion to its mean cell length.

    >>> column_widths([["SB101", "SB102"], ["a long description " * 4, "another one " * 5]])
    [15, 85]
    """
    need = [max((longest_word(cell) for cell in cells), default=1) + 1 for cells in columns]
    mean = [sum(len(cell) for cell in cells) / max(len(cells), 1) + 1 for cells in columns]
    spare = max(line - sum(need), 0)
    widths = [n + spare * m / sum(mean) for n, m in zip(need, mean, strict=True)]
    return [max(1, round(100 * w / sum(widths))) for w in widths]


def _columns(group: nodes.tgroup) -> list[list[str]]:
    count = int(group["cols"])
    columns: list[list[str]] = [[] for _ in range(count)]
    for row in group.findall(nodes.row):
        entries = [e for e in row.children if isinstance(e, nodes.entry)]
        if len(entries) != count:
            return []  # spanning cells: leave the table to LaTeX
        for column, entry in zip(columns, entries, strict=True):
            column.append(entry.astext())
    return columns


def too_wide(columns: list[list[str]], line: int = LINE) -> bool:
    """Whether the columns' longest words alone take more than *line*.

    >>> too_wide([["wikipedia/references-edit-section"]] * 3)  # 3 x 22 characters
    False
    >>> too_wide([["wikipedia/references-edit-section"]] * 4)
    True
    """
    return sum(max(longest_word(c) for c in cells) + 1 for cells in columns) > line


def _cells(row: nodes.row) -> list[nodes.entry]:
    return [e for e in row.children if isinstance(e, nodes.entry)]


def as_records(group: nodes.tgroup) -> nodes.definition_list:
    """The table's rows as a list: the first cell names each, the others follow as fields.

    Columns of short values (a severity, a code name) join the name on its line,
    after a middle dot, so that a hundred rows do not take a hundred half-empty
    blocks; the longer columns follow as fields under their headings.
    """
    head = next(iter(group.findall(nodes.thead)), None)
    rows = list(group.findall(nodes.row))
    headers = [e.astext() for e in _cells(rows[0])] if head is not None else []
    body = rows[1:] if headers else rows
    short = [all(len(_cells(r)[i].astext()) <= SHORT for r in body) for i in range(len(rows[0]))]
    records = nodes.definition_list()
    for row in body:
        cells = _cells(row)
        term = nodes.term()
        for index, cell in enumerate(cells):
            if index and not short[index]:
                continue
            if index:
                term += nodes.Text(" · ")
            for paragraph in cell.findall(nodes.paragraph):
                term.extend(child.deepcopy() for child in paragraph.children)
        fields = nodes.field_list()
        for index, cell in enumerate(cells):
            if index and not short[index]:
                name = headers[index] if index < len(headers) else str(index + 1)
                content = nodes.field_body("", *(child.deepcopy() for child in cell.children))
                fields += nodes.field("", nodes.field_name(text=name), content)
        records += nodes.definition_list_item("", term, nodes.definition("", fields))
    return records


def fit_columns(doctree: nodes.document) -> None:
    """Give every table of *doctree* explicit column widths from its cells."""
    for table in list(doctree.findall(nodes.table)):
        group = next(iter(table.findall(nodes.tgroup)), None)
        columns = _columns(group) if group is not None else []
        if not columns or group is None:
            continue
        if too_wide(columns):
            table.replace_self(as_records(group))
            continue
        specs = [c for c in group.children if isinstance(c, nodes.colspec)]
        for spec, width in zip(specs, column_widths(columns), strict=True):
            spec["colwidth"] = width
        classes = [c for c in table["classes"] if c not in ("colwidths-auto", "longtable")]
        # a longtable may break across pages: a fixed-width tabular taller than the
        # page (the package map) stood 65 pt below it
        table["classes"] = [*classes, "colwidths-given", "longtable"]


def breakable_slashes(doctree: nodes.document) -> None:
    """A line may break after a slash between two code words (``url``/``publisher``/…).

    Inside inline code LaTeX breaks after a slash already; one standing in the
    text between code words is an ordinary character, and a chain of six such
    words stood 14 pt out of the page.
    """
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if text.astext() != "/" or parent is None:
            continue
        index = parent.index(text)
        if index and isinstance(parent[index - 1], nodes.literal):
            parent.insert(index + 1, nodes.raw("", r"\allowbreak{}", format="latex"))
