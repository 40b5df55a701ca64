"""Doubts the finished page raises about its own head: fields holding what another
field should hold.

The rules fill the page's head fields (title, site name, tagline, date) line by
line.  A head of a layout they do not know can put a line in the wrong field,
and no rule then sees the slip; the finished page does, whatever the site:

* a title that is a date alone ("Jun 3"): a post header's date line, with the
  author's name often right above it, was taken as the title
  (:func:`date_title`);
* a site name or tagline holding a date ("Issue #47 · March 2023") while the page
  has no date field: the post's or issue's date line was read as the site's
  (:func:`dated_masthead`);
* a first heading that stands over head lines (a status, a date row) rather than
  its section's text: the page's title read as a section (:func:`head_heading`);
* a title that is a list of personal names ("Jo Ames; Ysolde Marrin; Petra
  Quill"): an author line taken as the title, the title then often read as the
  site's name above it (:func:`names_title`);
* a comment's paragraph opening with another commenter's name and a colon
  ("Dunstan_Pyke:", then the words quoted from that post): a forum's quotation of
  an earlier post read as the comment's own words (:func:`quoted_post`);
* a line that reads as a title (4 to 15 words, capitalised, no sentence end, a
  line of its own) standing between the title and the text's first sentence, with
  only short lines above it: the post's title below a menu, the line taken as
  the title being the site's tagline (:func:`title_below`);
* a line inside a paragraph, after a sentence's end, opening with the byline's
  name and a word in lower case ("Dana Whitcombe covers city government …"): the
  writer's bio glued to the text by a lost blank line (:func:`glued_bio`);
* a body opening with a record of the page, not its text: every line of its first
  paragraph a "Label: value" line or a dated line, both kinds present ("Manuscript:
  box 4." / "Edited by NAME. Last revised 2 November 2026.") (:func:`record_opening`);
* reference marks left in the text as printed ("…its length.[2][a]"): a run of
  bracketed marks glued to a word mixing a number with another form (a note
  group's letter), which no rule read as markers
  (:func:`marks_left`).

Each is one located SB608 finding naming the structure hint that overrides the
decision (see :mod:`sourcebook.parse.audit`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sourcebook.model import Heading, ListBlock, Paragraph
from sourcebook.parse.audithead import head_forms, head_line
from sourcebook.parse.auditpage import Finding, Page, is_fragment, quote, text_of
from sourcebook.parse.auditshape import has_date, is_running
from sourcebook.parse.title import title_score

#: the separators a head's row of items is split by ("Issue #47 · March 2023")
_ROW = re.compile(r"\s+[·|•–—/-]\s+")
#: a line above a date title is the post header's name when it has at most this many words
_NAME_WORDS = 3
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*$")
#: what separates the names of an author list ("A; B; C", "A, B and C", "A & B")
_NAME_LIST = re.compile(r"\s*;\s*|\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")
#: a forum quotation's opening: the quoted poster's name and a colon
_QUOTED_BY = re.compile(r"(\S{1,40}(?: \S{1,40}){0,2}):(?:\s|$)")
#: a line below the title reads as a title with this many words
_TITLE_WORDS = (4, 15)
#: a record's "Label: value" line ("Manuscript: box 4", "Date of decision: 3 May")
_LABELLED = re.compile(r"[A-Z][\w’']*(?: [\w’']+){0,2}: \S")
#: a run of bracketed marks glued to a word ("length.[2][a]")
_GLUED_MARKS = re.compile(r"(?<=\S)(?:\[[^\[\]\s]{1,4}\]){2,}")
_MARK = re.compile(r"\[([^\[\]\s]{1,4})\]")


def _line_of(page: Page, text: str) -> int | None:
    """The first seed line that prints *text* (spaces aside)."""
    want = " ".join(text.split())
    return next((n for n, t in enumerate(page.lines, 1) if " ".join(t.split()) == want), None)


def dated(text: str) -> bool:
    """*text* is a date, or a row of items one of which is a date.

    >>> dated("Jun 3"), dated("Issue #47 · March 2023"), dated("Notes from the plots")
    (True, True, False)
    """
    return has_date(text) or any(head_line(piece) == "a date" for piece in _ROW.split(text))


def date_title(page: Page) -> Iterator[Finding]:
    """A title that is a date alone; a short name line right above it is named too."""
    title = page.document.title
    line = _line_of(page, title) if title else None
    if title is None or line is None or line in page.keep or head_line(title) != "a date":
        return
    above = " ".join(page.lines[line - 2].split()) if line > 1 else ""
    named = (
        0 < len(above.split()) <= _NAME_WORDS
        and not _SENTENCE_END.search(above)
        and head_line(above) is None
    )
    pair = f" with a name above it (lines {line - 1}-{line}: a post's author and date?)"
    yield Finding(
        line,
        f"the title is a date ({quote(title)}){pair if named else ''}: a post header's"
        " date taken as the title, and no date field read? set 'title_line' in the"
        " structure hints",
    )


def dated_masthead(page: Page) -> Iterator[Finding]:
    """A site name or tagline holding a date, on a page with no date field."""
    document = page.document
    if document.meta("date"):
        return
    for field, text in (("site name", document.site), ("tagline", document.tagline)):
        line = _line_of(page, text) if text else None
        if text is None or line is None or line in page.keep or not dated(text):
            continue
        yield Finding(
            line,
            f"the {field} read at line {line} holds a date ({quote(text)}), and the page"
            " has no date field: the post's or issue's date line read as the site's? list"
            f" line {line} in the structure hint 'keep' if it is the page's own",
        )


def head_heading(page: Page) -> Iterator[Finding]:
    """The page's first block a heading whose first paragraph below it (past any
    headings) is a head's line (a fragment or a date), not its section's text: the
    title read as a section heading."""
    blocks = page.document.blocks
    if not blocks or not isinstance(blocks[0], Heading) or blocks[0].line in page.keep:
        return
    heading = blocks[0]
    # headings in a row under it (a status read as one) stand in the head too
    after = next((b for b in blocks[1:] if not isinstance(b, Heading)), None)
    if not isinstance(after, Paragraph) or page.trusted(after):
        return
    text = text_of(after)
    if is_running(text) or not (is_fragment(text) or dated(text)):
        return
    yield Finding(
        heading.line,
        f"the first heading ({quote(heading.text)}, line {heading.line}) stands over a"
        f" head's line ({quote(text)}, line {after.line}), not over its section's text:"
        f" the page's title? set 'title_line' to {heading.line} and 'body_start' to where"
        " the text begins in the structure hints (or list it in 'headings')",
    )


def names_title(page: Page) -> Iterator[Finding]:
    """A title that is a list of at least two personal names."""
    document = page.document
    title = document.title
    line = _line_of(page, title) if title else None
    if title is None or line is None or line in page.keep:
        return
    names = _NAME_LIST.split(title)
    if len(names) < 2 or not all(head_forms()["name"].fullmatch(name) for name in names):
        return
    site = _line_of(page, document.site) if document.site else None
    above = f"; is the site's name read above it (line {site}) the title?" if site else ""
    yield Finding(
        line,
        f"the title is a list of names ({quote(title)}): an author line taken as the"
        f" title{above} set 'title_line' in the structure hints",
    )


def quoted_post(page: Page) -> Iterator[Finding]:
    """A comment paragraph opening with another commenter's name, a colon and words."""
    comments = list(page.comments())
    authors = {c.author for c in comments if c.author}
    for comment in comments:
        for block in comment.blocks:
            match = _QUOTED_BY.match(text_of(block)) if isinstance(block, Paragraph) else None
            if match is None or block.line in page.keep:
                continue
            name, rest = match.group(1), match.string[match.end() :].strip()
            # the name alone is the attribution of a quotation read below it
            if not rest or name not in authors or name == comment.author:
                continue
            yield Finding(
                block.line,
                f"a comment's paragraph opens with another commenter's name"
                f" ({quote(name + ':')}, line {block.line}): a quotation of their post kept"
                f" as the comment's own words? list line {block.line} in the structure hint"
                " 'keep' if it is text",
            )


