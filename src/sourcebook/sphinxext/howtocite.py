""" "How to cite this page": the original's full citation and a BibTeX entry to copy.

Both are built as doctree nodes from the bibliography's data, never as
markup, and the BibTeX snippet leaves out the editors' fields (``note``,
``keywords``), which are research notes, not part of the citation.
"""

from __future__ import annotations

from docutils import nodes
from pybtex.database import BibliographyData, Entry, Person
from pybtex_docutils import Backend

from sourcebook.corpus.bibliography import Source
from sourcebook.render.bibstyle import format_reference, labels_by_key

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


#: the last bibliography's labels: (the sources, key -> label); pages share one bibliography
_LABELS: list[tuple[dict[str, Source], dict[str, str]]] = []


def bibliography_label(source: Source, sources: dict[str, Source]) -> str:
    """*source*'s author–date label among all *sources*, as the bibliography prints it.

    Two entries by one author in one year (or both undated) are told apart by
    a letter (``2016a``, ``n.d.-b``) that depends on the whole list, so the
    label is never computed from the one entry alone.
    """
    if not _LABELS or _LABELS[0][0] is not sources:
        entries = []
        for key, each in sources.items():
            entry = to_entry(each)
            entry.key = key
            entries.append(entry)
        _LABELS[:] = [(sources, labels_by_key(entries))]
    return _LABELS[0][1].get(source.key, "")


def how_to_cite(source: Source, label: str = "") -> list[nodes.Node]:
    """A rubric-like line, the formatted citation (with *label*'s letter) and BibTeX."""
    entry = to_entry(source)
    entry.key = source.key
    head = nodes.paragraph(classes=["sourcebook-how-to-cite"])
    head += nodes.strong(text="How to cite this page. ")
    label = label or labels_by_key([entry])[entry.key]
    head += nodes.Text(f"Cite the original ({label}), which this page reproduces:")
    citation = nodes.paragraph(
        "", "", *format_reference(entry, label).render(Backend()), classes=["sourcebook-citation"]
    )
    snippet = bibtex_snippet(source)
    block = nodes.literal_block(snippet, snippet, language="bibtex")
    block["classes"].append("sourcebook-bibtex")
    return [head, citation, block]
