"""``sourcebook add FILE --kind KIND``: a new seed document in one command.

The command reads the file byte for byte and refuses it if it is not clean
UTF-8 text with LF line ends; normalises it and prints what it found (title,
sections, markers, flags, comments, diagnostics); then stages every change a
new document needs:

* ``seeds/<slug>/extract.txt`` -- the file's exact bytes;
* ``seeds/<slug>/document.toml`` with every field: the known ones filled
  from the options and the text, the unknown ones present as comments
  saying what they mean;
* ``seeds/<slug>/apparatus.toml`` with one ``[[marker]]`` per marker found;
* ``docs/references/<key>.bib``, the document's own bibliography entry
  (``keywords = {seed}``);
* a committed baseline, if the project keeps one, listing the new
  document's unresolved claims and unmapped markers.

Every one of these is a new file: two pull requests adding different
documents touch no file in common and merge without conflict.

The whole check then runs on a staged copy; only if it is free of errors is
anything written -- all of it, or nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sourcebook.check.evidence import reads_like_paragraph
from sourcebook.contrib.cite import SEEDS, Refused, _refuse, check_and_write, print_outcome
from sourcebook.contrib.readdate import read_date
from sourcebook.contrib.staging import Changes
from sourcebook.core.diagnostics import Code, Diagnostic, Severity, sorted_diagnostics
from sourcebook.core.identifiers import is_slug
from sourcebook.core.suggest import suggest
from sourcebook.core.urls import url_problem
from sourcebook.corpus.manifest import load_manifest
from sourcebook.inputs import layout
from sourcebook.inputs.source import read_seed
from sourcebook.model import KINDS, Document, Heading
from sourcebook.parse import PROFILES, parse
from sourcebook.parse.structure import explain
from sourcebook.render.outline import comment_total, outline
from sourcebook.writers import UnwritableValue, bibtex, toml

T = TypeVar("T")

#: what a marker's footnote calls the marker when its source is unknown, per kind
MARKER_NOUNS = {
    "wikipedia": "reference",
    "blog": "link",
    "article": "reference",
    "essay": "footnote",
}
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _s(value: str) -> str:
    return toml.value(value)


def _slug_of(name: str) -> str:
    """A slug from a file name: ``AWL Wikipedia.txt`` -> ``awl-wikipedia``."""
    return re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")


def found(document: Document) -> list[str]:
    """What the normaliser found, for the contributor to compare with the original."""
    kinds: dict[str, int] = {}
    for block in document.blocks:
        kinds[type(block).__name__] = kinds.get(type(block).__name__, 0) + 1
    flags = [c for c in document.claims if c.flags]
    headings = [b for b in document.blocks if isinstance(b, Heading)]
    names = [h.text for h in headings]
    return [
        f"title: {document.title or '(none found)'}",
        f"sections: {len(headings)}" + (f" ({'; '.join(names)})" if headings else ""),
        f"blocks: {', '.join(f'{n} {k.lower()}' for k, n in sorted(kinds.items())) or 'none'}",
        f"markers: {' '.join(f'[{m}]' for m in document.marker_labels) or 'none'}",
        f"flagged claims: {len(flags)}" + (f" ({', '.join(c.id for c in flags)})" if flags else ""),
        # the same count as the outline printed above it: replies included
        f"comments: {comment_total(document.comments)} ({len(document.comments)} top-level)",
    ]


def manifest_entry(args: argparse.Namespace, slug: str, sha: str, title_supplied: bool) -> str:
    """``document.toml``: every field, unknown ones as explained comments."""

    def field(name: str, value: str | None, meaning: str) -> str:
        return f"{name} = {value}" if value is not None else f"# {name} = ...  # {meaning}"

    authors = toml.value(args.author) if args.author else None
    lines = [
        f"# seeds/{slug}/document.toml -- the facts of extract.txt beside it (`sourcebook add`)",
        f"sha256 = {_s(sha)}",
        f"kind = {_s(args.kind)}",
        f"title = {_s(args.title_value)}",
        "title_supplied = true  # the editors supplied the title; the seed prints none"
        if title_supplied
        else "# title_supplied = true  # set when the title is not printed in the seed",
        field("authors", authors, 'as printed, e.g. ["Jane Doe"]') + _author_source(args),
        '# inferred = ["authors"]  # fields whose values are inferred, not seen',
        field("date", _s(args.date) if args.date else None, "YYYY, YYYY-MM or YYYY-MM-DD")
        + _date_source(args),
        field("url", _s(args.url) if args.url else None, "where the original is published"),
        field("publisher", _s(args.publisher) if args.publisher else None, "who published it"),
        field("licence", _s(args.licence) if args.licence else None, 'e.g. "CC BY-SA 4.0"'),
        field(
            "licence_url", _s(args.licence_url) if args.licence_url else None, "the licence text"
        ),
        f"bibkey = {_s(args.bibkey or slug.replace('-', '_'))}",
        field(
            "subject",
            _s(args.subject) if args.subject else None,
            "id of a subject (seeds/subjects/ID.toml) the document is about (decides independence)",
        ),
        f"marker_noun = {_s(MARKER_NOUNS[args.kind])}",
    ]
    return "\n".join(lines) + "\n"


def _date_source(args: argparse.Namespace) -> str:
    """Where a date the contributor did not give was read (a comment on its line)."""
    read = getattr(args, "date_read", None)
    if read is None:
        return ""
    line, printed = read
    return f"  # read from line {line} of extract.txt, printed {_s(printed)}: check it"


def _author_source(args: argparse.Namespace) -> str:
    """Where authors the contributor did not give were read (a comment on their line)."""
    read = getattr(args, "author_read", None)
    return "" if read is None else f"  # read from line {read} of extract.txt: check it"


def _read_authors(args: argparse.Namespace, document: Document) -> None:
    """No --author given: the byline's names the outline read ("A and B" is two)."""
    field = next((f for f in document.metadata if f.name == "author"), None)
    if args.author or field is None:
        return
    args.author = [n.strip() for n in _AUTHOR_SPLIT.split(field.value) if n.strip()]
    args.author_read = field.line
    names = ", ".join(args.author)
    print(f"authors: {names} (read from line {field.line}; --author overrides it)")


