"""Late work on doctrees: links that need the builder, and aggregate lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sourcebook.corpus import NEEDS_INDEPENDENT, UNSOURCED, CorpusDocument
from sourcebook.sphinxext.domain import ClaimEntry, get_domain
from sourcebook.sphinxext.generate import registry
from sourcebook.sphinxext.nodes import citedby, claim_flag, claimlist

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


def _attribution_notes(doc: CorpusDocument) -> dict[str, list[str]]:
    """Bib key -> the notes its footnote carries: locator, inferred, editors' note."""
    notes: dict[str, list[str]] = defaultdict(list)
    for citation in doc.entry.citations:
        parts = []
        if citation.locator:
            parts.append(f"At {citation.locator}.")
        if citation.confidence == "inferred":
            parts.append("Attribution inferred, not established.")
        if citation.note:
            parts.append(f"Editors’ note: {citation.note}")
        if not parts:
            continue
        label = citation.label.split(".")[-1]
        text = f"{doc.entry.marker_noun.capitalize()} {label}: " + " ".join(parts)
        for key in citation.keys:
            notes[key].append(text)
    return notes


def footcite_names(app: Sphinx, keys: Iterable[str], notes: int) -> dict[str, str]:
    """Footnote name -> bib key, named exactly as sphinxcontrib-bibtex names its notes.

    The footnote names come from ``bibtex_footcite_id`` passed through docutils'
    ``make_id`` (which lowercases and turns ``_`` into ``-``), so the key is
    recovered by naming each key the same way, never by stripping a prefix.
    *notes* bounds the footbibliography count a template may use.
    """
    template = getattr(app.config, "bibtex_footcite_id", "") or "footcite-{key}"
    counts = range(1, notes + 2) if "footbibliography_count" in template else (1,)
    return {
        nodes.make_id(template.format(footbibliography_count=count, key=key)): key
        for key in keys
        for count in counts
    }


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Mark footnotes whose attribution is inferred, and give locators."""
    reg = registry(app)
    if reg is None:
        return
    doc = reg.documents.get(app.env.docname.rsplit("/", 1)[-1])
    if doc is None:
        return
    notes = _attribution_notes(doc)
    footnotes = list(doctree.findall(nodes.footnote))
    names = footcite_names(app, notes, len(footnotes))
    for footnote in footnotes:
        for name in footnote["names"]:
            if name in names:
                para = nodes.paragraph(classes=["sourcebook-attribution"])
                para += nodes.emphasis(text=" ".join(notes[names[name]]))
                footnote += para


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
    item = nodes.list_item(ids=["list-" + entry.target], classes=[f"status-{entry.status}"])
    para = nodes.paragraph()
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


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for flag in list(doctree.findall(claim_flag)):
        flag.replace_self(_flag_link(app, docname, flag))
    domain = get_domain(app.env)
    entries = list(domain.all_claims())
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
