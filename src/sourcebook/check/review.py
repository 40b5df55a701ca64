"""``sourcebook check --compare REF``: what a pull request changes, as a Markdown review.

The merge base of REF and HEAD is unpacked from git into a temporary
directory and checked like the working tree; the two reports are compared:
claims resolved and newly unresolved, sources added, removed and changed,
markers mapped and unmapped, documents added and removed, and diagnostics
that are new.  Diagnostics are compared without their line numbers (a
change above them moves them) but printed with them.  CI writes the text to
the job summary; a maintainer reads it instead of the diff of generated
counts.  Everything a pull request can set is printed as code
(:func:`sourcebook.check.mdtext.code`), never as Markdown.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from sourcebook.check.gitbase import export, merge_base
from sourcebook.check.mdtext import code
from sourcebook.check.report import CheckReport, summary_line
from sourcebook.check.run import RatchetOptions, run_check
from sourcebook.check.weakening import (
    apply_overrides,
    causes,
    load_overrides,
    outlets_of,
    weakenings,
)
from sourcebook.core.diagnostics import sorted_diagnostics
from sourcebook.corpus.cache import ParseCache


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    items: tuple[str, ...]


def _claims(report: CheckReport) -> dict[str, tuple[bool, str]]:
    """Flagged claim id -> (resolved, one-line description with the reasons)."""
    out: dict[str, tuple[bool, str]] = {}
    for record in report.corpus.claims:
        if not record.flagged:
            continue
        reasons = "; ".join(
            f"{code(k)}: {code(record.reasons.get(k) or record.independence.get(k, 'cited'))}"
            for k in record.sources
        )
        out[f"{record.document}/{record.claim.id}"] = (
            record.resolved,
            f"{code('[' + '; '.join(record.claim.flags) + ']')} {record.status}"
            + (f" — {reasons}" if reasons else ""),
        )
    return out


def _sources(report: CheckReport) -> dict[str, dict[str, str]]:
    bib = report.corpus.bibliography
    return {
        key: {**source.fields, **{r: " and ".join(p) for r, p in source.persons.items()}}
        for key, source in bib.sources.items()
    }


def _markers(report: CheckReport) -> dict[str, tuple[str, ...]]:
    return {m.id: m.keys for m in report.markers}


def _diagnostics(report: CheckReport) -> dict[tuple[str, str, str], str]:
    return {(d.path, d.code.id, d.message): d.format() for d in report.diagnostics}


def _title(report: CheckReport, slug: str) -> str:
    doc = next(d for d in report.corpus.documents if d.entry.slug == slug)
    flagged = sum(1 for c in doc.claims if c.flagged)
    return (
        f"{code(slug)} — {code(doc.entry.title)} ({code(doc.entry.kind)}; "
        f"{len(doc.document.marker_labels)} markers, {flagged} flagged claims)"
    )


def _claim_sections(base: CheckReport, head: CheckReport) -> list[Section]:
    """Claims resolved, and claims of documents the base had that are unresolved now."""
    old_claims, new_claims = _claims(base), _claims(head)
    old_docs = {d.entry.slug for d in base.corpus.documents}
    resolved = [
        f"{code(cid)} {text}"
        for cid, (ok, text) in sorted(new_claims.items())
        if ok and cid in old_claims and not old_claims[cid][0]
    ]
    unresolved = [
        f"{code(cid)} {text}"
        for cid, (ok, text) in sorted(new_claims.items())
        if not ok and cid.split("/")[0] in old_docs and old_claims.get(cid, (True, ""))[0]
    ]
    return [
        Section("Claims resolved", tuple(resolved)),
        Section("Claims newly unresolved", tuple(unresolved)),
    ]


def _source_sections(base: CheckReport, head: CheckReport) -> list[Section]:
    """Bibliography entries added, removed, and changed (naming the fields)."""
    old_src, new_src = _sources(base), _sources(head)
    changed = [
        f"{code(k)}: {', '.join(_changed_fields(old_src[k], new_src[k]))}"
        for k in sorted(old_src.keys() & new_src.keys())
        if old_src[k] != new_src[k]
    ]
    return [
        Section(
            "Sources added",
            tuple(_source(k, new_src[k]) for k in sorted(new_src.keys() - old_src.keys())),
        ),
        Section(
            "Sources removed",
            tuple(_source(k, old_src[k]) for k in sorted(old_src.keys() - new_src.keys())),
        ),
        Section("Sources changed", tuple(changed)),
    ]


def _marker_sections(base: CheckReport, head: CheckReport) -> list[Section]:
    """Markers that gained their first source, and markers that lost their last."""
    old_m, new_m = _markers(base), _markers(head)
    mapped = [
        f"{code(m)} → {', '.join(code(k) for k in keys)}"
        for m, keys in sorted(new_m.items())
        if keys and m in old_m and not old_m[m]
    ]
    unmapped = [code(m) for m, keys in sorted(new_m.items()) if not keys and old_m.get(m)]
    return [Section("Markers mapped", tuple(mapped)), Section("Markers unmapped", tuple(unmapped))]


def _document_sections(base: CheckReport, head: CheckReport) -> list[Section]:
    """Documents added and removed, and diagnostics the base did not have."""
    old_docs = {d.entry.slug for d in base.corpus.documents}
    new_docs = {d.entry.slug for d in head.corpus.documents}
    old_d, new_d = _diagnostics(base), _diagnostics(head)
    return [
        Section("Documents added", tuple(_title(head, s) for s in sorted(new_docs - old_docs))),
        Section("Documents removed", tuple(code(s) for s in sorted(old_docs - new_docs))),
        Section(
            "New diagnostics",
            tuple(code(new_d[k]) for k in sorted(new_d.keys() - old_d.keys())),
        ),
    ]


def compare_reports(base: CheckReport, head: CheckReport) -> list[Section]:
    """What changed from *base* to *head*, section by section, each item once."""
    return [
        *_claim_sections(base, head),
        *_source_sections(base, head),
        *_marker_sections(base, head),
        *_document_sections(base, head),
    ]


def _source(key: str, fields: dict[str, str]) -> str:
    title = fields.get("title", "(no title)")
    url = fields.get("url")
    return f"{code(key)} — {code(title)}" + (f" {code(url)}" if url else "")


def _changed_fields(old: dict[str, str], new: dict[str, str]) -> Iterable[str]:
    for name in sorted(old.keys() | new.keys()):
        if old.get(name) != new.get(name):
            verb = "added" if name not in old else "removed" if name not in new else "changed"
            yield f"{code(name)} {verb}"


def render_markdown(sections: list[Section], base: CheckReport, head: CheckReport, ref: str) -> str:
    lines = [f"## sourcebook review against the merge base with {code(ref)}", ""]
    shown = [s for s in sections if s.items]
    if not shown:
        lines += ["No change to claims, sources, markers, documents or diagnostics.", ""]
    for section in shown:
        lines.append(f"**{section.title} ({len(section.items)})**")
        lines.append("")
        lines.extend(f"- {item}" for item in section.items)
        lines.append("")
    lines += [
        f"Before: {summary_line(base.summary())}",
        "",
        f"After: {summary_line(head.summary())}",
        "",
    ]
    return "\n".join(lines)


def review(root: Path, ref: str) -> tuple[str, CheckReport]:
    """The Markdown review of the working tree at *root* against its merge base with *ref*."""
    base_commit = merge_base(root, ref)
    # one parse cache for both sides: the seeds a change did not touch are parsed once
    parser = ParseCache()
    head = run_check(root, options=RatchetOptions(), parser=parser)
    with tempfile.TemporaryDirectory(prefix="sourcebook-review-") as temp:
        base_root = export(root, base_commit, Path(temp) / "base")
        base = run_check(base_root, options=RatchetOptions(), parser=parser)
        head, weakened = _weakened(root, base, head)
        sections = [weakened, *compare_reports(base, head), _deciders(base, head)]
        text = render_markdown(sections, base, head, ref)
    return text, head


def _weakened(root: Path, base: CheckReport, head: CheckReport) -> tuple[CheckReport, Section]:
    """*head* with the verdicts of :mod:`weakening`, and them as the review's first section."""
    overrides, problems = load_overrides(root)
    found = apply_overrides([*weakenings(base, head), *problems], overrides)
    items = [f"`{d.format()}`" for d in found]
    items += [f"override `{o.path}`: {o.reason} — {', '.join(sorted(o.items))}" for o in overrides]
    diags = tuple(sorted_diagnostics([*head.diagnostics, *found]))
    return replace(head, diagnostics=diags), Section("Changes that weaken the audit", tuple(items))


def _deciders(base: CheckReport, head: CheckReport) -> Section:
    """Changes to what decides independence, with the flagged claims each can move."""
    items: list[str] = []
    for subject in sorted(set(base.corpus.outlets) | set(head.corpus.outlets)):
        found = causes(base, head, subject, ())
        added = outlets_of(head, subject)[0] - outlets_of(base, subject)[0]
        found += [f"subject '{subject}' now lists domain '{d}'" for d in sorted(added)]
        if found:
            claims = [
                f"`{r.document}/{r.claim.id}`"
                for d in head.corpus.documents
                if d.entry.subject == subject
                for r in d.claims
                if r.flagged
            ]
            items.append("; ".join(found) + f" — claims: {', '.join(claims) or 'none'}")
    keys = set(base.corpus.bibliography.sources) & set(head.corpus.bibliography.sources)
    for key in sorted(keys):
        found = causes(base, head, None, (key,))
        if found:
            claims = [
                f"`{r.document}/{r.claim.id}`" for r in head.corpus.claims if key in r.sources
            ]
            items.append("; ".join(found) + f" — claims: {', '.join(claims) or 'none'}")
    return Section("Changes to what decides independence", tuple(items))