#: between two names of one byline ("Ann Reed and Ida Marsh", "Ann Reed & Ida Marsh")
_AUTHOR_SPLIT = re.compile(r"\s+(?:and|&)\s+")


def _read_date(args: argparse.Namespace, document: Document) -> None:
    """No --date given: the date the outline read, when it names a year and a month."""
    if args.date:
        return
    field = next((f for f in document.metadata if f.name == "date"), None)
    iso = read_date(field.value) if field is not None else None
    if field is not None and iso is not None:
        args.date, args.date_read = iso, (field.line, " ".join(field.value.split()))
        print(f"date: {iso} (read from line {field.line}, {field.value!r}; --date overrides it)")


def apparatus_stub(slug: str, document: Document) -> str:
    head = (
        f"# What each marker of seeds/{slug}/extract.txt cites (written by `sourcebook add`).\n"
        "# Attach a source with `nox -s cite -- SLUG/MARKER KEY`; keys = [] while unknown.\n"
        '# confidence: "established" (seen) or "inferred" (reasoned, not seen).\n'
    )
    return head + "".join(
        f"\n[[marker]]\nlabel = {_s(label)}\nkeys = []\n" for label in document.marker_labels
    )


def bib_entry(key: str, args: argparse.Namespace) -> str:
    """The document's own entry; every value through the one BibTeX writer."""
    fields = [("title", bibtex.value(args.title_value))]
    if args.author:
        fields.append(("author", bibtex.names(args.author)))
    if args.publisher:
        fields.append(("howpublished", bibtex.value(args.publisher)))
    if args.date:
        fields.append(("year", bibtex.value(args.date[:4])))
        if len(args.date) == 10:
            fields.append(("date", bibtex.value(args.date)))
    if args.url:
        fields.append(("url", bibtex.verbatim(args.url)))
    fields.append(("keywords", bibtex.value("seed")))
    return bibtex.entry("misc", key, fields)


