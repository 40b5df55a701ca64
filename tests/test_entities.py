"""Entity data, mention matching, linking and the glossary, on the real seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcebook.corpus import load_corpus
from sourcebook.entities import Entity, EntityError, Matcher, load_entities, parse_entities
from sourcebook.model import Heading, Paragraph, Text
from sourcebook.render.entities import EntityLinker, entity_text_renderer
from sourcebook.render.myst import render_page
from sourcebook.sphinxext.glossary import render_glossary

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_entities(ROOT))


def ids(matcher: Matcher, text: str) -> list[str]:
    return [m.entity.id for m in matcher.find(text)]


def test_entities_file_is_valid_and_complete() -> None:
    entities = {e.id: e for e in load_entities(ROOT)}
    for ident in (
        "awl",
        "cwi",
        "swp",
        "socialist-party",
        "momentum",
        "militant",
        "vestas",
        "draper",
        "lenin",
        "trotsky",
        "marx",
        "corbyn",
        "ted-grant",
        "taaffe",
    ):
        assert ident in entities
    assert all(e.description.endswith(".") for e in entities.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alliance for Workers' Liberty", ["awl"]),
        ("Alliance for Workers’ Liberty", ["awl"]),
        ("Alliance for Workers Liberty", ["awl"]),
        ("the AWL’s paper and the AWL's line", ["awl", "awl"]),
        ("Momentum’s members", ["momentum"]),
        ("the Committee for a Workers’ International (CWI)", ["cwi", "cwi"]),
        ("the Socialist Workers’ Party", ["swp"]),
        ("the Socialist Workers Party and the Socialist Party", ["swp", "socialist-party"]),
        ("Eleanor Marx and Marx", ["eleanor-marx", "marx"]),
        ("its paper, Solidarity.", ["solidarity"]),
        ("mini-Militant rebrand", ["militant"]),
    ],
)
def test_matches(matcher: Matcher, text: str, expected: list[str]) -> None:
    assert ids(matcher, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "CWIs and SAWL",  # inside words
        "Leninism, Trotskyism and Marxists",  # derived words are not the person
        "Militants",  # a plural is not the tendency
        "Solidarity action was necessary",  # the ordinary word, vetoed in the data
        "the militant left; socialist party politics",  # case matters
    ],
)
def test_non_matches(matcher: Matcher, text: str) -> None:
    assert ids(matcher, text) == []


def test_longest_name_wins(matcher: Matcher) -> None:
    found = list(matcher.find("the Alliance for Workers’ Liberty and Workers’ Liberty"))
    assert [(m.entity.id, m.text) for m in found] == [
        ("awl", "Alliance for Workers’ Liberty"),
        ("workers-liberty", "Workers’ Liberty"),
    ]


def test_bad_data_is_rejected() -> None:
    base = {"id": "x", "name": "X", "type": "event", "description": "An X."}
    with pytest.raises(EntityError, match="type"):
        parse_entities({"entity": [{**base, "type": "thing"}]})
    with pytest.raises(EntityError, match="also used"):
        parse_entities({"entity": [base, {**base, "id": "y", "aliases": ["X"]}]})
    with pytest.raises(EntityError, match="may not hold"):
        parse_entities({"entity": [{**base, "aliases": ["a<b>"]}]})


def test_linker_links_first_mention_per_section_and_escapes() -> None:
    linker = EntityLinker(
        [Entity("awl", "Alliance for Workers' Liberty", "organisation", "", ("AWL",))]
    )
    out = linker("The AWL *and* the AWL")
    assert out == "The {term}`AWL <Alliance for Workers' Liberty>` \\*and\\* the AWL"
    doc = load_corpus(ROOT).documents[0]
    # a paragraph ends no section: the next paragraph's mention stays plain
    linker.block_notes(doc, Paragraph((Text("x"),), 1))
    assert linker("AWL") == "AWL"
    # a heading (or a comment, or a new page) starts one: the first mention links again
    linker.block_notes(doc, Heading("Later", 2))
    assert linker("AWL").startswith("{term}")
    linker.reset()
    assert linker("the AWL").startswith("the {term}")


def test_pages_link_mentions_and_shared_quotation() -> None:
    corpus = load_corpus(ROOT)
    renderer = entity_text_renderer(ROOT)
    pages = {
        d.entry.slug: render_page(d, set(corpus.bibliography.sources), renderer)
        for d in corpus.documents
    }
    assert "{term}`AWL <Alliance for Workers' Liberty>`" in pages["awl-wikipedia"]
    englert = pages["englert-notes-organisation-revisited"]
    assert "{term}`Vestas <Vestas (2009 occupation)>`" in englert
    assert (
        "{ref}`the passage there <sb-quote-englert-notes-organisation-revisited-50>`"
        in (pages["byrne-international-socialism"])
    )
    assert (
        "sb-quote-byrne-international-socialism-137>`"
        in (pages["englert-notes-organisation-revisited"])
    )


def test_glossary_lists_where_each_entity_is_mentioned() -> None:
    page = render_glossary(load_corpus(ROOT), load_entities(ROOT))

    def entry(name: str) -> str:
        start = page.index("\n" + name + "\n")
        return page[start : page.index("\n\n", page.index("Mentioned in", start) + 20)]

    assert "corpus/awl-wikipedia`" in entry("Alliance for Workers' Liberty")
    assert "corpus/coatesy-dispatches-blog`" in entry("Alliance for Workers' Liberty")
    for name in ("Vestas (2009 occupation)", "Hal Draper"):
        text = entry(name)
        assert "corpus/awl-wikipedia`" in text
        assert "corpus/englert-notes-organisation-revisited`" in text
        assert "byrne" not in text and "coatesy" not in text


def _mentions_without_first_character_skip(matcher: Matcher, text: str) -> list[tuple[int, int]]:
    """What the matcher finds when every position is tried (its pattern minus the skip)."""
    full = matcher._pattern.pattern
    pattern = re.compile(full[full.index("(?<![^") :])
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["AWL", "Alliance for Workers’ Liberty", "'Socialist Party", " ", "x", "’", "-", "S"]
        )
        | st.text(alphabet="AWLSaw ’'-.", max_size=4),
        max_size=12,
    )
)
def test_skipping_positions_no_name_starts_at_finds_the_same(pieces: list[str]) -> None:
    entities = [
        Entity("awl", "Alliance for Workers’ Liberty", "organisation", "", ("AWL",)),
        Entity("sp", "'Socialist Party", "organisation", ""),
    ]
    matcher = Matcher(entities)
    text = "".join(pieces)
    assert [
        (m.start(), m.end()) for m in matcher._pattern.finditer(text)
    ] == _mentions_without_first_character_skip(matcher, text)
