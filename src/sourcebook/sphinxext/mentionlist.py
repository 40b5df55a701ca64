"""The glossary's "Mentioned in" lists, made as nodes from data instead of parsed from MyST.

Each entry of the glossary lists every document that mentions the entity, with
links to the sections and comments where it does: a link or three per document
and mention, so the page grows with the corpus (1.2 MB of MyST at 300
documents, 4.2 MB at 1,000).  Written as MyST roles and links and parsed by
markdown-it and MyST inside Sphinx's ``glossary`` directive, it was a quarter
of a full build's reading at 300 documents.  The generator now writes only the
terms and their descriptions as MyST, in a ``sourcebook-glossary`` directive
(Sphinx's, extended); the lists are kept as data (:func:`install`) and the
directive gives each entry a placeholder holding its list, which
:mod:`.mentionrefs` makes, when the page is resolved, into the links MyST's
and Sphinx's resolvers made from the same MyST: a ``doc`` cross-reference for
each document, a ``ref`` one for a comment and a MyST page link for a
section, so the HTML and LaTeX writers see the same doctree.  Titles are
data: they become text nodes, never parsed.  The page carries a digest of the lists
(``:digest:``), so that Sphinx reads it again whenever they change.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from myst_parser.slugs import github_slugify
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import Glossary
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import OptionSpec

from sourcebook.core.identifiers import is_slug
from sourcebook.sphinxext.titled import note_shown


@dataclass(frozen=True, slots=True)
class Mention:
    """A document that mentions an entity: its slug, and the places to link (in order):
    a comment's number (an ``int``) or a section's title (a ``str``)."""

    slug: str
    places: tuple[int | str, ...] = ()


#: term text (the entity's name, spaces collapsed) -> the documents that mention it
Lists = dict[str, list[Mention]]

#: the lists of each build environment (the directive sees the environment; forked
#: parallel readers inherit it), or how to make them when the page is read
_LISTS: weakref.WeakKeyDictionary[BuildEnvironment, Lists | Callable[[], Lists]] = (
    weakref.WeakKeyDictionary()
)


def term_text(name: str) -> str:
    """The text a glossary term written with ``one_line(name)`` reads as."""
    return " ".join(name.split())


def mentions_of(places: Iterable[tuple[str, str | None, int | None]]) -> list[Mention]:
    """(slug, section, comment) places, in reading order -> a :class:`Mention` per document.

    Documents whose slug the checker refuses (SB701) are left out; a place before
    the first heading links nowhere but its document.
    """
    by_doc: dict[str, list[int | str]] = {}
    for slug, section, comment in places:
        links = by_doc.setdefault(slug, [])
        if comment is not None:
            links.append(comment)
        elif section is not None:
            links.append(section)
    return [Mention(slug, tuple(links)) for slug, links in by_doc.items() if is_slug(slug)]


def digest(lists: Lists) -> str:
    """A hash of every list: written into the page so that a changed list re-reads it."""
    data = {term: [[m.slug, *m.places] for m in found] for term, found in sorted(lists.items())}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:20]


def install(app: Sphinx, lists: Lists | Callable[[], Lists]) -> None:
    """The build's lists, or a function making them (called only if the glossary is read)."""
    _LISTS[app.env] = lists


def _lists(env: BuildEnvironment) -> Lists:
    found = _LISTS.get(env, {})
    if callable(found):
        found = _LISTS[env] = found()
    return found


def _xref(rawtext: str, text: str, classes: list[str], **attributes: object) -> nodes.Element:
    """A pending cross-reference as Sphinx's roles and MyST's links make it."""
    xref = addnodes.pending_xref(rawtext, **attributes)
    xref += nodes.inline(rawtext, text, classes=classes)
    return xref


def place_xref(place: int | str, slug: str, docname: str, pages_dir: str) -> nodes.Element:
    """A comment's or section's link as a pending cross-reference, as MyST made it."""
    if isinstance(place, int):  # {ref}`comment N <slug-comment-N>`
        target = f"{slug}-comment-{place}"
        rawtext = f":ref:`comment {place} <{target}>`"
        return _std_xref("ref", rawtext, f"comment {place}", target.lower(), docname)
    text = term_text(place)  # [title](pages/slug.md#anchor)
    return _xref(
        "",
        text,
        ["xref", "myst"],
        refdomain="doc",
        reftarget=f"{pages_dir}/{slug}",
        reftargetid=anchor(place),
        refdoc=docname,
        reftype="myst",
        refexplicit=True,
    )


