"""Command line: ``sourcebook normalise``, ``pages``, ``check`` and ``check-bib``."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

from sourcebook.bib.pybtexplugins import memoise_entry_points
from sourcebook.core.diagnostics import Severity, sorted_diagnostics
from sourcebook.corpus.load import CorpusDocument
from sourcebook.corpus.manifest import DocumentEntry
from sourcebook.inputs.hints import read_hints_file
from sourcebook.inputs.source import read_seed
from sourcebook.model import KINDS
from sourcebook.parse import PROFILES, parse
from sourcebook.parse.structure import explain
from sourcebook.render.myst import render_page
from sourcebook.render.outline import decision_lines, outline
from sourcebook.render.serialise import document_to_json


def _normalise(args: argparse.Namespace) -> int:
    path = Path(args.file)
    source, diags = read_seed(path, args.file)
    if source is None or diags:
        for diag in diags:
            print(diag.format(), file=sys.stderr)
        return 1
    hints = None
    if args.hints:
        hints, hint_diags = read_hints_file(Path(args.hints), args.hints)
        if hint_diags:
            for diag in sorted_diagnostics(hint_diags):
                print(diag.format(), file=sys.stderr)
            return 1
    document, parse_diags = parse(source.text, args.kind, args.file, hints)
    errors = [d for d in parse_diags if d.severity is Severity.ERROR]
    for diag in sorted_diagnostics(parse_diags):
        print(diag.format(), file=sys.stderr)
    if args.explain:
        decisions = explain(source.text, PROFILES[args.kind], args.file, hints)
        for line in [*outline(document, decisions), *decision_lines(args.file, decisions)]:
            print(line)
    elif args.format == "json":
        print(
            json.dumps(
                document_to_json(document, source.path, source.sha256),
                ensure_ascii=False,
                indent=2,
                sort_keys=True,
            )
        )
    else:
        entry = DocumentEntry(
            slug="draft",
            file=path.name,
            sha256=source.sha256,
            kind=args.kind,
            title=document.title or path.stem,
            title_supplied=document.title is None,
            authors=(),
            inferred=(),
            date=None,
            url=None,
            publisher=None,
            licence=None,
            licence_url=None,
            bibkey=None,
            subject=None,
            marker_noun="reference",
            citations=(),
            line=1,
            apparatus_path=None,
        )
        print(render_page(CorpusDocument(entry, source, document, ()), set()), end="")
    return 1 if errors else 0


def _pages(args: argparse.Namespace) -> int:
    from sourcebook.render.outdir import Refused
    from sourcebook.render.pages import generate

    root = Path(args.root)
    try:
        # never into the project, its docs or the current directory themselves
        corpus, result = generate(root, Path(args.out), protected=(root / "docs", Path.cwd()))
    except Refused as refused:
        print(refused.diagnostic.format(), file=sys.stderr)
        return 1
    for diag in corpus.diagnostics:
        print(diag.format(), file=sys.stderr)
    print(
        f"{len(result.written)} written, {len(result.unchanged)} unchanged, "
        f"{len(result.deleted)} deleted"
    )
    return 1 if any(d.severity is Severity.ERROR for d in corpus.diagnostics) else 0


#: subcommands with their own argument parsers, imported only when run (a fast start)
COMMANDS = {
    "check": ("sourcebook.check", "main"),
    "fmt": ("sourcebook.contrib.fmt", "main"),
    "cite": ("sourcebook.contrib.citecmd", "main"),
    "claims": ("sourcebook.check.claimscmd", "main"),
    "source": ("sourcebook.contrib.sourcecmd", "main"),
    "add": ("sourcebook.contrib.add", "main"),
    "remove": ("sourcebook.contrib.docops", "main_remove"),
    "revise": ("sourcebook.contrib.docops", "main_revise"),
    "subject": ("sourcebook.contrib.docops", "main_subject"),
    "check-bib": ("sourcebook.check.bibfile", "main"),
    "migrate": ("sourcebook.contrib.migratecmd", "main"),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # pybtex otherwise scans every installed package at each plugin look-up, per entry;
    # registering the plugins (imports, 0.1 s) is left to what formats whole lists
    memoise_entry_points()
    if argv[:1] and argv[0] in COMMANDS:
        module, function = COMMANDS[argv[0]]
        run: Callable[[list[str]], int] = getattr(importlib.import_module(module), function)
        return run(argv[1:])
    parser = argparse.ArgumentParser(prog="sourcebook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    norm = sub.add_parser(
        "normalise", help="print the MyST page (or the JSON model) of one text file"
    )
    norm.add_argument("file")
    norm.add_argument("--kind", choices=KINDS, required=True)
    norm.add_argument("--format", choices=("myst", "json"), default="myst")
    norm.add_argument(
        "--explain",
        action="store_true",
        help="print the outline the reader will see and, for each block, which rule decided"
        " what it became and with what score (instead of the page)",
    )
    norm.add_argument(
        "--hints",
        metavar="FILE.toml",
        help="structure hints: a file holding a [structure] table with the keys of a"
        " document.toml's [structure] (for a text not in the corpus), or a corpus"
        " document's own seeds/SLUG/document.toml (see CONTRIBUTING.md)",
    )
    norm.set_defaults(run=_normalise)
    pages = sub.add_parser("pages", help="generate the corpus pages into docs/corpus")
    pages.add_argument("--root", default=".")
    pages.add_argument("--out", default="docs/corpus")
    pages.set_defaults(run=_pages)
    sub.add_parser("check", help="audit citations and claims (see `sourcebook check --help`)")
    sub.add_parser("fmt", help="canonical form of docs/references/*.bib and the baseline (--check)")
    sub.add_parser("cite", help="attach a source to a marker: cite SLUG/MARKER KEY|--doi ...")
    sub.add_parser("claims", help="the queue of unresolved flagged claims (--format json)")
    sub.add_parser("source", help="add an entry from a DOI, ISBN or URL; verify the records")
    sub.add_parser("add", help="add a seed document: add FILE --kind KIND --slug SLUG ...")
    sub.add_parser("remove", help="remove a document: remove SLUG")
    sub.add_parser(
        "revise", help="a new retrieval of a seed: revise SLUG FILE --retrieved --reason"
    )
    sub.add_parser("subject", help="create a subject: subject ID --name NAME --domain DOMAIN")
    sub.add_parser("check-bib", help="check .bib files (see `sourcebook check-bib --help`)")
    sub.add_parser("migrate", help="convert a flat-layout project to a folder per document")
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