def _title_line(text: str, title: str) -> int:
    """The seed line the title was read from (1 when it was not found there)."""
    lines = text.split("\n")
    return next((n for n, line in enumerate(lines, 1) if title in line), 1)


def _written(args: argparse.Namespace, source_text: str, write: Callable[[], T]) -> T:
    """``write()``, or a refusal located where the value that cannot be written came from."""
    if args.title is None:  # read from the seed: blame the seed's line
        try:
            bibtex.value(args.title_value)
        except UnwritableValue as problem:
            line = _title_line(source_text, args.title_value)
            raise _refuse(args.file, line, f"the title cannot be written: {problem}") from None
    try:
        return write()
    except UnwritableValue as problem:
        target = layout.document_of(args.slug_value)
        raise _refuse(target, 1, f"an option cannot be written: {problem}") from None


def _options(root: Path, args: argparse.Namespace, slug: str) -> None:
    """Refuse bad options before anything is staged, each with what to do."""
    manifest, _ = load_manifest(root)
    if not is_slug(slug) or slug in layout.RESERVED:
        raise _refuse(SEEDS, 1, f"slug '{slug}' must be lower-case letters, digits, hyphens")
    if any(e.slug == slug for e in manifest.documents) or (root / layout.SEEDS / slug).exists():
        raise _refuse(SEEDS, 1, f"a document '{slug}' exists already; choose another --slug")
    if args.subject and args.subject not in manifest.subjects:
        hint = suggest(args.subject, manifest.subjects) or (
            f" (subjects: {', '.join(manifest.subjects) or 'none'})"
        )
        raise _refuse(
            layout.subject_of(args.subject),
            1,
            f"no subject '{args.subject}'{hint}; create it first: "
            f"`nox -s subject -- {args.subject} --name NAME --domain DOMAIN`",
        )
    for name in ("url", "licence_url"):
        value = getattr(args, name)
        problem = url_problem(value) if value else None
        if problem:
            raise _refuse(SEEDS, 1, f"--{name.replace('_', '-')} {value}: {problem}")
    if args.date and not _DATE.fullmatch(args.date):
        raise _refuse(SEEDS, 1, f"--date {args.date}: write YYYY, YYYY-MM or YYYY-MM-DD")
    key = args.bibkey or slug.replace("-", "_")
    if not (args.url or args.publisher):
        raise _refuse(
            layout.reference_of(key),
            1,
            "give --url or --publisher: the document's own bibliography entry needs one of them",
        )
    taken = {k.casefold() for k in layout.list_references(root).names}
    if key.casefold() in taken:
        raise _refuse(
            layout.reference_of(key),
            1,
            f"the bibliography has an entry '{key}' already; give the document's own entry "
            "another key with --bibkey",
        )


def _refuse_paragraph_title(args: argparse.Namespace, document: Document) -> None:
    """Refuse a first paragraph read as the title (the extract lacks its title line).

    Giving the line as ``--title`` confirms it is the title after all.
    """
    title = document.title
    if not title or "title" not in PROFILES[args.kind].header or args.title == title:
        return
    if reads_like_paragraph(title, args.kind):
        raise _refuse(
            args.file,
            1,
            f"the first line is read as the title of a {args.kind} seed but reads like a "
            "paragraph: the extract seems to lack its title line (docs/manual/formats.md, seed "
            f"layout: {args.kind}); copy the original again with its title, or confirm this "
            "line is the title by giving it as --title",
        )


def _printed_title_line(text: str, given: str | None, parsed: str | None) -> int | None:
    r"""The line of *text* printing the ``--title`` given, when the normaliser took
    another line as the title (spaces compared collapsed, case as printed).

    >>> _printed_title_line("Home Events\n\nLights\nBy Ann", "Lights", "Home Events")
    3
    >>> _printed_title_line("Lights\n", "Lights", "Lights") is None
    True
    """
    if not given or given == parsed:
        return None
    wanted = " ".join(given.split())
    lines = text.split("\n")
    return next((n for n, line in enumerate(lines, 1) if " ".join(line.split()) == wanted), None)


