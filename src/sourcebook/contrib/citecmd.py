"""``sourcebook cite``'s command line: keys by hand, or a source fetched by DOI, ISBN or URL.

Kept apart from :mod:`sourcebook.contrib.cite` (the edit itself), which the fetching
commands (:mod:`sourcebook.contrib.sourcecmd`) build on: this module sits above both.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sourcebook.contrib.cite import Attribution, cite, print_outcome
from sourcebook.contrib.sourcecmd import add_fetch_options, cite_fetched, request_of
from sourcebook.corpus.manifest import CONFIDENCES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sourcebook cite",
        description="Attach bibliography keys to a marker (nothing is written on any error).",
    )
    parser.add_argument("target", metavar="SLUG/MARKER", help="e.g. awl-wikipedia/7")
    parser.add_argument(
        "keys", nargs="*", metavar="KEY", help="keys of docs/references/ (or --doi/--isbn/--url)"
    )
    parser.add_argument("--confidence", choices=CONFIDENCES, default="established")
    parser.add_argument("--locator", help="page, chapter ... shown in the footnote")
    parser.add_argument("--note", help="editor's note (why an attribution is inferred)")
    parser.add_argument(
        "--replace", action="store_true", help="cite only these keys (default: add to the marker's)"
    )
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR")
    add_fetch_options(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    request = request_of(args)
    if request is not None:
        return cite_fetched(args, request)
    if not args.keys:
        print("sourcebook cite: give KEY ... or one of --doi, --isbn, --url", file=sys.stderr)
        return 2
    new = Attribution(tuple(args.keys), args.confidence, args.locator, args.note)
    return print_outcome(lambda: cite(args.root, args.target, list(args.keys), new, args.replace))
