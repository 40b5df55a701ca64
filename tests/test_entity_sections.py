"""Entity links once per section, where a blog's comment thread is one section.

A reader scanning a conversation expects an organisation's link once, where
the thread first names it, not once per comment and reply.  The page is a
blog of the constructed corpus with its blocks replaced by constructed ones,
rendered by the project's page renderer and entity linker.
"""

from __future__ import annotations

import dataclasses

from docutils.nodes import Text as Text_
from sphinx.addnodes import pending_xref

from sourcebook.corpus.entities import Entity, load_entities
from sourcebook.corpus.load import load_corpus
from sourcebook.model import Comment, Heading, Paragraph, Text
from sourcebook.render.entities import EntityLinker
from sourcebook.render.myst import render_page
from sourcebook.sphinxext.glossary import Place, glossary_page
from sourcebook.sphinxext.mentionlist import bullet_list
from tests.conftest import CORPUS

GUILD = Entity("guild", "Riverside Printers' Guild", "organisation", "", ("RPG",))
ROLE = "{term}`"


def _para(text: str, line: int) -> Paragraph:
    return Paragraph((Text(text),), line)


def _comment(number: int, text: str, line: int, replies: tuple[Comment, ...] = ()) -> Comment:
    blocks = (_para(text, line + 1),)
    return Comment(number, f"Reader {number}", None, None, blocks, line, replies=replies)


def _page(blocks: tuple[object, ...]) -> str:
    corpus = load_corpus(CORPUS)
    blog = next(d for d in corpus.documents if d.entry.kind == "blog")
    document = dataclasses.replace(
        blog.document, blocks=blocks, claims=(), footnotes=(), declared_comments=None
    )
    page = render_page(dataclasses.replace(blog, document=document), set(), EntityLinker([GUILD]))
    return page


def _linked(page: str) -> int:
    return page.count(ROLE)


def test_a_thread_links_an_entity_once_however_many_comments_name_it() -> None:
    reply = Comment(1, "Reader 9", None, None, (_para("Ask the RPG.", 41),), 40, depth=1, reply=1)
    thread = tuple(_comment(n, f"The RPG again, comment {n}.", 10 * n) for n in range(1, 4))
    thread += (_comment(4, "Not the RPG.", 50, replies=(reply,)),)
    page = _page((_para("The RPG met.", 1), _para("The RPG voted.", 2), *thread))
    body, comments = page.split("## Comments", 1)
    assert _linked(body) == 1  # the body: its first mention only
    assert _linked(comments) == 1  # the thread: its first mention only, not one per comment
    first = comments.index(ROLE)
    assert comments.index("### 1.") < first < comments.index("### 2.")


def test_a_heading_inside_the_body_still_starts_a_section() -> None:
    page = _page(
        (
            _para("The RPG met.", 1),
            Heading("Later", 2),
            _para("The RPG voted.", 3),
            _comment(1, "No mention here.", 10),
            _comment(2, "The RPG, at last.", 20),
        )
    )
    body, comments = page.split("## Comments", 1)
    assert _linked(body) == 2
    # the thread's first mention is in its second comment, and is linked there
    assert _linked(comments) == 1 and comments.index(ROLE) > comments.index("### 2.")


def test_a_page_without_comments_has_no_thread_section() -> None:
    page = _page((_para("The RPG met.", 1), _para("The RPG voted.", 2)))
    assert "## Comments" not in page and _linked(page) == 1


def test_the_glossary_lists_a_document_s_places_in_parentheses() -> None:
    """After the document's title, which may end in its own stop ("Trotskyism.:" read badly)."""
    _page_text, lists = glossary_page(load_corpus(CORPUS), load_entities(CORPUS))
    items = [item for found in lists.values() for item in bullet_list(found, "glossary", "corpus")]
    with_places = [item.astext() for item in items if "comment" in item.astext()]
    assert with_places
    for text in with_places:
        assert text.startswith("/corpus/") and text.endswith(")") and " (" in text, text
        assert ":" not in text.partition(" (")[0], text


def test_a_section_named_in_many_mentions_links_each_alike() -> None:
    # the anchor of a section title is made once per title (mentionlist._anchor); every
    # mention under it, in any document, links to its own page with the same text, which
    # is data: a text node, never parsed
    hal = Entity("hal", "Hal Draper", "person", "A writer.")
    title = "Notes on *the* [split] <1962>"
    places = {"hal": [Place("doc-a", section=title), Place("doc-b", section=title)]}
    page, lists = glossary_page(None, (hal,), "corpus", places)
    assert "*the*" not in page and "doc-a" not in page  # the lists are not MyST
    links = list(bullet_list(lists["Hal Draper"], "glossary", "corpus").findall(pending_xref))
    sections = [x for x in links if x["reftype"] == "myst"]
    assert [x["reftarget"] for x in sections] == ["corpus/doc-a", "corpus/doc-b"]
    assert {x["reftargetid"] for x in sections} == {"notes-on-the-split-1962"}
    assert {x.astext() for x in sections} == {"Notes on *the* [split] <1962>"}
    assert all(isinstance(t, Text_) for x in sections for t in x[0].children)
    other_page, other = glossary_page(None, (hal,), "corpus", {"hal": [Place("doc-a", "Plain")]})
    assert other_page != page  # the digest of the lists changed: Sphinx reads the page again
    assert [m.places for m in other["Hal Draper"]] == [("Plain",)]
