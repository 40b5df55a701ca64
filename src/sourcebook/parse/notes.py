"""A numbered notes section at the end of an essay becomes its footnotes.

Scholarly blogs and journals print their notes under a heading ("Notes",
"Endnotes", from ``[notes]`` in ``parse/layout.toml``) as numbered lines:
``[1] text``, ``1. text``, ``1) text`` or ``1 Text``.  The section runs from
the heading while each block opens with the next number (1, 2, 3 ...; a
line that does not open with a number continues the note above it); the
first block that does not ends it.  Each note becomes a footnote and its
lines leave the body.  When the notes are bracketed, the body's ``[n]``
markers are read as markers too.

After the body is built, :func:`notes_check` compares the markers with the
notes: a marker with no note, or a note no marker points to, is reported
(SB609) -- the page links what it can and says where it could not.  A notes
heading whose next block is not note 1 is left as text and reported (SB608).
"""

from __future__ import annotations

import re
from dataclasses import replace

from sourcebook.core.diagnostics import Code
from sourcebook.model import Footnote
from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.dropnotes import dropped_numbers
from sourcebook.parse.linkednotes import (
    back_linked,
    cited_tail,
    glued_in_order,
    glued_tail,
    linked_marks,
)
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: a note's opening: its number (bracketed, or followed by "." ")" or a space), then text
_NOTE = re.compile(
    r"(?:\[(?P<b>\d{1,3})\]|\[(?P<letter>[A-Z])\]|(?P<n>\d{1,3})(?:[.)]|(?= \S)))"
    r"\s+(?P<caret>\^\s*)?(?P<text>\S.*)"
)
#: a note's bracketed number alone on its line (a documentation theme's footnotes)
_BARE_NUMBER = re.compile(r"\[(\d{1,3})\]")
#: a note whose number is followed by "^", the link back to its marker (LessWrong and
#: other editors): a notes list even with no heading above it
_CARET = re.compile(r"1[.)]?\s+\^\s*\S.*")


def _headings() -> frozenset[str]:
    return frozenset(h.lower() for h in layout_table("notes")["headings"])


def _reference_headings() -> frozenset[str]:
    return frozenset(h.lower() for h in layout_table("notes")["reference_headings"])


def _number(line: str) -> tuple[int, bool, str, str] | None:
    """``(number, bracketed?, text, label)`` of a note's opening line.

    >>> _number("[3] Hauptbuch III, fol. 12r.")
    (3, True, 'Hauptbuch III, fol. 12r.', '3')
    >>> _number("12. Ibid., p. 4."), _number("2 Tarnby Archives, WH/1/1.")
    ((12, False, 'Ibid., p. 4.', '12'), (2, False, 'Tarnby Archives, WH/1/1.', '2'))
    >>> _number("[B] A chain is twenty-two yards."), _number("2. ^ A friend says so.")
    ((2, True, 'A chain is twenty-two yards.', 'B'), (2, False, 'A friend says so.', '2'))
    >>> _number("1971 was a year of strikes.") is None, _number("Notes") is None
    (True, True)
    """
    match = _NOTE.fullmatch(line)
    if match is None:
        bare = _BARE_NUMBER.fullmatch(line)  # "[1]" with the note's text on the next line
        return (int(bare.group(1)), True, "", bare.group(1)) if bare else None
    if match.group("letter"):
        letter = match.group("letter")
        return ord(letter) - ord("A") + 1, True, match.group("text"), letter
    digits = match.group("b") or match.group("n")
    return int(digits), match.group("b") is not None, match.group("text"), digits


