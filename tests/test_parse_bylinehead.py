"""The title read from a one-item-a-line head, up from its byline (parse/bylinehead.py),
and the site named by the footer's copyright line (parse/menu.py)."""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.parse.blocks import explode, split_blocks
from sourcebook.parse.bylinehead import _caption, _switcher, _title_shaped
from sourcebook.parse.menu import _owns
from sourcebook.parse.profiles import PROFILES
from sourcebook.parse.structure import run_passes

_MENU = "Skip to content\nTarn Daily\nNews\nSport\nWeather\nShopping\n"
_TEXT = (
    "The ferry will run twice a day from May, the operator said on Monday.\n"
    "Fares will stay at last year's level.\n"
)


def _state(text: str, kind: str = "article"):  # type: ignore[no-untyped-def]
    return run_passes(text, PROFILES[kind], "x.txt")  # type: ignore[index]


def test_title_above_byline_in_a_head_of_menus() -> None:
    state = _state(_MENU + "Ferry timetable doubled for summer\nStory by Una Varga\n" + _TEXT)
    assert state.header["title"] == "Ferry timetable doubled for summer"
    assert state.title_line == 7
    assert state.header["site"] == "Tarn Daily"
    removed = {r.line for r in state.removed}
    assert set(range(1, 7)) <= removed  # the skip link, the site and its menu
    assert not any(d.code == Code.STRUCTURE_UNSURE and d.line == 7 for d in state.diags)


def test_past_a_tool_line_printed_twice_is_reported() -> None:
    head = "Ferry timetable doubled for summer\nSave Story\nStory by Una Varga\nSave Story\n"
    state = _state(_MENU + head + _TEXT)
    assert state.header["title"] == "Ferry timetable doubled for summer"
    assert {8, 10} <= {r.line for r in state.removed}  # the tool line, both copies
    assert any(d.code == Code.STRUCTURE_UNSURE and d.line == 7 for d in state.diags)


def test_sentence_in_the_head_leaves_it_to_the_other_passes() -> None:
    text = _MENU + "Ferries are busier than ever this year.\nStory by Una Varga\n" + _TEXT
    state = _state(text)
    assert not any(d.rule.startswith("byline_head") for d in state.decisions)


def test_blank_line_between_title_and_byline_leaves_it() -> None:
    text = _MENU + "Ferry timetable doubled for summer\n\nStory by Una Varga\n\n" + _TEXT
    state = _state(text)
    assert not any(d.rule.startswith("byline_head") for d in state.decisions)


def test_headline_over_standfirst_leaves_it() -> None:
    head = "Ferry timetable doubled for summer\nMore sailings as the island's visitors return\n"
    state = _state(_MENU + head + "Story by Una Varga\n" + _TEXT)
    assert not any(d.rule.startswith("byline_head") for d in state.decisions)


def test_title_shape() -> None:
    assert _title_shaped("Private well water", "article")
    assert not _title_shaped("Home / Newsroom / Private well water", "article")
    assert not _title_shaped("Conferences > Water Sensing 2026", "article")
    assert not _title_shaped("Weather", "article")  # one word
    assert not _title_shaped("The board met on Tuesday.", "article")


def test_language_switcher_under_the_byline() -> None:
    lines = explode(split_blocks("Title here\n4 June 2026\nDeutsch\nEspañol\n中文\nOverview\n"))
    assert [b.text for b in _switcher(lines, 1)] == ["Deutsch", "Español", "中文"]
    one = explode(split_blocks("Title here\n4 June 2026\nEnglish\nOverview\n"))
    assert _switcher(one, 1) == []  # a lone language name may be a heading


def test_caption_under_its_label() -> None:
    text = "By Ann Lee\nImage caption,\nThe pier at dawn\nThe pier reopened on Monday.\n"
    lines = explode(split_blocks(text))
    assert [b.line for b in _caption(lines, 0)] == [2, 3]
    prose = "By Ann Lee\nImage caption,\nThe pier reopened on Monday after two months of work.\n"
    assert _caption(explode(split_blocks(prose)), 0) == []


def test_copyright_line_names_the_site() -> None:
    assert _owns("The Orrin Dictionary is copyright © 2026 by the Society", "Orrin Dictionary")
    assert _owns("© 2026 Orrin Dictionary", "Orrin Dictionary")
    assert not _owns("Orrin Dictionary", "Orrin Dictionary")  # a bare repeat
    assert not _owns("Copyright © 2026 Tarn Press", "Orrin Dictionary")
