"""Layout by evidence: what each line of the page is, scored against the vocabulary.

A single line is compared with every piece of evidence of its kind in
``parse/layout.toml``; a match scores its weight, halved when the line is
not where such lines stand (a byline far from the top).  The best match at
or above the ``apply`` threshold decides: furniture is removed, metadata
becomes a field, a notes heading removes its section, a notice marks the
text truncated.  A decision below ``sure`` is reported (SB608) with its score
and the hint that overrides it; lines the contributor's ``keep`` hint names
are never touched.  Headings suffixed with an ``[edit]`` link lose the link
and stay headings; infobox runs glued by extraction are split into fields
(:mod:`sourcebook.parse.infobox`).
"""

from __future__ import annotations

import re

from sourcebook.core.diagnostics import Code
from sourcebook.model import MetaField, Removed
from sourcebook.parse.blocks import RawBlock, runs_without, sub_block
from sourcebook.parse.byline import name_below, near_above
from sourcebook.parse.infobox import glued_run, isolate_glued, read_run, stacked_rows
from sourcebook.parse.journal import name_like
from sourcebook.parse.rules import is_heading
from sourcebook.parse.runs import Head, in_run, page_head, whole_run
from sourcebook.parse.sandwich import sandwiched
from sourcebook.parse.scoring import Verdict, page_end, score_line
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import Evidence, Vocabulary, vocabulary

#: a list value ("bread, docks and history", "python #hardware") split into one field per item
_LIST = re.compile(r",\s*|(?<=\S)\s+and\s+|(?<=\S)\s+#")
#: the longest item of a list printed one a line (categories)
_ITEM_WORDS = 8
#: how a MediaWiki citation line opens ("^ ", "↑ ", numbered "1. ↑ ")
_CITATION_MARK = re.compile(r"(?:\d{1,3}\.\s*)?[\^↑] ")
#: the mobile view prints a heading's edit link as a line of its own
_MOBILE_EDIT = re.compile(r"\[?edit\]?")
#: a line of at least this many words is prose (a section's text, not its links)
_PROSE_WORDS = 12
#: a sentence's end, before closing quotes and reference markers ("today.[2]")
_SENTENCE_END = re.compile(r"[.!?…][”’\"')]*(?:\[[^\]]{1,20}\])*$")
#: a MediaWiki edit link after a heading: "[edit]", "[edit | edit source]", Fandom's "[]",
#: or older Fandom skins' "Edit" glued to the heading's last word ("Early yearsEdit")
#: a section's number before its heading ("2.", "3.1.")
_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,3}\.? (?=\S)")
_ANCHORS = {"¶": "heading anchor"}  # a docs theme's permalink glued to a heading (Sphinx)
_EDIT_ENDS = ("]", "Edit", "]\n", "Edit\n", "¶")
_EDIT_SUFFIX = re.compile(
    r"(?<=\S)\s*\[(?:edit(?: \| edit source)?|edit source)?\]$|(?<=[a-z?!)’'\"])Edit$"
    r"|(?<=\S) ?¶$"
)


def _edit_suffix(text: str) -> re.Match[str] | None:
    """The edit link ending *text* (its end tested first: a search tries every place)."""
    return _EDIT_SUFFIX.search(text) if text.endswith(_EDIT_ENDS) else None


def evidence(state: ParseState) -> None:
    """Score every line; act on the decisions (see the module docstring).

    Lines are scored one by one, so furniture glued to a paragraph without a
    blank line between is found too; what is left of a block stays one block.
    """
    vocab = vocabulary()
    lines = vocab.for_kind(state.profile.kind)
    blocks = state.blocks
    total = sum(len(b.lines) for b in blocks)
    end = page_end(blocks, lines, vocab)  # above a thread, or above the page's footer
    head = page_head(state)
    ordinal = 0
    kept: list[RawBlock] = []
    index, after_notes = 0, False
    while index < len(blocks):
        block = blocks[index]
        if block.line not in state.keep:
            # a notes heading alone, or opening its list with no blank line between
            verdict = score_line(block.lines[0], ordinal, total, lines, vocab.window)
            notes = verdict is not None and verdict.evidence.role == "notes"
            if notes and verdict is not None and (after_notes or _citations_follow(blocks, index)):
                verdict = Verdict(verdict.evidence, verdict.evidence.weight, verdict.value)
            if verdict is not None and notes and verdict.score >= vocab.apply:
                _report(state, block, verdict, vocab)
                end = _notes(state, blocks, index)
                kept += [b for b in blocks[index:end] if b.line in state.keep]
                ordinal += sum(len(b.lines) for b in blocks[index:end])  # still the page's lines
                index, after_notes = end, True  # a notes section may follow another
                continue
        after_notes = False
        ordinal += len(block.lines)
        index += 1
        place = (ordinal - len(block.lines), total, end, head)
        kept += _score_block(state, block, place, vocab, kept)
    state.blocks = kept
    state.metadata.sort(key=lambda f: f.line)


