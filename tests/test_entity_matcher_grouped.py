"""The entity matcher's alternation grouped by first character finds what the flat one found.

:class:`~sourcebook.corpus.entities.Matcher` once tried every name, in order
(longest first), at every position a name could start; it now tries only the
names starting with the character there (``_alternation``).  On random
names (sharing first letters and words, one a prefix of another, with
apostrophes and no-break spaces) and random texts made of them, the
mentions must be those of the flat alternation, entity for entity.
"""

from __future__ import annotations

import random
import re

import pytest

from sourcebook.corpus import entities as module
from sourcebook.corpus.entities import Entity, Matcher

WORDS = ["Alder", "Alderney", "Arc", "Brook's", "Brooks", "Ash", "Sta", "Star", "O’Neill", "Q"]
GLUE = [" ", "\u00a0", " the ", ", ", "’s ", "s ", "-", "x", "'", "  ", ". "]


def _flat(names: list[str]) -> re.Pattern[str]:
    """The matcher's pattern as it was: one named group per name, every name tried in turn."""
    body = "|".join(f"(?P<n{i}>{module._name_pattern(n)})" for i, n in enumerate(names))
    first = module._first_characters(names)
    return re.compile(rf"(?=[{first}])(?<![^\W_])(?:{body or '(?!)'})(?![^\W_])")


def _reference(matcher: Matcher, text: str) -> list[tuple[str, int, int]]:
    # the matcher's order: every (name, entity), longest name first, ties as listed
    pairs = [(n, e) for e in matcher.entities for n in e.names]
    pairs.sort(key=lambda pair: -len(pair[0]))
    found = []
    for match in _flat([n for n, _ in pairs]).finditer(text):
        entity = pairs[int(str(match.lastgroup)[1:])][1]
        if not matcher._vetoed(entity, text, match.end()):
            found.append((entity.id, match.start(), match.end()))
    return found


def _entities(rng: random.Random, leading_apostrophe: bool) -> list[Entity]:
    made = []
    for number in range(rng.randint(1, 8)):
        words = rng.sample(WORDS, rng.randint(1, 3))
        name = " ".join(words)
        if leading_apostrophe and number == 0:
            name = "’" + name
        alias = tuple({rng.choice(WORDS)} - {name})
        made.append(Entity(f"e{number}", name, "organisation", "", alias, ("Street",)))
    return made


def _text(rng: random.Random, entities: list[Entity]) -> str:
    pieces = []
    for _ in range(rng.randint(5, 40)):
        source = rng.choice([*WORDS, *(e.name for e in entities), "Street"])
        pieces += [source, rng.choice(GLUE)]
    return "".join(pieces)


@pytest.mark.parametrize("leading_apostrophe", [False, True])
def test_grouped_and_flat_alternations_find_the_same_mentions(leading_apostrophe: bool) -> None:
    rng = random.Random(22 + leading_apostrophe)
    mentions = 0
    for _ in range(300):
        entities = _entities(rng, leading_apostrophe)
        matcher = Matcher(entities)
        for _ in range(5):
            text = _text(rng, entities)
            got = [(m.entity.id, m.start, m.end) for m in matcher.find(text)]
            assert got == _reference(matcher, text), (entities, text)
            mentions += len(got)
    assert mentions > 1000  # the texts do name the entities


def test_names_are_grouped_unless_one_starts_with_an_apostrophe() -> None:
    grouped = module._alternation(["Alder Brook", "Arc", "Brook"])
    assert grouped.startswith("A(?:(?P<n0>") and grouped.count("|") == 2
    assert grouped.index("(?P<n0>") < grouped.index("(?P<n1>")  # the order kept in a group
    flat = module._alternation(["’Arc", "Arc"])
    assert flat.startswith("(?P<n0>")
