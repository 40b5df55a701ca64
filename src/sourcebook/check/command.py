"""The ``sourcebook check`` command line: options in, report and exit status out.

Exit status: 0 clean (warnings allowed), 1 errors (or warnings with
``--strict``), 2 usage errors.  Bad input never produces a traceback: it
is all reported as diagnostics by the run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sourcebook.check.report import render_json, render_text
from sourcebook.check.run import DEFAULT_BASELINE, DEFAULT_BIB, run_check

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sourcebook check",
        description="Audit seeds, manifest, apparatus and bibliography; compare with the baseline.",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="project directory holding seeds/ and docs/ (default: .)",
    )
    parser.add_argument(
        "--bib",
        type=Path,
        metavar="PATH",
        help=f"bibliography file (default: ROOT/{DEFAULT_BIB.as_posix()})",
    )
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
        help="rewrite the baseline with the current counts (refused on errors)",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text lines (default) or the versioned JSON report",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.root.is_dir():
            parser.error(f"--root {args.root}: not a directory")
    except SystemExit as exc:  # argparse reports usage errors by exiting
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    report = run_check(args.root, args.bib, args.baseline, args.update_baseline)
    output = render_json(report) if args.format == "json" else render_text(report)
    sys.stdout.write(output)
    return report.exit_status(args.strict)
