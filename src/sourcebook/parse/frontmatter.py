"""An ebook edition's front matter printed before the text: "Imprint" and its paragraph.

Volunteer ebook producers print their editions' standard sections on the
read-online page: the imprint (who prepared the edition, from which scan, under
which licence) and a contents list before the text, a colophon and a dedication
to the public domain after it (``[tail] late_starts``).  Read as text, the
imprint's heading becomes a subtitle or a heading and its paragraph the text's
first.  The evidence is the heading (``[front_matter] headings`` in
``layout.toml``) among the first ``top_blocks`` blocks, followed by blocks up to a
line another rule already removed (the contents list) or a second front heading:
those blocks are the front matter, removed.  Without such an end the heading and
its section stay (a text may have a section headed "Imprint").
"""

from __future__ import annotations

import functools

from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: an imprint's section holds at most this many blocks
_MOST_BLOCKS = 4


@functools.cache
def _front() -> tuple[frozenset[str], int]:
    data = layout_table("front_matter")
    return frozenset(h.casefold() for h in data["headings"]), int(data["top_blocks"])


def front_matter(state: ParseState) -> None:
    """Remove the edition's front matter (see the module docstring)."""
    headings, top = _front()
    removed = {r.line for r in state.removed}
    for index, block in enumerate(state.blocks[:top]):
        if not block.single_line or block.text.strip().casefold() not in headings:
            continue
        end = index + 1
        while end < len(state.blocks) and end - index <= _MOST_BLOCKS:
            last = state.blocks[end - 1]
            after = last.line + len(last.lines)
            if after in removed or state.blocks[end].text.strip().casefold() in headings:
                break
            end += 1
        else:
            continue
        section = state.blocks[index:end]
        if any(b.line in state.keep for b in section):
            return
        for cut in section:
            state.remove(cut, "front matter", "front_matter: an edition's imprint")
        del state.blocks[index:end]
        return


__all__ = ["front_matter"]
