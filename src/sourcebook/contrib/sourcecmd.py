"""``sourcebook source add --doi|--isbn|--url`` and ``sourcebook source verify``.

``add`` fetches, writes the entry and its record (all or nothing, after the
whole check ran on a staged copy) and says, for every subject, whether the
new source is independent of it and why.  ``verify`` re-derives every
recorded entry offline and names each field that differs (SB328).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from sourcebook.check.bibfile import check_bib_text
from sourcebook.contrib.cite import Refused, check_and_write
from sourcebook.contrib.fetchsource import (
    RECORDS,
    Addition,
    Rejected,
    Request,
    Unfetchable,
    prepare,
)
from sourcebook.contrib.metadata.clean import Unusable
from sourcebook.contrib.metadata.entry import to_bibtex
from sourcebook.contrib.metadata.network import NetworkTransport
from sourcebook.contrib.metadata.record import derive, load_record
from sourcebook.contrib.metadata.transport import FetchFailed, RecordedTransport, Transport
from sourcebook.contrib.staging import Changes
from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.corpus.independence import classify
from sourcebook.corpus.load import read_outlets
from sourcebook.corpus.manifest import load_manifest
from sourcebook.corpus.projectbib import load_project_bibliography, relocate
from sourcebook.inputs import layout


def add_fetch_options(parser: argparse.ArgumentParser) -> None:
    """--doi/--isbn/--url, --recorded and --accessed, shared by ``source add`` and ``cite``."""
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--doi", help="fetch the work's metadata from Crossref")
    which.add_argument("--isbn", help="fetch the book's metadata (Open Library, Google Books)")
    which.add_argument("--url", help="read the page's own citation metadata")
    parser.add_argument(
        "--recorded",
        type=Path,
        metavar="DIR",
        help="answer from recorded responses in DIR/index.json instead of the network",
    )
    parser.add_argument("--accessed", metavar="YYYY-MM-DD", help="access date (default: today)")


def request_of(args: argparse.Namespace) -> Request | None:
    for kind in ("doi", "isbn", "url"):
        value = getattr(args, kind, None)
        if value:
            return Request(kind, value)
    return None


def transport_of(args: argparse.Namespace) -> Transport:
    return RecordedTransport(args.recorded) if args.recorded else NetworkTransport()


def verdicts(root: Path, addition: Addition) -> list[str]:
    """For each subject: is the new source independent of it, and why."""
    if addition.entry is None:
        return []
    manifest, _ = load_manifest(root)
    fields = {f.name: f.value for f in addition.entry.fields()}
    return [
        f"{addition.key} and {subject}: {verdict.klass} ({verdict.reason})"
        for subject, outlets in sorted(read_outlets(root, manifest).items())
        for verdict in [classify(fields, outlets)]
    ]


def stage(addition: Addition) -> Changes:
    """The new entry's file and its fetch record, side by side in docs/references/."""
    changes = Changes(dict(addition.files))
    changes.texts[Path(layout.reference_of(addition.key))] = addition.bibtex.strip("\n") + "\n"
    return changes


def source_add(
    root: Path, request: Request, transport: Transport, accessed: str | None
) -> list[str]:
    addition = prepare(root, request, transport, accessed)
    if not addition.bibtex:
        return addition.lines
    changes = stage(addition)
    report = check_and_write(root, changes)
    written = ", ".join(p.as_posix() for p in changes.paths())
    return [*addition.lines, f"wrote {written}", *report.notes, *verdicts(root, addition)]


def cite_fetched(args: argparse.Namespace, request: Request) -> int:
    """``cite SLUG/MARKER --doi …``: add the entry (if new) and cite it, in one write."""
    from sourcebook.contrib.cite import Attribution, NewEntry, cite

    def command() -> list[str]:
        addition = prepare(args.root, request, transport_of(args), args.accessed)
        keys = [*args.keys, addition.key]
        new = Attribution(tuple(keys), args.confidence, args.locator, args.note)
        added = NewEntry(addition.key, addition.bibtex, addition.files)
        done = cite(args.root, args.target, keys, new, args.replace, added)
        return [*addition.lines, *done]

    return run_fetching(command)


def run_fetching(command: Callable[[], list[str]]) -> int:
    """Run a fetching command: one line per failure, exit 1, nothing written."""
    try:
        done = command()
    except (FetchFailed, Unfetchable) as exc:
        print(f"{exc} (nothing was written)", file=sys.stderr)
        return 1
    except (Refused, Rejected) as refused:
        for diag in refused.diags:
            print(diag.format(), file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    print("\n".join(done))
    return 0


def verify(root: Path) -> tuple[list[Diagnostic], int]:
    """Re-derive every recorded entry; (differences, records read)."""
    bib, _ = load_project_bibliography(root)
    found: list[Diagnostic] = []
    paths = sorted((root / RECORDS).glob("*.json")) if (root / RECORDS).is_dir() else []
    for path in paths:
        shown = (RECORDS / path.name).as_posix()
        key = path.stem
        source = bib.sources.get(key)
        if source is None:
            message = f"no entry {key}: {layout.reference_of(key)} is missing"
            found.append(Diagnostic(shown, 1, 1, Code.FETCH_MISMATCH, message))
            continue
        try:
            entry = derive(load_record(path.read_text(encoding="utf-8")))
        except Unusable as exc:
            found.append(Diagnostic(shown, 1, 1, Code.FETCH_MISMATCH, str(exc)))
            continue
        derived = check_bib_text(to_bibtex(entry, key) + "\n", shown).bibliography.sources[key]
        for name, value in derived.fields.items():
            if source.get(name) != value:
                line, col = source.position(name)
                found += relocate(
                    [
                        Diagnostic(
                            bib.path,
                            line,
                            col,
                            Code.FETCH_MISMATCH,
                            f"{key}: field '{name}' is {source.get(name)!r} but its record "
                            f"{shown} gives {value!r}; restore it, or fetch again",
                        )
                    ],
                    bib,
                )
    return found, len(paths)


def _verify_main(args: argparse.Namespace) -> int:
    found, read = verify(args.root)
    for diag in found:
        print(diag.format())
    print(f"{read} records, {len(found)} differences")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sourcebook source", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add an entry from a DOI, ISBN or URL")
    add_fetch_options(add)
    add.add_argument("--root", type=Path, default=Path("."), metavar="DIR")
    check = sub.add_parser("verify", help="re-derive every recorded entry and compare")
    check.add_argument("--root", type=Path, default=Path("."), metavar="DIR")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    if args.command == "verify":
        return _verify_main(args)
    request = request_of(args)
    if request is None:
        print("sourcebook source add: give --doi, --isbn or --url", file=sys.stderr)
        return 2
    return run_fetching(lambda: source_add(args.root, request, transport_of(args), args.accessed))
