"""Nesting a headed thread's comments, and the lines around a comment header.

Extracts that keep a thread's indentation (Dreamwidth and LiveJournal, Forem,
LessWrong-like forums) show replies to replies: each level is indented more.
A comment's depth is the rank of its header's indentation among the thread's
header indentations; its parent is the nearest comment above it one level up.
Other reply cues ("replied", a "Replies" line) nest one level deep.

Some platforms print a *subject* line right above each comment header
("(no subject)", "Re: the flooded field"): it opens the comment's block, after
a blank line, and does not end a sentence.  It is removed as the comment's
subject, not read as the last line of the comment above.
"""

from __future__ import annotations

from dataclasses import replace

from sourcebook.model import Comment
from sourcebook.parse.blocks import RawBlock

#: a subject line has at most this many words
SUBJECT_WORDS = 10
_INDENTED = "its header indented"


def depths(indents: list[int], cues: list[str | None]) -> list[int]:
    """Each comment's depth from its header's indentation and its reply cue.

    >>> depths([0, 4, 8, 0, 4], ["", _INDENTED, _INDENTED, "", _INDENTED])
    [0, 1, 2, 0, 1]
    >>> depths([0, 0, 0], [None, "a replies line above", None])
    [0, 1, 0]
    """
    levels = sorted(set(indents))
    out: list[int] = []
    for indent, cue in zip(indents, cues, strict=True):
        if not cue:
            out.append(0)
        elif cue == _INDENTED:
            out.append(max(1, min(levels.index(indent), (out[-1] if out else 0) + 1)))
        else:
            out.append(1)
    return out


def named_depths(levels: list[int], names: list[dict[str, str]]) -> list[int]:
    """Deepen a reply whose header names the comment it answers (wpDiscuz's "Reply to
    NAME") under that comment when it is a reply itself: the nearest comment above by
    that author, with no comment at its level or above it between them.

    >>> named_depths([0, 1, 1], [{"name": "A"}, {"name": "B", "parent": "A"},
    ...                          {"name": "A", "parent": "B"}])
    [0, 1, 2]
    >>> named_depths([0, 1, 0, 1], [{"name": "A"}, {"name": "B", "parent": "A"},
    ...                             {"name": "C"}, {"name": "D", "parent": "B"}])
    [0, 1, 0, 1]
    >>> named_depths([0, 1, 1, 1], [{"name": "A"}, {"name": "B", "parent": "A"},
    ...                             {"name": "C", "parent": "A"}, {"name": "D", "parent": "B"}])
    [0, 1, 1, 1]
    """
    out = list(levels)
    for index, values in enumerate(names):
        parent = values.get("parent")
        if not parent or out[index] == 0:
            continue
        nearest = len(out)  # the lowest level between the reply and the comment named
        for above in range(index - 1, -1, -1):
            if names[above].get("name") == parent:
                if out[above] < nearest:
                    out[index] = out[above] + 1
                break
            nearest = min(nearest, out[above])
            if nearest == 0:
                break  # a top-level comment closes every thread above it
    return out


def linked_depths(levels: list[int], names: list[dict[str, str]]) -> list[int]:
    """The depth a header's thread links give, where the copy lost the indentation
    (a Hacker-News-like aggregator): "parent" (group ``child``) makes a reply, "root"
    and "parent" (group ``deep``) a reply to a reply; no deeper than one level below
    the comment above; a "Parent" link under the comment (``under``) one level below
    the comment above.  Headers without such links keep their level.

    >>> linked_depths([0, 0, 0, 0, 0], [{}, {"child": "parent"},
    ...     {"child": "parent", "deep": "root"}, {}, {"child": "parent", "deep": "root"}])
    [0, 1, 2, 0, 1]
    """
    out = list(levels)
    for index, values in enumerate(names):
        if values.get("under") == "above":  # a "Parent" link: under the comment above
            out[index] = out[index - 1] + 1 if index else 0
            continue
        if "child" not in values:
            continue
        wanted = 2 if "deep" in values else 1
        out[index] = min(wanted, out[index - 1] + 1) if index else 0
    return out


def assemble(flat: list[Comment]) -> list[Comment]:
    """The top-level comments, each reply under the nearest comment above it one
    level up (*flat* is in document order, each with its depth)."""
    children: dict[int, list[Comment]] = {}
    parents: list[int | None] = []
    stack: list[int] = []  # indexes of the open comments, one per depth
    for index, comment in enumerate(flat):
        del stack[comment.depth :]
        parents.append(stack[-1] if stack else None)
        stack.append(index)
    built: dict[int, Comment] = {}
    for index in range(len(flat) - 1, -1, -1):
        comment = replace(flat[index], replies=tuple(reversed(children.pop(index, []))))
        built[index] = comment
        parent = parents[index]
        if parent is not None:
            children.setdefault(parent, []).append(comment)
    return [built[i] for i, p in enumerate(parents) if p is None]


def is_subject(block: RawBlock, header: RawBlock) -> bool:
    """Is *block* the subject line printed right above the comment *header*?

    >>> from sourcebook.parse.blocks import split_blocks
    >>> first, header = (RawBlock(4, (t,), (t,), 0, b) for t, b in (("Re: the field", 1), ("x", 0)))
    >>> is_subject(first, replace(header, line=5))
    True
    >>> is_subject(replace(first, lines=("I agree.",)), replace(header, line=5))
    False
    """
    text = block.text.strip()
    return (
        block.single_line
        and block.blanks_before > 0
        and header.blanks_before == 0
        and header.line == block.line + 1
        and len(text.split()) <= SUBJECT_WORDS
        and not text.endswith((".", "!", "?", ":", "…"))
    )


__all__ = ["SUBJECT_WORDS", "assemble", "depths", "is_subject", "linked_depths", "named_depths"]
