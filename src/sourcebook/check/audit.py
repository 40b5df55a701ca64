"""The claims audit: markers of the texts against the apparatus and the bibliography.

Three sources must agree: the markers the parser finds in a seed, the
``[[marker]]`` entries of its apparatus file and the keys of
``docs/references/``.  Disagreements are errors; attributions that are
merely weak (inferred, unknown source, unknown independence) are warnings.
"""

from __future__ import annotations

from dataclasses import dataclass

from sourcebook.check.evidence import independence_audit, layout_audit
from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.core.suggest import closest, suggest
from sourcebook.core.urls import url_problem
from sourcebook.corpus.bibliography import Bibliography
from sourcebook.corpus.independence import UNKNOWN
from sourcebook.corpus.load import Corpus, CorpusDocument
from sourcebook.corpus.manifest import Citation, DocumentEntry
from sourcebook.inputs import layout

#: a bib entry whose keywords hold this word is named in a seed without a marker
MENTIONED = "mentioned"


@dataclass(frozen=True, slots=True)
class MarkerRecord:
    """One marker of a seed and what the apparatus says it cites."""

    document: str
    label: str
    #: seed path and the line of the marker's first claim
    path: str
    line: int
    #: keys the bibliography defines, in apparatus order
    keys: tuple[str, ...]
    inferred: bool

    @property
    def id(self) -> str:
        return f"{self.document}/{self.label}"

    @property
    def mapped(self) -> bool:
        return bool(self.keys)


def seed_path(entry: DocumentEntry) -> str:
    return f"seeds/{entry.file}"


def markers(corpus: Corpus) -> tuple[MarkerRecord, ...]:
    """Every marker of every readable seed, in text order."""
    bib = corpus.bibliography
    return tuple(m for doc in corpus.documents for m in document_markers(doc, bib))


def _marker_lines(doc: CorpusDocument) -> dict[str, int]:
    """Marker label -> the line of the first claim it closes."""
    lines: dict[str, int] = {}
    for claim in doc.document.claims:
        for label in claim.markers:
            lines.setdefault(label, claim.line)
    return lines


def document_markers(doc: CorpusDocument, bib: Bibliography) -> list[MarkerRecord]:
    """The markers of one readable seed, in text order."""
    records: list[MarkerRecord] = []
    lines = _marker_lines(doc)
    for label in doc.document.marker_labels:
        citation = doc.citation(label)
        cited = citation.keys if citation else ()
        keys = tuple(k for k in cited if k in bib.sources)
        inferred = bool(keys) and citation is not None and citation.confidence == "inferred"
        records.append(
            MarkerRecord(doc.entry.slug, label, seed_path(doc.entry), lines[label], keys, inferred)
        )
    return records


def keys_position(citation: Citation, key: str) -> tuple[int, int]:
    """Where the marker's ``keys`` names *key* (the ``keys`` line when it cannot be told)."""
    return citation.key_positions.get(key, (citation.line_of("keys"), 1))


def _document_audit(doc: CorpusDocument, unreadable: set[str]) -> list[Diagnostic]:
    found, unmapped = mapping_audit(doc)
    if doc.entry.apparatus_path in unreadable:
        return found  # its SB201 is the one error; every marker would look unmapped
    return found + unmapped


