"""Command line: ``sourcebook normalise``, ``pages``, ``check`` and ``check-bib``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sourcebook.corpus import CorpusDocument
from sourcebook.diagnostics import Severity, sorted_diagnostics
from sourcebook.hints import read_hints_file
from sourcebook.manifest import DocumentEntry
from sourcebook.model import KINDS
from sourcebook.outline import decision_lines, outline
from sourcebook.parse import PROFILES, parse
from sourcebook.parse.structure import explain
from sourcebook.render.myst import render_page
from sourcebook.serialise import document_to_json
from sourcebook.source import read_seed


def _normalise(args: argparse.Namespace) -> int:
    path = Path(args.file)
    source, diags = read_seed(path, args.file)
    if source is None:
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
    from sourcebook.outdir import Refused
    from sourcebook.pages import generate

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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["check"]:
        from sourcebook.check import main as check_main

        return check_main(argv[1:])
    if argv[:1] == ["fmt"]:
        from sourcebook.fmt import main as fmt_main

        return fmt_main(argv[1:])
    if argv[:1] == ["cite"]:
        from sourcebook.cite import main as cite_main

        return cite_main(argv[1:])
    if argv[:1] == ["add"]:
        from sourcebook.add import main as add_main

        return add_main(argv[1:])
    if argv[:1] == ["check-bib"]:
        from sourcebook.bib.command import main as check_bib_main

        return check_bib_main(argv[1:])
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
        help="structure hints for a file not in the manifest: a [structure] table with the"
        " keys of [document.structure] (see CONTRIBUTING.md)",
    )
    norm.set_defaults(run=_normalise)
    pages = sub.add_parser("pages", help="generate the corpus pages into docs/corpus")
    pages.add_argument("--root", default=".")
    pages.add_argument("--out", default="docs/corpus")
    pages.set_defaults(run=_pages)
    sub.add_parser("check", help="audit citations and claims (see `sourcebook check --help`)")
    sub.add_parser("fmt", help="canonical order for references.bib and the baseline (--check)")
    sub.add_parser("cite", help="attach a source to a marker: cite SLUG/MARKER KEY")
    sub.add_parser("add", help="add a seed document: add FILE --kind KIND --slug SLUG ...")
    sub.add_parser("check-bib", help="check .bib files (see `sourcebook check-bib --help`)")
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
