"""One check run: load the corpus, apply every rule, compare with the baseline.

Each rule returns diagnostics and never stops the others, so one broken
file does not hide the problems of the rest; but a file that failed to load
gives its one error, not every consequence of what it lost, and the ratchet
gives no verdict on counts taken from broken input.  The run writes nothing
unless asked to update the baseline, and then only when the corpus has no
errors and no count rises (unless a reason for the rise is given).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sourcebook.check.audit import MarkerRecord, audit, cross_document_audit, markers, seed_path
from sourcebook.check.baselinekept import kept_baseline
from sourcebook.check.bibrules import broken_keys, check_entries
from sourcebook.check.docbib import document_entries
from sourcebook.check.evidence import contradictions
from sourcebook.check.ratchet import (
    UPDATE_COMMAND,
    Baseline,
    Item,
    Tally,
    compare,
    delta,
    describe_update,
    load_baseline,
    not_current,
    raise_refused,
    render_baseline,
)
from sourcebook.check.renderrules import entity_rules, render_rules, tex_rules
from sourcebook.check.report import CheckReport
from sourcebook.check.units import Units
from sourcebook.core.diagnostics import Code, Diagnostic, Severity, sorted_diagnostics
from sourcebook.core.files import display_path, write_atomic
from sourcebook.corpus.cache import ParseCache
from sourcebook.corpus.folders import FolderRecords
from sourcebook.corpus.load import Corpus, load_corpus
from sourcebook.corpus.projectbib import relocate
from sourcebook.inputs.paths import PathProblem, seeds_directory

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
            f"{c.document}/{c.claim.markers[0]}" if c.claim.markers else "",
        )
        for c in corpus.claims
        if c.flagged and not c.resolved
    )
    unmapped = tuple(
        Item(m.id, m.document, m.path, m.line, f"(marker [{m.label}] has no known source)", m.id)
        for m in marker_records
        if not m.mapped
    )
    return Tally(tuple(d.entry.slug for d in corpus.documents), claims, unmapped)


def _bib_rules(corpus: Corpus, broken: set[str]) -> list[Diagnostic]:
    return check_entries(corpus.bibliography, None, broken)


def _entry_rules(corpus: Corpus, broken: set[str]) -> list[Diagnostic]:
    """Each document file against its own entry (SB510), at the entry's own file."""
    bib = corpus.bibliography
    return relocate(document_entries(corpus.manifest.documents, bib, broken), bib)


#: codes that refuse a file whole, before any entry of it is read
_WHOLE_FILE = frozenset(
    {Code.BOM, Code.CRLF, Code.BINARY, Code.NOT_UTF8, Code.FILE_TOO_LARGE, Code.NOT_REGULAR_FILE}
)


def failed_files(corpus: Corpus) -> set[str]:
    """Contributor files that did not load, or lost entries while loading.

    Rules that would report the consequences of the lost entries skip them:
    the loader's own error at the cause is the one a contributor needs.
    """
    failed = {
        d.path
        for d in corpus.diagnostics
        if d.severity is Severity.ERROR and d.code.id.startswith("SB2")
    }
    bib = corpus.bibliography
    cited = {k for e in corpus.manifest.documents for c in e.citations for k in c.keys}
    # a syntax error that swallowed every cited entry: the cause, not N undefined keys
    if any(d.code is Code.BIB_SYNTAX for d in corpus.diagnostics) and not cited & set(bib.sources):
        failed.add(bib.path)
    # a bibliography refused whole (its bytes, its size, its file type) lost every entry
    if any(d.path == bib.path and d.code in _WHOLE_FILE for d in corpus.diagnostics):
        failed.add(bib.path)
    return failed


def why_unresolved(corpus: Corpus) -> dict[str, str]:
    """Claim id -> why it is not resolved, for messages about the baseline."""
    why: dict[str, str] = {}
    for record in corpus.claims:
        if record.flagged and not record.resolved:
            reasons = [
                f"{k}: {record.reasons.get(k) or record.independence.get(k, 'not classified')}"
                for k in record.sources
            ]
            why[f"{record.document}/{record.claim.id}"] = (
                "; ".join(reasons) if reasons else "no source mapped"
            )
    return why


@dataclass(frozen=True, slots=True)
class RatchetOptions:
    """How the run treats the baseline.

    *baseline* is the file compared against (default: the committed one; CI
    passes the merge base's copy).  With *update*, the committed file is
    rewritten first; a rise needs *allow_increase* (a reason, recorded).  With
    *require_current* (CI), the committed file must list exactly what is
    unresolved now: a pull request that resolved a claim commits the lowered
    baseline.
    """

    baseline: Path | None = None
    update: bool = False
    allow_increase: str | None = None
    require_current: bool = False
    #: set when the merge base could not be read (SB407)
    base_error: str | None = None
    #: *baseline* is the tally of the merge base (``--against``), not a file anyone keeps:
    #: what fell needs no action, so it is not reported
    merge_base: bool = False


