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

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.core.text import plain_words
from sourcebook.model import Anchor, Claim, Inline, Paragraph, Text
from sourcebook.parse.flags import FLAG_VOCABULARY, is_flag, looks_like_flag
from sourcebook.parse.sentences import Sentences, sentence_spans

_BRACKET_RUN = re.compile(r"(?:\[[^\[\]\n]{1,60}\])+")
_BRACKET_ITEM = re.compile(r"\[([^\[\]\n]{1,60})\]")
_NUMBER = re.compile(r"\d{1,3}")
_NUMERIC_RUN = re.compile(r"(?:\[\d{1,3}\])+")
#: "[2" never closed; "[2,3]" and "[4–6]" are lists of citations, closed further on
_UNCLOSED_MARKER = re.compile(
    r"\[(\d{1,3})(?![\d\]]|\s?[,–-]\s?\d{1,3}(?:\s?[,–-]\s?\d{1,3}){0,7}\])"
)
#: a footnote number glued to the word before it.  The look-behind follows the first
#: digit, so the pattern starts with a digit and the engine skips to the next digit in
#: C instead of trying the look-behind at every character (three times faster)
_GLUED = re.compile(r"(\d(?<=[^\s\d$£€#%(\[+/\-–—]\d)\d{0,2})(?=\s|$)")


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

    def accept(self, number: int) -> bool:
        if number != self.expected:
            return False
        self.expected += 1
        return True


@dataclass(frozen=True, slots=True)
class InlineRules:
    bracket_markers: bool = False
    glued_footnotes: bool = False
    #: "[A]", "[B]": the notes below are lettered
    letter_markers: bool = False
    #: prefix for marker labels ("9." for the markers of comment 9)
    label_prefix: str = ""
    #: the page's notes are marked with symbols glued to sentence ends: each symbol
    #: ("*", "†") and the label its notes were given ("star", "dagger")
    symbol_marks: tuple[tuple[str, str], ...] = ()


def _bracket_anchors(
    text: str, line: int, rules: InlineRules, path: str, diags: list[Diagnostic]
) -> list[tuple[int, int, PendingAnchor]]:
    """Anchors for bracket runs (``[5][citation needed]``); one pass over *text*."""
    spans: list[tuple[int, int, PendingAnchor]] = []
    if "[" not in text:
        return spans  # most paragraphs have no bracket at all: no regex needs to look
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
        if _NUMERIC_RUN.fullmatch(run.group(0)):  # the common case, decided in C
            labels = [rules.label_prefix + n for n in _BRACKET_ITEM.findall(run.group(0))]
            anchor = PendingAnchor(labels, [], line, run.start() + 1, run.group(0))
            spans.append((run.start(), run.end(), anchor))
            continue
        found = _run_anchor(run, text, (line, path), rules, diags)
        if found is not None:
            spans.append((run.start(), run.end(), found))
    return spans


def _run_anchor(
    run: re.Match[str],
    text: str,
    where: tuple[int, str],
    rules: InlineRules,
    diags: list[Diagnostic],
) -> PendingAnchor | None:
    """The anchor of a bracket run that is not all plain numbers (a flag, a list of
    citations "[2,3]", a letter "[A]"), or ``None`` when the run is editorial text."""
    line, path = where
    items = [n for item in _BRACKET_ITEM.findall(run.group(0)) for n in _cited_numbers(item)]
    if rules.letter_markers and _lettered(items, text[run.end() : run.end() + 1]):
        labels = [rules.label_prefix + i for i in items]
        return PendingAnchor(labels, [], line, run.start() + 1, run.group(0))
    unknown = [i for i in items if looks_like_flag(i)]
    for item in unknown:
        diags.append(
            Diagnostic(
                path,
                line,
                run.start() + 1,
                Code.UNKNOWN_FLAG,
                f"[{item}] looks like a maintenance flag but is not in the vocabulary;"
                " kept as text",
            )
        )
    if unknown or not all(_NUMBER.fullmatch(i) or is_flag(i) for i in items):
        return None  # a run with editorial text in it is text
    markers = [rules.label_prefix + i for i in items if _NUMBER.fullmatch(i)]
    flags = [i.strip() for i in items if not _NUMBER.fullmatch(i)]
    return PendingAnchor(markers, flags, line, run.start() + 1, run.group(0))


