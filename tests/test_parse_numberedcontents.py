"""A numbered contents box with no "Contents" line (parse/numberedcontents.py)."""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.parse.profiles import PROFILES
from sourcebook.parse.structure import run_passes

_LEAD = "Dry Walling\n\nDry walling is building walls of stone without mortar in the uplands.\n\n"
_BODY = (
    "1. Stone\n1.1 Where it comes from\n\nMost wallers use the stone of the field itself.\n\n"
    "2. Gaps\n\nA gap is mended from the bottom up.\n"
)


def _run(text: str, kind: str = "wikipedia"):  # type: ignore[no-untyped-def]
    return run_passes(text, PROFILES[kind], "x.txt")  # type: ignore[index]


def test_box_removed_and_its_items_made_headings() -> None:
    box = "1. Stone\n    1.1 Where it comes from\n2. Gaps\n\n"
    state = _run(_LEAD + box + _BODY)
    box_lines = [r for r in state.removed if r.reason == "contents box"]
    assert [r.line for r in box_lines] == [5]  # the block, recorded at its first line
    assert "1.1 Where it comes from" in box_lines[0].text
    assert {9, 10, 14} <= state.headings
    assert not any(d.code == Code.STRUCTURE_UNSURE and d.line == 5 for d in state.diags)


def test_half_echoed_box_is_reported() -> None:
    box = "1. Stone\n2. Gaps\n3. Copes\n4. Through stones\n\n"
    state = _run(_LEAD + box + _BODY)
    assert any(d.code == Code.STRUCTURE_UNSURE and d.line == 5 for d in state.diags)


def test_numbered_steps_not_printed_again_stay() -> None:
    steps = "1. Clear the footing\n2. Set the base stones\n3. Batter the faces\n\n"
    state = _run(_LEAD + steps + "The wall narrows towards the top, as every waller knows.\n")
    assert not any(r.reason == "contents box" for r in state.removed)
    assert not state.headings


def test_unnumbered_lines_printed_again_are_no_box() -> None:
    menu = "Stone\nGaps\nCopes\n\n"
    text = _LEAD + menu + "Stone\n\nMost stone is local.\n\nGaps\n\nMended upwards.\n"
    state = _run(text)
    assert not any(r.reason == "contents box" for r in state.removed)