def mapping_audit(doc: CorpusDocument) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """One document's markers against its apparatus: the findings, and the unmapped markers.

    The second list is left out when the apparatus did not load whole (every
    marker would look unmapped), which only the whole run knows.
    """
    entry = doc.entry
    in_text = set(doc.document.marker_labels)
    apparatus = entry.apparatus_path or entry.path
    diags: list[Diagnostic] = []
    first: dict[str, int] = {}
    unmapped = sorted(in_text - {c.label for c in entry.citations})
    #: unmapped labels an SB204 suggests: the one mistake, reported once
    meant: set[str] = set()
    for citation in entry.citations:
        if citation.label in first:
            diags.append(
                Diagnostic(
                    apparatus,
                    citation.line,
                    1,
                    Code.MANIFEST_FIELD,
                    f"marker '{citation.label}' is mapped twice (first at line "
                    f"{first[citation.label]}); merge the two entries",
                )
            )
            continue
        first[citation.label] = citation.line
        if citation.label not in in_text:
            near = closest(citation.label, unmapped)
            hint = f"; did you mean '{near}'? (it has no entry)" if near else ""
            meant |= {near} if near else set()
            diags.append(
                Diagnostic(
                    apparatus,
                    citation.line,
                    1,
                    Code.MARKER_NOT_IN_TEXT,
                    f"marker '{citation.label}' is mapped here but does not occur "
                    f"in {seed_path(entry)}{hint}; fix the label or remove the entry",
                )
            )
    lines = _marker_lines(doc)
    missing: list[Diagnostic] = []
    for label in doc.document.marker_labels:
        if label not in first and label not in meant:
            where = entry.apparatus_path or f"{layout.apparatus_of(entry.slug)} (there is none)"
            missing.append(
                Diagnostic(
                    seed_path(entry),
                    lines[label],
                    1,
                    Code.MARKER_NOT_MAPPED,
                    f"marker '{label}' has no [[marker]] entry in {where}; "
                    "add one (keys = [] while the source is unknown)",
                )
            )
    return diags, missing


def _key_audit(corpus: Corpus, broken: set[str]) -> list[Diagnostic]:
    bib = corpus.bibliography
    unread = {k.lower() for k in broken}
    diags: list[Diagnostic] = []
    for entry in corpus.manifest.documents:
        path = entry.apparatus_path or entry.path
        for citation in entry.citations:
            for key in citation.keys:
                if key in bib.sources:
                    continue
                if key.lower() in unread or (
                    key.lower() in bib.key_lines
                    and not any(k.lower() == key.lower() for k in bib.sources)
                ):
                    continue  # the entry exists but could not be read: reported as SB301
                hint = suggest(key, bib.sources)
                line, col = keys_position(citation, key)
                diags.append(
                    Diagnostic(
                        path,
                        line,
                        col,
                        Code.UNKNOWN_KEY,
                        f"marker '{citation.label}' cites '{key}', which "
                        f"{bib.path} does not define{hint}",
                    )
                )
        if entry.bibkey and entry.bibkey not in bib.sources and entry.bibkey.lower() not in unread:
            diags.append(
                Diagnostic(
                    entry.path,
                    entry.line_of("bibkey"),
                    1,
                    Code.UNKNOWN_KEY,
                    f"document '{entry.slug}': bibkey '{entry.bibkey}' is not "
                    f"defined in {bib.path}",
                )
            )
    return diags


def _manifest_urls(corpus: Corpus) -> list[Diagnostic]:
    """The documents' links become the pages' source and licence links."""
    return [d for entry in corpus.manifest.documents for d in entry_urls(entry)]


def entry_urls(entry: DocumentEntry) -> list[Diagnostic]:
    """One document's source and licence links."""
    diags: list[Diagnostic] = []
    for name, url in (("url", entry.url), ("licence_url", entry.licence_url)):
        problem = url_problem(url) if url is not None else None
        if problem:
            diags.append(
                Diagnostic(
                    entry.path,
                    entry.line_of(name),
                    1,
                    Code.UNSAFE_URL,
                    f"document '{entry.slug}': {name} '{url}': {problem}",
                )
            )
    return diags


def used_keys(corpus: Corpus) -> set[str]:
    """Keys an apparatus cites, documents' own keys, and entries marked ``mentioned``."""
    used = {key for entry in corpus.manifest.documents for c in entry.citations for key in c.keys}
    used |= {entry.bibkey for entry in corpus.manifest.documents if entry.bibkey}
    for key, source in corpus.bibliography.sources.items():
        words = {w.strip().lower() for w in (source.get("keywords") or "").split(",")}
        if MENTIONED in words:
            used.add(key)
    return used


def _unused(bib: Bibliography, used: set[str]) -> list[Diagnostic]:
    return [
        Diagnostic(
            bib.path,
            source.line,
            1,
            Code.UNUSED_ENTRY,
            f"entry '{key}' is not cited by any apparatus, is no document's bibkey and is "
            f"not marked 'keywords = {{{MENTIONED}}}'; cite it or remove it",
        )
        for key, source in bib.sources.items()
        if key not in used
    ]