_CITED_LIST = re.compile(r"\d{1,3}(?:\s?[,–-]\s?\d{1,3}){1,8}")


def _cited_numbers(item: str) -> list[str]:
    """A bracketed list of citation numbers as its numbers ("2,3", "4–6"); any other
    item as it is.

    >>> _cited_numbers("2,3"), _cited_numbers("4–6"), _cited_numbers("citation needed")
    (['2', '3'], ['4', '5', '6'], ['citation needed'])
    """
    if not _CITED_LIST.fullmatch(item):
        return [item]
    out: list[str] = []
    for part in re.split(r"\s?,\s?", item):
        low, _, high = part.replace("-", "–").partition("–")
        if high and int(low.strip()) < int(high.strip()) <= int(low.strip()) + 20:
            out += [str(n) for n in range(int(low.strip()), int(high.strip()) + 1)]
        else:
            out += [low.strip()] + ([high.strip()] if high else [])
    return out


def _lettered(items: list[str], after: str) -> bool:
    """Letter markers ("[A]", "[B]" of an old book's footnotes), not an editorial
    capital ("[T]he").

    >>> _lettered(["A"], " "), _lettered(["T"], "h"), _lettered(["ab"], " ")
    (True, False, False)
    """
    return not after.isalpha() and all(len(i) == 1 and "A" <= i <= "Z" for i in items)


def _glued_anchors(
    text: str, line: int, rules: InlineRules, sequence: FootnoteSequence
) -> list[tuple[int, int, PendingAnchor]]:
    spans: list[tuple[int, int, PendingAnchor]] = []
    for match in _GLUED.finditer(text):
        if sequence.accept(int(match.group(1))):
            label = rules.label_prefix + match.group(1)
            anchor = PendingAnchor([label], [], line, match.start() + 1, match.group(1))
            spans.append((match.start(), match.end(), anchor))
    return spans


#: a note symbol glued to a word's closing punctuation ("the others.*")
_GLUED_SYMBOL = re.compile(r"(?<=[^\W\d_])[.!?,;:…][\"”’')\]]?([*†‡§])(?=\s|$)")


def _symbol_anchors(
    text: str, line: int, rules: InlineRules
) -> list[tuple[int, int, PendingAnchor]]:
    """Anchors for the note symbols of *rules* glued to sentence ends."""
    spans: list[tuple[int, int, PendingAnchor]] = []
    labels = dict(rules.symbol_marks)
    for match in _GLUED_SYMBOL.finditer(text):
        if match.group(1) in labels:
            label = rules.label_prefix + labels[match.group(1)]
            anchor = PendingAnchor([label], [], line, match.start(1) + 1, match.group(1))
            spans.append((match.start(1), match.end(1), anchor))
    return spans