def _title_line_advice(
    args: argparse.Namespace, slug: str, line: int, parsed: str | None
) -> Diagnostic:
    took = f"took {parsed!r} as the title" if parsed else "found no title"
    return Diagnostic(
        args.file,
        line,
        1,
        Code.STRUCTURE_UNSURE,
        f"the --title given is printed on line {line}, but the normaliser {took}: add"
        f" `title_line = {line}` under [structure] in {layout.document_of(slug)} (and list"
        " the line it took in 'remove' if it is page furniture)",
    )


def add(root: Path, args: argparse.Namespace) -> list[str]:
    """Stage, check and write a new document; returns what was done, raises Refused."""
    source_path = Path(args.file)
    source, diags = read_seed(source_path, args.file)
    if source is None or diags:  # unreadable, or holding a character that hides text
        raise Refused(diags)
    data = source_path.read_bytes()
    document, parse_diags = parse(source.text, args.kind, args.file)
    # the outline and the warnings come first, before anything is written, so a
    # contributor sees what the page will be (and why) whatever happens next
    decisions = explain(source.text, PROFILES[args.kind], args.file)
    for line in outline(document, decisions):
        print(line)
    for diag in sorted_diagnostics(parse_diags):
        if diag.severity is Severity.WARNING:  # errors refuse below, through the check
            print(diag.format())
    report_lines = found(document)
    slug = args.slug or _slug_of(source_path.name)
    _options(root, args, slug)
    args.slug_value = slug
    printed_at = _printed_title_line(source.text, args.title, document.title)
    if printed_at is not None:
        print(_title_line_advice(args, slug, printed_at, document.title).format())
    title_supplied = document.title is None or (
        args.title is not None and args.title != document.title and printed_at is None
    )
    args.title_value = args.title or document.title
    if not args.title_value:
        raise _refuse(args.file, 1, "no title line found; give --title")
    _refuse_paragraph_title(args, document)
    _read_date(args, document)
    _read_authors(args, document)
    sha = hashlib.sha256(data).hexdigest()
    key = args.bibkey or slug.replace("-", "_")
    entry = _written(args, source.text, lambda: bib_entry(key, args))
    table = _written(args, source.text, lambda: manifest_entry(args, slug, sha, title_supplied))
    changes = Changes(
        {
            Path(layout.document_of(slug)): table,
            Path(layout.apparatus_of(slug)): apparatus_stub(slug, document),
            Path(layout.reference_of(key)): entry,
        },
        {Path(layout.SEEDS) / layout.extract_of(slug): data},
    )
    checked = check_and_write(root, changes)
    written = ", ".join(p.as_posix() for p in changes.paths())
    return [*report_lines, f"wrote {written}", *checked.notes, *_next(slug, document)]


def _next(slug: str, document: Document) -> list[str]:
    steps = [
        f"next: fill in the commented fields of {layout.document_of(slug)} that you can establish",
    ]
    if document.marker_labels:
        steps.append(
            f"next: for each marker whose source you know, `nox -s cite -- {slug}/MARKER KEY`"
        )
    steps.append("then commit everything listed above")
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sourcebook add",
        description="Add a seed document: its folder (extract, document file, apparatus) and its "
        "bib entry (all written, or nothing).",
    )
    parser.add_argument("file", help="the text file, exactly as received")
    parser.add_argument("--kind", choices=KINDS, required=True)
    parser.add_argument("--slug", help="document id (default: from the file name)")
    parser.add_argument("--title", help="the title, when the seed prints none")
    parser.add_argument("--author", action="append", default=[], help="repeat for each author")
    parser.add_argument("--date", help="YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--url")
    parser.add_argument("--publisher")
    parser.add_argument("--licence")
    parser.add_argument("--licence-url", dest="licence_url")
    parser.add_argument("--subject", help="id of a subject (seeds/subjects/ID.toml)")
    parser.add_argument("--bibkey", help="key of the document's own bib entry")
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    return print_outcome(lambda: add(args.root, args))
