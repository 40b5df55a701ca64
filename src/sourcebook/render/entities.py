"""Turn entity mentions in seed text into ``{term}`` links to the glossary.

Linking rule (Wikipedia's Manual of Style convention): the first mention of
each entity in each section of a document becomes a link; later mentions in
the same section stay plain text.  A section starts at each heading, at the
top of every page and at a blog's comment thread, which is one section: an
organisation named in ten comments is linked in the first of them only, as a
reader scanning a conversation expects one link, not one per reply.  Headings, titles
and bylines are never linked.

Safety: everything outside a link is escaped with
:func:`~sourcebook.render.escape.escape`.  A role's content is not parsed as
Markdown, so a mention is linked only if its text holds no backtick, angle
bracket or backslash; entity names are checked the same way when the
entities file is loaded.
"""

from __future__ import annotations

from pathlib import Path

from sourcebook.core.identifiers import is_slug
from sourcebook.corpus.entities import Entity, Matcher, load_entities
from sourcebook.corpus.load import CorpusDocument, load_corpus
from sourcebook.model import Block, Heading, LostHeading
from sourcebook.render.escape import escape
from sourcebook.render.quotes import Passage, block_key, shared_quotations

_UNSAFE_IN_ROLE = frozenset("`<>\\\n")


def term_role(mention: str, entity: Entity) -> str | None:
    """The ``{term}`` role linking *mention* to *entity*, or ``None`` if unsafe.

    >>> e = Entity("awl", "Alliance for Workers' Liberty", "organisation", "", ("AWL",))
    >>> term_role("AWL", e)
    "{term}`AWL <Alliance for Workers' Liberty>`"
    >>> term_role("AWL`<b>", e) is None
    True
    """
    if any(c in _UNSAFE_IN_ROLE for c in mention + entity.name):
        return None
    if mention == entity.name:
        return f"{{term}}`{mention}`"
    return f"{{term}}`{mention} <{entity.name}>`"


class EntityLinker:
    """A text renderer (``str -> MyST``) that links entity mentions.

    It also carries :meth:`block_notes`, the page renderer's after-block
    hook: it ends the current block (for the linking rule) and adds "Also
    quoted in …" notes after shared quotations.

    >>> linker = EntityLinker([Entity("cwi", "Committee for a Workers' International",
    ...                               "organisation", "", ("CWI",))])
    >>> print(linker("The CWI’s crisis; the CWI [again]. CWIs are not."))  # doctest: +ELLIPSIS
    The {term}`CWI <Committee for ...>`’s crisis; the CWI \\[again\\]. CWIs are not.
    """

    def __init__(
        self,
        entities: list[Entity] | tuple[Entity, ...],
        shared: dict[tuple[str, str, int], list[Passage]] | None = None,
    ) -> None:
        self.matcher = Matcher(entities)
        self.shared = shared or {}
        self._linked: set[str] = set()

    def __call__(self, text: str) -> str:
        parts: list[str] = []
        position = 0
        for mention in self.matcher.find(text):
            if mention.entity.id in self._linked:
                continue
            role = term_role(mention.text, mention.entity)
            if role is None:
                continue
            self._linked.add(mention.entity.id)
            parts += [escape(text[position : mention.start]), role]
            position = mention.end
        parts.append(escape(text[position:]))
        return "".join(parts)

    def reset(self) -> None:
        """A new section (or page) begins: its first mentions are linked again."""
        self._linked.clear()

    def block_notes(self, doc: CorpusDocument, block: Block) -> list[str]:
        """MyST lines to put after *block*; a heading also starts a new section."""
        if isinstance(block, Heading | LostHeading):
            self.reset()
        key = block_key(block)
        if key is None:
            return []
        others = self.shared.get((doc.entry.slug, *key))
        if not others:
            return []
        here = Passage(doc.entry.slug, key[1], key[0], "")
        # slugs reach these roles verbatim: only identifiers do (the checker's SB701)
        links = ", ".join(
            f"{{doc}}`{p.slug}` ({{ref}}`the passage there <{p.label}>`)"
            for p in others
            if is_slug(p.slug)
        )
        if not links or not is_slug(here.slug):
            return []
        return [f"({here.label})=", f"*Also quoted in* {links}.", ""]


def entity_text_renderer(root: Path) -> EntityLinker:
    """The text renderer for the project at *root*: entity links and shared quotations."""
    corpus = load_corpus(root)
    return EntityLinker(load_entities(root), shared_quotations(corpus.documents))
