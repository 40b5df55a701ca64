"""A title printed twice in a row at the foot of a long head: a note site's page.

Note-publishing sites and digital gardens print a long head above the note: the
site's name, a search box, the whole file tree one note a line, a breadcrumb
ending with the note's name, then the note's title.  The breadcrumb's last
item and the title are the same line twice in a row, right above the text (and
its tags); no other head prints a line twice running.  So when, among the
single-line blocks above the text's first paragraph of running text, a line is
followed at once by the same line, the second is the title, the first and
every line above are the site's chrome (the first of them, two words or more,
the site's name), reported when the head is shorter than ``_SURE_LINES``.
"""

from __future__ import annotations

from sourcebook.parse.auditshape import is_running
from sourcebook.parse.state import ParseState

#: the head (chrome and title) stands within this many blocks from the top
_WINDOW = 60
#: the title is a short line
_TITLE_WORDS = 15
#: a site's name has at least this many words
_SITE_WORDS = 2


def twice_title(state: ParseState) -> None:
    """Take a title printed twice in a row above the text (see the module docstring)."""
    if "title" in state.header or state.title_line is not None:
        return
    head = []
    for block in state.blocks[:_WINDOW]:
        if any(is_running(line) for line in block.lines):
            break
        head.append(block)
    else:
        return  # no running text in reach: not a note's head
    at = next(
        (
            i
            for i in range(1, len(head))
            if head[i].single_line
            and head[i - 1].single_line
            and head[i].text.casefold() == head[i - 1].text.casefold()
            and len(head[i].text.split()) <= _TITLE_WORDS
        ),
        None,
    )
    if at is None or any(b.line in state.keep for b in head[: at + 1]):
        return
    title = head[at]
    state.header["title"] = title.text
    state.title_line = title.line
    state.decide(title.line, "title", "twice_title: the line printed twice above the text", 0.8)
    first = head[0]
    if first.single_line and len(first.text.split()) >= _SITE_WORDS and at > 1:
        state.header.setdefault("site", first.text)
        state.remove(first, "site name", "twice_title: the first line of the head")
    else:
        state.remove(first, "site menu", "twice_title: a line above the title")
    for block in head[1 : at - 1]:
        state.remove(block, "site menu", "twice_title: a line above the title")
    if at > 1:
        state.remove(head[at - 1], "title printed again", "twice_title: the breadcrumb's last item")
    state.blocks = state.blocks[at + 1 :]


__all__ = ["twice_title"]
