"""Known entities (people, organisations, publications, events) and finding their mentions.

The list lives in ``seeds/entities/<id>.toml``, one file per entity, so that
editors review it like any other seed data and two pull requests adding
different entities never touch the same file; nothing here guesses names.  Matching is deliberately
literal -- case-sensitive, whole words, longest name first -- because a
wrong link misleads a reader more than a missing one does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.inputs import layout
from sourcebook.inputs.hygiene import shown, skeleton
from sourcebook.inputs.paths import PathProblem, seeds_directory
from sourcebook.inputs.tomlpos import Path as DataPath
from sourcebook.inputs.tomlschema import TomlFile, read_toml, validate_data

#: an apostrophe in a name matches straight, curly or none ("Workers Liberty")
_APOSTROPHE = "['’]?"
#: spaces inside a name match any run of horizontal space (seeds use no-break spaces)
_SPACE = r"[ \u00a0]+"


class EntityError(ValueError):
    """Entity data built in code is malformed (files give diagnostics instead)."""


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    description: str
    aliases: tuple[str, ...] = ()
    #: words that, directly after a mention, show an ordinary use ("Solidarity action")
    not_followed_by: tuple[str, ...] = ()
    #: ``seeds/entities/<id>.toml``, and the line of each field in it
    path: str = field(default="", compare=False)
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, 1)


@dataclass(frozen=True, slots=True)
class Mention:
    """One match in a text: ``text[start:end]`` names *entity*."""

    entity: Entity
    start: int
    end: int
    text: str


def _entity(entity_id: str, file: TomlFile) -> Entity:
    raw = file.data
    return Entity(
        path=file.display,
        field_lines={name: file.at((name,))[0] for name in raw},
        id=entity_id,
        name=raw["name"],
        type=raw["type"],
        description=raw["description"],
        aliases=tuple(raw.get("aliases", ())),
        not_followed_by=tuple(raw.get("not_followed_by", ())),
    )


def _entities(files: list[tuple[str, TomlFile]]) -> tuple[tuple[Entity, ...], list[Diagnostic]]:
    """The valid entities of *files* (id, file), refusing look-alike ids and shared names.

    Two names are the same when they differ only in the apostrophe (the
    matcher treats ' and ’ alike); they look alike when their confusables
    skeletons are equal -- a Cyrillic "АWL" next to "AWL" would take over
    the other's mentions and glossary link.
    """
    entities: list[Entity] = []
    diags: list[Diagnostic] = []
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    looks: dict[str, tuple[str, str]] = {}
    for entity_id, file in files:
        if not file.clean(()):
            continue
        where: DataPath = ()
        entity = _entity(entity_id, file)
        if skeleton(entity.id) in ids:
            other = ids[skeleton(entity.id)]
            code, verb = (
                (Code.DUPLICATE_ID, "is used twice")
                if other == entity.id
                else (Code.CONFUSABLE, f"looks like '{other}'")
            )
            diags.append(Diagnostic(file.display, 1, 1, code, f"entity id '{entity.id}' {verb}"))
            continue
        ids[skeleton(entity.id)] = entity.id
        places: list[tuple[str, DataPath]] = [(entity.name, (*where, "name"))]
        places += [(a, (*where, "aliases", i)) for i, a in enumerate(entity.aliases)]
        problems = []
        for name, path in places:
            same = name.replace("’", "'")
            look = skeleton(same)
            if same in names:
                problems.append(
                    file.diagnostic(
                        path,
                        Code.DUPLICATE_ID,
                        f"entity {entity.id}: name {shown(name)} is also used by {names[same]}",
                    )
                )
            elif look in looks and looks[look][0] != same:
                other, owner = looks[look]
                problems.append(
                    file.diagnostic(
                        path,
                        Code.CONFUSABLE,
                        f"entity {entity.id}: name {shown(name)} looks like {shown(other)} "
                        f"of {owner}; a reader cannot tell them apart",
                    )
                )
            names.setdefault(same, entity.id)
            looks.setdefault(look, (same, entity.id))
        if problems:
            diags.extend(problems)
            continue
        entities.append(entity)
    return tuple(entities), diags


def parse_entities(data: dict[str, Any]) -> tuple[Entity, ...]:
    """Entities from already parsed TOML; raises :class:`EntityError` on the first problem.

    Loading from a file goes through :func:`read_entities`, which reports
    located diagnostics instead; this is for data built in code.

    >>> parse_entities({"entity": [{"id": "x", "name": "X", "type": "event",
    ...                             "description": "An X."}]})[0].name
    'X'
    >>> parse_entities({"entity": [{"id": "x", "name": "X`", "type": "event",
    ...                             "description": "An X."}]})
    Traceback (most recent call last):
    sourcebook.corpus.entities.EntityError: 'name' 'X`': a name may not hold `
    """
    files: list[tuple[str, TomlFile]] = []
    diags: list[Diagnostic] = []
    for index, raw in enumerate(data.get("entity", ())):
        fields = {k: v for k, v in raw.items() if k != "id"}
        display = f"entity[{index + 1}]"
        file, more = validate_data(fields, display, "entity")
        diags.extend(more)
        files.append((raw["id"], file))
    entities, more = _entities(files)
    diags.extend(more)
    if diags:
        raise EntityError(diags[0].message)
    return entities


def read_entities(root: Path) -> tuple[tuple[Entity, ...], list[Diagnostic]]:
    """The entities of the project at *root* (``seeds/entities/<id>.toml``) and their problems.

    No folder, no entities and no error: a project need not name any.
    """
    seeds = seeds_directory(root)
    if isinstance(seeds, PathProblem):
        return (), []  # seeds/ leads out, reported by the corpus
    listing = layout.list_entities(seeds)
    diags = list(listing.diagnostics)
    files: list[tuple[str, TomlFile]] = []
    for entity_id in listing.names:
        display = layout.entity_of(entity_id)
        file, more, problem = read_toml(
            seeds / layout.ENTITIES, f"{entity_id}.toml", display, "entity"
        )
        diags.extend(more)
        if problem is not None:
            code = Code.FILE_UNREADABLE if problem.code is Code.SEED_MISSING else problem.code
            diags.append(Diagnostic(display, 1, 1, code, f"entity file: {problem.message}"))
        if file is not None:
            files.append((entity_id, file))
    entities, more = _entities(files)
    return entities, diags + more


def load_entities(root: Path) -> tuple[Entity, ...]:
    """The valid entities of the project at *root*; never raises for a bad file.

    The problems are reported by :func:`read_entities` through the corpus
    (``sourcebook check`` and the Sphinx build show them).
    """
    return read_entities(root)[0]


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


def _alternation(names: list[str]) -> str:
    """The regex alternation of *names*, tried in their order, name *i* as group ``n<i>``.

    The names are grouped by their first character, each group a literal
    followed by its names' rest: the engine skips, in C, a group whose
    literal does not match, where it tried every name (each behind its
    group's mark) at every position a name could start.  A position's
    character starts one group only, and a group keeps its names' order, so
    the first name that matches there is the one the flat alternation finds.
    A name whose pattern does not begin with its first character (one that
    starts with an apostrophe, which is optional) leaves the alternation flat.
    """
    patterns = [_name_pattern(name) for name in names]
    flat = "|".join(f"(?P<n{i}>{p})" for i, p in enumerate(patterns)) or "(?!)"
    groups: dict[str, list[str]] = {}
    for index, (name, pattern) in enumerate(zip(names, patterns, strict=True)):
        first = name.lstrip()[:1]
        head = re.escape(first)
        if not first or not pattern.startswith(head):
            return flat
        groups.setdefault(head, []).append(f"(?P<n{index}>{pattern[len(head) :]})")
    return "|".join(f"{head}(?:{'|'.join(rest)})" for head, rest in groups.items()) or flat


def _first_characters(names: Iterable[str]) -> str:
    """A regex class body of every character a mention of one of *names* can start with."""
    found: set[str] = set()
    for name in names:
        bare = name.lstrip("'’")
        if bare != name:  # the name's leading apostrophe is optional (``_name_pattern``)
            found.update("'’")
        if bare:
            found.add(bare[0])
    return "".join(re.escape(c) for c in sorted(found)) or "^\\s\\S"


class Matcher:
    """Finds entity mentions in plain text.

    Rules, in order: whole words only (a letter or digit on either side
    vetoes a match, so "CWIs" and "Leninism" are not mentions, but a
    possessive "AWL’s" and a hyphenated "mini-Militant" are); at one
    position the longest name wins; matches never overlap, so a shorter
    name inside a longer one ("Workers' Liberty" in "Alliance for Workers'
    Liberty") is not a mention.

    >>> from sourcebook.corpus.entities import Entity as E
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
        self._by_group = {f"n{index}": entity for index, (_, entity) in enumerate(names)}
        body = _alternation([n for n, _ in names])
        # the first-character class lets the engine skip, in C, every position where no
        # name can start, instead of trying each alternative there (16x on real text)
        first = _first_characters(name for name, _ in names)
        self._pattern = re.compile(rf"(?=[{first}])(?<![^\W_])(?:{body})(?![^\W_])")

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
