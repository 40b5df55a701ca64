"""A forum topic's title, printed with its category and tags above the opening post.

Discourse-like forums print the topic's title, then its category and tags one
a line, then the opening post's header (the author, then the date).  Read
as a page, that block sits between the site's masthead and the post, so the
header rule may have taken a masthead line ("Log In") as the title.  The
evidence is the place: the block right above the opening post's header whose
first line reads as a header line and whose other lines are short labels.
Its first line is the title, the next the category, the rest tags; a title
taken before from a line above it is re-read as masthead and reported (SB608).
"""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.model import MetaField, Removed
from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.state import ParseState
from sourcebook.parse.title import header_like

#: a category or tag label has at most this many words
_LABEL_WORDS = 4


def topic_title(state: ParseState, header_line: int) -> None:
    """Take the title, category and tags above the opening post's header at *header_line*."""
    run = _run_above(state, header_line)
    if len(run) < 2 or any(b.line in state.keep for b in run):
        return
    if state.title_line is not None and state.title_line == run[0].line - 1:
        labels = run  # the header pass took the title line just above the labels
    else:
        labels = run[1:]
        if not header_like(run[0]):
            return
    if not all(_label(b.text) for b in labels):
        return
    if labels is not run:
        _replace_title(state, run[0].text, run[0].line)
    for index, label in enumerate(labels):
        field = "category" if index == 0 else "tag"
        state.metadata.append(MetaField(field, label.text, label.line))
        state.removed.append(Removed(label.line, label.raw[0], "post metadata"))
        state.decide(label.line, f"metadata ({field})", "topic: a label under the title", 0.8)
    state.metadata.sort(key=lambda f: f.line)
    taken = {b.line for b in run}
    kept: list[RawBlock] = []
    for block in state.blocks:
        lines = set(range(block.line, block.line + len(block.lines)))
        if lines & taken:
            kept += [b for b in explode([block]) if b.line not in taken]
        else:
            kept.append(block)
    state.blocks = kept


def _run_above(state: ParseState, header_line: int) -> list[RawBlock]:
    """The lines printed together (no blank line between) last above *header_line*."""
    lines = [b for b in explode(state.blocks) if b.line < header_line]
    if not lines:
        return []
    run = [lines[-1]]
    for line in reversed(lines[:-1]):
        if run[0].blanks_before or line.line != run[0].line - 1:
            break
        run.insert(0, line)
    return run


def _label(text: str) -> bool:
    return 0 < len(text.split()) <= _LABEL_WORDS and not text.endswith((".", "!", "?", ":"))


def _replace_title(state: ParseState, title: str, line: int) -> None:
    before = state.header.get("title")
    old = state.title_line
    state.header["title"] = title
    state.title_line = line
    state.decide(line, "title", "topic: the line above the opening post's labels", 0.8)
    if before is None or old is None:
        return
    state.removed.append(Removed(old, before, "masthead"))
    state.decide(old, "removed (masthead)", "topic: a line above the topic's title")
    state.warn(
        old,
        1,
        Code.STRUCTURE_UNSURE,
        f"re-read {before[:40]!r} as page furniture: the topic's title stands above the"
        f" opening post (score 0.80); if it is the title, set 'title_line' to {old}",
    )


__all__ = ["topic_title"]
