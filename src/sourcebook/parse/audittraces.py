"""Traces of site furniture inside the text: glued lines and pull quotes.

Extraction often glues a page's furniture to its text without a blank line
between (a byline above the first paragraph, a photo credit below a caption)
or leaves it standing as a paragraph of its own (a menu on one line, a
footer of links).  Running text on any site has a sentence end on every line
of a paragraph but the last of a wrapped one, no run of "|"-separated items,
no copyright sign, and does not quote itself; these checks look for exactly
that.  Each finding names the seed line, so the contributor can list it in
the structure hint ``remove`` (or ``keep`` when it is text).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from sourcebook.model import BlockQuote, Heading, Paragraph
from sourcebook.parse.auditpage import Finding, Page, is_fragment, quote, text_of

#: menu items and footer links printed in a row: "About | Masthead | Contact"
_SEPARATED = re.compile(r"\S \| \S.*\S \| \S|\S • \S.*\S • \S")
#: a copyright line: prose names copyright, a footer prints the sign or the year
_COPYRIGHT = re.compile(r"©|\(c\) \d{4}|\bCopyright \d{4}|\bAll rights reserved\b")
#: a line of at least this many words, nearly all capitalised, with no sentence end
CAPITALISED_WORDS = 3
#: ... where this share of its words open with a capital or a digit: a row of links
CAPITALISED_SHARE = 0.8
#: a pull quote is a whole quotation of at most this many words ...
PULL_QUOTE_WORDS = 40
#: ... and at least this many, found again in the text (shorter quotes recur naturally)
PULL_QUOTE_MIN_WORDS = 4
#: pull quotes looked up per page: each lookup reads the page once, so the audit
#: stays linear in the page whatever an adversarial text holds
PULL_QUOTE_LOOKUPS = 50

_WHOLE_QUOTE = re.compile(r"^[“\"‘'](?P<inner>.+?)[”\"’']?$")


def furniture_reason(line: str) -> str | None:
    """Why *line* reads as site furniture wherever it stands, or ``None``.

    >>> furniture_reason("About | Masthead | Contact")
    'links separated by "|" or "•"'
    >>> furniture_reason("Home Current Issue Archive Podcasts Events")
    'a row of capitalised words with no sentence end'
    >>> furniture_reason("The council met on Tuesday.") is None
    True
    """
    if _SEPARATED.search(line):
        return 'links separated by "|" or "•"'
    if _COPYRIGHT.search(line):
        return "a copyright line"
    words = line.split()
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    if (
        len(words) >= CAPITALISED_WORDS
        and capitalised >= CAPITALISED_SHARE * len(words)
        and is_fragment(line, words=len(words))
    ):
        return "a row of capitalised words with no sentence end"
    return None


def _glued_line(page: Page, paragraph: Paragraph) -> tuple[int, str] | None:
    """The first line of *paragraph* that is furniture, with why; ``None`` if none is."""
    raw = page.raw(paragraph)
    if raw and raw[0][0].islower():
        return paragraph.line, "a paragraph starting in lower case (a tagline, or text cut off)"
    all_short = len(raw) > 1 and all(is_fragment(line) for line in raw)
    for offset, line in enumerate(raw):
        reason = furniture_reason(line)
        if reason is None and len(raw) > 1 and not all_short and is_fragment(line):
            reason = "a short line with no sentence end glued to a paragraph"
        if reason is not None:
            return paragraph.line + offset, reason
    return None


def glued_furniture(page: Page) -> Iterator[Finding]:
    """Furniture standing in the body's paragraphs or made a heading: one finding each."""
    for block in page.document.blocks:
        if isinstance(block, Heading) and block.line not in page.keep:
            why = _heading_furniture(block.text)
            found = (block.line, why) if why else None
        elif isinstance(block, Paragraph) and not page.trusted(block):
            found = _glued_line(page, block)
        else:
            continue
        if found is not None:
            line, reason = found
            text = page.lines[line - 1].strip()
            yield Finding(
                line,
                f"{reason} ({quote(text)}) kept as text: a byline, a caption, a heading, a"
                f" menu or a footer? list line {line} in the structure hint 'remove' or"
                " 'headings' (or in 'keep' if it is text)",
            )


def comment_furniture(page: Page) -> Iterator[Finding]:
    """Links in a row or a copyright line inside a comment: the page's footer or sidebar
    read into the last comment."""
    for comment in page.comments():
        for paragraph in comment.blocks:
            if not isinstance(paragraph, Paragraph) or page.trusted(paragraph):
                continue
            for offset, line in enumerate(page.raw(paragraph)):
                why = _heading_furniture(line)
                if why is not None:
                    at = paragraph.line + offset
                    yield Finding(
                        at,
                        f"{why} ({quote(line)}) inside the comment of line {comment.line}:"
                        " the page's footer or sidebar read into the thread? list line"
                        f" {at} in the structure hint 'remove' (or in 'keep')",
                    )
                    break


def _heading_furniture(text: str) -> str | None:
    """A heading is capitalised by nature: only links in a row or a copyright make it furniture."""
    if _SEPARATED.search(text):
        return 'links separated by "|" or "•"'
    return "a copyright line" if _COPYRIGHT.search(text) else None


def _body_paragraphs(page: Page) -> list[Paragraph]:
    """The body's paragraphs in order, those of block quotations included."""
    out: list[Paragraph] = []
    for block in page.document.blocks:
        if isinstance(block, Paragraph):
            out.append(block)
        elif isinstance(block, BlockQuote):
            out.extend(block.paragraphs)
    return out


def pull_quotes(page: Page) -> Iterator[Finding]:
    """A whole quotation whose words stand again in another paragraph: a pull quote."""
    paragraphs = _body_paragraphs(page)
    texts = [text_of(p) for p in paragraphs]
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    joined = "\n".join(texts)
    lookups = 0
    for index, paragraph in enumerate(paragraphs):
        match = _WHOLE_QUOTE.match(texts[index])
        if match is None or page.trusted(paragraph):
            continue
        inner = match.group("inner").rstrip(".,;:!?…”\"’' ")
        if not PULL_QUOTE_MIN_WORDS <= len(inner.split()) <= PULL_QUOTE_WORDS:
            continue
        lookups += 1
        if lookups > PULL_QUOTE_LOOKUPS:
            return
        other = _elsewhere(joined, inner, starts[index], len(texts[index]))
        # the same paragraph printed twice is a repeat, reported at its second printing
        if other is not None and texts[_at(starts, other)] != texts[index]:
            yield Finding(
                paragraph.line,
                f"a quotation printed again from line {paragraphs[_at(starts, other)].line}"
                f" ({quote(texts[index])}): a pull quote? list line {paragraph.line} in the"
                " structure hint 'remove' (or in 'keep' if it is text)",
            )


def _elsewhere(joined: str, needle: str, start: int, length: int) -> int | None:
    """Where *needle* stands in *joined* outside ``[start, start + length)``, if anywhere."""
    before = joined.find(needle, 0, start)
    if before >= 0:
        return before
    after = joined.find(needle, start + length)
    return after if after >= 0 else None


def _at(starts: list[int], offset: int) -> int:
    """The index of the paragraph holding *offset* of the joined text."""
    return bisect.bisect_right(starts, offset) - 1


__all__ = ["comment_furniture", "furniture_reason", "glued_furniture", "pull_quotes"]
