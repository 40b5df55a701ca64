"""``sourcebook check-bib FILE...``: check any ``.bib`` file, no project needed.

The same codes, ``path:line:col: CODE message`` lines, ``--format json`` and
exit status as ``sourcebook check`` (0 clean, 1 errors -- or warnings with
``--strict`` -- 2 usage).  ``sourcebook check`` runs the same loader and
rules on ``docs/references/``; ``check-bib docs/references`` checks the
project's files one by one, without the project's rules.

From Python::

    from sourcebook.check.bibfile import check_bib_file
    result = check_bib_file(Path("references.bib"))
    result.diagnostics, result.entries_read, result.unread
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcebook.check.bibrules import check_entries
from sourcebook.check.report import diagnostic_record
from sourcebook.core.diagnostics import Diagnostic, Severity, sorted_diagnostics
from sourcebook.corpus.bibliography import Bibliography, load_bibliography, load_bibliography_text

REPORT_VERSION = 1
EXIT_USAGE = 2


@dataclass(frozen=True, slots=True)
class BibCheck:
    """The verdict on one file: its diagnostics (sorted, each once) and its entry counts."""

    path: str
    bibliography: Bibliography
    diagnostics: tuple[Diagnostic, ...]

    @property
    def entry_heads(self) -> int:
        return self.bibliography.heads

    @property
    def entries_read(self) -> int:
        return len(self.bibliography.entries)

    @property
    def unread(self) -> int:
        return self.bibliography.unread

    def count(self, severity: Severity) -> int:
        return sum(d.severity is severity for d in self.diagnostics)


def _verdict(bib: Bibliography, diags: list[Diagnostic]) -> BibCheck:
    found = diags + check_entries(bib, model_required=True)
    return BibCheck(bib.path, bib, tuple(sorted_diagnostics(found)))


def check_bib_text(raw: str, display: str, macros: dict[str, str] | None = None) -> BibCheck:
    """Load and check *raw* as the file *display*; never raises.

    *macros*: ``@string`` values from files read before (see :func:`check_bib_files`).
    """
    return _verdict(*load_bibliography_text(raw, display, macros, standalone=True))


def check_bib_file(
    path: Path, display: str | None = None, macros: dict[str, str] | None = None
) -> BibCheck:
    """Load and check the file at *path*; an unreadable file is a diagnostic (SB301).

    The caller chose the file, so a symbolic link to it is followed.
    """
    return _verdict(
        *load_bibliography(path.resolve(), display or str(path), macros, standalone=True)
    )


def check_bib_files(paths: list[Path]) -> list[BibCheck]:
    """Check *paths* in order; ``@string``s of earlier files are known to later ones,
    as when BibTeX reads ``\\bibliography{strings,refs}``."""
    results: list[BibCheck] = []
    macros: dict[str, str] = {}
    for path in paths:
        result = check_bib_file(path, macros=macros)
        macros = {**macros, **result.bibliography.macros}
        results.append(result)
    return results


def summary(results: list[BibCheck]) -> dict[str, int]:
    return {
        "files": len(results),
        "entry_heads": sum(r.entry_heads for r in results),
        "entries_read": sum(r.entries_read for r in results),
        "unread": sum(r.unread for r in results),
        "errors": sum(r.count(Severity.ERROR) for r in results),
        "warnings": sum(r.count(Severity.WARNING) for r in results),
    }


def summary_line(totals: dict[str, int]) -> str:
    """The closing line of the text report.

    >>> print(summary_line({"files": 2, "entry_heads": 12, "entries_read": 11, "unread": 1,
    ...                     "errors": 1, "warnings": 0}))
    2 files: 11 entries read, 1 could not be read (12 entry heads); 1 error, 0 warnings
    """

    def count(n: int, noun: str, plural: str = "") -> str:
        return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"

    return (
        f"{count(totals['files'], 'file')}: "
        f"{count(totals['entries_read'], 'entry', 'entries')} read, "
        f"{totals['unread']} could not be read ({count(totals['entry_heads'], 'entry head')}); "
        f"{count(totals['errors'], 'error')}, {count(totals['warnings'], 'warning')}"
    )


def as_json_data(results: list[BibCheck]) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "files": [
            {
                "path": r.path,
                "entry_heads": r.entry_heads,
                "entries_read": r.entries_read,
                "unread": r.unread,
            }
            for r in results
        ],
        "diagnostics": [diagnostic_record(d) for r in results for d in r.diagnostics],
        "summary": summary(results),
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sourcebook check-bib",
        description="Check BibTeX/biblatex files: syntax with exact blame, data model, "
        "dates, identifiers, links and unsafe text.",
    )
    parser.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help=".bib files, read in order: @strings of one are known to the next; a folder "
        "(the project's docs/references) stands for its .bib files in name order",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text lines (default) or a JSON report",
    )
    return parser


def _expanded(paths: list[Path]) -> list[Path]:
    """Each folder given replaced by its ``.bib`` files, in name order (not followed further)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            out.extend(sorted(p for p in path.glob("*.bib") if not p.is_symlink()))
        else:
            out.append(path)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse reports usage errors by exiting
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    results = check_bib_files(_expanded(args.files))
    totals = summary(results)
    if args.format == "json":
        data = as_json_data(results)
        sys.stdout.write(json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n")
    else:
        lines = [d.format() for r in results for d in r.diagnostics]
        sys.stdout.write("\n".join([*lines, summary_line(totals)]) + "\n")
    return 1 if totals["errors"] or (args.strict and totals["warnings"]) else 0