def _merge_spaced(spans: list[tuple[int, int, PendingAnchor]], text: str) -> None:
    """Join anchors separated only by spaces (``[7] [citation needed]``) in place."""
    merged: list[tuple[int, int, PendingAnchor]] = []
    for start, end, anchor in spans:
        if merged and not text[merged[-1][1] : start].strip():
            first_start, _, first = merged[-1]
            first.markers.extend(anchor.markers)
            first.flags.extend(anchor.flags)
            first.raw = text[first_start:end]
            merged[-1] = (first_start, end, first)
        else:
            merged.append((start, end, anchor))
    spans[:] = merged


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

    A flag after a space joins the marker run before it:

    >>> pieces, _ = scan("A claim.[7] [when?]", 1, InlineRules(bracket_markers=True), "x")
    >>> pieces[1].markers, pieces[1].flags, pieces[1].raw
    (['7'], ['when?'], '[7] [when?]')
    """
    diags: list[Diagnostic] = []
    spans: list[tuple[int, int, PendingAnchor]] = []
    if rules.bracket_markers:
        spans.extend(_bracket_anchors(text, line, rules, path, diags))
    if rules.glued_footnotes and sequence is not None:
        spans.extend(_glued_anchors(text, line, rules, sequence))
    if rules.symbol_marks:
        spans.extend(_symbol_anchors(text, line, rules))
    if not spans:
        return ([text] if text else []), diags  # plain text, the common case
    spans.sort(key=lambda s: s[0])
    _merge_spaced(spans, text)
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


def claim_text(plain: str, offset: int, sentences: Sentences | None = None) -> str:
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
    found = (sentences or Sentences(plain)).containing(position - 1)
    return plain_words(found or plain)


def claim_id(anchor: PendingAnchor) -> str:
    """Stable claim ids from marker labels, so baselines survive edits elsewhere.

    >>> claim_id(PendingAnchor(["16", "17"], [], 9, 1))
    'ref-16-17'
    >>> claim_id(PendingAnchor([], ["citation needed"], 9, 40))
    'flag-9-40'
    """
    if anchor.markers:
        return "ref-" + "-".join(anchor.markers).replace(".", "-")
    return f"flag-{anchor.line}-{anchor.col}"


@dataclass(slots=True)
class ClaimIds:
    """Unique claim ids across a document, in amortised constant time.

    A marker reused later (Wikipedia reuses references) gets a numeric
    suffix.  The next suffix to try is remembered per base id, so a marker
    used *n* times costs O(n) in total, not O(n²).

    >>> ids = ClaimIds()
    >>> [ids.take("ref-1"), ids.take("ref-1"), ids.take("ref-1-2"), ids.take("ref-1")]
    ['ref-1', 'ref-1-2', 'ref-1-2-2', 'ref-1-3']
    >>> ids = ClaimIds()
    >>> [ids.take(i) for i in ("ref-1-2", "ref-1", "ref-1", "ref-1", "ref-1")]
    ['ref-1-2', 'ref-1', 'ref-1-3', 'ref-1-4', 'ref-1-5']
    """

    taken: set[str] = field(default_factory=set)
    next_suffix: dict[str, int] = field(default_factory=dict)

    def take(self, base: str) -> str:
        cid = base
        if cid in self.taken:
            suffix = self.next_suffix.get(base, 2)
            cid = f"{base}-{suffix}"
            while cid in self.taken:
                suffix += 1
                cid = f"{base}-{suffix}"
            self.next_suffix[base] = suffix + 1
        self.taken.add(cid)
        return cid


def freeze_inlines(pieces: list[Piece], ids: ClaimIds) -> tuple[Inline, ...]:
    """Pieces to model inlines: adjacent strings joined, anchors given claim ids."""
    inlines: list[Inline] = []
    for piece in pieces:
        if isinstance(piece, str):
            if inlines and isinstance(inlines[-1], Text):
                inlines[-1] = Text(inlines[-1].text + piece)
            else:
                inlines.append(Text(piece))
            continue
        cid = ids.take(claim_id(piece))
        inlines.append(Anchor(tuple(piece.markers), tuple(piece.flags), cid, piece.line, piece.raw))
    return tuple(inlines)


def finish_paragraph(
    pieces: list[Piece],
    line: int,
    claims: list[Claim],
    ids: ClaimIds,
    context: str | None = None,
) -> Paragraph:
    """Freeze pieces into a :class:`Paragraph`, appending its claims to *claims*.

    *context*, when given, is the claim text of every anchor (a table row);
    otherwise each anchor supports its sentence.  Sentences are found once
    per paragraph and looked up per anchor.
    """
    paragraph = Paragraph(freeze_inlines(pieces, ids), line)
    sentences: Sentences | None = None
    offset = 0
    for node in paragraph.inlines:
        if isinstance(node, Text):
            offset += len(node.text)
            continue
        if context is not None:
            text = plain_words(context)
        else:
            # the plain text and its sentences only when the paragraph has an anchor
            sentences = sentences or Sentences(paragraph.plain)
            text = claim_text(sentences.text, offset, sentences)
        claims.append(Claim(node.claim, node.line, text, node.markers, node.flags))
    return paragraph


__all__ = [
    "FLAG_VOCABULARY",
    "ClaimIds",
    "FootnoteSequence",
    "InlineRules",
    "PendingAnchor",
    "Piece",
    "claim_text",
    "finish_paragraph",
    "is_flag",
    "leading_anchor",
    "scan",
    "sentence_spans",
]
