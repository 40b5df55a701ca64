"""A line of running text hard-wrapped onto the next one.

Text-mode extractors and mail wrap each paragraph at a width (72 columns and the
like): a line of such a paragraph holds fewer words than the rules' "a line of
prose" thresholds, and the line below carries on its sentence.  Rules that look for
the first line of running text (a lead sentence that echoes the title) read such a
line as prose by its run-on, not by its length alone.
"""

from __future__ import annotations

import re

#: a wrapped line of running text holds at least this many words
WRAPPED_WORDS = 8
_ENDS = re.compile(r"[.!?:;…][”’\"')\]]*$")


def runs_on(line: str, below: str | None) -> bool:
    """*line* is a wrapped line of running text: words enough, no sentence end, and the
    line below (no blank line between) carries on in lower case.

    >>> runs_on("Holm Mill was a water-powered carding and scribbling", "mill on the brook.")
    True
    >>> runs_on("Holm Mill was a water-powered carding and scribbling", "Mill on the brook")
    False
    >>> runs_on("Holm Mill was a water-powered carding mill.", "it was burnt in 1887.")
    False
    """
    return (
        below is not None
        and below[:1].islower()
        and len(line.split()) >= WRAPPED_WORDS
        and _ENDS.search(line.rstrip()) is None
    )


#: a line a paragraph is wrapped at fills at least this many columns
WRAPPED_WIDTH = 40


def one_paragraph(lines: tuple[str, ...]) -> bool:
    """One line, or one paragraph hard-wrapped onto several: every line but the last
    fills the width and ends with no sentence end (the rules that want "a line of its
    own", a standfirst under the title, read such a paragraph as one).

    >>> wrapped = ("For fifty years Ann Oduya ran the films at the Roxy, the", "town's cinema.")
    >>> one_paragraph(wrapped[:1]), one_paragraph(wrapped)
    (True, True)
    >>> one_paragraph(("Home", "About"))
    False
    """
    return all(len(line) >= WRAPPED_WIDTH and not _ENDS.search(line) for line in lines[:-1])


__all__ = ["WRAPPED_WIDTH", "WRAPPED_WORDS", "one_paragraph", "runs_on"]
