"""The ``documentlist`` directive: the home page's list of documents.

Each document with its kind, authors, date and first sentence, so a reader
sees what the reader holds before choosing.  Built from the loaded corpus
as doctree nodes (data, never markup); the page is read again when what
the list shows changes (:mod:`.aggregates`, by :func:`digest`).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from sourcebook.corpus.manifest import DocumentEntry
from sourcebook.render.myst import human_date
from sourcebook.sphinxext.corpusregistry import CorpusRegistry
from sourcebook.sphinxext.domain import digest_of, get_domain
from sourcebook.sphinxext.generate import env_registry

#: the kind of read-time list (``ClaimsDomain.reads``)
KIND = "documents"

KIND_LABEL = {
    "wikipedia": "Wikipedia article",
    "blog": "Blog post",
    "article": "Article",
    "essay": "Essay",
}


def document_item(entry: DocumentEntry, line: str, pages_dir: str) -> nodes.list_item:
    """One document: its linked title, kind, authors and date, and *line* (its first sentence)."""
    item = nodes.list_item(classes=["sourcebook-document"])
    head = nodes.paragraph()
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=f"/{pages_dir}/{entry.slug}", refexplicit=True
    )
    ref += nodes.strong(text=entry.title)
    head += ref
    facts = [KIND_LABEL.get(entry.kind, entry.kind)]
    if entry.authors:
        facts.append("by " + ", ".join(entry.authors))
    facts.append(human_date(entry.date) if entry.date else "undated")
    head += nodes.Text(" — " + " · ".join(facts))
    item += head
    if line:
        item += nodes.paragraph(text=line, classes=["sourcebook-document-line"])
    return item


class DocumentListDirective(SphinxDirective):
    """``{documentlist}``: every document of the corpus, in manifest order."""

    def run(self) -> list[nodes.Node]:
        reg = env_registry(self.env)
        if reg is None:
            return []
        # the list changes with a document's facts or first sentence, or when a document
        # comes or goes: then this page is read again (not whenever a document.toml is
        # touched: a one-seed edit rewrites its sha256 there)
        get_domain(self.env).note_read(self.env.docname, KIND, digest(reg))
        pages_dir = self.config.sourcebook_pages_dir
        bullets = nodes.bullet_list(classes=["sourcebook-documents"])
        # first sentences come from the generator's cache: listing N documents parses none
        # (a document that could not be read has no page, and no summary)
        for slug, entry in reg.entries.items():
            if slug in reg.summaries:
                bullets += document_item(entry, reg.summaries[slug], pages_dir)
        return [bullets]


def digest(reg: CorpusRegistry) -> str:
    """A hash of what the list shows: each document's facts and first sentence, in order."""
    return digest_of(
        [
            (slug, e.title, e.kind, e.authors, e.date, reg.summaries.get(slug))
            for slug, e in reg.entries.items()
        ]
    )
