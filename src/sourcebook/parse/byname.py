"""The author's name on the line under a dateline that ends in "by".

Trade and local news sites print the date and the word "by" on one line and the
author's name, a link, on the next ("Nov 30th, 2026 6:00am by" / NAME).  The
evidence (``date by line`` in ``layout.toml``) takes the date; when the page is read
one line a block the name stands in a block of its own, which this pass takes: the
single line right under the date line, a bare name (``name_like``), becomes the
``author``.  A line of text under the date ("The council met …") stays.
"""

from __future__ import annotations

from sourcebook.model import MetaField
from sourcebook.parse.journal import name_like
from sourcebook.parse.state import ParseState

#: the evidence whose line ends in "by"
_EVIDENCE = "date by line"


def by_name(state: ParseState) -> None:
    """Take the name under a "DATE by" line as the author (see the module docstring)."""
    dated = {d.line for d in state.decisions if d.rule == f"evidence: {_EVIDENCE}"}
    for index, block in enumerate(state.blocks):
        if block.line - 1 not in dated or not block.single_line or block.line in state.keep:
            continue
        if not name_like(block.text) or any(f.name == "author" for f in state.metadata):
            return
        state.metadata.append(MetaField("author", block.text, block.line))
        state.metadata.sort(key=lambda f: f.line)
        state.remove(block, "document metadata", "by_name: the name under a 'DATE by' line")
        del state.blocks[index]
        return


__all__ = ["by_name"]