def title_below(page: Page) -> Iterator[Finding]:
    """A title-like line of its own among the short lines that open the body, above
    its first running paragraph."""
    document = page.document
    line = _line_of(page, document.title) if document.title else None
    if line is None:
        return
    for block in document.blocks:
        if not isinstance(block, Paragraph) or page.trusted(block):
            return
        text = text_of(block)
        if is_running(text) or not (is_fragment(text) or _title_like(page, block)):
            return  # the text begins (or a line no head holds)
        if block.line > line and _title_like(page, block):
            yield Finding(
                block.line,
                f"line {block.line} ({quote(text)}) reads as a title and stands above the"
                f" text, below the title taken at line {line} ({quote(document.title or '')}):"
                f" is it the page's title (the other a tagline)? set 'title_line' to"
                f" {block.line} in the structure hints",
            )
            return


def _title_like(page: Page, paragraph: Paragraph) -> bool:
    text = text_of(paragraph)
    low, high = _TITLE_WORDS
    return (
        len(page.raw(paragraph)) == 1
        and low <= len(text.split()) <= high
        and not _SENTENCE_END.search(text)
        and ":" not in text  # a label's line ("Responses to: …"), not a title
        and title_score(text) == 1.0
        and head_line(text) is None
    )


def _span(first: int, last: int) -> str:
    """``first-last``, or the one line's number."""
    return str(first) if first == last else f"{first}-{last}"


