"""The ``sourcebook check`` command line: options in, report and exit status out.

Exit status: 0 clean (warnings allowed), 1 errors (or warnings with
``--strict``), 2 usage errors.  Bad input never produces a traceback: it
is all reported as diagnostics by the run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from sourcebook.check.gitbase import GitError, export, merge_base
from sourcebook.check.ratchet import render_baseline
from sourcebook.check.report import CheckReport, render_json, render_text
from sourcebook.check.run import DEFAULT_BASELINE, RatchetOptions, run_check, tally
from sourcebook.check.weakening import apply_overrides, load_overrides, weakenings
from sourcebook.core.diagnostics import sorted_diagnostics
from sourcebook.corpus.cache import ParseCache
from sourcebook.corpus.folders import FolderRecords

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sourcebook check",
        description="Audit documents, apparatus, subjects and bibliography; compare with the "
        "merge base (--against) or a baseline file.",
    )
    _add_input_options(parser)
    _add_ratchet_options(parser)
    _add_output_options(parser)
    return parser


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    """Where the project is, and whether the parse cache is used."""
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="project directory holding seeds/ and docs/ (default: .)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every seed, ignoring the parse cache ($SOURCEBOOK_CACHE_DIR, "
        "else ~/.cache/sourcebook; an empty value turns it off everywhere)",
    )


def _add_ratchet_options(parser: argparse.ArgumentParser) -> None:
    """What the counts are compared with: a baseline file or the merge base."""
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="PATH",
        help=f"ratchet baseline (default: ROOT/{DEFAULT_BASELINE.as_posix()}); CI "
        "passes the merge base's copy",
    )
    parser.add_argument(
        "--update-baseline",
        action="store_true",
        help="rewrite seeds/baseline.toml with what is unresolved now (refused on errors, "
        "and when a count would rise unless --allow-increase is given)",
    )
    parser.add_argument(
        "--allow-increase",
        metavar="REASON",
        help="with --update-baseline: let a count rise; REASON is recorded in the file",
    )
    parser.add_argument(
        "--against",
        metavar="REF",
        help="what CI runs: compare with the corpus at the merge base of REF and HEAD "
        "(unresolved claims may not rise; changes that weaken the audit are reported)",
    )
    parser.add_argument(
        "--compare",
        metavar="REF",
        help="print a Markdown review of the changes since the merge base of REF and HEAD "
        "(what CI writes to the job summary; `nox -s review`)",
    )


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    """How strict the verdict is and how it is printed."""
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text lines (default) or the versioned JSON report",
    )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.root.is_dir():
            parser.error(f"--root {args.root}: not a directory")
    except SystemExit as exc:  # argparse reports usage errors by exiting
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.allow_increase is not None and not args.update_baseline:
        print("sourcebook check: --allow-increase needs --update-baseline", file=sys.stderr)
        return EXIT_USAGE
    if args.compare:
        return _review(args.root, args.compare)
    options = RatchetOptions(args.baseline, args.update_baseline, args.allow_increase)
    parse_cache = ParseCache(None) if args.no_cache else ParseCache()
    with tempfile.TemporaryDirectory(prefix="sourcebook-base-") as temp:
        base = None
        if args.against:
            options, base = _against(args.root, args.against, Path(temp), options, parse_cache)
        # the kept results of the project's files (none with --no-cache)
        records = FolderRecords(parse_cache.home, args.root)
        report = run_check(args.root, options=options, parser=parse_cache, records=records)
        if base is not None:
            report = _with_weakenings(args.root, base, report)
        output = render_json(report) if args.format == "json" else render_text(report)
    sys.stdout.write(output)
    return report.exit_status(args.strict)


def _review(root: Path, ref: str) -> int:
    from sourcebook.check.review import review

    try:
        text, head = review(root, ref)
    except GitError as exc:
        print(f"sourcebook check --compare: {exc}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(text)
    return head.exit_status()


def _against(
    root: Path, ref: str, temp: Path, options: RatchetOptions, parser: ParseCache
) -> tuple[RatchetOptions, CheckReport | None]:
    """CI's comparison: the corpus at the merge base, checked here, is the baseline.

    No committed number: what was unresolved at the merge base is computed from
    its tree, so a pull request that lowers the count needs no extra commit and
    one that raises it cannot hide the rise in a file it edits.
    """
    try:
        commit = merge_base(root, ref)
        base_root = export(root, commit, temp / "base")
    except GitError as exc:
        return replace(options, base_error=f"cannot find the merge base of {ref}: {exc}"), None
    base = run_check(base_root, options=RatchetOptions(), parser=parser)
    path = temp / "merge-base-tally.toml"
    path.write_text(render_baseline(tally(base.corpus, base.markers)), encoding="utf-8")
    return replace(options, baseline=path, merge_base=True), base


def _with_weakenings(root: Path, base: CheckReport, head: CheckReport) -> CheckReport:
    """*head* with the verdicts on changes that weaken the audit, and overrides applied."""
    overrides, problems = load_overrides(root)
    diags = apply_overrides([*head.diagnostics, *weakenings(base, head), *problems], overrides)
    return replace(head, diagnostics=tuple(sorted_diagnostics(diags)))
