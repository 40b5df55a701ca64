"""One check run: load the corpus, apply every rule, compare with the baseline.

Each rule returns diagnostics and never stops the others, so one broken
file does not hide the problems of the rest.  The run writes nothing unless
asked to update the baseline, and then only when the corpus has no errors.
"""

from __future__ import annotations

from pathlib import Path

from sourcebook.check.audit import MarkerRecord, audit, markers, seed_path
from sourcebook.check.bibrules import broken_keys, check_entries
from sourcebook.check.ratchet import (
    Baseline,
    Item,
    Tally,
    compare,
    load_baseline,
    render_baseline,
)
from sourcebook.check.renderrules import render_rules
from sourcebook.check.report import CheckReport
from sourcebook.corpus import Corpus, load_corpus
from sourcebook.diagnostics import Code, Diagnostic, Severity, sorted_diagnostics
from sourcebook.files import display_path, write_atomic
from sourcebook.paths import PathProblem, seeds_directory

DEFAULT_BIB = Path("docs") / "references.bib"
DEFAULT_BASELINE = Path("seeds") / "baseline.toml"


def tally(corpus: Corpus, marker_records: tuple[MarkerRecord, ...]) -> Tally:
    """What the ratchet counts: unresolved flagged claims and unmapped markers."""
    paths = {d.entry.slug: seed_path(d.entry) for d in corpus.documents}
    claims = tuple(
        Item(
            f"{c.document}/{c.claim.id}",
            c.document,
            paths[c.document],
            c.claim.line,
            f"[{'; '.join(c.claim.flags)}] ({c.status})",
        )
        for c in corpus.claims
        if c.flagged and not c.resolved
    )
    unmapped = tuple(
        Item(m.id, m.document, m.path, m.line, f"(marker [{m.label}] has no known source)")
        for m in marker_records
        if not m.mapped
    )
    return Tally(tuple(d.entry.slug for d in corpus.documents), claims, unmapped)


def _bib_rules(corpus: Corpus, bib_file: Path, broken: set[str]) -> list[Diagnostic]:
    try:
        raw = bib_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # the corpus loader has reported it (SB301)
    return check_entries(corpus.bibliography, raw, broken)


def run_check(
    root: Path,
    bib_path: Path | None = None,
    baseline_path: Path | None = None,
    update_baseline: bool = False,
) -> CheckReport:
    """Check the project at *root*; with *update_baseline*, rewrite the baseline first."""
    bib_file = bib_path or root / DEFAULT_BIB
    corpus = load_corpus(root, bib_file)
    diags = list(corpus.diagnostics)
    bib = corpus.bibliography
    syntax = {d.line for d in diags if d.code is Code.BIB_SYNTAX and d.path == bib.path}
    broken = broken_keys(bib, syntax)
    diags.extend(_bib_rules(corpus, bib_file, broken))
    diags.extend(audit(corpus, broken))
    diags.extend(render_rules(root, corpus))
    marker_records = markers(corpus)
    counts = tally(corpus, marker_records)

    if baseline_path is None and isinstance(seeds_directory(root), PathProblem):
        # seeds/ leads out of the project (reported by the corpus): read nothing there
        return CheckReport(corpus, tuple(sorted_diagnostics(diags)), marker_records, None)
    base_file = baseline_path or root / DEFAULT_BASELINE
    base_display = display_path(root, base_file)
    baseline: Baseline | None = None
    if update_baseline:
        errors = [d for d in diags if d.severity is Severity.ERROR]
        if errors:
            diags.append(
                Diagnostic(
                    base_display,
                    1,
                    1,
                    Code.BASELINE_NOT_WRITTEN,
                    f"baseline not updated: fix the errors first ({len(errors)})",
                )
            )
        else:
            write_atomic(base_file, render_baseline(counts))
    baseline, base_diags = load_baseline(base_file, base_display)
    diags.extend(base_diags)
    if baseline is not None:
        diags.extend(compare(baseline, counts))
    return CheckReport(corpus, tuple(sorted_diagnostics(diags)), marker_records, baseline)
