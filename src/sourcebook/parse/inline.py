"""Inline rules: reference markers, maintenance flags, glued footnotes, claims.

The scanner turns a paragraph's text into *pieces*: literal strings and
:class:`PendingAnchor` objects.  Structure rules may still move anchors
(a Wikipedia extract pushes a sentence's markers to the next paragraph);
:func:`finish_paragraph` then freezes the pieces into model nodes and makes
one :class:`~sourcebook.model.Claim` per anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sourcebook.diagnostics import Code, Diagnostic
from sourcebook.model import Anchor, Claim, Inline, Paragraph, Text
from sourcebook.text import plain_words

#: Wikipedia's inline cleanup tags, as readers see them in brackets.
FLAG_VOCABULARY = frozenset(
    {
        "citation needed",
        "independent source needed",
        "better source needed",
        "third-party source needed",
        "non-primary source needed",
        "unreliable source?",
        "failed verification",
        "dubious",
        "dubious – discuss",
        "clarification needed",
        "according to whom?",
        "by whom?",
        "who?",
        "when?",
        "which?",
        "verification needed",
        "page needed",
        "full citation needed",
        "self-published source",
    }
)

_BRACKET_RUN = re.compile(r"(?:\[[^\[\]\n]{1,60}\])+")
_BRACKET_ITEM = re.compile(r"\[([^\[\]\n]{1,60})\]")
_NUMBER = re.compile(r"\d{1,3}")
_UNCLOSED_MARKER = re.compile(r"\[(\d{1,3})(?![\d\]])")
_GLUED = re.compile(r"(?<=[^\s\d$£€#%(\[+/\-–—])(\d{1,3})(?=\s|$)")


def is_flag(content: str) -> bool:
    """True for a maintenance tag such as ``citation needed``.

    >>> is_flag("independent source needed"), is_flag("year needed")
    (True, True)

    Editorial brackets inside quotations are text, not flags:

    >>> is_flag("Socialism"), is_flag("which"), is_flag("their")
    (False, False, False)
    """
    lowered = content.strip()
    if lowered in FLAG_VOCABULARY:
        return True
    return bool(re.fullmatch(r"[a-z][a-z' -]{0,40} needed", lowered))


@dataclass(slots=True)
class PendingAnchor:
    markers: list[str]
    flags: list[str]
    line: int
    col: int
    raw: str = ""


Piece = str | PendingAnchor


@dataclass(slots=True)
class FootnoteSequence:
    """Accepts glued footnote numbers only in their order 1, 2, 3 ...

    Years and quantities glued to text (``’68``, ``COVID19``) are skipped
    because they are not the next number of the sequence.
    """

    expected: int = 1
    seen: list[int] = field(default_factory=list)

    def accept(self, number: int) -> bool:
        if number != self.expected:
            return False
        self.seen.append(number)
        self.expected += 1
        return True


@dataclass(frozen=True, slots=True)
class InlineRules:
    bracket_markers: bool = False
    glued_footnotes: bool = False
    #: prefix for marker labels ("9." for the markers of comment 9)
    label_prefix: str = ""


def scan(
    text: str,
    line: int,
    rules: InlineRules,
    path: str,
    sequence: FootnoteSequence | None = None,
) -> tuple[list[Piece], list[Diagnostic]]:
    """Split *text* into literal pieces and pending anchors.

    >>> pieces, _ = scan("[5][independent source needed] These views.", 3,
    ...                  InlineRules(bracket_markers=True), "x")
    >>> pieces[0].markers, pieces[0].flags, pieces[1]
    (['5'], ['independent source needed'], ' These views.')

    Editorial brackets stay text:

    >>> scan("“[T]he emancipation”", 1, InlineRules(bracket_markers=True), "x")[0]
    ['“[T]he emancipation”']
    """
    diags: list[Diagnostic] = []
    spans: list[tuple[int, int, PendingAnchor]] = []
    if rules.bracket_markers:
        for bad in _UNCLOSED_MARKER.finditer(text):
            diags.append(
                Diagnostic(
                    path,
                    line,
                    bad.start() + 1,
                    Code.UNBALANCED_BRACKET,
                    f"marker '[{bad.group(1)}' is not closed with ']'",
                )
            )
        for run in _BRACKET_RUN.finditer(text):
            markers: list[str] = []
            flags: list[str] = []
            items = _BRACKET_ITEM.findall(run.group(0))
            if not all(_NUMBER.fullmatch(i) or is_flag(i) for i in items):
                continue  # a run with editorial text in it is text
            for item in items:
                if _NUMBER.fullmatch(item):
                    markers.append(rules.label_prefix + item)
                else:
                    flags.append(item.strip())
            spans.append(
                (
                    run.start(),
                    run.end(),
                    PendingAnchor(markers, flags, line, run.start() + 1, run.group(0)),
                )
            )
    if rules.glued_footnotes and sequence is not None:
        for match in _GLUED.finditer(text):
            if sequence.accept(int(match.group(1))):
                label = rules.label_prefix + match.group(1)
                spans.append(
                    (
                        match.start(),
                        match.end(),
                        PendingAnchor([label], [], line, match.start() + 1, match.group(1)),
                    )
                )
    spans.sort(key=lambda s: s[0])
    pieces: list[Piece] = []
    position = 0
    for start, end, anchor in spans:
        if start > position:
            pieces.append(text[position:start])
        pieces.append(anchor)
        position = end
    if position < len(text):
        pieces.append(text[position:])
    return pieces, diags


def leading_anchor(pieces: list[Piece]) -> PendingAnchor | None:
    """The anchor a paragraph starts with, if any."""
    return pieces[0] if pieces and isinstance(pieces[0], PendingAnchor) else None


_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Ms|Mrs|Dr|St|Prof|vs|etc|e\.g|i\.e|No|vol|ch|pp?)|\b[A-Z])\.$"
)
_BOUNDARY = re.compile(r"[.!?…]+[”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as ``(start, end)`` offsets.

    >>> t = "In 2009, Ms Jones spoke. Then V. I. Lenin wrote. End"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['In 2009, Ms Jones spoke.', 'Then V. I. Lenin wrote.', 'End']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        head = text[start : match.start() + 1]
        if _ABBREVIATIONS.search(head):
            continue
        end = match.end() - (len(match.group(0)) - len(match.group(0).rstrip()))
        spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return spans


def claim_text(plain: str, offset: int) -> str:
    """The sentence an anchor at *offset* supports.

    The anchor belongs to the sentence holding the last character before it,
    so a marker at a sentence end supports that sentence and an inline
    marker (``Tendency,[29] and``) supports the whole sentence around it.

    >>> claim_text("One thing. Two things, with a mark here and more.", 27)
    'Two things, with a mark here and more.'
    >>> claim_text("One thing. Two things.", 22)
    'Two things.'
    >>> claim_text("", 0)
    ''
    """
    position = offset
    while position > 0 and plain[position - 1].isspace():
        position -= 1
    if position == 0:
        return ""
    target = position - 1
    for start, end in sentence_spans(plain):
        if start <= target < end:
            return plain_words(plain[start:end])
    return plain_words(plain)


def claim_id(anchor: PendingAnchor) -> str:
    """Stable claim ids from marker labels, so baselines survive edits elsewhere.

    >>> claim_id(PendingAnchor(["16", "17"], [], 9, 1))
    'ref-16-17'
    >>> claim_id(PendingAnchor([], ["citation needed"], 9, 40))
    'flag-9-40'
    """
    if anchor.markers:
        return "ref-" + "-".join(m.replace(".", "-") for m in anchor.markers)
    return f"flag-{anchor.line}-{anchor.col}"


def finish_paragraph(pieces: list[Piece], line: int, claims: list[Claim]) -> Paragraph:
    """Freeze pieces into a :class:`Paragraph`, appending its claims to *claims*.

    A marker reused later in a document (Wikipedia reuses references) gets a
    claim id with a numeric suffix, so every claim id stays unique.
    """
    inlines: list[Inline] = []
    taken = {claim.id for claim in claims}
    for piece in pieces:
        if isinstance(piece, str):
            if inlines and isinstance(inlines[-1], Text):
                inlines[-1] = Text(inlines[-1].text + piece)
            else:
                inlines.append(Text(piece))
            continue
        cid = base = claim_id(piece)
        suffix = 2
        while cid in taken:
            cid, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(cid)
        inlines.append(Anchor(tuple(piece.markers), tuple(piece.flags), cid, piece.line, piece.raw))
    paragraph = Paragraph(tuple(inlines), line)
    full = paragraph.plain
    offset = 0
    for node in inlines:
        if isinstance(node, Text):
            offset += len(node.text)
        else:
            claims.append(
                Claim(node.claim, node.line, claim_text(full, offset), node.markers, node.flags)
            )
    return paragraph
