"""Known entities (people, organisations, publications, events) and finding their mentions.

The list lives in ``seeds/entities.toml`` so that editors review it like any
other seed data; nothing here guesses names.  Matching is deliberately
literal -- case-sensitive, whole words, longest name first -- because a
wrong link misleads a reader more than a missing one does.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENTITY_TYPES = ("person", "organisation", "publication", "event")
ENTITIES_FILE = Path("seeds") / "entities.toml"

#: an apostrophe in a name matches straight, curly or none ("Workers Liberty")
_APOSTROPHE = "['’]?"
#: spaces inside a name match any run of horizontal space (seeds use no-break spaces)
_SPACE = r"[ \u00a0]+"


class EntityError(ValueError):
    """The entities file is malformed (a reviewer's mistake, reported with the entity id)."""


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    description: str
    aliases: tuple[str, ...] = ()
    #: words that, directly after a mention, show an ordinary use ("Solidarity action")
    not_followed_by: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Mention:
    """One match in a text: ``text[start:end]`` names *entity*."""

    entity: Entity
    start: int
    end: int
    text: str


def _strings(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise EntityError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(value)


def parse_entities(data: dict[str, Any]) -> tuple[Entity, ...]:
    """Entities from the parsed TOML; rejects duplicates and names that would break markup.

    >>> parse_entities({"entity": [{"id": "x", "name": "X", "type": "event",
    ...                             "description": "An X."}]})[0].name
    'X'
    >>> parse_entities({"entity": [{"id": "x", "name": "X`", "type": "event",
    ...                             "description": "An X."}]})
    Traceback (most recent call last):
    sourcebook.entities.EntityError: entity x: name 'X`' contains one of `<>\\{}
    """
    entities: list[Entity] = []
    seen_ids: set[str] = set()
    seen_names: dict[str, str] = {}
    for raw in data.get("entity", []):
        ident = raw.get("id")
        if not isinstance(ident, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident):
            raise EntityError(f"entity id {ident!r} must be lower-case letters, digits, hyphens")
        where = f"entity {ident}"
        if ident in seen_ids:
            raise EntityError(f"{where}: duplicate id")
        seen_ids.add(ident)
        fields = {k: raw.get(k) for k in ("name", "type", "description")}
        for key, value in fields.items():
            if not isinstance(value, str) or not value.strip():
                raise EntityError(f"{where}: {key} is required")
        if fields["type"] not in ENTITY_TYPES:
            raise EntityError(f"{where}: type must be one of {', '.join(ENTITY_TYPES)}")
        entity = Entity(
            id=ident,
            name=str(fields["name"]),
            type=str(fields["type"]),
            description=str(fields["description"]),
            aliases=_strings(raw, "aliases", where),
            not_followed_by=_strings(raw, "not_followed_by", where),
        )
        for name in entity.names:
            # names end up inside roles and glossary terms: no markup characters
            if any(c in name for c in "`<>\\{}") or "\n" in name:
                raise EntityError(f"{where}: name {name!r} contains one of `<>\\{{}}")
            key = name.replace("’", "'")
            if key in seen_names:
                raise EntityError(f"{where}: name {name!r} is also used by {seen_names[key]}")
            seen_names[key] = ident
        entities.append(entity)
    return tuple(entities)


def load_entities(root: Path) -> tuple[Entity, ...]:
    """The entities of the project at *root*; none when the file is absent."""
    path = root / ENTITIES_FILE
    if not path.is_file():
        return ()
    with path.open("rb") as handle:
        return parse_entities(tomllib.load(handle))


def _name_pattern(name: str) -> str:
    """A regex for *name*: any apostrophe optional, and an optional plural
    apostrophe after an inner word ending in "s" ("Socialist Workers’ Party")."""
    words = name.split()
    parts = []
    for index, word in enumerate(words):
        part = _APOSTROPHE.join(re.escape(piece) for piece in re.split("['’]", word))
        if index < len(words) - 1 and word.endswith("s"):
            part += _APOSTROPHE
        parts.append(part)
    return _SPACE.join(parts)


class Matcher:
    """Finds entity mentions in plain text.

    Rules, in order: whole words only (a letter or digit on either side
    vetoes a match, so "CWIs" and "Leninism" are not mentions, but a
    possessive "AWL’s" and a hyphenated "mini-Militant" are); at one
    position the longest name wins; matches never overlap, so a shorter
    name inside a longer one ("Workers' Liberty" in "Alliance for Workers'
    Liberty") is not a mention.

    >>> from sourcebook.entities import Entity as E
    >>> m = Matcher([E("awl", "Alliance for Workers' Liberty", "organisation", "", ("AWL",)),
    ...              E("wl", "Workers' Liberty", "publication", ""),
    ...              E("sp", "Socialist Party", "organisation", ""),
    ...              E("swp", "Socialist Workers Party", "organisation", "")])
    >>> [x.text for x in m.find("The AWL’s paper; the Alliance for Workers Liberty.")]
    ['AWL', 'Alliance for Workers Liberty']
    >>> [x.entity.id for x in m.find("the Socialist Workers’ Party and the Socialist Party")]
    ['swp', 'sp']
    >>> [x.text for x in m.find("AWLs, SAWL and Workers’ Liberty")]
    ['Workers’ Liberty']
    """

    def __init__(self, entities: list[Entity] | tuple[Entity, ...]) -> None:
        self.entities = tuple(entities)
        names: list[tuple[str, Entity]] = [(n, e) for e in self.entities for n in e.names]
        # longest first, so the alternation prefers "Socialist Workers Party" over "Socialist"
        names.sort(key=lambda item: -len(item[0]))
        self._by_group: dict[str, Entity] = {}
        alternatives = []
        for index, (name, entity) in enumerate(names):
            group = f"n{index}"
            self._by_group[group] = entity
            alternatives.append(f"(?P<{group}>{_name_pattern(name)})")
        body = "|".join(alternatives) or "(?!)"
        self._pattern = re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")

    def find(self, text: str) -> Iterator[Mention]:
        """Every mention in *text*, left to right, never overlapping."""
        for match in self._pattern.finditer(text):
            group = match.lastgroup
            if group is None:  # pragma: no cover - every alternative is a named group
                continue
            entity = self._by_group[group]
            if self._vetoed(entity, text, match.end()):
                continue
            yield Mention(entity, match.start(), match.end(), match.group())

    @staticmethod
    def _vetoed(entity: Entity, text: str, end: int) -> bool:
        following = re.match(r"[ \u00a0]+(\w+)", text[end:])
        return (
            bool(following)
            and following is not None
            and (following.group(1) in entity.not_followed_by)
        )
