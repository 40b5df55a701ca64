"""The audit of the body's edges by the form of its lines, on any site.

A layout no rule knew leaves its chrome at the body's edges: a record box or a
navigation row above the first paragraph, an author's tagline, a licence, a
"view as printed" note or a footer after the last one, a role line hanging under
the byline, a whole thread printed as one paragraph.  None of these is running
text, and running text has one property on every site: it is made of function
words ("the", "of", "and" ...), which records, menus and footers lack.  So each
line at an edge is read by its form (its share of function words, separators in
a row, "Label: value" openings, the words of a licence or a tagline) and a line
whose form contradicts its role is a located SB608 naming the structure hint
that fixes it.  The forms and thresholds are ``[audit_prose]`` in
``layout.toml``, where each says where it comes from.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sourcebook.model import Block, Comment, Heading, ListBlock, Paragraph, Table
from sourcebook.parse.auditpage import Finding, Page, quote
from sourcebook.parse.vocabulary import layout_table, vocabulary

#: how many blocks from the end the audit walks back over chrome
TAIL_BLOCKS = 4
#: a sentence end, which bracketed markers may follow ("levels.[2]", "it.[dubious]")
_ENDS = re.compile(r"[.!?…:;][\"”’')\]]*(?:\[[^\]]{0,40}\])*$")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
#: a date alone on a line may open with a few words ("Updated", "Posted on")
_DATE_PREFIX = r"(?:[^\W\d][\w’'.]{0,20} ){0,3}"


@dataclass(frozen=True, slots=True)
class Prose:
    """The forms of ``[audit_prose]`` (documented there)."""

    function_words: frozenset[str]
    min_words: int
    low_share: float
    tail_words: re.Pattern[str]
    tagline: re.Pattern[str]
    separators: re.Pattern[str]
    row_separators: int
    label: re.Pattern[str]
    label_count: int


@functools.cache
def prose() -> Prose:
    data = layout_table("audit_prose")
    return Prose(
        function_words=frozenset(data["function_words"]),
        min_words=int(data["min_words"]),
        low_share=float(data["low_share"]),
        tail_words=re.compile(rf"\b(?:{data['tail_words']})", re.IGNORECASE),
        tagline=re.compile(data["tagline"]),
        separators=re.compile(data["separators"]),
        row_separators=int(data["row_separators"]),
        label=re.compile(data["label"]),
        label_count=int(data["label_count"]),
    )


def function_share(line: str) -> float:
    """The share of the line's words that are function words.

    >>> round(function_share("The ferry carries cars across the river."), 2)
    0.29
    >>> function_share("Privacy Terms Contact")
    0.0
    """
    words = _WORD.findall(line)
    if not words:
        return 0.0
    known = prose().function_words
    return sum(w.casefold() in known for w in words) / len(words)


def chrome_form(line: str, sparse: bool = True, tail: bool = True) -> str | None:
    """What the line is if its form is not running text, else None.

    >>> chrome_form("Home | About | Contact")
    'links or fields in a row'
    >>> chrome_form("The river rose in the night and the ferry stopped.") is None
    True
    """
    forms = prose()
    if len(forms.separators.findall(line)) >= forms.row_separators:
        return "links or fields in a row"
    if len(forms.label.findall(line)) >= forms.label_count:
        return "'Label: value' fields in a row"
    if tail and forms.tail_words.search(line):
        return "a licence, a contact or a footer line"
    words = _WORD.findall(line)
    # a sentence with few function words is still a sentence ("Full text of the talk
    # here: Title."); a record or a credit carries numbers or ends on no sentence
    unfinished = not _ENDS.search(line) or any(c.isdigit() for c in line)
    if sparse and len(words) >= forms.min_words and unfinished:
        return _sparse(line)
    return None


def _sparse(line: str) -> str | None:
    if function_share(line) < prose().low_share:
        return "a line with almost no function words (a record, a menu or a credit)"
    return None


def prose_findings(page: Page) -> Iterator[Finding]:
    """The body's first and last blocks, a role line under the byline, a thread in one paragraph."""
    blocks = [b for b in page.document.blocks if isinstance(b, Paragraph | ListBlock | Heading)]
    yield from _record_box(page)
    yield from _first_block(page, blocks)
    yield from _last_blocks(page, blocks)
    yield from _role_lines(page, blocks)
    yield from _threads(page, blocks)