def _score_block(
    state: ParseState,
    block: RawBlock,
    place: tuple[int, int, int | None, Head],
    vocab: Vocabulary,
    kept: list[RawBlock],
) -> list[RawBlock]:
    """The block without the lines the evidence takes (each line scored alone), at
    *place* = (line ordinal, lines on the page, the thread's count line, the lines of the
    page's head: above its first two lines of running text, each line stands at the top);
    *kept* holds the blocks kept before it (a byline may stand in the last one)."""
    ordinal = place[0]
    taken = _take_lines(state, block, place, kept)
    taken += sandwiched(state, block, taken)
    rest = runs_without(block, set(taken)) if taken else [block]
    out: list[RawBlock] = []
    if state.profile.kind in vocab.infobox_kinds:
        rest = [alone for run in rest for alone in isolate_glued(run)]
        for part in rest:
            _stacked(state, part, ordinal, vocab)
    for part in rest:
        if part.single_line:
            part = _edit_link(state, part)
            if _infobox(state, part, ordinal + part.line - block.line, vocab):
                continue
        out.append(part)
    return out


def _take_lines(
    state: ParseState,
    block: RawBlock,
    place: tuple[int, int, int | None, Head],
    kept: list[RawBlock],
) -> list[int]:
    """Act on each line of *block* (at *place*, see :func:`_score_block`) the evidence
    decides; the offsets of the lines taken."""
    ordinal, total, end, head = place
    vocab = vocabulary()
    lines = vocab.for_kind(state.profile.kind)
    taken: list[int] = []
    carry: Verdict | None = None
    for offset, text in enumerate(block.lines):
        if block.line + offset in state.keep or offset in taken:
            continue
        verdict = _continued(
            score_line(
                text,
                _at(head, block.line + offset, ordinal + offset),
                total,
                lines,
                vocab.window,
                end,
            ),
            carry,
            text,
        )
        if verdict is not None and verdict.evidence.in_run and verdict.score < vocab.apply:
            verdict = whole_run(state.blocks, block.line + offset, verdict)
        carry = verdict if verdict is not None and verdict.score >= vocab.apply else None
        if verdict is None or verdict.score < vocab.apply or verdict.evidence.role == "thread":
            continue
        if verdict.evidence.role == "notes":
            continue  # a notes heading inside a paragraph is not one
        if verdict.evidence.in_run and not in_run(state, block, offset, verdict.evidence):
            continue
        part = sub_block(block, offset, offset + 1)
        _report(state, part, verdict, vocab)
        _act(state, part, verdict)
        taken.append(offset)
        if verdict.evidence.name_above:
            taken += _name_above(state, block, offset, taken, kept, verdict.evidence.name_above)
        if verdict.evidence.name_below:
            taken += name_below(state, block, offset, verdict.evidence.name_below)
    return taken


def _at(head: Head, line: int, ordinal: int) -> int:
    """Where a line counts as standing: a line of the page's head stands at its top."""
    return 0 if head.top(ordinal, line) else ordinal


def _continued(verdict: Verdict | None, carry: Verdict | None, text: str) -> Verdict | None:
    """A line continuing the run of the line above: the next category or tag of a list
    printed one a line, or the same furniture as the line above ("Email" below "Facebook"),
    which counts where it stands even outside the place such lines are expected."""
    if carry is None:
        return verdict
    if verdict is None:
        if carry.evidence.field in ("category", "tag") and _list_item(text):
            return Verdict(carry.evidence, carry.score, text)
        return None
    if verdict.evidence.name == carry.evidence.name and verdict.score < carry.score:
        return Verdict(verdict.evidence, carry.score, verdict.value)
    return verdict


