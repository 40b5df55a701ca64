"""Line and column numbers from character offsets, in logarithmic time.

Every loader that reports a location (seeds, TOML files, the bibliography)
maps offsets through one :class:`LineIndex` built once per text, instead of
counting newlines from the start of the text for each lookup (which made
loading quadratic in the file size).

>>> index = LineIndex("ab\\ncd\\n\\nef")
>>> index.position(0), index.position(3), index.position(4), index.position(7)
((1, 1), (2, 1), (2, 2), (4, 1))
>>> index.line_start(2), index.line_count
(3, 4)
"""

from __future__ import annotations

import bisect
import re

_NEWLINE = re.compile("\n")


class LineIndex:
    """Offsets of line starts in *text*; lines and columns are 1-based."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        # one C-level scan; the list is the only per-text cost
        self._starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line(self, offset: int) -> int:
        """The 1-based line holding character *offset*."""
        return bisect.bisect_right(self._starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of character *offset*, both 1-based."""
        line = self.line(offset)
        return line, offset - self._starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        """The offset where 1-based *line* starts."""
        return self._starts[line - 1]
