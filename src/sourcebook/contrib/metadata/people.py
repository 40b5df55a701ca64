"""Names from metadata: CSL/Crossref name objects and single display strings.

>>> split_name("Ann B. Lee")
Person(family='Lee', given='Ann B.', literal=False)
>>> split_name("Lee, Ann")
Person(family='Lee', given='Ann', literal=False)
>>> split_name("Ursula von der Leyen")
Person(family='von der Leyen', given='Ursula', literal=False)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sourcebook.contrib.metadata.clean import Unusable, optional, plain
from sourcebook.contrib.metadata.entry import Person

_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "la", "le"})


def split_name(text: str) -> Person:
    """A display name as family and given parts (``Family, Given`` or ``Given Family``)."""
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return Person(family, given)
    words = text.split()
    if len(words) < 2:
        return Person(text, "", literal=True)
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return Person(" ".join(words[start:]), " ".join(words[:start]))


def csl_person(item: Any, where: str) -> Person:
    """One CSL/Crossref name object: ``family``/``given``, or ``name``/``literal``."""
    if not isinstance(item, dict):
        raise Unusable(where, "a name is not an object")
    family = optional(item.get("family"), f"{where}/family")
    if family:
        return Person(family, optional(item.get("given"), f"{where}/given") or "")
    for key in ("name", "literal"):
        whole = optional(item.get(key), f"{where}/{key}")
        if whole:
            return Person(whole, "", literal=True)
    raise Unusable(where, "a name without family, name or literal")


def csl_people(items: object, where: str) -> tuple[Person, ...]:
    if not isinstance(items, list):
        return ()
    return tuple(csl_person(item, f"{where}/{n}") for n, item in enumerate(items))


def display_people(items: Iterable[tuple[object, str]]) -> tuple[Person, ...]:
    """Display names (with where each was) as people; empty ones left out."""
    found = []
    for value, where in items:
        text = optional(value, where)
        if text:
            found.append(split_name(plain(text, where)))
    return tuple(found)
