"""Entity data, mention matching, linking and the glossary, on constructed data.

The matcher is tested on entities written here, the pages and glossary on the
constructed corpus (``tests/roots/test-corpus``): nothing depends on what the
live ``seeds/entities/`` holds, only that it loads.
"""

from __future__ import annotations

import re
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcebook.corpus.entities import Entity, EntityError, Matcher, load_entities, parse_entities
from sourcebook.corpus.load import load_corpus
from sourcebook.model import Heading, Paragraph, Text
from sourcebook.render.entities import EntityLinker, entity_text_renderer
from sourcebook.render.myst import render_page
from sourcebook.sphinxext.glossary import glossary_page
from tests.conftest import CORPUS, ROOT

#: entities for the matcher tests: the shapes real data has (apostrophe variants, aliases,
#: a name that is also an ordinary word, a name inside another)
ENTITIES = tomllib.loads(
    """
[[entity]]
id = "awl"
name = "Alliance for Workers' Liberty"
type = "organisation"
description = "A group."
aliases = ["AWL"]

[[entity]]
id = "workers-liberty"
name = "Workers' Liberty"
type = "publication"
description = "Its journal."

[[entity]]
id = "momentum"
name = "Momentum"
type = "organisation"
description = "A group."

[[entity]]
id = "cwi"
name = "Committee for a Workers' International"
type = "organisation"
description = "An international."
aliases = ["CWI"]

[[entity]]
id = "swp"
name = "Socialist Workers Party"
type = "organisation"
description = "A party."
aliases = ["Socialist Workers' Party"]

[[entity]]
id = "socialist-party"
name = "Socialist Party"
type = "organisation"
description = "A party."

[[entity]]
id = "militant"
name = "Militant"
type = "organisation"
description = "A tendency."

[[entity]]
id = "solidarity"
name = "Solidarity"
type = "publication"
description = "A newspaper."
not_followed_by = ["action"]

[[entity]]
id = "marx"
name = "Karl Marx"
type = "person"
description = "A writer."
aliases = ["Marx"]

[[entity]]
id = "eleanor-marx"
name = "Eleanor Marx"
type = "person"
description = "An activist."

[[entity]]
id = "lenin"
name = "Lenin"
type = "person"
description = "A writer."

[[entity]]
id = "trotsky"
name = "Trotsky"
type = "person"
description = "A writer."
"""
)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(parse_entities(ENTITIES))


def ids(matcher: Matcher, text: str) -> list[str]:
    return [m.entity.id for m in matcher.find(text)]


@pytest.mark.live
def test_the_live_entities_file_loads() -> None:
    """Whatever it holds: its contents are the corpus's, checked by `sourcebook check`."""
    load_entities(ROOT)


def test_the_constructed_entities_load() -> None:
    entities = {e.id: e for e in load_entities(CORPUS)}
    assert {"hwc", "saltmarsh", "capstan"} <= set(entities)
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
    doc = load_corpus(CORPUS).documents[0]
    # a paragraph ends no section: the next paragraph's mention stays plain
    linker.block_notes(doc, Paragraph((Text("x"),), 1))
    assert linker("AWL") == "AWL"
    # a heading (or a new page) starts one: the first mention links again
    linker.block_notes(doc, Heading("Later", 2))
    assert linker("AWL").startswith("{term}")
    linker.reset()
    assert linker("the AWL").startswith("the {term}")


def test_pages_link_mentions_and_shared_quotation() -> None:
    corpus = load_corpus(CORPUS)
    renderer = entity_text_renderer(CORPUS)
    pages = {
        d.entry.slug: render_page(d, set(corpus.bibliography.sources), renderer)
        for d in corpus.documents
    }
    assert "{term}`Harbour Workers' Circle`" in pages["dockside-blog"]
    assert "{term}`the circle <Harbour Workers' Circle>`" in pages["harbour-wikipedia"]
    essay, article = pages["crane-essay"], pages["tidewater-article"]
    assert "{term}`Saltmarsh boatyard <Saltmarsh (2009 occupation)>`" in essay
    # the passage both quote points at the other document, both ways
    assert "{ref}`the passage there <sb-quote-crane-essay-9>`" in article
    assert "sb-quote-tidewater-article-17>`" in essay


def test_glossary_lists_where_each_entity_is_mentioned() -> None:
    page, lists = glossary_page(load_corpus(CORPUS), load_entities(CORPUS))

    def entry(name: str) -> set[str]:
        assert "\n" + name + "\n  *" in page  # a term of the page's glossary
        return {mention.slug for mention in lists[name]}

    assert {"harbour-wikipedia", "dockside-blog"} <= entry("Harbour Workers' Circle")
    assert {"harbour-wikipedia", "crane-essay"} <= entry("Saltmarsh (2009 occupation)")


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
