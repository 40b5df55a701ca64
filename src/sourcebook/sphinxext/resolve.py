"""Late work on doctrees: links that need the builder, and aggregate lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sourcebook.corpus.load import CorpusDocument
from sourcebook.corpus.manifest import DocumentEntry
from sourcebook.inputs import layout
from sourcebook.sphinxext import mentions
from sourcebook.sphinxext.claimspage import fill_claimlist
from sourcebook.sphinxext.corpusregistry import CorpusRegistry
from sourcebook.sphinxext.domain import ClaimEntry, get_domain
from sourcebook.sphinxext.generate import registry
from sourcebook.sphinxext.helpwanted import fill as fill_helpwanted
from sourcebook.sphinxext.helpwanted import helpwanted
from sourcebook.sphinxext.howtocite import bibliography_label, how_to_cite
from sourcebook.sphinxext.manuallink import manual_link, resolve_links
from sourcebook.sphinxext.nodes import UNIDENTIFIED, citedby, claim_flag, claimlist
from sourcebook.sphinxext.notes import about_box, add_editors_notes, make_note, note_numbers
from sourcebook.sphinxext.notesources import add_sources
from sourcebook.sphinxext.titled import note_references
from sourcebook.sphinxext.walk import Found, collect

#: (flag, whether a source is known) -> the flag link's title; it must match the data
FLAG_HELP = {
    ("independent source needed", True): (
        "The sources given are not independent of the subject; a reliable independent "
        "source is needed to support this claim."
    ),
    ("independent source needed", False): (
        "No independent source known: the editors have not identified any source for this "
        "claim, and the flag asks for one independent of the subject."
    ),
    ("citation needed", False): "No source supports this claim yet.",
    ("better source needed", True): "The source given is not reliable enough for this claim.",
    (UNIDENTIFIED, False): "The editors have not yet identified the source this note cites.",
}


def flag_help(flag: str, sourced: bool) -> str:
    """The tooltip of a flag, true to whether any source is known."""
    return FLAG_HELP.get((flag, sourced)) or FLAG_HELP.get(
        (flag, not sourced), f"Wikipedia maintenance flag: {flag}"
    )


def _uri(app: Sphinx, fromdoc: str, todoc: str, anchor: str) -> str:
    return app.builder.get_relative_uri(fromdoc, todoc) + "#" + anchor


def _claims_page(app: Sphinx) -> str | None:
    return app.config.sourcebook_claims_page or None


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """A document page, in one walk: its notes and about box, then its glossary links."""
    reg = registry(app)
    doc = reg.documents.get(app.env.docname.rsplit("/", 1)[-1]) if reg is not None else None
    page = mentions.is_document_page(app)
    if doc is None and not page:
        note_references(app.env, doctree.findall(addnodes.pending_xref))
        return
    found = collect(doctree, nodes.footnote, nodes.admonition, addnodes.pending_xref)
    note_references(app.env, found[addnodes.pending_xref])
    if reg is not None and doc is not None:
        _notes_and_about(app, reg, doc, found)
    if page:
        mentions.anchor_mentions(app, found[addnodes.pending_xref])


def _notes_and_about(app: Sphinx, reg: CorpusRegistry, doc: CorpusDocument, found: Found) -> None:
    """Record the page's note numbers; put each editors' note under its footnote; add
    "how to cite" to the about box."""
    get_domain(app.env).notes[app.env.docname] = note_numbers(found[nodes.footnote])
    _note_inputs(app, reg, doc)
    add_editors_notes(found[nodes.footnote], doc.entry.citations)
    source = reg.bibliography.sources.get(doc.entry.bibkey or "")
    about = next(
        (n for n in found[nodes.admonition] if "sourcebook-provenance" in n["classes"]),
        None,
    )
    if source is not None and about is not None:
        label = bibliography_label(source, reg.bibliography.sources, app.env)
        about.extend(how_to_cite(source, label))


def _note_inputs(app: Sphinx, reg: CorpusRegistry, doc: CorpusDocument) -> None:
    """Make the page depend on the files what is added to it here comes from.

    The editors' notes come from the apparatus, "how to cite" from the document's
    own bibliography file and its footnotes' references from the files of the entries
    it cites, not from the generated page, which an edit to them alone leaves as it
    was: without these Sphinx keeps the page's old doctree, and the reader the old
    note, citation or reference.
    """
    if doc.entry.apparatus_path:
        app.env.note_dependency(str(reg.root / doc.entry.apparatus_path))
    keys = {doc.entry.bibkey} | {k for c in doc.entry.citations for k in c.keys}
    for key in sorted(k for k in keys if k):
        path = reg.root / layout.REFERENCES / f"{key}.bib"
        if path.is_file():
            app.env.note_dependency(str(path))


def _flag_link(app: Sphinx, docname: str, node: claim_flag) -> nodes.Node:
    flag = node["flag"]
    classes = ["sourcebook-flag"] + (["sourcebook-unidentified"] if flag == UNIDENTIFIED else [])
    sup = nodes.superscript(classes=classes)
    sup += nodes.Text("[")
    label = nodes.emphasis(text=flag)
    page = _claims_page(app)
    if page and page in app.env.all_docs:
        ref = nodes.reference(
            "",
            "",
            internal=True,
            refuri=_uri(app, docname, page, "list-" + node["target"]),
            reftitle=flag_help(flag, node.get("sourced", False)),
        )
        ref += label
        sup += ref
    else:
        sup += label
    sup += nodes.Text("]")
    return sup


def _fill_citedby(app: Sphinx, docname: str, node: citedby, entries: Sequence[ClaimEntry]) -> None:
    reg = registry(app)
    cited: dict[str, list[ClaimEntry]] = defaultdict(list)
    for entry in entries:
        for key in entry.sources:
            cited[key].append(entry)
    keys = sorted(reg.bibliography.sources) if reg else sorted(cited)
    own = {e.bibkey: e for e in reg.entries.values()} if reg else {}
    table = nodes.definition_list(classes=["sourcebook-citedby"])
    for key in keys:
        item = nodes.definition_list_item()
        term = nodes.term(ids=[nodes.make_id(f"citedby-{key}")])
        term += nodes.literal(text=key)
        source = reg.bibliography.sources.get(key) if reg else None
        if source and source.get("title"):
            term += nodes.Text(" — " + source.fields["title"].replace("{", "").replace("}", ""))
        item += term
        definition = nodes.definition()
        para = nodes.paragraph()
        places: list[nodes.Node] = []
        if key in own:
            page = f"{app.config.sourcebook_pages_dir}/{own[key].slug}"
            ref = nodes.reference(
                "", "", internal=True, refuri=app.builder.get_relative_uri(docname, page)
            )
            ref += nodes.Text(f"the seed document “{own[key].title}”")
            places.append(ref)
        for entry in sorted(cited.get(key, []), key=lambda e: (e.docname, e.line)):
            ref = nodes.reference(
                "", "", internal=True, refuri=_uri(app, docname, entry.docname, entry.target)
            )
            marks = ", ".join(m.split(".")[-1] for m in entry.markers)
            title = (
                reg.entries[entry.document].title
                if reg and entry.document in reg.entries
                else entry.docname
            )
            ref += nodes.Text(f"{title}, marker {marks}")
            places.append(ref)
        if places:
            para += nodes.Text("Cited by: ")
            for index, place in enumerate(places):
                if index:
                    para += nodes.Text("; ")
                para += place
        else:
            para += nodes.Text("Named in the corpus; not cited by a marker.")
        definition += para
        item += definition
        table += item
    node.replace_self(table)


def _cited_in(
    app: Sphinx,
    docname: str,
    key: str,
    entries: Sequence[ClaimEntry],
    own: DocumentEntry | None,
) -> nodes.paragraph:
    """ "Cited in: Title, note 4; …" with each place linked to the citing sentence; first
    "Reproduced in this reader" when *own*, the document whose source *key* is, has a page."""
    reg = registry(app)
    domain = get_domain(app.env)
    places: list[nodes.Node] = []
    for entry in entries:
        # the manifest's entry holds the citations: listing places loads no document
        known = reg.entries.get(entry.document) if reg else None
        for marker in entry.markers:
            citation = (
                next((c for c in known.citations if c.label == marker), None) if known else None
            )
            if citation is None or key not in citation.keys:
                continue
            ref = nodes.reference(
                "", "", internal=True, refuri=_uri(app, docname, entry.docname, entry.target)
            )
            title = known.title if known else entry.docname
            ref += nodes.Text(f"{title}, note {domain.note_number(entry.docname, marker)}")
            places.append(ref)
    para = nodes.paragraph(classes=["sourcebook-cited-in"])
    if own is not None:
        page = f"{app.config.sourcebook_pages_dir}/{own.slug}"
        ref = nodes.reference(
            "", "", internal=True, refuri=app.builder.get_relative_uri(docname, page)
        )
        ref += nodes.Text(own.title)
        para += [nodes.Text("Reproduced in this reader: "), ref, nodes.Text(". ")]
    if not places:
        if own is not None:
            return para
        para += nodes.Text("Named in the corpus; not cited in a note.")
        return para
    para += nodes.Text("Cited in: ")
    for index, place in enumerate(places):
        if index:
            para += nodes.Text("; ")
        para += place
    para += nodes.Text(".")
    return para


@dataclass(frozen=True, slots=True)
class ClaimIndex:
    """Every claim, and the claims citing each bibliography key, for one write phase.

    Claims change only while documents are read; the pages that list them
    (claims, cited-by, bibliography) are written afterwards.  Built once on
    first use, not once per page, which made writing N pages O(N × claims).
    """

    entries: list[ClaimEntry]
    citing: dict[str, list[ClaimEntry]]
    #: citation id (the bibliography's anchor) -> bibliography key
    keys: dict[str, str]
    #: bibliography key -> the first document whose source it is (a lookup per entry of
    #: the bibliography, not a pass over every document: that was O(entries × documents))
    reproduced: dict[str, DocumentEntry]


def claim_index(app: Sphinx) -> ClaimIndex:
    found: ClaimIndex | None = getattr(app, "sourcebook_claim_index", None)
    if found is None:
        entries = list(get_domain(app.env).all_claims())
        citing: dict[str, list[ClaimEntry]] = defaultdict(list)
        for entry in sorted(entries, key=lambda e: (e.docname, e.line)):
            for cited in entry.sources:
                citing[cited].append(entry)
        citations = app.env.get_domain("cite").citations  # type: ignore[attr-defined]
        keys = {c.citation_id: c.key for c in citations}
        reg = registry(app)
        reproduced: dict[str, DocumentEntry] = {}
        for document in reg.entries.values() if reg else ():
            if document.bibkey is not None:
                reproduced.setdefault(document.bibkey, document)
        found = ClaimIndex(entries, dict(citing), keys, reproduced)
        app.sourcebook_claim_index = found  # type: ignore[attr-defined]
    return found


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Reading is over: the next use builds the claim index from what was read."""
    app.sourcebook_claim_index = None  # type: ignore[attr-defined]
    return []


