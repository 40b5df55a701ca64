"""Reference works' entries: registers, species databases, biographical dictionaries.

Each rule with a positive case, a negative one (text that must stay as it is) and a
boundary: the trail line (parse/trail.py), a sentence closed by an author-year
citation, the contents box's vocabulary item printed again, the language switcher
(parse/languages.py), the citation box (parse/citebox.py), the entry's signature
(parse/entrysign.py), the tabs under the title (parse/tabbar.py), the record of
label and value lines (parse/labelrows.py), the end marker (parse/endmark.py) and
the site named by the copyright footer (parse/linemenu.py).
"""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.model import MetaField
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.citebox import cite_box
from sourcebook.parse.endmark import is_end_mark
from sourcebook.parse.labelrows import field_name
from sourcebook.parse.languages import is_language
from sourcebook.parse.profiles import PROFILES
from sourcebook.parse.state import ParseState
from sourcebook.parse.structure import run_passes
from sourcebook.parse.trail import is_trail


def _run(text: str, kind: str = "wikipedia") -> ParseState:
    return run_passes(text, PROFILES[kind], "x.txt")  # type: ignore[index]


def _removed(state: ParseState, reason: str) -> list[int]:
    return sorted(r.line for r in state.removed if r.reason == reason)


def _unsure(state: ParseState) -> list[int]:
    return [d.line for d in state.diags if d.code == Code.STRUCTURE_UNSURE]


def _meta(state: ParseState, name: str) -> list[str]:
    return [f.value for f in state.metadata if f.name == name]


_PROSE = "The wall was raised by the parish in the spring of that year and mended twice since."


# -- the trail ---------------------------------------------------------------------
def test_trail_of_three_short_items() -> None:
    assert is_trail("Home > Places > Bridges")
    assert is_trail("Plantae › Rosales › Rosaceae › Malus")
    assert is_trail("Archive / 2026 / March")


def test_two_items_or_a_sentence_are_no_trail() -> None:
    assert not is_trail("Home > Bridges")  # the boundary: two items
    assert not is_trail("Costs > income > savings.")  # a sentence end
    assert not is_trail("The river rose fast > the weir was lost in the night > rain")


def test_title_echoed_past_a_long_trail() -> None:
    trail = (
        "Kingdom Plantae > Order Fagales > Family Betulaceae > Genus Alnus > Species A. tarnensis"
    )
    text = (
        f"Tree Register\n\nHome\nBrowse\nSearch\nAbout\n\n{trail}\n\nAlnus tarnensis\n\n"
        "Alnus tarnensis is an alder known only from the banks of the upper Tarn and two of"
        " its tributaries.\n"
    )
    state = _run(text)
    assert state.header.get("title") == "Alnus tarnensis"


# -- a sentence closed by a citation -------------------------------------------------
def test_sentence_closed_by_an_author_year_citation_runs() -> None:
    assert is_running("The snail is found on the grey dunes of three bays. (Vance and Orme, 2019)")
    assert is_running("It feeds at night on lichens and fallen petals. (Orme, 2021a)")


def test_a_bracket_without_a_year_ends_no_sentence() -> None:
    assert not is_running("The snail is found on the grey dunes of three bays (see the map below)")
    assert not is_running("The snail is found on the grey dunes of three bays. (see the map)")


# -- the contents box ----------------------------------------------------------------
def test_contents_item_known_to_the_vocabulary_stays_in_the_box_when_printed_again() -> None:
    text = (
        f"Alder\n\n{_PROSE}\n\nContents\nRange\nHabitat\nContributors\nReferences\n\nRange\n\n"
        f"{_PROSE}\n\nHabitat\n\n{_PROSE}\n\nContributors\n\nAnn Vance (author).\n\n"
        "References\n\nVance, A. 2019. Alders. Tree Notes, 4: 1-9.\n"
    )
    state = _run(text)
    assert _removed(state, "table of contents") == [5, 6, 7, 8, 9]


def test_contents_box_ends_at_a_known_line_not_printed_again() -> None:
    text = (
        f"Alder\n\n{_PROSE}\n\nContents\nRange\nHabitat\nContributors\n\nRange\n\n"
        f"{_PROSE}\n\nHabitat\n\n{_PROSE}\n"
    )
    state = _run(text)
    assert _removed(state, "table of contents") == [5, 6, 7]


# -- bylines and languages -----------------------------------------------------------
def test_entry_byline_under_the_title_is_the_author() -> None:
    state = _run(f"Alder Carr\n\nBy Ann Vance\n\n{_PROSE}\n")
    assert _meta(state, "author") == ["Ann Vance"]


def test_language_names() -> None:
    assert is_language("Français") and is_language(" cymraeg ")
    assert not is_language("French Polynesia") and not is_language("Welsh Lives")


