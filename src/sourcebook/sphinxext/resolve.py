"""Late work on doctrees: links that need the builder, and aggregate lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sourcebook.corpus import NEEDS_INDEPENDENT, UNSOURCED
from sourcebook.sphinxext.domain import ClaimEntry, get_domain
from sourcebook.sphinxext.generate import registry
from sourcebook.sphinxext.howtocite import how_to_cite
from sourcebook.sphinxext.nodes import citedby, claim_flag, claimlist
from sourcebook.sphinxext.notes import add_editors_notes, make_note, note_numbers

FLAG_HELP = {
    "independent source needed": (
        "The sources given are not independent of the subject; a reliable independent "
        "source is needed to support this claim."
    ),
    "citation needed": "No source supports this claim yet.",
    "better source needed": "The source given is not reliable enough for this claim.",
}

STATUS_TEXT = {
    "sourced": "sourced",
    "unsourced": "no known source",
    "needs-independent-source": "needs an independent source",
    "independently-sourced": "independently sourced (resolved)",
}


def _uri(app: Sphinx, fromdoc: str, todoc: str, anchor: str) -> str:
    return app.builder.get_relative_uri(fromdoc, todoc) + "#" + anchor


def _claims_page(app: Sphinx) -> str | None:
    return app.config.sourcebook_claims_page or None


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Record the page's note numbers; put each editors' note under its footnote."""
    reg = registry(app)
    if reg is None:
        return
    slug = app.env.docname.rsplit("/", 1)[-1]
    doc = reg.documents.get(slug)
    if doc is None:
        return
    get_domain(app.env).notes[app.env.docname] = note_numbers(doctree)
    add_editors_notes(doctree, doc.entry.citations)
    source = reg.corpus.bibliography.sources.get(doc.entry.bibkey or "")
    about = next(
        (n for n in doctree.findall(nodes.admonition) if "sourcebook-provenance" in n["classes"]),
        None,
    )
    if source is not None and about is not None:
        about.extend(how_to_cite(source))


def _flag_link(app: Sphinx, docname: str, node: claim_flag) -> nodes.Node:
    flag = node["flag"]
    sup = nodes.superscript(classes=["sourcebook-flag"])
    sup += nodes.Text("[")
    label = nodes.emphasis(text=flag)
    page = _claims_page(app)
    if page and page in app.env.all_docs:
        ref = nodes.reference(
            "",
            "",
            internal=True,
            refuri=_uri(app, docname, page, "list-" + node["target"]),
            reftitle=FLAG_HELP.get(flag, f"Wikipedia maintenance flag: {flag}"),
        )
        ref += label
        sup += ref
    else:
        sup += label
    sup += nodes.Text("]")
    return sup


def _claim_item(app: Sphinx, docname: str, entry: ClaimEntry) -> nodes.list_item:
    item = nodes.list_item(classes=[f"status-{entry.status}"])
    para = nodes.paragraph()
    para += nodes.target("", "", ids=["list-" + entry.target])  # a label in the PDF too
    para += nodes.strong(text=STATUS_TEXT.get(entry.status, entry.status) + ": ")
    para += nodes.Text(f"“{entry.text}” ")
    if entry.flags:
        para += nodes.emphasis(text="[" + "; ".join(entry.flags) + "] ")
    item += para
    meta = nodes.paragraph(classes=["sourcebook-claim-meta"])
    markers = ", ".join(f"[{m.split('.')[-1]}]" for m in entry.markers)
    meta += nodes.Text(f"Markers {markers}; sources: ")
    meta += nodes.Text(", ".join(entry.sources) if entry.sources else "none known")
    meta += nodes.Text(f". The original entry is located in {entry.seed}, line {entry.line}: ")
    ref = nodes.reference(
        "", "", internal=True, refuri=_uri(app, docname, entry.docname, entry.target)
    )
    ref += nodes.Text("go to the claim")
    meta += ref
    meta += nodes.Text(".")
    item += meta
    return item


def _fill_claimlist(
    app: Sphinx, docname: str, node: claimlist, entries: Sequence[ClaimEntry]
) -> None:
    statuses = node["statuses"]
    chosen = [e for e in entries if not statuses or e.status in statuses]
    reg = registry(app)
    content: list[nodes.Node] = []
    flagged = [e for e in entries if e.flags]
    unresolved = [e for e in flagged if e.status in (NEEDS_INDEPENDENT, UNSOURCED)]
    summary = nodes.paragraph(classes=["sourcebook-claim-summary"])
    summary += nodes.Text(
        f"{len(chosen)} claims listed. Across the corpus: {len(flagged)} flagged claims, "
        f"{len(flagged) - len(unresolved)} resolved, {len(unresolved)} unresolved."
    )
    content.append(summary)
    by_doc: dict[str, list[ClaimEntry]] = defaultdict(list)
    for entry in chosen:
        by_doc[entry.docname].append(entry)
    for page in sorted(by_doc):
        group = sorted(by_doc[page], key=lambda e: (e.line, e.claim))
        title = (
            reg.documents[group[0].document].entry.title
            if reg and group[0].document in reg.documents
            else page
        )
        heading = nodes.paragraph(classes=["sourcebook-claim-document"])
        ref = nodes.reference(
            "", "", internal=True, refuri=app.builder.get_relative_uri(docname, page)
        )
        ref += nodes.strong(text=title)
        heading += ref
        content.append(heading)
        bullets = nodes.bullet_list()
        for entry in group:
            bullets += _claim_item(app, docname, entry)
        content.append(bullets)
    if not chosen:
        content.append(nodes.paragraph(text="No claims."))
    node.replace_self(content)


