"""Wiki pages copied from mirrors and static exports (s19w).

Each rule with a positive case and a negative one (text that must stay as it is): a
page served as raw wikitext (parse/rawwiki.py), an infobox printed "Label value" a row
(parse/infoboxrun.py), tag pills under a static wiki page's modified line
(parse/tagpills.py) and a sentence broken at its links (parse/linkrejoin.py).
"""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.model import Heading, Paragraph, Table
from sourcebook.parse.profiles import PROFILES
from sourcebook.parse.state import ParseState
from sourcebook.parse.structure import run_passes


def _run(text: str) -> ParseState:
    return run_passes(text, PROFILES["wikipedia"], "x.txt")  # type: ignore[index]


def _headings(state: ParseState) -> list[str]:
    return [b.text for b in state.body if isinstance(b, Heading)]


def _texts(state: ParseState) -> str:
    return " ".join(b.plain for b in state.body if isinstance(b, Paragraph))


WIKITEXT = """Brackwater
{{Short description|Village in Ardell}}
'''Brackwater''' is a village on the [[River Senn|Senn]].<ref name="a">Gazetteer, 1901.</ref>
==History==
The church was rebuilt in 1871.<ref name="a" /> The mill closed in 1958.{{cn|date=May 2024}}
==References==
{{reflist}}
[[Category:Villages in Ardell]]
"""


def test_raw_wikitext_markup_is_read_as_rendered() -> None:
    state = _run(WIKITEXT)
    assert _headings(state) == ["History"]
    assert [f.label for f in state.footnotes] == ["1"]  # the named reference, reused
    flags = [c.flags for c in state.claims if c.flags]
    assert flags == [("citation needed",)]
    text = _texts(state)
    assert "'''" not in text and "[[" not in text and "{{" not in text
    assert "Brackwater is a village on the Senn." in text


def test_prose_naming_wiki_markup_stays() -> None:
    text = (
        "Templates\n\nAn editor types {{Stub}} to mark a short page, and [[Main Page]]"
        " links to the front page.\n\nThe braces stay in the source.\n"
    )
    state = _run(text)
    assert "{{Stub}}" in _texts(state) and "[[Main Page]]" in _texts(state)
    assert not any(r.reason == "wiki markup" for r in state.removed)


def test_unknown_template_in_a_sentence_is_reported() -> None:
    text = WIKITEXT.replace("The mill closed", "The {{lang|fr|moulin}} closed")
    state = _run(text)
    assert "{{lang|fr|moulin}}" in _texts(state)
    assert any(d.code == Code.STRUCTURE_UNSURE and d.line == 5 for d in state.diags)


INFOBOX = """Osric Delane
Osric Delane
Delane in 1921
Born 14 May 1868(1868-05-14)
Carrow, Westmoor
Died 2 January 1937 (aged 68)
Occupation Surveyor
Osric Delane (1868 - 1937) was a Westmoor surveyor whose maps of the county were used until 1960.
Work
He surveyed the moor on foot between 1894 and 1902 and drew the sheets himself.
"""


def test_label_value_rows_with_a_continued_value_are_the_infobox() -> None:
    state = _run(INFOBOX)
    tables = [b for b in state.front if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].role == "infobox"
    assert len(tables[0].rows) == 3
    assert "Born 14 May 1868" not in _headings(state)
    assert [r.line for r in state.removed if r.reason == "infobox caption"] == [3]


def test_two_rows_are_no_infobox() -> None:
    state = _run(INFOBOX.replace("Occupation Surveyor\n", "").replace("Carrow, Westmoor\n", ""))
    assert not [b for b in state.front if isinstance(b, Table)]


TIDDLER = """Orchard Book
notes on the orchards
Perry pear trees at Holloway
RuthAskew 3rd May 2026 at 11:05pm
Orchards
Perry pears
The perry pear trees at Holloway are the last of an orchard planted for the cider house.
The county survey named four varieties found nowhere else; see
Holloway Red
and
Dunmere Squash
.
Care
The trees are pruned every winter by the parish orchard group, which grafts new stock.
Two of the trees were lost in the storm of 2021 and have been replaced by young grafts.
The fruit is pressed in October at the cider house, which still opens for the pressing.
The perry is sold at the village show, where it has won the county prize three times.
A survey of the trunks in 2024 found honey fungus in one tree, which is being watched.
"""


def test_tag_pills_and_a_sentence_broken_at_its_links() -> None:
    state = _run(TIDDLER)
    assert [(f.name, f.value) for f in state.metadata if f.name in ("author", "tag")] == [
        ("author", "RuthAskew"),
        ("tag", "Orchards"),
        ("tag", "Perry pears"),
    ]
    assert _headings(state) == ["Care"]
    assert "see Holloway Red and Dunmere Squash." in _texts(state)


def test_short_lines_under_the_modified_line_before_no_text_stay() -> None:
    text = TIDDLER.replace(
        "The perry pear trees at Holloway are the last of an orchard planted for the cider"
        " house.\n",
        "",
    ).replace("The county survey named four varieties found nowhere else; see\n", "")
    state = _run(text)
    assert not [f for f in state.metadata if f.name == "tag"]
