"""Text that lost its blank lines (parse/reflow.py), pull quotes (parse/pullquote.py) and
the traces of exports and toolbars (parse/auditexport.py), each from both sides."""

from __future__ import annotations

import textwrap

from sourcebook.model import Document, Heading, Paragraph, Table
from sourcebook.parse import parse
from sourcebook.parse.blocks import split_blocks
from sourcebook.parse.reflow import _breaks, _wrapped
from sourcebook.parse.scoring import score_line
from sourcebook.parse.vocabulary import vocabulary

WRAPPED = (
    "The mill was built in 1791 by the miller Jabez Orrin, who dammed a side channel of\n"
    "the creek to hold the flood tide and let it out through the wheel on the ebb, so\n"
    "that it could grind for six hours on each tide.\n"
    "History\n"
    "A storm in 1881 breached the pond wall and the mill then stood idle for two whole\n"
    "years, until the trust that owned the land paid for the wall to be rebuilt in stone\n"
    "and the wheel to be given new paddles of elm from the estate's own woods by the creek.\n"
    "The wheel turned again in 1884.\n"
)


def _paragraph_lines(text: str, kind: str = "wikipedia") -> list[int]:
    doc, _ = parse(text, kind, "t.txt")
    return [b.line for b in doc.blocks if isinstance(b, Paragraph)]


def test_a_hard_wrapped_block_is_cut_at_paragraph_ends_and_headings() -> None:
    block = split_blocks(WRAPPED)[0]
    width = _wrapped(block)
    assert width == max(len(line) for line in block.lines)
    # after the paragraph's short last line and after the heading
    assert _breaks(block, width) == [2, 3]


def test_a_paragraph_wrapped_at_a_width_is_never_cut_inside() -> None:
    # a wrapper puts every word that fits on the line: no sentence ends a line early
    paragraph = " ".join(
        f"Sentence {n} of the mill's long history runs on for a while, as such things do."
        for n in range(12)
    )
    block = split_blocks(textwrap.fill(paragraph, 72))[0]
    assert _wrapped(block) > 0
    assert _breaks(block, _wrapped(block)) == []


def test_blocks_of_short_sentences_or_few_lines_are_not_wrapped_text() -> None:
    listing = "\n".join(f"Bring item number {n} with you to the hall." for n in range(10))
    assert _wrapped(split_blocks(listing)[0]) == 0
    assert _wrapped(split_blocks(WRAPPED.split("History")[0])[0]) == 0


def test_pdf_export_comes_out_as_paragraphs_headings_and_an_infobox() -> None:
    text = (
        "Quarrendon Mill 1\nQuarrendon Mill\nLocale Quarrendon Creek\nOpened 1791\n"
        "Closed 1938\n"
        + WRAPPED.replace("History", "Quarrendon Mill 2\nHistory").replace(
            "The mill was built", "Quarrendon Mill was built"
        )
    )
    doc, diags = parse(text, "wikipedia", "t.txt")
    assert [b.text for b in doc.blocks if isinstance(b, Heading)] == ["History"]
    assert [len(b.rows) for b in doc.blocks if isinstance(b, Table)] == [3]
    assert [b.line for b in doc.blocks if isinstance(b, Paragraph)] == [6, 11]
    assert {r.reason for r in doc.removed} >= {"running head"}
    assert not diags


def test_a_word_broken_at_the_line_end_is_joined_unless_printed_with_its_hyphen() -> None:
    text = WRAPPED.replace("the creek to hold", "the creek to hold the la-\nbour of", 1)
    doc, _ = parse(text, "wikipedia", "t.txt")
    assert "the labour of" in _page_text(doc)
    assert [r.text for r in doc.removed if r.reason == "line-end hyphen"] == ["-"]
    doc, _ = parse(text + "\nThe la-bour of the millers is recorded.\n", "wikipedia", "t.txt")
    assert not any(r.reason == "line-end hyphen" for r in doc.removed)


def _page_text(doc: Document) -> str:
    return " ".join(b.plain for b in doc.blocks if isinstance(b, Paragraph))


def test_numbered_lines_that_are_not_running_heads_stay() -> None:
    text = (
        "Trail Notes\n\nStage 1\n\nWe left at dawn and walked to the ford.\n\n"
        "Stage 2\n\nThe ford was high, so we went round by the bridge.\n\n"
        "Stage 3\n\nWe reached the hut by dark.\n"
    )
    listed = (
        "Trail Notes\n\nThe huts we slept in:\nMountain hut 1\nMountain hut 2\nMountain hut 3\n"
    )
    for sample in (text, listed):
        doc, diags = parse(sample, "essay", "t.txt")
        assert not any(r.reason == "running head" for r in doc.removed)
        assert not [d for d in diags if "running head" in d.message]


def test_a_lone_running_head_is_reported_and_removed_only_inside_a_paragraph() -> None:
    inside = (
        "The Salt Road\n\nBy Nell Garrard\n\n"
        "The carters who used it were a familiar sight in the villages, and the inns\n"
        "The Salt Road 2\nalong the road kept their trade for a generation after that.\n"
    )
    doc, diags = parse(inside, "essay", "t.txt")
    assert [r.line for r in doc.removed if r.reason == "running head"] == [6]
    assert any(d.line == 6 and "running head" in d.message for d in diags)
    alone = inside.replace("\nThe Salt Road 2\n", "\n\nThe Salt Road 2\n\n")
    doc, diags = parse(alone, "essay", "t.txt")
    assert not any(r.reason == "running head" for r in doc.removed)
    assert any(d.line == 7 and "running head" in d.message for d in diags)


