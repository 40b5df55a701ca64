"""The audit's chrome traces (parse/auditchrome.py) at their thresholds.

Headings in a row, a text that ends on a heading, runs of "Label: value" lines, a
short line the vocabulary knows but held back, and a title that is a menu item:
each pinned from both sides on small texts written for these tests.
"""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.inputs.hints import StructureHints
from sourcebook.parse import parse
from sourcebook.parse.auditchrome import HEADING_RUN, LABEL_RUN

OPENING = (
    "Orrin Weir\n\nThe weir on the Orrin was built in 1790 to feed the mill race below it.\n\n"
)
CLOSING = "\n\nThe weir was rebuilt in stone in 1884 after a flood broke its timber crest.\n"


def _messages(text: str, kind: str = "wikipedia") -> list[tuple[int, str]]:
    _, diags = parse(text, kind, "t.txt")  # type: ignore[arg-type]
    return [(d.line, d.message) for d in diags if d.code is Code.STRUCTURE_UNSURE]


def _headings(count: int) -> str:
    names = ["Gallery", "Fan art", "Spotlight", "Old maps", "Walks", "Birds"]
    return "\n\n".join(names[:count])


def test_headings_in_a_row_are_reported_from_the_threshold_on() -> None:
    at = _messages(OPENING + _headings(HEADING_RUN - 1) + "\n\nHistory" + CLOSING)
    assert any("headings in a row" in m for _, m in at)
    below = _messages(OPENING + _headings(HEADING_RUN - 2) + "\n\nHistory" + CLOSING)
    assert not any("headings in a row" in m for _, m in below)


def test_a_text_ending_on_a_heading_is_reported_and_one_ending_on_text_is_not() -> None:
    # a heading marked by its edit link stays a heading even with no text below it
    ends = _messages(OPENING + "History" + CLOSING + "\nAround the valley[edit]\n")
    assert any("ends on a heading" in m for _, m in ends)
    assert not any("ends on a heading" in m for _, m in _messages(OPENING + "History" + CLOSING))


def _labels(count: int) -> str:
    lines = ["Page name: Orrin Weir", "Short address: orrin-weir", "Read on: 4 March 2026"]
    lines += ["Owner: the river trust", "Keeper: Ann Lee"]
    return "\n\n".join(lines[:count])


def test_label_value_lines_in_a_row_are_reported_from_the_threshold_on() -> None:
    at = _messages(OPENING + _labels(LABEL_RUN) + CLOSING)
    assert any("'Label: value' lines" in m for _, m in at)
    below = _messages(OPENING + _labels(LABEL_RUN - 1) + CLOSING)
    assert not any("'Label: value' lines" in m for _, m in below)


def test_a_kept_label_line_breaks_the_run() -> None:
    text = OPENING + _labels(LABEL_RUN) + CLOSING
    _, diags = parse(text, "wikipedia", "t.txt", StructureHints(keep=((7, 7),)))
    assert not any("'Label: value' lines" in d.message for d in diags)


def test_a_lone_toolbar_word_is_reported_and_a_plain_heading_is_not() -> None:
    toolbar = _messages(OPENING + "Print" + CLOSING)
    assert any("article toolbar" in m for _, m in toolbar)
    assert not any("vocabulary knows" in m for _, m in _messages(OPENING + "Printing" + CLOSING))


def test_a_title_that_is_a_menu_item_is_reported() -> None:
    menu = "The Valley Echo\nHome\nNews\nWeather\nSport\nLetters\n\n"
    story = "By Ann Lee\n\nThe coast road was closed on Tuesday after gales.\n"
    reported = _messages(
        menu + "Weather\n\nGales close the road. Ferries stop\n\n" + story, "article"
    )
    assert any("is also an item of the site's menu" in m for _, m in reported)
    plain = _messages(menu + "Gales close the coast road\n\n" + story, "article")
    assert not any("menu" in m and "title" in m for _, m in plain)