def test_site_under_a_language_switcher() -> None:
    head = "Cymraeg\nRegister of Mill Lives\nHome\nSearch\nBrowse\nVolumes\nAbout\n\n"
    state = _run(head + f"HESKETH, ANNE\n\nHESKETH, ANNE, miller; {_PROSE}\n")
    assert state.header.get("site") == "Register of Mill Lives"


def test_first_menu_line_stays_the_site_when_no_language_is_above() -> None:
    head = "Register of Mill Lives\nHome\nSearch\nBrowse\nVolumes\nAbout\n\n"
    state = _run(head + f"HESKETH, ANNE\n\nHESKETH, ANNE, miller; {_PROSE}\n")
    assert state.header.get("site") == "Register of Mill Lives"


# -- the citation box ----------------------------------------------------------------
_ENTRY = "".join(f"{_PROSE}\n\n" for _ in range(6))
_BOX = (
    "Cite This Entry\n"
    'Ann Vance, "HESKETH, ANNE," in Mill Lives, accessed May 3, 2026.\n'
    "Author of Entry: Ann Vance\n"
)


def _box_state(text: str, keep: frozenset[int] = frozenset()) -> ParseState:
    state = ParseState(text, "x.txt", PROFILES["wikipedia"])
    from sourcebook.parse.passes import PASSES

    PASSES["blocks"](state)
    state.keep |= keep
    cite_box(state)
    return state


def test_citation_box_removed_with_its_author() -> None:
    state = _box_state(f"Hesketh\n\n{_ENTRY}{_BOX}Back to top\n")
    first = len(f"Hesketh\n\n{_ENTRY}".splitlines()) + 1
    assert _removed(state, "citation box") == list(range(first, first + 4))
    assert state.metadata == [MetaField("author", "Ann Vance", first + 2)]
    assert not _unsure(state)


def test_links_right_above_the_box_go_with_it_and_are_reported() -> None:
    state = _box_state(f"Hesketh\n\n{_ENTRY}Related Entries\n{_BOX}")
    first = len(f"Hesketh\n\n{_ENTRY}".splitlines()) + 1
    assert _removed(state, "citation box")[0] == first
    assert _unsure(state) == [first]


def test_cite_heading_without_a_reference_stays() -> None:
    box = "How to cite this entry\nName the page and the day you read it, as your school asks.\n"
    state = _box_state(f"Hesketh\n\n{_ENTRY}{box}")
    assert not _removed(state, "citation box")


def test_cite_heading_in_the_first_half_stays() -> None:
    state = _box_state(f"Hesketh\n\n{_BOX}\n{_ENTRY}")
    assert not _removed(state, "citation box")


def test_reference_beyond_reach_is_no_evidence() -> None:
    box = "Cite This Entry\nOne.\nTwo.\nThree.\nRead at https://mills.example/hesketh on May 3.\n"
    state = _box_state(f"Hesketh\n\n{_ENTRY}{box}")
    assert not _removed(state, "citation box")


def test_kept_line_stays_in_the_text() -> None:
    text = f"Hesketh\n\n{_ENTRY}{_BOX}"
    last = len(text.splitlines())
    state = _box_state(text, frozenset({last}))
    assert last not in _removed(state, "citation box")
    assert any(b.line == last for b in state.blocks)
    assert not state.metadata  # the author's line is kept: no field from it


# -- the entry's signature -----------------------------------------------------------
_SOURCES = "Mill accounts, 1801-40; Tarn Gazette, 4 May 1840.\n"


def test_signature_printed_again_is_the_author() -> None:
    text = f"Hesketh\n\nA life of the miller, by Ann Vance.\n\n{_ENTRY}ANN VANCE\n\n{_SOURCES}"
    state = _run(text)
    line = text.splitlines().index("ANN VANCE") + 1
    assert _removed(state, "signature") == [line]
    assert state.metadata == [MetaField("author", "ANN VANCE", line)]
    assert line not in _unsure(state)


def test_signature_with_an_initial_is_reported() -> None:
    text = f"Hesketh\n\n{_ENTRY}ANN M. VANCE\n\n{_SOURCES}"
    state = _run(text)
    line = text.splitlines().index("ANN M. VANCE") + 1
    assert _removed(state, "signature") == [line]
    assert line in _unsure(state)


def test_capitals_heading_over_a_paragraph_stays() -> None:
    text = f"Hesketh\n\n{_ENTRY}LATER YEARS\n\n{_PROSE}\n"
    state = _run(text)
    assert not _removed(state, "signature")
    assert not _meta(state, "author")


def test_signature_with_two_blocks_below_is_no_signature() -> None:
    text = f"Hesketh\n\n{_ENTRY}ANN M. VANCE\n\n{_SOURCES}\n{_SOURCES}"
    assert not _removed(_run(text), "signature")


