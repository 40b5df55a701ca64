"""Parts a kind's page has that the rules did not read: notes, a thread, a title.

A finished page can miss a part its text plainly holds, whatever the site:

* the notes: lines that open with a note mark ("^", "↑", "1.") or close with a
  back-link ("↩"), after the text, while the page has no notes and its text
  carries markers or numbers glued to sentence ends (:func:`notes_unread`);
* the thread: a blog post whose body holds a comments heading ("Comments",
  "3 Comments", "Comments (3)") with text below it, and no comment was read
  (:func:`thread_unread`);
* the title: a row of links ("Home | Archives | About") taken as the title
  (:func:`menu_title`).

Each is one located SB608 finding naming the hint that overrides it (see
:mod:`sourcebook.parse.audit`); the forms are ``[audit_parts]`` in ``layout.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sourcebook.model import Comment, Heading, Paragraph
from sourcebook.parse.auditpage import Finding, Page, quote
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.vocabulary import layout_table

#: a note number glued to the line's closing sentence end ("often.2")
_GLUED_END = re.compile(r"(?<=[.!?…])\d{1,3}$")
_ENDS = re.compile(r"[.!?…:;,][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class Parts:
    """The forms of ``[audit_parts]`` (documented there)."""

    note_line: re.Pattern[str]
    glued_number: re.Pattern[str]
    comments_head: re.Pattern[str]
    no_comments: re.Pattern[str]
    separator: re.Pattern[str]
    menu_items: int
    tail_words: int


@functools.cache
def parts() -> Parts:
    data = layout_table("audit_parts")
    return Parts(
        note_line=re.compile(data["note_line"]),
        glued_number=re.compile(data["glued_number"]),
        comments_head=re.compile(data["comments_head"], re.IGNORECASE),
        no_comments=re.compile(data["no_comments"], re.IGNORECASE),
        separator=re.compile(data["separator"]),
        menu_items=int(data["menu_items"]),
        tail_words=int(data["tail_words"]),
    )


def _span(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _paragraphs(page: Page) -> list[Paragraph]:
    return [b for b in page.document.blocks if isinstance(b, Paragraph)]


def _last_running(page: Page, before: int) -> int | None:
    """The last line of running text above line *before* (the text's end)."""
    found = None
    for block in _paragraphs(page):
        for offset, line in enumerate(page.raw(block)):
            if block.line + offset < before and is_running(_GLUED_END.sub("", line)):
                found = block.line + offset
    return found


def _note_run(page: Page) -> list[tuple[int, str]]:
    """The note lines of the paragraphs mostly made of them, in order."""
    run: list[tuple[int, str]] = []
    for block in _paragraphs(page):
        raw = page.raw(block)
        notes = [(block.line + i, x) for i, x in enumerate(raw) if parts().note_line.match(x)]
        if notes and 2 * len(notes) >= len(raw):
            run.extend(notes)
    return run


def _numbered_from_one(run: list[tuple[int, str]]) -> bool:
    numbers = [re.match(r"\[?(\d{1,3})", text) for _, text in run]
    return all(numbers) and [int(m.group(1)) for m in numbers if m] == list(range(1, len(run) + 1))


def _cited(page: Page, run: list[tuple[int, str]]) -> bool:
    """Note lines that are notes though no marker was read: caret or arrow marks, a
    back-link, or numbers from 1 with numbers glued to sentence ends above them."""
    if "↩" in run[0][1] or all(not t[:1].isdigit() and not t.startswith("[") for _, t in run):
        return True
    first = run[0][0]
    glued = any(
        n < first and parts().glued_number.search(line)
        for b in _paragraphs(page)
        for n, line in enumerate(page.raw(b), b.line)
    )
    return glued and _numbered_from_one(run)


def notes_unread(page: Page) -> Iterator[Finding]:
    """Note lines kept as text while the page has no notes (see the module docstring)."""
    document = page.document
    if document.footnotes:
        return
    run = _note_run(page)
    if len(run) < 2 or any(n in page.keep for n, _ in run):
        return
    first, last = run[0][0], run[-1][0]
    # a marker opening its own line is that line's number, not a citation of a note:
    # lines made of "[1] The group met …" cite nothing
    cited_by = {
        m
        for c in document.claims
        for m in c.markers
        if not page.lines[c.line - 1].lstrip().startswith(f"[{m}]")
    }
    markers = sorted(cited_by, key=lambda m: (len(m), m))
    if not (markers or _cited(page, run)):
        return
    end = _last_running(page, first)
    # 'body_end' would end the page there, and a comment thread read below it with it:
    # with comments, only listing the note lines is advice that leaves the rest as it is
    threaded = any(isinstance(b, Comment) for b in document.blocks)
    where = (
        f"set 'body_end' to {end} (line {end} is the text's last paragraph) or "
        if end and not threaded
        else ""
    )
    cited = f"; {len(markers)} markers of the text found no note" if markers else ""
    # located where the text ends: the 'body_end' hint there fixes the page
    yield Finding(
        end or first,
        f"lines {first}-{last} read as the page's notes ({len(run)} lines like"
        f" {quote(run[0][1])}) but were kept as text{cited}: notes in a form no rule"
        f" read? {where}list lines {first}-{last} in the structure hint 'remove'"
        " (or in 'keep' if they are text)",
    )


def thread_unread(page: Page) -> Iterator[Finding]:
    """A comments heading with text below it, and no comment read."""
    document = page.document
    if document.kind != "blog" or any(isinstance(b, Comment) for b in document.blocks):
        return
    blocks = list(document.blocks)
    for index, block in enumerate(blocks):
        text = block.text if isinstance(block, Heading) else _single(page, block)
        if text is None or block.line in page.keep or not parts().comments_head.fullmatch(text):
            continue
        if parts().no_comments.fullmatch(text):
            return
        below = [b for b in blocks[index + 1 :] if isinstance(b, Paragraph)]
        lines = [n for b in below for n, x in enumerate(page.raw(b), b.line) if is_running(x)]
        if not lines:
            return
        end = _last_running(page, block.line)
        where = f" and 'body_end' to {end} (line {end} is the post's last paragraph)" if end else ""
        yield Finding(
            end or block.line,
            f"a comments heading ({quote(text)}, line {block.line}) stands above lines"
            f" {below[0].line}-{lines[-1]},"
            f" but no comment was read: the thread stays body text? set 'comments_start' to"
            f" {below[0].line}{where} in the structure hints, or list line {block.line} in"
            " 'keep' if it is text",
        )
        return


def _single(page: Page, block: object) -> str | None:
    if not isinstance(block, Paragraph):
        return None
    raw = page.raw(block)
    return raw[0] if len(raw) == 1 else None


def menu_title(page: Page) -> Iterator[Finding]:
    """A title that is a row of short links separated alike ("Home | Archives | About")."""
    title = page.document.title
    if not title:
        return
    items = parts().separator.split(title)
    if len(items) < parts().menu_items or any(len(i.split()) > 3 for i in items):
        return
    line = next((n for n, x in enumerate(page.lines, 1) if " ".join(x.split()) == title), None)
    if line is None or line in page.keep:
        return
    heading = next((b for b in page.document.blocks if isinstance(b, Heading)), None)
    other = f" is line {heading.line} ({quote(heading.text)}) the title?" if heading else ""
    yield Finding(
        line,
        f"the title ({quote(title)}) is a row of {len(items)} short items separated alike:"
        f" a menu taken as the title?{other} set 'title_line' in the structure hints, and"
        f" list line {line} in 'remove'",
    )


def _lines_through_removed(page: Page, paragraph: Paragraph) -> list[tuple[int, str]]:
    """*paragraph*'s seed lines up to a blank line, past the lines removed inside it (a
    comment's text runs on around a removed reply count)."""
    removed = {r.line + i for r in page.document.removed for i in range(r.text.count("\n") + 1)}
    out: list[tuple[int, str]] = []
    number = paragraph.line
    while number <= len(page.lines) and page.lines[number - 1].strip():
        if number in removed:
            number += 1
            continue
        if out and number in page.starts:
            break
        out.append((number, " ".join(page.lines[number - 1].split())))
        number += 1
    return out


def comment_tails(page: Page) -> Iterator[Finding]:
    """Short lines with no sentence end glued below a comment's sentence: a reply
    button, a reply count or the next comment's header read into the comment."""
    for comment in page.comments():
        for paragraph in comment.blocks:
            if not isinstance(paragraph, Paragraph) or page.trusted(paragraph):
                continue
            numbered = _lines_through_removed(page, paragraph)
            raw = [text for _, text in numbered]
            ends = [i for i, line in enumerate(raw) if _ENDS.search(line)]
            tail = next(
                (
                    i
                    for i in range(ends[0] + 1 if ends else len(raw), len(raw))
                    if len(raw[i].split()) <= parts().tail_words and not _ENDS.search(raw[i])
                ),
                None,
            )
            if tail is None:
                continue
            first, last = numbered[tail][0], numbered[-1][0]
            if first in page.keep:
                continue
            yield Finding(
                first,
                f"{quote(raw[tail])} with no sentence end is glued below the text of the"
                f" comment of line {comment.line}: a reply button, a count or the next"
                f" comment's header read into it? list {_span(first, last)} in the structure"
                " hint 'remove' (or in 'keep' if they are text)",
            )


def part_findings(page: Page) -> list[Finding]:
    """Every finding of this module (the audit sorts them)."""
    return [*notes_unread(page), *thread_unread(page), *menu_title(page), *comment_tails(page)]


__all__ = ["part_findings"]