def notes(state: ParseState) -> None:
    """Take the notes section (see the module docstring)."""
    blocks = state.blocks
    heads, references = _headings(), _reference_headings()
    for index, block in enumerate(blocks):
        if block.line in state.keep:
            continue
        heading = block.lines[0].strip(" :").lower()
        if heading not in heads | references:
            if _CARET.fullmatch(block.lines[0]) and _caret_list(state, index):
                return
            continue
        lines = explode(blocks[index:])[1:]  # the notes may follow without a blank line
        numbered = bool(lines) and (first := _number(lines[0].text)) is not None and first[0] == 1
        marks = _marks(blocks[:index], lines) if numbered else (False, False)
        if numbered and state.profile.linked_notes_only and not any(marks):
            continue  # a numbered list the text does not cite (a blog's "Notes" to self)
        if not numbered:
            if _unnumbered_heading(state, index, lines, heading in references):
                return
            continue
        state.remove(explode([block])[0], "notes heading", "notes: a notes heading")
        # a numbered reference list is cited by bracketed numbers ("[1]", "[2,3]")
        _cut(state, index + 1, lines, {block.line}, heading in references)
        _link(state, marks)
        return
    tail = cited_tail(blocks)  # notes with no heading, each cited above (linkednotes.py)
    if tail is not None:
        _cut(state, tail[0], tail[1], set())
        state.decide(tail[1][0].line, "footnotes", "notes: bracketed notes cited above", 0.8)
        return
    glued = glued_tail(blocks) if not state.profile.inline.glued_footnotes else None
    if glued is not None:
        _cut(state, glued[0], glued[1], set())
        state.profile = replace(
            state.profile, inline=replace(state.profile.inline, glued_footnotes=True)
        )
        state.decide(glued[1][0].line, "footnotes", "notes: numbers glued to sentences", 0.8)


def _unnumbered_heading(
    state: ParseState, index: int, lines: list[RawBlock], references: bool
) -> bool:
    """A notes heading with no note numbered 1 below it: notes whose numbers the copy
    dropped are taken (True); else the heading is reported, unless it heads a list of
    works (author-year references) or the profile reads only notes the text cites."""
    if references:
        return False  # author-year references: a list of works, not notes
    if _unnumbered(state, index, lines):
        return True
    if not state.profile.linked_notes_only:
        block = state.blocks[index]
        state.warn(
            block.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"{block.text!r} reads as a notes heading but no note numbered 1 follows:"
            f" kept as text; list the notes' lines in 'remove' if they are notes",
        )
    return False


def _marks(above: list[RawBlock], lines: list[RawBlock]) -> tuple[bool, bool]:
    """How the text above a notes heading marks the notes below it: (bracketed, glued)."""
    numbers: list[str] = []
    for line in lines:
        opening = _number(line.text)
        if opening is not None and opening[0] == len(numbers) + 1:
            numbers.append(opening[3])
        elif opening is not None or line.blanks_before:
            break  # the notes end at a number out of order or a block that is no note
    return linked_marks(" ".join(b.text for b in above), numbers)


def _link(state: ParseState, marks: tuple[bool, bool]) -> None:
    """Read the text's markers of the notes taken under a heading: "[2]" when the text
    prints them bracketed, "word.1" when glued to sentence ends (whatever the notes'
    own numbers look like: "1.", "1)", "1 text")."""
    bracketed, glued = marks
    inline = state.profile.inline
    inline = replace(
        inline,
        bracket_markers=inline.bracket_markers or bracketed,
        glued_footnotes=inline.glued_footnotes or glued,
    )
    state.profile = replace(state.profile, inline=inline)


def _unnumbered(state: ParseState, index: int, lines: list[RawBlock]) -> bool:
    """Notes printed with no numbers, counted by the markers (:mod:`.dropnotes`)."""
    heading = explode([state.blocks[index]])[0]
    if not dropped_numbers(state, heading, lines):
        return False
    cut = {heading.line} | {b.line for b in lines}
    state.blocks = [b for b in state.blocks if not _within(b, cut)]
    inline = replace(state.profile.inline, bracket_markers=True)
    state.profile = replace(state.profile, inline=inline)
    return True


def _caret_list(state: ParseState, index: int) -> bool:
    """Notes opening with "1. ^" and no heading above them (the "^" links back to the
    marker): taken when the text's glued or bracketed markers point to them."""
    lines = explode(state.blocks[index:])
    _cut(state, index, lines, set())
    state.decide(lines[0].line, "footnotes", "notes: numbered notes with a '^' back link", 0.8)
    return True