def run_check(
    root: Path,
    baseline_path: Path | None = None,
    update_baseline: bool = False,
    options: RatchetOptions | None = None,
    parser: ParseCache | None = None,
    records: FolderRecords | None = None,
) -> CheckReport:
    """Check the project at *root*; with *update_baseline*, rewrite the baseline first.

    With *parser*, documents whose seeds were parsed before come from its cache.
    With *records*, what each document's files say comes from the results kept
    for their bytes (:mod:`sourcebook.corpus.folders`), and each document of the
    report holds only its title and claims, all the rules read.
    """
    opts = options or RatchetOptions(baseline_path, update_baseline)
    units = Units(records) if records is not None else None
    corpus = load_corpus(root, parser, units.loaders() if units else None)
    diags = list(corpus.diagnostics)
    bib = corpus.bibliography
    broken = broken_keys(bib)
    failed = failed_files(corpus)
    home = parser.home if parser else None
    if units is None:
        rules = relocate(_bib_rules(corpus, broken) + audit(corpus, broken, failed), bib)
        rules += _entry_rules(corpus, broken)
        shared = relocate(render_rules(root, corpus, home), bib)
        marker_records = markers(corpus)
    else:  # each document's findings are its kept verdict's; what joins them is found now
        rules = units.findings(failed) + contradictions(corpus, broken, units.contradiction())
        rules = relocate(rules + cross_document_audit(corpus, broken, failed), bib)
        rules += _entry_rules(corpus, broken)  # joins two files: never kept with either
        # the bibliography's own rules, judged again only when one of its files changed
        rules += units.bibliography(
            bib, lambda: relocate(_bib_rules(corpus, broken) + tex_rules(bib, home), bib)
        )
        shared = entity_rules(root, corpus)
        marker_records = units.markers()
    # the rules speak of lines of the joined bibliography: each went back to its own file
    diags.extend(rules)
    # a seed without its title line: SB412 is the cause, a marker opening the text a consequence
    lost = {d.path for d in diags if d.code is Code.SEED_LAYOUT_LOSS}
    diags = [d for d in diags if not (d.code is Code.ORPHAN_MARKER and d.path in lost)]
    # the TeX verdicts live in the parse cache's home: --no-cache (or no cache) keeps none
    diags.extend(shared)
    counts = tally(corpus, marker_records)
    notes: list[str] = []
    baseline = _ratchet(root, corpus, counts, opts, diags, notes, records)
    if records is not None:
        records.save()  # after the baseline, which is kept there too
    return CheckReport(
        corpus, tuple(sorted_diagnostics(diags)), marker_records, baseline, tuple(notes)
    )


def _update(
    committed_file: Path,
    committed_display: str,
    counts: Tally,
    opts: RatchetOptions,
    errors: list[Diagnostic],
    diags: list[Diagnostic],
    notes: list[str],
) -> Baseline | None:
    """``--update-baseline``: write the file, or say why not; the old baseline when refused."""
    old, _ = load_baseline(committed_file, committed_display)
    if errors:
        diags.append(
            Diagnostic(
                committed_display,
                1,
                1,
                Code.BASELINE_NOT_WRITTEN,
                f"baseline not updated: fix the {len(errors)} error(s) above first, "
                f"then run `{UPDATE_COMMAND}` again",
            )
        )
    elif old is not None and delta(old, counts).rose and not opts.allow_increase:
        diags.append(raise_refused(old, delta(old, counts)))
        return old
    else:
        reason = opts.allow_increase if old is None or delta(old, counts).rose else None
        write_atomic(committed_file, render_baseline(counts, reason))
        notes.append(describe_update(old, counts))
    return None


def _compared(baseline: Baseline, counts: Tally, opts: RatchetOptions) -> list[Diagnostic]:
    """SB401/SB402 against *baseline*; against the merge base, what fell needs no action."""
    compared = compare(baseline, counts, lowered_is_error=opts.require_current)
    if opts.merge_base:
        compared = [d for d in compared if d.code is not Code.BASELINE_STALE]
    return compared


def _ratchet(
    root: Path,
    corpus: Corpus,
    counts: Tally,
    opts: RatchetOptions,
    diags: list[Diagnostic],
    notes: list[str],
    records: FolderRecords | None = None,
) -> Baseline | None:
    """Update and compare the baseline; adds diagnostics and notes, returns the baseline."""
    committed_file = root / DEFAULT_BASELINE
    committed_display = display_path(root, committed_file)
    base_file = opts.baseline or committed_file
    if isinstance(seeds_directory(root), PathProblem) and (
        opts.baseline is None or opts.update or opts.require_current
    ):
        # seeds/ leads out of the project (reported by the corpus): read or write nothing there
        return None
    base_display = display_path(root, base_file)
    errors = [d for d in diags if d.severity is Severity.ERROR]
    if opts.base_error:
        diags.append(Diagnostic(committed_display, 1, 1, Code.MERGE_BASE, opts.base_error))
        return None
    if opts.update:
        refused = _update(committed_file, committed_display, counts, opts, errors, diags, notes)
        if refused is not None:
            return refused  # SB405 names what is new: no SB401 for the same items
    if opts.baseline is None and not opts.update and not committed_file.exists():
        # no committed number: CI computes the merge base's (`--against`); the summary
        # line says "(no baseline)"
        return None
    baseline, base_diags = kept_baseline(records, base_file, base_display)
    diags.extend(base_diags)
    if baseline is None or errors:
        # no verdict on counts taken from broken input: the errors come first
        return baseline
    diags.extend(_compared(baseline, counts, opts))
    if opts.require_current:
        committed, more = (
            (baseline, [])
            if base_file == committed_file
            else load_baseline(committed_file, committed_display)
        )
        diags.extend(more)
        if committed is not None:
            diags.extend(not_current(committed, counts, why_unresolved(corpus)))
    return baseline