# -- tabs and tools under the title ---------------------------------------------------
#: a page printed one line a block (no blank line), as registers' pages come
_LINES = "\n".join(
    [
        "The gate was built for the turnpike trust in 1824 and kept until the trust ended.",
        "The keeper lived in the lodge beside it and took the tolls by day and by night.",
        "Its posts were moved to the museum in 1931, when the road was widened again.",
        "The lodge was let to the road foreman, who kept a garden on the old toll yard.",
    ]
)


def _page(under_title: str) -> str:
    return f"Skip to main content\nTOLL GATE AT ASH FORD\n{under_title}Summary\n{_LINES}\n"


def test_tabs_under_the_title_removed_and_reported() -> None:
    state = _run(_page("Overview\nFull Record\nMap\nPhotographs\n"))
    assert _removed(state, "page tabs") == [3, 4, 5, 6]
    assert 3 in _unsure(state)  # none of them a word menus print


def test_known_tools_are_not_reported() -> None:
    state = _run(_page("Overview\nPrint\nShare\n"))
    assert _removed(state, "page tabs") == [3]  # "Print" and "Share" the vocabulary removed
    assert 3 not in _unsure(state)


def test_two_short_lines_under_the_title_stay() -> None:
    state = _run(_page("Overview\nMap\n"))
    assert not _removed(state, "page tabs")


def test_the_runs_last_line_heads_the_text_below() -> None:
    state = _run(_page("Overview\nMap\nPhotographs\n"))
    assert _removed(state, "page tabs") == [3, 4, 5]
    assert 6 in state.headings or any(
        d.line == 6 and d.became == "heading" for d in state.decisions
    )


# -- a record of label and value lines ------------------------------------------------
_RECORD = (
    "Record Type:\nScheduled Monument\nGrade:\nII\nLocation\n"
    "County:\nTarnshire\nAuthor:\nAnn Vance\n"
)


def test_record_rows_become_metadata() -> None:
    text = f"MILESTONE AT ASH FORD\n{_RECORD}\n" + _ENTRY
    state = _run(text)
    assert _removed(state, "document metadata") == list(range(2, 11))
    assert _meta(state, "record-type") == ["Scheduled Monument"]
    assert _meta(state, "county") == ["Tarnshire"]
    assert _meta(state, "author") == ["Ann Vance"]  # a label the normaliser knows


def test_label_over_a_sentence_is_no_record() -> None:
    record = "Note:\nThe stone was moved in 1911.\nGrade:\nII\nCounty:\nTarnshire\n"
    state = _run(f"MILESTONE AT ASH FORD\n{record}\n" + _ENTRY)
    assert not _meta(state, "grade")


def test_two_pairs_are_no_record() -> None:
    state = _run("MILESTONE AT ASH FORD\nGrade:\nII\nCounty:\nTarnshire\n\n" + _ENTRY)
    assert not _meta(state, "grade")


def test_record_in_the_second_half_stays() -> None:
    state = _run(f"MILESTONE AT ASH FORD\n\n{_ENTRY}{_RECORD}")
    assert not _meta(state, "grade")


def test_field_names() -> None:
    assert field_name("Date first listed:") == "date-first-listed"
    assert field_name("Published:") == "date"
    assert field_name("Grid ref. 2:") == "grid-ref"
    assert field_name("12:") == "record"


# -- the end marker -------------------------------------------------------------------
def test_end_marks() -> None:
    assert is_end_mark("End of official register entry")
    assert is_end_mark("— End of record —")
    assert not is_end_mark("End of the line for the old ferry")
    assert not is_end_mark("The end of the entry")


def test_end_marker_ends_the_text_whole() -> None:
    text = (
        f"MILESTONE AT ASH FORD\n\n{_ENTRY}Sources\n\nDunmore, T, Milestones, (1971), 44-46\n\n"
        "End of official record entry\nAbout us\nContact us\n"
    )
    state = _run(text)
    assert not any(d.code == Code.TRUNCATED for d in state.diags)
    assert not any(r.reason == "page footer" and "Dunmore" in r.text for r in state.removed)


def test_without_an_end_marker_the_cut_off_is_marked() -> None:
    text = f"MILESTONE AT ASH FORD\n\n{_ENTRY}The stone was reset by the county, and its face\n"
    state = _run(text)
    assert any(d.code == Code.TRUNCATED for d in state.diags)


# -- the site the copyright footer names ----------------------------------------------
def test_masthead_above_the_menu_named_by_the_footer() -> None:
    head = "Skip to main content\nMonuments of Tarn\nSearch\nMenu\nRecords\nVisit\nLearn\n"
    text = head + f"ASH FORD CROSS\n{_PROSE}\n{_PROSE}\nAbout us\n© Monuments of Tarn 2026\n"
    state = _run(text)
    assert state.header.get("site") == "Monuments of Tarn"
    assert state.header.get("title") == "ASH FORD CROSS"