def _stacked(state: ParseState, block: RawBlock, ordinal: int, vocab: Vocabulary) -> None:
    """An infobox printed one row a line near the top becomes its table (the block stays
    for the body pass, which reads its rows); reported below ``sure``."""
    if block.single_line or ordinal >= vocab.window or block.line in state.keep:
        return
    found = stacked_rows(block.lines, vocab.infobox_labels)
    if found is None:
        return
    rows, share = found
    state.fields[block.line] = rows
    state.decide(block.line, "infobox", "evidence: label and value glued on each line", share)
    if share < vocab.sure:
        state.warn(
            block.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"read lines {block.line}-{block.line + len(block.lines) - 1} as an infobox, one"
            f" row a line ({share:.0%} of them a label glued to its value, score {share:.2f});"
            f" if they are text, list them in 'keep'",
        )


def _name_above(
    state: ParseState,
    block: RawBlock,
    offset: int,
    taken: list[int],
    kept: list[RawBlock],
    field: str,
) -> list[int]:
    """A bare name just above a line such as "5 min read" is the byline: take it as
    *field*; returns the offsets taken in *block* (the name may end the block before)."""
    # one button line ("Follow") may stand between the name and the byline line
    at = (
        offset - 2 if offset > 1 and offset - 1 in taken and offset - 2 not in taken else offset - 1
    )
    if offset > 0 and at not in taken:
        above, inside = sub_block(block, at, at + 1), True
    elif offset == 0 and kept and kept[-1].single_line and near_above(state, kept[-1], block):
        above, inside = kept[-1], False
    else:
        return []
    if above.line in state.keep or not name_like(above.text):
        return []
    state.metadata.append(MetaField(field, above.text, above.line))
    state.removed.append(Removed(above.line, "\n".join(above.raw), "document metadata"))
    state.decide(above.line, f"metadata ({field})", "evidence: a name above a byline line", 0.8)
    if not inside:
        kept.pop()
        return []
    return [at]


def _act(state: ParseState, block: RawBlock, verdict: Verdict) -> None:
    evidence, name = verdict.evidence, verdict.evidence.name
    rule = f"evidence: {name}"
    if evidence.role == "metadata" and evidence.field and verdict.value:
        value = evidence.strip.sub("", verdict.value) if evidence.strip else verdict.value
        values = _LIST.split(value) if evidence.split else [value]
        for value in filter(None, (v.strip() for v in values)):
            state.metadata.append(MetaField(evidence.field, value, block.line))
        for name, value in _other_fields(evidence, block.text):
            state.metadata.append(MetaField(name, value, block.line))
        state.removed.append(Removed(block.line, "\n".join(block.raw), evidence.reason))
        state.decide(block.line, f"metadata ({evidence.field})", rule, verdict.score)
        return
    if evidence.role == "truncation":
        state.notice_line = block.line
    state.removed.append(Removed(block.line, "\n".join(block.raw), name))
    state.decide(block.line, f"removed ({name})", rule, verdict.score)


def _other_fields(evidence: Evidence, text: str) -> list[tuple[str, str]]:
    """Named groups of the pattern other than "value": more fields of the same line
    ("Published 3 May 2024 by NAME" gives the date as well as the author)."""
    match = evidence.pattern.fullmatch(text)
    groups = match.groupdict() if match else {}
    return [(k, v.strip()) for k, v in groups.items() if k != "value" and v and v.strip()]


def _report(state: ParseState, block: RawBlock, verdict: Verdict, vocab: Vocabulary) -> None:
    if verdict.score >= vocab.sure:
        return
    state.warn(
        block.line,
        1,
        Code.STRUCTURE_UNSURE,
        f"read {block.text[:40]!r} as {verdict.evidence.name} ({verdict.evidence.role},"
        f" score {verdict.score:.2f} < {vocab.sure}); if it is text, list line {block.line}"
        " in the document's structure hint 'keep'",
    )


def _list_item(text: str) -> bool:
    """A short line with no sentence end: the next item of a list printed one a line."""
    return len(text.split()) <= _ITEM_WORDS and not text.endswith((".", "!", "?", ":"))


def _citations_follow(blocks: list[RawBlock], index: int) -> bool:
    """A notes heading far from the end still opens a notes section when the next
    block is a citation line ("^ Harlow 1999, p. 12.", "↑ …")."""
    after = index + 1
    if after < len(blocks) and _MOBILE_EDIT.fullmatch(blocks[after].text):
        after += 1  # the mobile view's "edit" line under the heading
    return after < len(blocks) and _CITATION_MARK.match(blocks[after].text) is not None