def _cut(
    state: ParseState, index: int, lines: list[RawBlock], cut: set[int], cited: bool = False
) -> None:
    """Take the notes from *lines* (the blocks from *index* on) out of the body; *cited*:
    the text cites them with bracketed numbers whatever form the notes' numbers take."""
    blocks = state.blocks
    taken, bracketed, lettered = _take(state, lines)
    bracketed = bracketed or cited or back_linked(taken)
    cut |= {b.line for b in taken}
    state.blocks = [b for b in blocks if not _within(b, cut)] + [
        b for b in _rest(blocks[index:], cut)
    ]
    state.blocks.sort(key=lambda b: b.line)
    if bracketed:
        inline = replace(state.profile.inline, bracket_markers=True, letter_markers=lettered)
        state.profile = replace(state.profile, inline=inline)
    elif _glued(state, taken):  # plain notes whose numbers are glued to sentence ends
        inline = replace(state.profile.inline, glued_footnotes=True)
        state.profile = replace(state.profile, inline=inline)


def _glued(state: ParseState, taken: list[RawBlock]) -> bool:
    """Are the notes' numbers glued, in order, to sentence ends in the text above them
    ("barn.1", an ebook producer's endnote references)?"""
    if not taken:
        return False
    labels = [f.label for f in state.footnotes if f.line >= taken[0].line]
    above = " ".join(t for b in state.blocks if b.line < taken[0].line for t in b.lines)
    return bool(labels) and all(n.isdigit() for n in labels) and glued_in_order(above, labels)


def _take(state: ParseState, lines: list[RawBlock]) -> tuple[list[RawBlock], bool, bool]:
    """The note lines from the top of *lines*: notes numbered (or lettered) in order,
    and the lines continuing them; whether the notes are bracketed, and lettered."""
    expected, bracketed = 1, False
    taken: list[RawBlock] = []
    texts: list[tuple[str, str, int]] = []
    for line in lines:
        opening = _number(line.text)
        if opening is not None and opening[0] == expected:
            _, bracketed, text, label = opening
            texts.append((label, text, line.line))
            expected += 1
        elif texts and opening is None and _continues(line) and not _closed(taken):
            label, text, at = texts[-1]
            # a note printed on two lines (or its number alone on the line above)
            texts[-1] = (label, f"{text} {line.text}".lstrip(), at)
        else:
            break
        taken.append(line)
        state.remove(line, "notes section", "notes: a numbered note")
    state.footnotes += [Footnote(label, text, at) for label, text, at in texts]
    lettered = bool(texts) and texts[0][0].isalpha()
    return taken, bracketed, lettered


def _closed(taken: list[RawBlock]) -> bool:
    """Did the last note line taken end with the link back to its marker ("↩")?  Then
    the note is whole: a line after it that opens no note ends the notes (an ebook's
    colophon under its endnotes)."""
    return bool(taken) and back_linked(taken[-1:])


def _continues(line: RawBlock) -> bool:
    """A line continuing the note above: right under it, or a hard-wrapped old book's
    note line (it does not start a new note and the note above did not end a sentence
    is not required: the next note or a blank-separated heading ends the notes)."""
    return line.blanks_before == 0


def _within(block: RawBlock, cut: set[int]) -> bool:
    return any(block.line + i in cut for i in range(len(block.lines)))


def _rest(blocks: list[RawBlock], cut: set[int]) -> list[RawBlock]:
    """The lines of the blocks touched by the cut that the notes did not take."""
    touched = [b for b in blocks if _within(b, cut)]
    return [line for line in explode(touched) if line.line not in cut]


def notes_check(state: ParseState) -> None:
    """Markers without a note and notes without a marker are reported (SB609)."""
    if not state.footnotes:
        return
    labels = {f.label for f in state.footnotes}
    markers: dict[str, int] = {}
    for claim in state.claims:
        for marker in claim.markers:
            markers.setdefault(marker, claim.line)
    for label, line in markers.items():
        if label not in labels and "." not in label:  # "3.1": a comment's own marker
            state.warn(line, 1, Code.NOTE_UNMATCHED, f"marker {label!r} has no note below")
    for footnote in state.footnotes:
        if footnote.label not in markers:
            state.warn(
                footnote.line,
                1,
                Code.NOTE_UNMATCHED,
                f"note {footnote.label!r} has no marker in the text: kept as a footnote;"
                " if it is not a note, list its line in 'keep'",
            )


__all__ = ["notes", "notes_check"]