# -- boundaries (each kills a one-line slip in the rules above) -----------------------
def test_a_long_line_above_the_box_stays() -> None:
    state = _box_state(f"Hesketh\n\n{_ENTRY}See the whole register of mills\n{_BOX}")
    heading = len(f"Hesketh\n\n{_ENTRY}".splitlines()) + 2
    assert _removed(state, "citation box")[0] == heading
    assert not _unsure(state)


def test_signature_needs_running_text_above() -> None:
    text = f"Hesketh\n\n{_ENTRY}Mill accounts\n\nANN M. VANCE\n\n{_SOURCES}"
    assert not _removed(_run(text), "signature")


def test_known_heading_in_capitals_is_no_signature() -> None:
    text = f"Hesketh\n\nSee also the mills.\n\n{_ENTRY}SEE ALSO\n\n{_SOURCES}"
    assert not _removed(_run(text), "signature")


def test_a_five_word_line_ends_the_bar() -> None:
    state = _run(_page("Overview\nMap\nPhotographs of the toll gate\nShare\n"))
    assert not _removed(state, "page tabs")


def test_a_lower_case_line_ends_the_bar() -> None:
    state = _run(_page("Overview\nMap\nphotographs\n"))
    assert not _removed(state, "page tabs")


def test_bar_far_below_the_title_is_no_bar() -> None:
    text = f"TOLL GATE AT ASH FORD\n\n\n\nOverview\nFull Record\nMap\nPhotographs\n\n{_LINES}\n"
    assert not _removed(_run(text), "page tabs")


def test_label_of_six_words_is_no_label() -> None:
    record = "Date of the most recent full survey:\n2019\nGrade:\nII\nCounty:\nTarnshire\n"
    state = _run(f"MILESTONE AT ASH FORD\n{record}\n" + _ENTRY)
    assert not _meta(state, "date-of-the-most-recent-full-survey")
    assert not _meta(state, "grade")  # two pairs left


def test_value_of_thirteen_words_is_no_value() -> None:
    long = "one two three four five six seven eight nine ten eleven twelve thirteen"
    record = f"Grade:\nII\nCounty:\nTarnshire\nAddress:\n{long}\n"
    state = _run(f"MILESTONE AT ASH FORD\n{record}\n" + _ENTRY)
    assert not _meta(state, "address")


def test_blank_line_between_label_and_value_is_no_pair() -> None:
    record = "Grade:\n\nII\n\nCounty:\n\nTarnshire\n\nParish:\n\nOrby\n"
    state = _run(f"MILESTONE AT ASH FORD\n\n{record}\n" + _ENTRY)
    assert not _meta(state, "grade")


def test_footer_reaches_no_higher_than_the_end_marker() -> None:
    text = (
        f"ASH FORD MILL\n\n{_ENTRY}Opening hours\nDaily 10-4\nEnd of entry\nAbout us\n"
        "Contact us\n© 2026 Mills of Tarn\n"
    )
    state = _run(text)
    gone = " ".join(r.text for r in state.removed)
    assert "About us" in gone
    assert "Daily 10-4" not in gone


def test_headings_with_edit_links_are_no_bar() -> None:
    text = (
        "glassock\nJump to navigation Jump to search\nEnglish[edit]\nNoun[edit]\n"
        f"Plural[edit]\n{_LINES}\n"
    )
    assert not _removed(_run(text), "page tabs")


def test_bar_past_removed_lines_far_below_the_title_is_no_bar() -> None:
    under = "Accept all cookies\nReject optional cookies\nCookie settings\n"
    state = _run(_page(under + "Overview\nFull Record\nMap\n"))
    assert _removed(state, "cookie banner")
    assert not _removed(state, "page tabs")


def test_a_tool_printed_again_at_the_foot_is_no_site() -> None:
    from sourcebook.parse.blocks import RawBlock
    from sourcebook.parse.menu import echoed_in_footer, menu_shape

    lines = ("Edit Page", "Mills of Tarn", "Records")
    block = RawBlock(1, lines, lines, 0, 0)
    foot = f"{_PROSE}\n" * 4 + "Edit Page\nAbout us\n"
    state = ParseState("\n".join(lines) + "\n" + foot, "x.txt", PROFILES["wikipedia"])
    assert echoed_in_footer(state, block, menu_shape()) == 0  # the menu pass's reading
    assert echoed_in_footer(state, block, menu_shape(), owned_only=True) is None
    owned = ParseState(state.text + "© 2026 Mills of Tarn\n", "x.txt", PROFILES["wikipedia"])
    assert echoed_in_footer(owned, block, menu_shape(), owned_only=True) == 1
