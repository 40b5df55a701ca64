"""Rules about evidence a contributor supplies: independence and seed layout.

* :func:`independence_audit` -- subject domains that are public suffixes
  (SB410), ``affiliation`` fields the URL or publisher contradicts (SB409),
  flags that affiliated sources leave standing, with each source's reason
  (SB506);
* :func:`layout_audit` -- a seed whose first line is read as its title but
  holds a marker (SB412) or reads like a paragraph (SB507).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.corpus.independence import AFFILIATED, Outlets, classify, is_public_suffix
from sourcebook.corpus.load import ClaimRecord, Corpus, CorpusDocument
from sourcebook.parse.profiles import PROFILES


def seed_path_of(slug_file: str) -> str:
    return f"seeds/{slug_file}"


_MARKER_IN_TITLE = re.compile(r"\[(?:\d+|[a-z][a-z ]*needed)\]")
#: two sentences in one "title": a paragraph read as one
_SENTENCES = re.compile(r"[.!?][\"”’)]*\s+[A-Z“\"]")
#: longer than any title; a paragraph read as one
TITLE_MAX = 150
#: a "title" of this many words ending in a full stop is a sentence
_SENTENCE_WORDS = 6


def reads_like_paragraph(title: str, kind: str) -> bool:
    """True when a seed's title line looks like the first paragraph (the title line missing).

    A title holding a marker is a worse case, reported as such (SB412), not here.
    An encyclopedia article's title never ends in a full stop; a blog post's may.
    """
    if _MARKER_IN_TITLE.search(title):
        return False
    sentence = (
        kind == "wikipedia"
        and title.rstrip().endswith(".")
        and len(title.split()) >= _SENTENCE_WORDS
    )
    return len(title) > TITLE_MAX or bool(_SENTENCES.search(title)) or sentence


def layout_audit(corpus: Corpus) -> list[Diagnostic]:
    """A seed whose first line is read as its title must hold a title there."""
    return [d for doc in corpus.documents for d in document_layout(doc)]


def document_layout(doc: CorpusDocument) -> list[Diagnostic]:
    """One seed whose first line is read as its title must hold a title there.

    A Wikipedia extract (and a blog post) opens with the title on its own line;
    an extract copied without it has its first paragraph read as the title,
    and a marker in that paragraph would be lost.
    """
    title = doc.document.title
    if not title or "title" not in PROFILES[doc.entry.kind].header:
        return []
    lines = doc.source.text.split("\n")
    line = next((n for n, text in enumerate(lines, 1) if title[:40] in text), 1)
    lost = _MARKER_IN_TITLE.findall(title)
    layout = f"docs/manual/formats.md, seed layout: {doc.entry.kind}"
    if lost:
        return [
            Diagnostic(
                seed_path_of(doc.entry.file),
                line,
                1,
                Code.SEED_LAYOUT_LOSS,
                f"this line is read as the title of a {doc.entry.kind} seed, so its "
                f"marker(s) {' '.join(lost)} would be lost: the seed lacks its title line "
                f"(layout: {layout}); copy the original again with its title as the first "
                "line, then update sha256",
            )
        ]
    if reads_like_paragraph(title, doc.entry.kind):
        return [
            Diagnostic(
                seed_path_of(doc.entry.file),
                line,
                1,
                Code.SEED_LAYOUT,
                f"this line is read as the title of a {doc.entry.kind} seed but reads like a "
                f"paragraph; is the title line missing? (layout: {layout})",
            )
        ]
    return []


#: the contradiction an entry's ``affiliation`` field makes for a subject ("" for none)
Contradiction = Callable[[CorpusDocument, str, Outlets], str]


def contradiction(corpus: Corpus) -> Contradiction:
    """The contradiction of entry *key* of *corpus*'s bibliography, judged now."""
    sources = corpus.bibliography.sources
    return lambda doc, key, own: classify(sources[key].fields, own).contradiction or ""


def independence_audit(corpus: Corpus, broken: set[str]) -> list[Diagnostic]:
    """Outlet lists that claim everyone, contradicted affiliations, flags that stay.

    One finding per cause: a contradiction once per entry and subject, a
    public-suffix domain once per subject.
    """
    diags = contradictions(corpus, broken, contradiction(corpus))
    for doc in corpus.documents:
        diags.extend(document_independence(doc, corpus.outlets))
    return diags


def document_independence(doc: CorpusDocument, outlets: dict[str, Outlets]) -> list[Diagnostic]:
    """One document's flagged claims whose every source is the subject's own."""
    if outlets.get(doc.entry.subject or "") is None:
        return []
    return [
        d
        for record in doc.claims
        if record.flagged and record.sources and not record.resolved
        for d in _affiliated_only(doc, record)
    ]


def contradictions(corpus: Corpus, broken: set[str], judge: Contradiction) -> list[Diagnostic]:
    """Public-suffix domains, and contradicted affiliations once per entry and subject."""
    diags = _public_suffix_domains(corpus)
    bib = corpus.bibliography
    seen: set[tuple[str, str]] = set()
    for doc in corpus.documents:
        own = corpus.outlets.get(doc.entry.subject or "")
        if own is None:
            continue
        for record in doc.claims:
            for key in record.sources:
                if key in broken or (key, own.id) in seen:
                    continue
                seen.add((key, own.id))
                found = judge(doc, key, own)
                if found:
                    line = _field_line(corpus, bib.sources[key].line, "affiliation")
                    message = f"'{key}': {found}"
                    diags.append(
                        Diagnostic(bib.path, line, 1, Code.AFFILIATION_CONTRADICTS, message)
                    )
    return diags


def _public_suffix_domains(corpus: Corpus) -> list[Diagnostic]:
    """SB410: a subject's domain that is a public suffix would make every site its own."""
    diags: list[Diagnostic] = []
    for outlets in corpus.outlets.values():
        path, _, line = outlets.domains_at.rpartition(":")
        for domain in outlets.domains:
            if is_public_suffix(domain):
                diags.append(
                    Diagnostic(
                        path,
                        int(line),
                        1,
                        Code.SUBJECT_DOMAIN,
                        f"subject '{outlets.id}': '{domain}' is a public suffix, so every site "
                        "under it would count as the subject's; list the subject's own site "
                        "(e.g. 'name.wordpress.com')",
                    )
                )
    return diags


def _affiliated_only(doc: CorpusDocument, record: ClaimRecord) -> list[Diagnostic]:
    """A flagged claim whose every source is the subject's own stays unresolved."""
    if set(record.independence.values()) != {AFFILIATED}:
        return []
    reasons = "; ".join(f"{k}: {record.reasons[k]}" for k in record.sources)
    return [
        Diagnostic(
            seed_path_of(doc.entry.file),
            record.claim.line,
            1,
            Code.AFFILIATED_ONLY,
            f"claim {record.document}/{record.claim.id} "
            f"[{'; '.join(record.claim.flags)}] stays unresolved: every source "
            f"is affiliated ({reasons}); add an independent source",
        )
    ]


def _field_line(corpus: Corpus, start: int, name: str) -> int:
    """The line of field *name* in the entry starting at *start* (the entry line if absent)."""
    parts = corpus.bibliography.parts  # the joined per-source files, as the loader read them
    if parts is None:
        return start
    lines = parts.text.split("\n")
    for number in range(start, min(len(lines), start + 200) + 1):
        text = lines[number - 1].strip().lower()
        if number > start and text.startswith("@"):
            break
        if text.startswith(name) and text[len(name) :].lstrip().startswith("="):
            return number
    return start