def _annotate_bibliography(
    app: Sphinx, docname: str, citations: list[nodes.citation], index: ClaimIndex
) -> None:
    """Under each entry of a bibliography: where it is cited, then the editors' note."""
    reg = registry(app)
    for node in citations:
        key: str | None = next((index.keys[i] for i in node["ids"] if i in index.keys), None)
        if key is None:
            continue
        node += _cited_in(app, docname, key, index.citing.get(key, []), index.reproduced.get(key))
        source = reg.bibliography.sources.get(key) if reg else None
        note = " ".join(source.fields.get("note", "").split()) if source else ""
        if note:
            node += make_note("Editors’ note", [note])


#: what :func:`on_doctree_resolved` looks for, in one walk of the page
RESOLVED = (
    claim_flag,
    claimlist,
    citedby,
    nodes.citation,
    helpwanted,
    manual_link,
    nodes.footnote,
    nodes.admonition,
)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The page's placeholders and boxes, from one walk: flags, corpus-wide lists,
    help-wanted lists, manual links, notes' full references, then the about box.

    The about box is a copy of its admonition's contents, so it is made last:
    whatever stands inside has been handled in place by then.
    """
    found = collect(doctree, *RESOLVED)
    for flag in found[claim_flag]:
        flag.replace_self(_flag_link(app, docname, flag))
    _aggregate_lists(app, docname, found)
    fill_helpwanted(app, docname, found[helpwanted])
    resolve_links(app, found[manual_link])
    add_sources(app, found[nodes.footnote])
    if app.builder.format == "html":
        for about in found[nodes.admonition]:
            if "sourcebook-provenance" in about["classes"]:
                about.replace_self(about_box(about))


def _aggregate_lists(app: Sphinx, docname: str, found: Found) -> None:
    lists, cited, citations = found[claimlist], found[citedby], found[nodes.citation]
    if not (lists or cited or citations):
        return  # a page without corpus-wide lists needs no corpus-wide data
    index = claim_index(app)
    if citations:
        _annotate_bibliography(app, docname, citations, index)
    for claims_list in lists:
        fill_claimlist(app, docname, claims_list, index.entries)
    for cited_by in cited:
        _fill_citedby(app, docname, cited_by, index.entries)
