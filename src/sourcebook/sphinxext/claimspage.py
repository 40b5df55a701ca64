"""The claims page for readers: every claim, by status and document, as real headings.

Each item shows the claim, its flags, the page's own note numbers (the
source's marker numbers as secondary data), its sources by their
author–date labels linked to the bibliography, and a descriptive link to
the sentence.  No BibTeX keys or seed paths: those are the checker's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx

from sourcebook.corpus.load import NEEDS_INDEPENDENT, UNSOURCED
from sourcebook.sphinxext.domain import ClaimEntry, get_domain
from sourcebook.sphinxext.generate import registry
from sourcebook.sphinxext.nodes import claimlist

STATUS_TEXT = {
    "sourced": "Sourced",
    "unsourced": "No source known",
    "needs-independent-source": "Needs an independent source",
    "independently-sourced": "Independently sourced (flag resolved)",
}


def source_links(app: Sphinx, docname: str) -> dict[str, nodes.reference]:
    """Bibliography key -> a link to its entry, reading the entry's author–date label."""
    links: dict[str, nodes.reference] = {}
    for cit in app.env.get_domain("cite").citations:  # type: ignore[attr-defined]
        uri = app.builder.get_relative_uri(docname, cit.bibliography_key.docname)
        ref = nodes.reference("", "", internal=True, refuri=f"{uri}#{cit.citation_id}")
        ref += nodes.Text(cit.formatted_entry.label)
        # in LaTeX the entry is a \bibitem: the PDF hook links it by this name
        ref["sourcebook_bibitem"] = f"{cit.bibliography_key.docname}:{cit.citation_id}"
        links[cit.key] = ref
    return links


def _notes(app: Sphinx, entry: ClaimEntry) -> str:
    domain = get_domain(app.env)
    numbers = [domain.note_number(entry.docname, m) for m in entry.markers]
    originals = ", ".join(f"[{m.split('.')[-1]}]" for m in entry.markers)
    word = "Note" if len(numbers) == 1 else "Notes"
    return f"{word} {', '.join(numbers)} (marked {originals} in the source)"


_SPACE_BEFORE_STOP = re.compile(r"\s+(?=[.,;:!?])")


def quotation(text: str) -> str:
    """A claim's text for quoting: no space left before a stop where a marker stood.

    The claim text is the sentence with its markers removed, so a marker
    between a word and its full stop (``the vote [1].``) leaves ``vote .``.

    >>> quotation("only 25% of the vote .")
    'only 25% of the vote.'
    >>> quotation("a list: one , two ; three ?")
    'a list: one, two; three?'
    """
    return _SPACE_BEFORE_STOP.sub("", text)


def claim_item(
    app: Sphinx, docname: str, entry: ClaimEntry, title: str, links: dict[str, nodes.reference]
) -> nodes.list_item:
    item = nodes.list_item(classes=[f"status-{entry.status}"])
    para = nodes.paragraph()
    para += nodes.target("", "", ids=["list-" + entry.target])  # a label in the PDF too
    para += nodes.strong(text=STATUS_TEXT.get(entry.status, entry.status) + ": ")
    para += nodes.Text(f"“{quotation(entry.text)}”")
    if entry.flags:
        para += nodes.Text(" ")
        para += nodes.emphasis(text="[" + "; ".join(entry.flags) + "]")
    item += para
    meta = nodes.paragraph(classes=["sourcebook-claim-meta"])
    meta += nodes.Text(_notes(app, entry) + ". ")
    if entry.sources:
        meta += nodes.Text("Sources: " if len(entry.sources) > 1 else "Source: ")
        for index, key in enumerate(entry.sources):
            if index:
                meta += nodes.Text("; ")
            meta += links[key].deepcopy() if key in links else nodes.Text(key)
        meta += nodes.Text(". ")
    else:
        meta += nodes.Text("No source known. ")
    uri = app.builder.get_relative_uri(docname, entry.docname) + "#" + entry.target
    ref = nodes.reference("", "", internal=True, refuri=uri)
    first = (
        get_domain(app.env).note_number(entry.docname, entry.markers[0]) if entry.markers else ""
    )
    ref += nodes.Text(f"Read it in “{title}”" + (f", note {first}" if first else ""))
    meta += [ref, nodes.Text(".")]
    item += meta
    return item


def fill_claimlist(
    app: Sphinx, docname: str, node: claimlist, entries: Sequence[ClaimEntry]
) -> None:
    """Replace *node* with a summary and one section per document."""
    statuses = node["statuses"]
    chosen = [e for e in entries if not statuses or e.status in statuses]
    reg = registry(app)
    links = source_links(app, docname)
    flagged = [e for e in entries if e.flags]
    unresolved = [e for e in flagged if e.status in (NEEDS_INDEPENDENT, UNSOURCED)]
    summary = nodes.paragraph(classes=["sourcebook-claim-summary"])
    summary += nodes.Text(
        f"{len(chosen)} claims listed here. Across the corpus: {len(flagged)} flagged claims, "
        f"{len(flagged) - len(unresolved)} resolved, {len(unresolved)} unresolved."
    )
    content: list[nodes.Node] = [summary]
    by_doc: dict[str, list[ClaimEntry]] = defaultdict(list)
    for entry in chosen:
        by_doc[entry.docname].append(entry)
    prefix = "-".join(statuses) or "all"
    for page in sorted(by_doc):
        group = sorted(by_doc[page], key=lambda e: (e.line, e.claim))
        # the manifest's title: listing every document's claims loads no document
        known = reg.entries.get(group[0].document) if reg else None
        title = known.title if known else page
        section = nodes.section(ids=[nodes.make_id(f"{prefix}-{group[0].document}")])
        section += nodes.title(text=title)
        bullets = nodes.bullet_list()
        for entry in group:
            bullets += claim_item(app, docname, entry, title, links)
        section += bullets
        content.append(section)
    if not chosen:
        content.append(nodes.paragraph(text="No claims."))
    node.replace_self(content)
