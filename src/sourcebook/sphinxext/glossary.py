"""Generate ``glossary.md``: every known entity, what it is, and where the corpus mentions it.

The page is a build product written at ``builder-inited`` (after the corpus
pages), so the glossary always agrees with the current seeds and
``seeds/entities/``.  It uses Sphinx's ``glossary`` directive (extended by
:mod:`.mentionlist`, which adds the "Mentioned in" lists from data), so each
name is a term: ``{term}`` links resolve to it and every term is in the
general index.  Mentions are found with the same matcher the pages use.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from sourcebook import __version__
from sourcebook.core.files import write_atomic, write_if_changed
from sourcebook.corpus.cache import code_version
from sourcebook.corpus.entities import Entity, Matcher, load_entities
from sourcebook.corpus.load import Corpus, CorpusDocument, load_corpus
from sourcebook.model import Block, BlockQuote, Comment, Heading, ListBlock, Paragraph
from sourcebook.render.escape import one_line
from sourcebook.sphinxext.mentionlist import Lists, digest, install, mentions_of, term_text

GLOSSARY_DOC = "glossary"


@dataclass(frozen=True, slots=True)
class Place:
    """Where in a document a mention stands: the whole page, a section or a comment."""

    slug: str
    section: str | None = None
    comment: int | None = None


def _texts(block: Block) -> Iterator[str]:
    if isinstance(block, Paragraph):
        yield block.plain
    elif isinstance(block, BlockQuote):
        yield from (p.plain for p in block.paragraphs)
    elif isinstance(block, ListBlock):
        yield from (p.plain for p in block.items)


def mention_places(doc: CorpusDocument, matcher: Matcher) -> dict[str, list[Place]]:
    """Entity id -> the places of *doc* that mention it, in reading order, each once."""
    found: dict[str, list[Place]] = {}

    def note(place: Place, texts: Iterable[str]) -> None:
        for text in texts:
            for mention in matcher.find(text):
                places = found.setdefault(mention.entity.id, [])
                if place not in places:
                    places.append(place)

    slug = doc.entry.slug
    section: str | None = None
    for block in doc.document.blocks:
        if isinstance(block, Heading):
            section = block.text
        elif isinstance(block, Comment):
            place = Place(slug, comment=block.number)
            for inner in block.blocks:
                note(place, _texts(inner))
        else:
            note(Place(slug, section=section), _texts(block))
    return found


def sort_key(entity: Entity) -> str:
    """People by surname, everything else by name without a leading "The".

    >>> hal, dial = Entity("hd", "Hal Draper", "person", ""), Entity("d", "The Dial", "x", "")
    >>> sort_key(hal), sort_key(dial)
    ('draper hal draper', 'dial')
    """
    if entity.type == "person":
        return f"{entity.name.split()[-1]} {entity.name}".casefold()
    return entity.name.removeprefix("The ").casefold()


def jump_list(entities: Sequence[Entity]) -> str:
    """An A–Z line: each letter links to the first entry filed under it."""
    firsts: dict[str, Entity] = {}
    for entity in entities:
        firsts.setdefault(sort_key(entity)[0].upper(), entity)
    links = [
        f"{{term}}`{letter} <{entity.name}>`"
        for letter, entity in firsts.items()
        if not any(c in entity.name for c in "`<>\\")
    ]
    return " · ".join(links)


def corpus_mentions(corpus: Corpus, entities: tuple[Entity, ...]) -> dict[str, list[Place]]:
    """Entity id -> places in the corpus mentioning it, documents in slug order."""
    matcher = Matcher(entities)
    places: dict[str, list[Place]] = {}
    for doc in sorted(corpus.documents, key=lambda d: d.entry.slug):
        for ident, found in mention_places(doc, matcher).items():
            places.setdefault(ident, []).extend(found)
    return places


def glossary_page(
    corpus: Corpus | None,
    entities: Iterable[Entity],
    pages_dir: str = "corpus",
    places: dict[str, list[Place]] | None = None,
) -> tuple[str, Lists]:
    """The MyST source of the glossary page, entries filed A–Z, and its "Mentioned in"
    lists, which the page's directive adds (:mod:`.mentionlist`); from *places* when
    given: no pass over the corpus."""
    entities = tuple(sorted(entities, key=sort_key))
    if places is None:
        places = corpus_mentions(corpus, entities) if corpus is not None else {}
    lists = {
        term_text(e.name): mentions_of((p.slug, p.section, p.comment) for p in found)
        for e in entities
        if (found := places.get(e.id))
    }
    lines = [
        f"({GLOSSARY_DOC})=",
        "# Glossary",
        "",
        "People (filed by surname), organisations, publications and events the documents",
        "talk about. Each entry",
        "lists every document (and section or comment) that mentions it; mentions on the",
        "document pages link here. The list is reviewed data, `seeds/entities/`.",
        "",
        # navigation, not mentions: the class keeps previews off the letters (sourcebook.js)
        "```{rst-class} sourcebook-jump-list",
        "```",
        "",
        jump_list(entities),
        "",
        "```{sourcebook-glossary}",
        # the lists are not in the page: their digest makes Sphinx read it again when they change
        f":digest: {digest(lists)}",
        "",
    ]
    for entity in entities:
        lines.append(one_line(entity.name))
        lines.append(f"  *{one_line(entity.type.capitalize())}.* {one_line(entity.description)}")
        lines.append("")
        if entity.aliases:
            lines += ["  *Also:* " + ", ".join(one_line(a) for a in entity.aliases) + ".", ""]
        if places.get(entity.id):
            lines += ["  Mentioned in:", ""]
        else:
            lines += ["  Not mentioned in the documents.", ""]
    lines += ["```", ""]
    return "\n".join(lines), lists


#: beside the doctrees: the glossary's inputs when ``glossary.md`` was last written, and
#: that file's size and modification time then
KEY_FILE = "sourcebook-glossary.key"


def on_builder_inited(app: Sphinx) -> None:
    if not app.config.sourcebook_root:
        return
    root = (Path(app.confdir) / app.config.sourcebook_root).resolve()
    registry: Any = getattr(app, "sourcebook_registry", None)
    known = registry is not None and bool(registry.has_mentions)
    pages_dir = app.config.sourcebook_pages_dir
    entities = load_entities(root)
    page_path = Path(app.srcdir) / f"{GLOSSARY_DOC}.md"
    key_path = Path(app.doctreedir) / KEY_FILE
    inputs = _inputs_key(registry, known, entities, pages_dir)
    if inputs and _kept_key(key_path, page_path) == inputs:
        # the page is as these inputs made it: its lists (and the mentions they are made
        # from) are made only if Sphinx reads it
        install(app, lambda: glossary_page(None, entities, pages_dir, registry.mentions)[1])
        return
    places = registry.mentions if known else None
    corpus = None if places is not None else registry.corpus if registry else load_corpus(root)
    page, lists = glossary_page(corpus, entities, pages_dir, places)
    install(app, lists)
    write_if_changed(page_path, page)
    if inputs:
        with contextlib.suppress(OSError):
            write_atomic(key_path, f"{inputs} {_signature(page_path)}", durable=False)


def _inputs_key(registry: object, known: bool, entities: tuple[Entity, ...], pages_dir: str) -> str:
    """A hash of everything the page is made from ("" when the mentions' origin is unknown).

    The mentions are the generator's, hashed document by document
    (``CorpusRegistry.mentions_key``): a build need not gather them, make the
    "Mentioned in" lists and hash them to know the page is unchanged (0.35 CPU s at
    1,000 documents, on every build), nor when an edit changed no document's mentions.
    """
    mentions_key = getattr(registry, "mentions_key", "")
    if not known or not mentions_key:
        return ""
    text = repr((mentions_key, entities, pages_dir, code_version()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _signature(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return "missing"
    return f"{info.st_size}:{info.st_mtime_ns}"


def _kept_key(key_path: Path, page_path: Path) -> str | None:
    """The inputs' hash kept with the page, if the page is still as it was written."""
    try:
        inputs, _, signature = key_path.read_text(encoding="utf-8").partition(" ")
    except (OSError, UnicodeDecodeError):
        return None
    return inputs if signature == _signature(page_path) else None


def setup(app: Sphinx) -> dict[str, Any]:
    """Registered from the sourcebook extension; runs after the corpus pages are generated."""
    app.connect("builder-inited", on_builder_inited, priority=600)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
