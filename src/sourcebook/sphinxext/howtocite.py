""" "How to cite this page": the original's full citation and a BibTeX entry to copy.

Both are built as doctree nodes from the bibliography's data, never as
markup, and the BibTeX snippet leaves out the editors' fields (``note``,
``keywords``), which are research notes, not part of the citation.
"""

from __future__ import annotations

from docutils import nodes
from pybtex.database import BibliographyData, Entry, Person
from pybtex_docutils import Backend

from sourcebook.bibliography import Source
from sourcebook.render.bibstyle import format_reference, labels

#: fields that hold the editors' research, not bibliographic data
EDITORS_FIELDS = frozenset({"note", "keywords"})


def to_entry(source: Source) -> Entry:
    """A pybtex entry for *source* without the editors' fields."""
    fields = {k: v for k, v in source.fields.items() if k not in EDITORS_FIELDS}
    persons = {role: [Person(name) for name in names] for role, names in source.persons.items()}
    return Entry(source.type, fields, persons)


def bibtex_snippet(source: Source) -> str:
    """The entry as BibTeX text, ready to paste into a reference manager."""
    text: str = BibliographyData({source.key: to_entry(source)}).to_string("bibtex")
    return text.strip() + "\n"


def how_to_cite(source: Source) -> list[nodes.Node]:
    """A rubric-like line, the formatted citation and a BibTeX literal block."""
    entry = to_entry(source)
    entry.key = source.key
    head = nodes.paragraph(classes=["sourcebook-how-to-cite"])
    head += nodes.strong(text="How to cite this page. ")
    label = labels([entry])[0]
    head += nodes.Text(f"Cite the original ({label}), which this page reproduces:")
    citation = nodes.paragraph(
        "", "", *format_reference(entry).render(Backend()), classes=["sourcebook-citation"]
    )
    snippet = bibtex_snippet(source)
    block = nodes.literal_block(snippet, snippet, language="bibtex")
    block["classes"].append("sourcebook-bibtex")
    return [head, citation, block]