def _seed_lines(page: Page, block: Block) -> list[tuple[int, str]]:
    """The seed lines of a paragraph or of a list's items, numbered."""
    paragraphs = block.items if isinstance(block, ListBlock) else (block,)
    out: list[tuple[int, str]] = []
    for paragraph in paragraphs:
        if isinstance(paragraph, Paragraph) and paragraph.line not in page.keep:
            out += [(paragraph.line + i, line) for i, line in enumerate(page.raw(paragraph))]
    return out


def _first_block(page: Page, blocks: Sequence[Block]) -> Iterator[Finding]:
    """A record box or a navigation row read as the first paragraph."""
    first = next((b for b in blocks if isinstance(b, Paragraph)), None)
    if first is None:
        return
    lines = _seed_lines(page, first)
    labelled = [n for n, text in lines if prose().label.match(text)]
    for number, text in lines:
        form = chrome_form(text, tail=False)
        if form is None and len(labelled) >= 2 and number in labelled:
            form = "a 'Label: value' record"
        if form is not None:
            yield Finding(
                number,
                f"the body opens with {form} ({quote(text)}): chrome above the text? list"
                f" line {number} in the structure hint 'remove' or set 'body_start' below it"
                " (or list it in 'keep' if it is text)",
            )
            return


def _record_box(page: Page) -> Iterator[Finding]:
    """A box of label/value rows opening the body of a page that is not an encyclopaedia's
    (where an infobox belongs): a record's or a post's header, not its text."""
    first = next((b for b in page.document.blocks if not isinstance(b, Heading)), None)
    if page.document.kind == "wikipedia" or not isinstance(first, Table):
        return
    if first.role != "infobox" or first.line in page.keep:
        return
    last = first.rows[-1].line if first.rows else first.line
    yield Finding(
        first.line,
        f"the body opens with a box of {len(first.rows)} label/value rows (lines"
        f" {first.line}-{last}): a record's header (its date, author, number) rather than"
        f" text? list {first.line}-{last} in the structure hint 'remove' or set 'body_start'"
        " below it",
    )
    text = next((b.line for b in page.document.blocks if isinstance(b, Paragraph)), None)
    if text is not None and text not in page.keep:
        # where the body starts once the box is out: the line a contributor checks
        yield Finding(
            text,
            f"the text may start here, at line {text}, below the label/value box of lines"
            f" {first.line}-{last}: set the structure hint 'body_start' to {text} (or list"
            f" {first.line}-{last} in 'keep')",
        )


def _last_blocks(page: Page, blocks: Sequence[Block]) -> Iterator[Finding]:
    """Chrome closing the body: reported at its lines and where the text then ends."""
    text_blocks = [b for b in blocks if not isinstance(b, Heading)]
    for depth in range(1, min(TAIL_BLOCKS, len(text_blocks)) + 1):
        block = text_blocks[-depth]
        above = text_blocks[-depth - 1] if depth < len(text_blocks) else None
        # a block of its own section (References, See also) holds lists of names and
        # citations, sparse in function words by nature
        under = blocks.index(block) > 0 and isinstance(blocks[blocks.index(block) - 1], Heading)
        why = _tail_reason(page, block, above, depth == 1, under)
        if why is None:
            if depth > 1:
                yield _body_end(page, block)
            return
        number, text, form = why
        yield _tail_finding(number, text, form)
        items = _seed_lines(page, block)
        if isinstance(block, ListBlock) and number != items[0][0]:
            # the list's items above the chrome are the text's last lines
            yield _body_end(page, block, max(n for n, _ in items if n < number))
            return


def _tail_finding(number: int, text: str, form: str) -> Finding:
    return Finding(
        number,
        f"the body closes with {form} ({quote(text)}): a tagline, a licence or a footer"
        f" kept as text? list line {number} in the structure hint 'remove' or set"
        " 'body_end' above it (or list it in 'keep' if it is text)",
    )


