"""Split a seed into raw blocks: runs of non-blank lines with their position.

This is the first, kind-independent step.  A block remembers its first line,
its indentation (blog comments are indented) and how many blank lines stood
before it (two or more mark a lost heading in some extracts).
"""

from __future__ import annotations

from dataclasses import dataclass

from sourcebook.text import clean_line


@dataclass(frozen=True, slots=True)
class RawBlock:
    #: 1-based line of the block's first line
    line: int
    #: cleaned lines (ends stripped, inner blank runs collapsed)
    lines: tuple[str, ...]
    #: the raw lines as in the seed, for the provenance record
    raw: tuple[str, ...]
    #: indentation of the first line, in characters
    indent: int
    #: blank lines between the previous block and this one
    blanks_before: int

    @property
    def text(self) -> str:
        """The block's lines joined by single spaces."""
        return " ".join(line for line in self.lines if line)

    @property
    def single_line(self) -> bool:
        return len(self.lines) == 1


def split_blocks(text: str) -> list[RawBlock]:
    """Group non-blank lines into blocks.

    >>> [(b.line, b.text, b.blanks_before) for b in split_blocks("A\\n\\nB\\nC\\n\\n\\n\\nD\\n")]
    [(1, 'A', 0), (3, 'B C', 1), (8, 'D', 3)]
    """
    blocks: list[RawBlock] = []
    current: list[tuple[int, str]] = []
    blanks = 0
    blanks_before = 0

    def flush() -> None:
        if not current:
            return
        first_no, first = current[0]
        indent = len(first) - len(first.lstrip(" \t\u00a0"))
        blocks.append(
            RawBlock(
                line=first_no,
                lines=tuple(clean_line(raw) for _, raw in current),
                raw=tuple(raw for _, raw in current),
                indent=indent,
                blanks_before=blanks_before,
            )
        )
        current.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        if clean_line(raw):
            if not current:
                blanks_before = blanks
            current.append((number, raw))
            blanks = 0
        else:
            flush()
            blanks += 1
    flush()
    return blocks