def _fill_citedby(app: Sphinx, docname: str, node: citedby, entries: Sequence[ClaimEntry]) -> None:
    reg = registry(app)
    cited: dict[str, list[ClaimEntry]] = defaultdict(list)
    for entry in entries:
        for key in entry.sources:
            cited[key].append(entry)
    keys = sorted(reg.corpus.bibliography.sources) if reg else sorted(cited)
    own = {d.entry.bibkey: d for d in reg.corpus.documents} if reg else {}
    table = nodes.definition_list(classes=["sourcebook-citedby"])
    for key in keys:
        item = nodes.definition_list_item()
        term = nodes.term(ids=[nodes.make_id(f"citedby-{key}")])
        term += nodes.literal(text=key)
        source = reg.corpus.bibliography.sources.get(key) if reg else None
        if source and source.get("title"):
            term += nodes.Text(" — " + source.fields["title"].replace("{", "").replace("}", ""))
        item += term
        definition = nodes.definition()
        para = nodes.paragraph()
        places: list[nodes.Node] = []
        if key in own:
            page = f"{app.config.sourcebook_pages_dir}/{own[key].entry.slug}"
            ref = nodes.reference(
                "", "", internal=True, refuri=app.builder.get_relative_uri(docname, page)
            )
            ref += nodes.Text(f"the seed document “{own[key].entry.title}”")
            places.append(ref)
        for entry in sorted(cited.get(key, []), key=lambda e: (e.docname, e.line)):
            ref = nodes.reference(
                "", "", internal=True, refuri=_uri(app, docname, entry.docname, entry.target)
            )
            marks = ", ".join(m.split(".")[-1] for m in entry.markers)
            title = (
                reg.documents[entry.document].entry.title
                if reg and entry.document in reg.documents
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
    app: Sphinx, docname: str, key: str, entries: Sequence[ClaimEntry]
) -> nodes.paragraph:
    """ "Cited in: Title, note 4; …" with each place linked to the citing sentence."""
    reg = registry(app)
    domain = get_domain(app.env)
    places: list[nodes.Node] = []
    for entry in entries:
        doc = reg.documents.get(entry.document) if reg else None
        for marker in entry.markers:
            citation = doc.citation(marker) if doc else None
            if citation is None or key not in citation.keys:
                continue
            ref = nodes.reference(
                "", "", internal=True, refuri=_uri(app, docname, entry.docname, entry.target)
            )
            title = doc.entry.title if doc else entry.docname
            ref += nodes.Text(f"{title}, note {domain.note_number(entry.docname, marker)}")
            places.append(ref)
    para = nodes.paragraph(classes=["sourcebook-cited-in"])
    own = next((d for d in reg.corpus.documents if d.entry.bibkey == key), None) if reg else None
    if own is not None:
        page = f"{app.config.sourcebook_pages_dir}/{own.entry.slug}"
        ref = nodes.reference(
            "", "", internal=True, refuri=app.builder.get_relative_uri(docname, page)
        )
        ref += nodes.Text(own.entry.title)
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


def _annotate_bibliography(
    app: Sphinx, docname: str, doctree: nodes.document, entries: Sequence[ClaimEntry]
) -> None:
    """Under each entry of a bibliography: where it is cited, then the editors' note."""
    reg = registry(app)
    keys = {c.citation_id: c.key for c in app.env.get_domain("cite").citations}  # type: ignore[attr-defined]
    citing: dict[str, list[ClaimEntry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: (e.docname, e.line)):
        for cited in entry.sources:
            citing[cited].append(entry)
    for node in doctree.findall(nodes.citation):
        key: str | None = next((keys[i] for i in node["ids"] if i in keys), None)
        if key is None:
            continue
        node += _cited_in(app, docname, key, citing.get(key, []))
        source = reg.corpus.bibliography.sources.get(key) if reg else None
        note = " ".join(source.fields.get("note", "").split()) if source else ""
        if note:
            node += make_note("Editors’ note", [note])


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for flag in list(doctree.findall(claim_flag)):
        flag.replace_self(_flag_link(app, docname, flag))
    domain = get_domain(app.env)
    entries = list(domain.all_claims())
    _annotate_bibliography(app, docname, doctree, entries)
    for node in list(doctree.findall(claimlist)):
        _fill_claimlist(app, docname, node, entries)
    for cited in list(doctree.findall(citedby)):
        _fill_citedby(app, docname, cited, entries)


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Rebuild the pages with aggregate lists whenever any page was re-read."""
    if added or changed or removed:
        return sorted(get_domain(env).lists)
    return []