ESSAY = (
    "Mending\n\nBy Ana Brook\n\n"
    "Mending is mostly looking. You put the wheel in the jig and you watch where it rubs,"
    " and you do not reach for a spanner until you can say what is wrong.\n\n"
    "{quote}\n\n"
    "The second thing I learnt was that a repair can be ugly and still be right.\n"
)


def test_a_sentence_printed_again_on_its_own_is_a_pull_quote() -> None:
    text = ESSAY.format(quote="“You do not reach for a spanner until you can say what is wrong.”")
    doc, _ = parse(text, "essay", "t.txt")
    assert [r.line for r in doc.removed if r.reason == "pull quote"] == [7]


def test_a_quotation_that_differs_or_a_heading_the_text_repeats_stays() -> None:
    differs = ESSAY.format(quote="“You do not reach for a hammer until you can say what is wrong.”")
    heading = ESSAY.format(quote="Where it rubs and you do not reach")
    for text in (differs, heading):
        doc, _ = parse(text, "essay", "t.txt")
        assert not any(r.reason == "pull quote" for r in doc.removed)


def test_a_toolbar_heading_is_reported_and_a_heading_with_a_word_of_text_is_not() -> None:
    text = (
        "Sharing the Load\n\nBy Tomas Adair\n\n"
        "Our society shares one rotavator between forty plots, and it took ten years to agree.\n\n"
        "{heading}\n\n"
        "The rule now is simple: you book it on the board in the shed and clean it after.\n\n"
        "Booking\n\nThe board hangs by the door of the shed, beside the key.\n"
    )
    _, diags = parse(text.format(heading="View Edit History Print"), "essay", "t.txt")
    assert any(d.line == 7 and "page actions" in d.message for d in diags)
    _, diags = parse(text.format(heading="Sharing the shed"), "essay", "t.txt")
    assert not any("page actions" in d.message for d in diags)
    # two action words: a row of buttons is two labels, a heading is in sentence case
    _, diags = parse(text.format(heading="Print Email"), "essay", "t.txt")
    assert any(d.line == 7 and "page actions" in d.message for d in diags)
    _, diags = parse(text.format(heading="Print history"), "essay", "t.txt")
    assert not any("page actions" in d.message for d in diags)


def test_one_paragraph_holding_a_long_text_is_reported_unless_its_lines_are_sentences() -> None:
    line = "The parish council argued for the old bridge at every meeting of the year and"
    wrapped = "Fennick Bridge\n" + "\n".join([line] * 18) + ".\n"
    _, diags = parse(wrapped, "wikipedia", "t.txt")
    assert any(d.line == 2 and "blank lines were lost" in d.message for d in diags)
    sentences = "Fennick Bridge\n" + "\n".join([line[:-4] + "."] * 18) + "\n"
    _, diags = parse(sentences, "wikipedia", "t.txt")
    assert not any("blank lines were lost" in d.message for d in diags)


# the vocabulary of this round (layout.toml), each entry from both sides: (line, the
# entry that must decide it, or None when no entry of these may)
VOCABULARY = [
    ("This page has been visited 000412 times since 1 May 1998.", "hit counter"),
    ("You are visitor number 1,204 since 3 March 1997.", "hit counter"),
    ("Visitors: 12,345", "hit counter"),
    ("The page has been visited by many people since the flood.", None),
    ("Best viewed in any browser at 800x600.", "browser badge"),
    ("Best viewed with Netscape Navigator 4.", "browser badge"),
    ("Best seen from the north bank, the weir is at its loudest in March.", None),
    ("[ Back to index ] [ Home ] [ Mail me ]", "bracketed link row"),
    ("[ Back to index ]", "bracketed link row"),
    ("[citation needed]", None),
    ("written April 1998, revised January 1999", "written date line"),
    ("first written 3 May 2001; last revised 2004", "written date line"),
    ("It was written in April 1998 on a train.", None),
    ("words by Juno Maddock-Reyes", "credit byline"),
    ("illustration by Teo Barrow", "picture credit"),
    ("illustration by the children of the school", None),
    ("Share: copy link / email", "share bar"),
    ("Share: Facebook Twitter Email", "share bar"),
    ("Share your seeds with the neighbours.", None),
    ("Like what you read? Issue 14 is available in print for £4 from the shop.", "reader appeal"),
    ("Did you like what you read at school?", None),
    ("Grit & Glue is made in a back bedroom. All words belong to their writers.", "rights line"),
    ("The words belong to the song, not to the singer.", None),
]


def test_the_vocabulary_of_old_pages_and_small_presses_decides_its_lines_only() -> None:
    vocab = vocabulary()
    lines = vocab.for_kind("essay")
    ours = {name for _, name in VOCABULARY if name}
    where = {e.name: e.where for e in lines}
    for line, name in VOCABULARY:
        if name is None:  # at the top and at the bottom of a page of 20 blocks
            for index in (0, 19):
                verdict = score_line(line, index, 20, lines, vocab.window)
                assert verdict is None or verdict.evidence.name not in ours, (line, verdict)
            continue
        index = 0 if where[name] == "top" else 19
        verdict = score_line(line, index, 20, lines, vocab.window)
        assert verdict is not None and verdict.evidence.name == name, (line, verdict)
        assert verdict.score >= vocab.sure
