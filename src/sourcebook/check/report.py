"""The check's verdict as data, and its two renderings: text lines and JSON.

Both renderings are deterministic: diagnostics are sorted and deduplicated,
documents and claims come in a fixed order, JSON keys are sorted.  The JSON
shape is versioned and described by ``sourcebook/schema/report-v1.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sourcebook.check.audit import MarkerRecord, seed_path
from sourcebook.check.ratchet import Baseline
from sourcebook.core.diagnostics import Diagnostic, Severity
from sourcebook.corpus.load import Corpus

REPORT_VERSION = 1


@dataclass(frozen=True, slots=True)
class CheckReport:
    corpus: Corpus
    #: sorted, each once
    diagnostics: tuple[Diagnostic, ...]
    markers: tuple[MarkerRecord, ...]
    baseline: Baseline | None
    #: what the run did besides checking ("wrote seeds/baseline.toml: ...")
    notes: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)

    def exit_status(self, strict: bool = False) -> int:
        """0 when clean; 1 on errors, and on warnings too when *strict*."""
        return 1 if self.errors or (strict and self.warnings) else 0

    def summary(self) -> dict[str, Any]:
        flagged = [c for c in self.corpus.claims if c.flagged]
        resolved = sum(c.resolved for c in flagged)
        mapped = [m for m in self.markers if m.mapped]
        base = self.baseline
        return {
            "documents": len(self.corpus.manifest.documents),
            "claims": len(self.corpus.claims),
            "flagged_claims": len(flagged),
            "resolved": resolved,
            "unresolved": len(flagged) - resolved,
            "markers": len(self.markers),
            "mapped": len(mapped),
            "inferred": sum(m.inferred for m in mapped),
            "unmapped": len(self.markers) - len(mapped),
            "baseline": None
            if base is None
            else {
                "unresolved_flagged_claims": base.unresolved_flagged_claims,
                "unmapped_markers": base.unmapped_markers,
            },
            "errors": self.errors,
            "warnings": self.warnings,
        }


def summary_line(summary: dict[str, Any]) -> str:
    """The closing line of the text report.

    >>> s = {"flagged_claims": 5, "resolved": 0, "unresolved": 5, "markers": 18, "mapped": 8,
    ...      "inferred": 4, "unmapped": 10, "errors": 0, "warnings": 3,
    ...      "baseline": {"unresolved_flagged_claims": 5, "unmapped_markers": 10}}
    >>> print(summary_line(s).replace("; ", ";\\n"))
    5 flagged claims: 0 resolved, 5 unresolved (baseline 5);
    18 markers: 8 mapped (4 inferred), 10 unmapped (baseline 10);
    0 errors, 3 warnings
    """

    def count(n: int, noun: str) -> str:
        return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

    base = summary["baseline"]
    claims_base = f"baseline {base['unresolved_flagged_claims']}" if base else "no baseline"
    markers_base = f"baseline {base['unmapped_markers']}" if base else "no baseline"
    return (
        f"{count(summary['flagged_claims'], 'flagged claim')}: {summary['resolved']} resolved, "
        f"{summary['unresolved']} unresolved ({claims_base}); "
        f"{count(summary['markers'], 'marker')}: {summary['mapped']} mapped "
        f"({summary['inferred']} inferred), {summary['unmapped']} unmapped ({markers_base}); "
        f"{count(summary['errors'], 'error')}, {count(summary['warnings'], 'warning')}"
    )


def render_text(report: CheckReport) -> str:
    lines = [d.format() for d in report.diagnostics]
    lines.extend(report.notes)
    if report.errors and report.baseline is not None:
        lines.append("baseline: compared once the errors are fixed")
    lines.append(summary_line(report.summary()))
    return "\n".join(lines) + "\n"


def diagnostic_record(d: Diagnostic) -> dict[str, Any]:
    """One diagnostic as the JSON reports of ``check`` and ``check-bib`` write it."""
    return {
        "path": d.path,
        "line": d.line,
        "col": d.col,
        "code": d.code.id,
        "severity": str(d.severity),
        "message": d.message,
    }


def as_json_data(report: CheckReport) -> dict[str, Any]:
    corpus = report.corpus
    documents = [
        {
            "id": e.slug,
            "source": seed_path(e),
            "title": e.title,
            "kind": e.kind,
            "bibkey": e.bibkey,
            "sha256": e.sha256,
            "subject": e.subject,
        }
        for e in sorted(corpus.manifest.documents, key=lambda e: e.slug)
    ]
    claims = [
        {
            "id": c.claim.id,
            "document": c.document,
            "line": c.claim.line,
            "text": c.claim.text,
            "markers": list(c.claim.markers),
            "flags": list(c.claim.flags),
            "sources": list(c.sources),
            "status": c.status,
            "resolved": c.resolved if c.flagged else None,
            "inferred": c.inferred,
            "independence": dict(sorted(c.independence.items())),
            "reasons": dict(sorted(c.reasons.items())),
        }
        for c in sorted(corpus.claims, key=lambda c: (c.document, c.claim.line, c.claim.id))
    ]
    return {
        "version": REPORT_VERSION,
        "documents": documents,
        "claims": claims,
        "diagnostics": [diagnostic_record(d) for d in report.diagnostics],
        "summary": report.summary(),
    }


def render_json(report: CheckReport) -> str:
    return json.dumps(as_json_data(report), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
