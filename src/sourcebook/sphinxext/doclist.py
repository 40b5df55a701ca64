"""The ``documentlist`` directive: the home page's list of documents.

Each document with its kind, authors, date and first sentence, so a reader
sees what the reader holds before choosing.  Built from the loaded corpus
as doctree nodes (data, never markup); the page is re-read when the
manifest changes.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from sourcebook.corpus import CorpusDocument
from sourcebook.model import Paragraph
from sourcebook.parse.inline import sentence_spans
from sourcebook.render.myst import human_date
from sourcebook.sphinxext.generate import registry

KIND = {
    "wikipedia": "Wikipedia article",
    "blog": "Blog post",
    "article": "Article",
    "essay": "Essay",
}
ONE_LINE = 180


def first_sentence(doc: CorpusDocument) -> str:
    """The document's first sentence, cut at a word before ONE_LINE characters."""
    para = next((b for b in doc.document.blocks if isinstance(b, Paragraph) and b.plain), None)
    if para is None:
        return ""
    text = para.plain
    spans = sentence_spans(text)
    sentence = text[spans[0][0] : spans[0][1]] if spans else text
    if len(sentence) <= ONE_LINE:
        return sentence
    return sentence[:ONE_LINE].rsplit(" ", 1)[0] + " …"


def document_item(doc: CorpusDocument, pages_dir: str) -> nodes.list_item:
    entry = doc.entry
    item = nodes.list_item(classes=["sourcebook-document"])
    head = nodes.paragraph()
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=f"/{pages_dir}/{entry.slug}", refexplicit=True
    )
    ref += nodes.strong(text=entry.title)
    head += ref
    facts = [KIND.get(entry.kind, entry.kind)]
    if entry.authors:
        facts.append("by " + ", ".join(entry.authors))
    facts.append(human_date(entry.date) if entry.date else "undated")
    head += nodes.Text(" — " + " · ".join(facts))
    item += head
    line = first_sentence(doc)
    if line:
        item += nodes.paragraph(text=line, classes=["sourcebook-document-line"])
    return item


class DocumentListDirective(SphinxDirective):
    """``{documentlist}``: every document of the corpus, in manifest order."""

    def run(self) -> list[nodes.Node]:
        reg = registry(self.env.app)
        if reg is None:
            return []
        self.env.note_dependency(str(reg.root / "seeds" / "manifest.toml"))
        pages_dir = self.config.sourcebook_pages_dir
        bullets = nodes.bullet_list(classes=["sourcebook-documents"])
        for doc in reg.corpus.documents:
            bullets += document_item(doc, pages_dir)
        return [bullets]
