""" "How to cite this page": the original's full citation and a BibTeX entry to copy.

Both are built as doctree nodes from the bibliography's data, never as
markup, and the BibTeX snippet leaves out the editors' fields (``note``,
``keywords``), which are research notes, not part of the citation.
"""

from __future__ import annotations

import hashlib
from typing import Any

from docutils import nodes
from pybtex.database import BibliographyData, Entry, Person
from pybtex_docutils import Backend

from sourcebook.corpus.bibliography import Source
from sourcebook.corpus.cache import code_version
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
#: the attribute of the build environment (pickled with it) that keeps the labels between
#: builds: (:func:`bibliography_hash`, key -> label)
ATTR = "sourcebook_labels"


def bibliography_hash(sources: dict[str, Source]) -> str:
    """A hash of what the labels are computed from: the code and every entry, in order."""
    # the order counts: entries that sort alike keep it (a stable sort), and so their letters
    parts = [(key, s.type, s.fields, s.persons) for key, s in sources.items()]
    text = repr((code_version(), parts))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def bibliography_label(source: Source, sources: dict[str, Source], store: Any = None) -> str:
    """*source*'s author–date label among all *sources*, as the bibliography prints it.

    Two entries by one author in one year (or both undated) are told apart by
    a letter (``2016a``, ``n.d.-b``) that depends on the whole list, so the
    label is never computed from the one entry alone.  With *store* (the build
    environment), the labels are kept in it under :func:`bibliography_hash`, and a
    build whose bibliography hashes the same does not label every entry again.
    """
    if not _LABELS or _LABELS[0][0] is not sources:
        _LABELS[:] = [(sources, _kept_labels(sources, store))]
    return _LABELS[0][1].get(source.key, "")


def _kept_labels(sources: dict[str, Source], store: Any) -> dict[str, str]:
    digest = bibliography_hash(sources) if store is not None else ""
    kept = getattr(store, ATTR, None)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == digest:
        labels: dict[str, str] = kept[1]
        return labels
    entries = []
    for key, each in sources.items():
        entry = to_entry(each)
        entry.key = key
        entries.append(entry)
    labels = labels_by_key(entries)
    if store is not None:
        setattr(store, ATTR, (digest, labels))
    return labels


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