def _under_heading(page: Page, block: Paragraph, names: list[str]) -> bool:
    """Whether the block right above ``block`` is a heading naming one of ``names``."""
    blocks = page.document.blocks
    at = next(i for i, b in enumerate(blocks) if b is block)
    above = blocks[at - 1] if at else None
    return isinstance(above, Heading) and any(n in above.text for n in names)


def glued_bio(page: Page) -> Iterator[Finding]:
    """A paragraph line after a sentence's end opening with an author's name and a
    word in lower case (a verb: "covers", "is", "writes"), or a paragraph after the
    first opening so (the bio read as a paragraph of its own when the text's lines are
    read one a block)."""
    # a bio read is the page's (a paragraph's seed lines run on to it: no node starts there)
    names = [n for n in page.document.meta("author") if len(n.split()) >= 2]
    names = [] if page.document.bio else names
    paragraphs = [b for b in page.document.blocks if isinstance(b, Paragraph)]
    for block in paragraphs if names else ():
        if block.line in page.keep:
            continue
        raw = page.raw(block)
        # a paragraph of its own under a heading naming the author ("About NAME") is
        # a section about them, text by design
        first = 0 if block is not paragraphs[0] and not _under_heading(page, block, names) else 1
        for offset in range(first, len(raw)):
            line = " ".join(raw[offset].split())
            name = next((n for n in names if line.startswith(n + " ")), None)
            if name is None or (offset and not _SENTENCE_END.search(raw[offset - 1].rstrip())):
                continue
            if not line[len(name) + 1 :][:1].islower():
                continue
            yield Finding(
                block.line + offset,
                f"line {block.line + offset} ({quote(line)}) opens with the byline's name"
                " in the text: the writer's bio read as text? list"
                f" {_span(block.line + offset, block.line + len(raw) - 1)} in the structure hint"
                " 'remove' (or in 'keep' if it is text)",
            )
            break


def record_opening(page: Page) -> Iterator[Finding]:
    """The body's first block a paragraph of 2 lines or more, each a "Label: value"
    line or a dated line, with both kinds among them."""
    first = next((b for b in page.document.blocks if not isinstance(b, Heading)), None)
    if not isinstance(first, Paragraph) or page.trusted(first):
        return
    raw = [" ".join(line.split()) for line in page.raw(first)]
    labelled = [bool(_LABELLED.match(line)) for line in raw]
    dates = [dated(line) for line in raw]
    if len(raw) < 2 or not any(labelled) or not any(dates):
        return
    if not all(a or b for a, b in zip(labelled, dates, strict=True)):
        return
    last = first.line + len(raw) - 1
    yield Finding(
        first.line,
        f"the body opens with a record of the page, not its text (lines {first.line}-"
        f"{last}: 'Label:' lines and a dated line, {quote(raw[0])}): an edition's,"
        f" catalogue's or decision's header? list {first.line}-{last} in the structure"
        f" hint 'remove' or set 'body_start' to {last + 1} (or list them in 'keep')",
    )


def _mixed(run: re.Match[str]) -> bool:
    """A run of marks holding a number and a mark of another form ("[2][a]")."""
    marks = [mark.isdigit() for mark in _MARK.findall(run.group(0))]
    return any(marks) and not all(marks)


def marks_left(page: Page) -> Iterator[Finding]:
    """A paragraph keeping as text a run of glued bracketed marks that mixes a number
    with a mark of another form (a marker on the paragraph does not make it trusted:
    the marks beside it were read, these were not)."""
    paragraphs: list[Paragraph] = []
    for block in page.document.blocks:
        if isinstance(block, Paragraph):
            paragraphs.append(block)
        elif isinstance(block, ListBlock):
            paragraphs += block.items
    for paragraph in paragraphs:
        if paragraph.line in page.keep:
            continue
        match = next(filter(_mixed, _GLUED_MARKS.finditer(text_of(paragraph))), None)
        if match is None:
            continue
        yield Finding(
            paragraph.line,
            f"reference marks kept as text ({quote(match.group(0))}): a note group or a"
            " mark of a form no rule reads, whose sentence then carries no marker? list"
            f" line {paragraph.line} in the structure hint 'keep' if they are text",
        )


def doubt_findings(page: Page) -> list[Finding]:
    """Every finding of this module (the audit sorts them)."""
    return [
        *date_title(page),
        *dated_masthead(page),
        *head_heading(page),
        *names_title(page),
        *quoted_post(page),
        *title_below(page),
        *glued_bio(page),
        *record_opening(page),
        *marks_left(page),
    ]


__all__ = [
    "date_title",
    "dated",
    "dated_masthead",
    "doubt_findings",
    "glued_bio",
    "head_heading",
    "marks_left",
    "names_title",
    "quoted_post",
    "record_opening",
    "title_below",
]