def _warnings(corpus: Corpus, broken: set[str]) -> list[Diagnostic]:
    bib = corpus.bibliography
    diags = [d for doc in corpus.documents for d in document_warnings(doc, bib)]
    return diags + independence_unknown(corpus, broken)


def document_warnings(doc: CorpusDocument, bib: Bibliography) -> list[Diagnostic]:
    """Attributions of one document that are inferred, or whose source is unknown yet."""
    diags: list[Diagnostic] = []
    in_text = set(doc.document.marker_labels)
    apparatus = doc.entry.apparatus_path or doc.entry.path
    for citation in doc.entry.citations:
        if citation.label not in in_text:
            continue
        known = [k for k in citation.keys if k in bib.sources]
        if known and citation.confidence == "inferred":
            diags.append(
                Diagnostic(
                    apparatus,
                    citation.line,
                    1,
                    Code.INFERRED,
                    f"marker '{citation.label}' -> {', '.join(known)} is inferred, not "
                    'established; confirm it and set confidence = "established"',
                )
            )
        if not citation.keys:
            diags.append(
                Diagnostic(
                    apparatus,
                    citation.line,
                    1,
                    Code.UNKNOWN_SOURCE,
                    f"marker '{citation.label}' of {seed_path(doc.entry)}: "
                    "source not known yet (keys = []); when you find it: "
                    f"`nox -s cite -- {doc.entry.slug}/{citation.label} KEY`",
                )
            )
    return diags


def independence_unknown(corpus: Corpus, broken: set[str]) -> list[Diagnostic]:
    """One warning per entry and subject whose independence is unknown, naming every claim."""
    bib = corpus.bibliography
    diags: list[Diagnostic] = []
    # one warning per entry and subject, naming every claim that leans on it
    unknown: dict[tuple[str, str], list[str]] = {}
    reasons: dict[tuple[str, str], str] = {}
    subjects = {d.entry.slug: d.entry.subject or "" for d in corpus.documents}
    for record in corpus.claims:
        for key, klass in record.independence.items():
            if klass == UNKNOWN and key not in broken:
                where = (key, subjects[record.document])
                unknown.setdefault(where, []).append(f"{record.document}/{record.claim.id}")
                reasons[where] = record.reasons.get(key, "")
    for (key, subject_id), claims in sorted(unknown.items()):
        subject = corpus.manifest.subjects[subject_id]
        diags.append(
            Diagnostic(
                bib.path,
                bib.sources[key].line,
                1,
                Code.INDEPENDENCE_UNKNOWN,
                f"'{key}' (cited by {', '.join(sorted(claims))}): independence from {subject.name} "
                f"is unknown ({reasons[(key, subject_id)]}); add a url, publisher or "
                "affiliation field",
            )
        )
    return diags


def audit(
    corpus: Corpus, broken: set[str] | None = None, failed: set[str] | None = None
) -> list[Diagnostic]:
    """Every apparatus, key and attribution finding of the corpus.

    One mistake gives one error: *broken* bib entries hold a syntax error, so
    whether they are used or independent cannot be told; *failed* files (the
    manifest, an apparatus, the bibliography) did not load, or loaded only in
    part, so the rules that would report every consequence of the entries they
    lost -- unmapped markers, unused entries, undefined keys -- are left out.
    """
    broken = broken or set()
    failed = failed or set()
    bib = corpus.bibliography
    diags: list[Diagnostic] = []
    for doc in corpus.documents:
        diags.extend(_document_audit(doc, failed))
        diags.extend(document_warnings(doc, bib))
    diags.extend(_manifest_urls(corpus))
    diags.extend(independence_audit(corpus, broken))
    diags.extend(layout_audit(corpus))
    return diags + cross_document_audit(corpus, broken, failed)


def cross_document_audit(corpus: Corpus, broken: set[str], failed: set[str]) -> list[Diagnostic]:
    """The findings that join documents and the bibliography: undefined and unused keys,
    entries whose independence is unknown to a subject."""
    diags: list[Diagnostic] = []
    if corpus.bibliography.path not in failed:
        diags.extend(_key_audit(corpus, broken))
    # a document, apparatus or subject file that did not load may cite what looks unused
    if not any(path.startswith("seeds/") for path in failed):
        diags.extend(_unused(corpus.bibliography, used_keys(corpus) | broken))
    return diags + independence_unknown(corpus, broken)