@lru_cache(maxsize=4096)
def anchor(title: str) -> str:
    """A section's anchor, slugified once per title, not once per mention (most mentions
    are under a few common headings)."""
    return github_slugify(title)


def title_xref(slug: str, docname: str, pages_dir: str) -> nodes.Element:
    """A document's link, ``{doc}`/pages_dir/slug```, as a pending cross-reference."""
    target = f"/{pages_dir}/{slug}"
    return _std_xref("doc", f":doc:`{target}`", target, target, docname)


def _std_xref(role: str, rawtext: str, text: str, target: str, docname: str) -> nodes.Element:
    """``{role}`` of the standard domain; its title explicit unless it is the target."""
    return _xref(
        rawtext,
        text,
        ["xref", "std", f"std-{role}"],
        refdoc=docname,
        refdomain="std",
        reftype=role,
        refexplicit=text != target,
        refwarn=True,
        reftarget=target,
    )


def bullet_list(found: list[Mention], docname: str, pages_dir: str) -> nodes.bullet_list:
    """The "Mentioned in" list: a document's title link, then its places in parentheses,
    as pending cross-references (the build makes them finished links: :mod:`.mentionrefs`)."""
    items = nodes.bullet_list(bullet="-")
    for mention in found:
        para = nodes.paragraph()
        para += title_xref(mention.slug, docname, pages_dir)
        if mention.places:
            para += nodes.Text(" (")
            for number, place in enumerate(mention.places):
                if number:
                    para += nodes.Text(", ")
                para += place_xref(place, mention.slug, docname, pages_dir)
            para += nodes.Text(")")
        items += nodes.list_item("", para)
    return items


class mention_list(nodes.General, nodes.Element):
    """Where an entry's "Mentioned in" list goes: ``mentions`` holds the data (a tuple
    ``(slug, places)`` per document), ``refdoc`` the page and ``pages_dir`` the documents'
    folder.  Always replaced by :class:`.mentionrefs.MentionListResolver`, so no builder
    visits it."""


def placeholder(found: list[Mention], docname: str, pages_dir: str) -> mention_list:
    """The placeholder of a list, its data only: pickled with the page, small."""
    return mention_list(
        "",
        mentions=tuple((m.slug, m.places) for m in found),
        refdoc=docname,
        pages_dir=pages_dir,
    )


class MentionGlossary(Glossary):
    """Sphinx's ``glossary``, each entry given its "Mentioned in" list from the data once
    the page has been read (:func:`on_doctree_read`)."""

    option_spec: ClassVar[OptionSpec] = {
        **Glossary.option_spec,
        "digest": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        result = super().run()
        source, line = self.get_source_info()
        pending = _PENDING.setdefault(self.env, [])
        for glossary in result:
            if isinstance(glossary, addnodes.glossary):
                pending.append((self.env.docname, glossary, source, line))
        return result


#: glossaries read but not yet given their lists: (docname, node, source, line)
_PENDING: weakref.WeakKeyDictionary[
    BuildEnvironment, list[tuple[str, addnodes.glossary, str, int | None]]
] = weakref.WeakKeyDictionary()


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Add the lists to the page's glossaries, after every reading transform.

    The lists would be most of the page's nodes (about 318,000 at 1,000 documents),
    and none of the transforms that read a page (Sphinx's, MyST's, the extension's)
    has anything to do to them; each entry gets a :class:`mention_list` holding its
    data, made into links when the page is resolved (:mod:`.mentionrefs`).
    """
    pending = _PENDING.pop(app.env, [])
    if not pending:
        return
    lists = _lists(app.env)
    pages_dir = app.config.sourcebook_pages_dir
    shown: set[str] = set()
    for docname, glossary, source, line in pending:
        if docname != app.env.docname:
            continue  # a page whose reading failed after the directive ran
        for item in glossary.findall(nodes.definition_list_item):
            term = item.next_node(nodes.term)
            found = lists.get(term.astext(), []) if term is not None else []
            if found and isinstance(item[-1], nodes.definition):
                made = placeholder(found, docname, pages_dir)
                for node in made.findall(nodes.Element):
                    node.source, node.line = source, line
                item[-1] += made
                shown.update(m.slug for m in found)
    # each list item names its document by title: the page is written again when one changes
    note_shown(app.env, (f"{pages_dir}/{slug}" for slug in shown))


def register(app: Sphinx) -> None:
    app.add_directive("sourcebook-glossary", MentionGlossary)
    # after every other handler: none of them needs the lists
    app.connect("doctree-read", on_doctree_read, priority=999)