def _notes(state: ParseState, blocks: list[RawBlock], start: int) -> int:
    """Remove a notes section: its heading and what follows, up to the next heading."""
    end = start + 1
    while end < len(blocks) and not _section_ends(state, blocks, end):
        end += 1
    for block in blocks[start:end]:
        if block.line in state.keep:
            continue
        state.removed.append(Removed(block.line, "\n".join(block.raw), "notes section"))
        state.decide(block.line, "removed (notes section)", "evidence: references heading")
    return end


def _section_ends(state: ParseState, blocks: list[RawBlock], index: int) -> bool:
    """A notes section ends at a heading of the page's text: one with an edit link,
    or one followed by prose (a long line, or a sentence; a short line followed by
    short lines is one of the section's links), or at a line the vocabulary knows
    (categories, a licence)."""
    block = blocks[index]
    vocab = vocabulary()
    known = score_line(block.lines[0], 0, 1, vocab.for_kind(state.profile.kind), 0)
    if known is not None and not _MOBILE_EDIT.fullmatch(block.text):
        return True  # (the mobile view's "edit" line belongs to the section's heading)
    if not is_heading(_edit_link_bare(block)) or index + 1 >= len(blocks):
        return False
    if block.line in state.keep or _edit_suffix(block.text):
        return True
    after = blocks[index + 1].text
    return len(after.split()) >= _PROSE_WORDS or _SENTENCE_END.search(after) is not None


def _edit_link_bare(block: RawBlock) -> RawBlock:
    """*block* without its edit link, if it has one."""
    match = _edit_suffix(block.text)
    if match is None:
        return block
    return RawBlock(block.line, (block.text[: match.start()],), block.raw, 0, 0)


def _edit_link(state: ParseState, block: RawBlock) -> RawBlock:
    """A heading with a MediaWiki "[edit]" link: the link is furniture, the rest a heading."""
    match = _edit_suffix(block.text)
    if match is None:
        return block
    # a wiki that numbers its sections prints the number too ("2. Background[edit]")
    number = _SECTION_NUMBER.match(block.text)
    bare = block.text[number.end() if number else 0 : match.start()]
    candidate = RawBlock(block.line, (bare,), block.raw, block.indent, block.blanks_before)
    if not is_heading(candidate):
        return block
    if number is not None:
        state.removed.append(Removed(block.line, number.group(0).strip(), "section number"))
    link = match.group(0).strip()
    state.removed.append(Removed(block.line, link, _ANCHORS.get(link, "edit link")))
    state.headings.add(block.line)
    state.decide(block.line, "heading", "evidence: heading with an edit link", 0.95)
    return candidate


def _infobox(state: ParseState, block: RawBlock, index: int, vocab: Vocabulary) -> bool:
    """Split a glued infobox run near the top into fields (the block stays for the body
    pass), or remove it as one block; ``True`` when the block was removed."""
    if not vocab.infobox_kinds & {state.profile.kind} or index >= vocab.window:
        return False
    if block.line in state.keep:
        return False  # the contributor says it is text
    glued = glued_run(block.text)
    run = read_run(block.text, vocab.infobox_labels, vocab.infobox_endings)
    if run is not None and (glued or run.known >= 2):
        state.fields[block.line] = run.rows
        score = 0.6 if run.guesses else 0.9
        state.decide(block.line, "infobox", "evidence: glued labels and values", score)
        if run.guesses:
            state.warn(
                block.line,
                1,
                Code.STRUCTURE_UNSURE,
                f"split a glued infobox run into {len(run.rows)} fields, guessing "
                + "; ".join(run.guesses)
                + f" (score {score}); if it is text, list line {block.line} in 'keep'",
            )
        return False
    if not glued:
        return False
    state.warn(
        block.line,
        1,
        Code.STRUCTURE_UNSURE,
        "a run of glued words and values with no known infobox label: removed as one"
        f" infobox block (score 0.6); if it is text, list line {block.line} in 'keep'",
    )
    state.decide(block.line, "removed (infobox)", "evidence: glued run, labels unknown", 0.6)
    state.removed.append(Removed(block.line, "\n".join(block.raw), "infobox"))
    return True


__all__ = ["Verdict", "evidence", "score_line"]