def _body_end(page: Page, block: Block, last: int | None = None) -> Finding:
    if last is None:
        end = _seed_lines(page, block)
        last = end[-1][0] if end else block.line
    return Finding(
        last,
        f"the text may end here, at line {last}: the blocks after it read as chrome (above);"
        f" set the structure hint 'body_end' to {last} (or list their lines in 'keep')",
    )


def _tail_reason(
    page: Page, block: Block, above: Block | None, last: bool, under: bool
) -> tuple[int, str, str] | None:
    lines = _seed_lines(page, block)
    if not lines:
        return None
    for number, text in lines:
        form = chrome_form(text, sparse=not under)
        if form is not None:
            return number, text, form
    number, text = lines[0]
    # an encyclopaedia's paragraphs open "X is a ..." anywhere; elsewhere, after the
    # text, it is the author's tagline
    tagline = page.document.kind != "wikipedia" and above is not None
    if tagline and isinstance(block, Paragraph) and prose().tagline.fullmatch(text):
        return number, text, "an author's tagline ('NAME is a ...')"
    number, text = lines[-1]
    # past removed furniture only a line that ends no sentence: a paragraph of running
    # text after a removed figure or box is the body going on
    if last and not _ENDS.search(text) and _after_removed(page, above, lines):
        return number, text, "a line standing past lines removed as furniture"
    return None


def _after_removed(page: Page, above: Block | None, lines: list[tuple[int, str]]) -> bool:
    """A removed passage lies between the block's last line and the seed line before it
    (the list item above, or the block above)."""
    if len(lines) >= 2:
        previous = lines[-2][0]
    elif above is not None:
        seen = _seed_lines(page, above)
        previous = seen[-1][0] if seen else above.line
    else:
        return False
    line = lines[-1][0]
    headings = [b.line for b in page.document.blocks if isinstance(b, Heading)]
    if any(previous < h < line for h in headings):
        return False  # lines removed under a heading are its own ("Edit", "[edit]")
    return any(previous < r.line < line for r in page.document.removed)


def _role_lines(page: Page, blocks: Sequence[Block]) -> Iterator[Finding]:
    """A heading on the line right under a metadata line (a byline's role or title)."""
    metadata = {m.line for m in page.document.metadata}
    for block in blocks:
        if (
            isinstance(block, Heading)
            and block.line not in page.keep
            and block.line - 1 in metadata
            and page.lines[block.line - 2].strip()
        ):
            yield Finding(
                block.line,
                f"a heading glued under the metadata line {block.line - 1}"
                f" ({quote(block.text)}): a byline's role or a caption? list line"
                f" {block.line} in the structure hint 'remove' (or in 'headings')",
            )


@functools.cache
def _date_lines() -> tuple[re.Pattern[str], ...]:
    """The vocabulary's comment date forms, each allowed a few words before it."""
    return tuple(re.compile(_DATE_PREFIX + p.pattern) for p in vocabulary().comment_dates)


def is_date_line(text: str) -> bool:
    """A date (and time) alone on a line, in one of the vocabulary's forms."""
    return len(text) <= 60 and any(p.fullmatch(text) for p in _date_lines())


def _threads(page: Page, blocks: Sequence[Block]) -> Iterator[Finding]:
    """Dates recurring inside one paragraph while no comment was read: a thread."""
    if any(isinstance(b, Comment) for b in page.document.blocks) or page.document.comments:
        return
    for block in blocks:
        lines = _seed_lines(page, block) if isinstance(block, Paragraph) else []
        dated = [n for n, text in lines if is_date_line(text.strip())]
        if len(dated) >= 2 and lines[-1][0] > dated[0]:
            first, last = dated[0] + 1, lines[-1][0]
            yield Finding(
                dated[0],
                f"{len(dated)} date lines inside one paragraph with text between (line"
                f" {dated[0]} first) and no comment read: posts or a thread no rule read?"
                f" lines {first}-{last} may be the thread: set 'comments_start' and"
                " 'comment_header' in the structure hints (or list them in 'keep')",
            )
            return


__all__ = ["chrome_form", "function_share", "is_date_line", "prose_findings"]
