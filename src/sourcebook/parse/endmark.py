"""An entry's end marker: the page says where its text ends.

Registers, dictionaries and archives print a line under an entry's last line
("End of official register entry", "End of entry", "— End of record —").  The
line is the site's furniture, removed; it is also evidence that the text above
it is whole, so a last line with no closing punctuation (a source list's "…,
66-71") is no cut-off.  The marker's forms are data (``[end_mark] pattern`` in
``layout.toml``).
"""

from __future__ import annotations

import functools
import re

from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table


@functools.cache
def _pattern() -> re.Pattern[str]:
    return re.compile(layout_table("end_mark")["pattern"], re.IGNORECASE)


def is_end_mark(text: str) -> bool:
    """*text* is an end marker.

    >>> is_end_mark("End of official register entry"), is_end_mark("End of the war")
    (True, False)
    """
    return bool(_pattern().fullmatch(text.strip()))


def end_mark_line(state: ParseState) -> int | None:
    """The line of the first end marker the page's furniture rules removed, if any:
    the page's footer starts there at the earliest."""
    lines = [r.line for r in state.removed if any(is_end_mark(t) for t in r.text.splitlines()[:1])]
    return min(lines) if lines else None


def marked_end(state: ParseState, line: int) -> bool:
    """A removed end marker stands below *line*: the text ends there, whole."""
    end = end_mark_line(state)
    return end is not None and end > line


__all__ = ["end_mark_line", "is_end_mark", "marked_end"]
