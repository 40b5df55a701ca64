"""Shared-quotation detection: constructed cases, then the real corpus."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcebook.corpus.load import load_corpus
from sourcebook.render.quotes import same_passage, shared_quotations, words
from tests.conftest import CORPUS

LENIN = (
    "It cannot be too strongly maintained that this is still not {0}, that the {1}'s ideal "
    "should not be the trade union secretary, but the tribune of the people, who is able to "
    "react to every manifestation of tyranny and oppression, no matter where it appears, no "
    "matter what stratum or class of the people it affects"
)


def test_brackets_are_editorial() -> None:
    assert words("[T]he [Socialist]’s ideal") == ["he", "s", "ideal"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # different editorial brackets
        (
            LENIN.format("[Socialism]", "[Socialist]"),
            LENIN.format("Social-Democracy", "Social-Democrat"),
        ),
        # a quotation embedded in a longer paragraph, curly apostrophes, changed case
        (
            LENIN.format("Social-Democracy", "Social-Democrat").replace("'", "’"),
            "As Lenin put it: “"
            + LENIN.format("socialism", "socialist").lower()
            + "” — and much more besides, about other things entirely.",
        ),
        # one word changed in the middle
        (LENIN.format("x", "y"), LENIN.format("x", "y").replace("tyranny", "despotism")),
    ],
)
def test_same_passage_positive(a: str, b: str) -> None:
    assert same_passage(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # stock phrases shared, otherwise unrelated
        (
            "The emancipation of the working classes must be the act of the working classes, "
            "we said at the meeting about the rent strike.",
            "Nobody doubts the emancipation of the working classes must be won, but the "
            "tribune of the people is a phrase older than any of us.",
        ),
        # a short overlap is not a quotation
        (
            "the tribune of the people, who is able to react",
            "the tribune of the people, who "
            "is able to react quickly to the news from Glasgow and Leeds on Tuesday night",
        ),
        ("", LENIN),
    ],
)
def test_same_passage_negative(a: str, b: str) -> None:
    assert not same_passage(a, b)


def test_shared_passages_are_linked_both_ways() -> None:
    """An invariant of any corpus: a shared passage points at other documents, and back."""
    shared = shared_quotations(load_corpus(CORPUS).documents)
    assert shared, "the constructed corpus shares a passage"
    for (slug, _, _), others in shared.items():
        assert others, slug
        for other in others:
            assert other.slug != slug
            assert any(p.slug == slug for p in shared[(other.slug, other.kind, other.line)])


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=80)
    | st.text("aΣς'’ []_-.İ", max_size=30)
)
def test_words_are_the_word_by_word_definition(text: str) -> None:
    """Lower-casing the joined passage gives each word what lower-casing it alone gives."""
    from sourcebook.render.quotes import _BRACKETED, _WORD

    plain = _BRACKETED.sub(" ", text)
    expected = [w.replace("'", "").replace("’", "").lower() for w in _WORD.findall(plain)]
    assert words(text) == expected
