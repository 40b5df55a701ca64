"""``sourcebook remove SLUG`` and ``sourcebook revise SLUG FILE``: a document's life after ``add``.

``remove`` deletes a document: its folder (extract, document file,
apparatus) and its own bibliography entry's file (when nothing else cites it).
``revise`` replaces a seed's bytes with a new retrieval of the original and
records it: a ``[[revision]]`` table in its ``document.toml`` with the new sha256, the bytes
it replaced, the retrieval date and the reason.  A seed is never edited
silently: the check (``--against``) fails a changed sha256 without a new
revision record.  Markers the new text gained get empty apparatus entries;
markers it lost are refused while the apparatus still cites a source for them.

Both stage every change, run the whole check on the staged copy, and write
all of it or nothing (:mod:`sourcebook.contrib.staging`).
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from sourcebook.contrib.cite import (
    SEEDS,
    Refused,
    _refuse,
    _string,
    check_and_write,
    print_outcome,
)
from sourcebook.contrib.staging import Changes
from sourcebook.core.identifiers import describe, is_slug
from sourcebook.core.suggest import suggest
from sourcebook.corpus.manifest import DocumentEntry, load_manifest
from sourcebook.inputs import layout
from sourcebook.inputs.source import read_seed
from sourcebook.parse import parse

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _entry(root: Path, slug: str) -> tuple[DocumentEntry, list[DocumentEntry]]:
    """The document *slug* and the others; refused (with a suggestion) when there is none."""
    manifest, _ = load_manifest(root)
    entry = next((e for e in manifest.documents if e.slug == slug), None)
    if entry is None:
        hint = suggest(slug, (e.slug for e in manifest.documents))
        raise _refuse(SEEDS, 1, f"no document '{slug}' in seeds/{hint}")
    return entry, [e for e in manifest.documents if e.slug != slug]


def remove(root: Path, slug: str) -> list[str]:
    """Stage, check and write the removal of *slug*; raises Refused."""
    entry, others = _entry(root, slug)
    folder = Path(layout.SEEDS) / slug
    changes = Changes(deleted={folder / name for name in sorted(layout.DOCUMENT_FILES)})
    changes.deleted = {p for p in changes.deleted if (root / p).exists()}
    if entry.bibkey:
        cited = any(
            entry.bibkey == other.bibkey or any(entry.bibkey in c.keys for c in other.citations)
            for other in others
        )
        own = [Path(layout.reference_of(entry.bibkey)), Path(layout.record_of(entry.bibkey))]
        if not cited:  # the entry's file, and its fetch record if it was fetched
            changes.deleted |= {path for path in own if (root / path).exists()}
    report = check_and_write(root, changes)
    return [f"removed {', '.join(p.as_posix() for p in changes.paths())}", *report.notes]


def _revision_block(new_sha: str, old_sha: str, retrieved: str, reason: str) -> list[str]:
    return [
        "",
        "[[revision]]",
        f"sha256 = {_string(new_sha)}",
        f"previous = {_string(old_sha)}",
        f"retrieved = {_string(retrieved)}",
        f"reason = {_string(reason)}",
    ]


def _revised_document(root: Path, entry: DocumentEntry, new_sha: str, block: list[str]) -> str:
    """``document.toml`` with the new sha256 and the revision record appended."""
    lines = (root / entry.path).read_text(encoding="utf-8").rstrip("\n").split("\n")
    sha_line = entry.line_of("sha256") - 1
    if not lines[sha_line].lstrip().startswith("sha256"):
        raise _refuse(entry.path, 1, f"document '{entry.slug}' has no sha256 line to update")
    lines[sha_line] = f"sha256 = {_string(new_sha)}"
    return "\n".join(lines + block) + "\n"


def _apparatus_for(root: Path, entry: DocumentEntry, labels: tuple[str, ...]) -> str | None:
    """The apparatus with stubs for new markers; refuses when a cited marker vanished."""
    if not entry.apparatus_path:
        return None
    gone = [c for c in entry.citations if c.label not in labels and c.keys]
    if gone:
        names = ", ".join(f"[{c.label}]" for c in gone)
        raise _refuse(
            entry.apparatus_path,
            gone[0].line,
            f"the new text lacks marker(s) {names} that cite sources; move or delete their "
            "entries by hand, then run revise again",
        )
    text = (root / entry.apparatus_path).read_text(encoding="utf-8")
    known = {c.label for c in entry.citations}
    stubs = "".join(
        f"\n[[marker]]\nlabel = {_string(label)}\nkeys = []\n"
        for label in labels
        if label not in known
    )
    return text.rstrip("\n") + "\n" + stubs if stubs else text


def revise(root: Path, slug: str, file: Path, retrieved: str, reason: str) -> list[str]:
    """Stage, check and write a new revision of *slug*'s seed; raises Refused."""
    if not _DAY.fullmatch(retrieved):
        raise _refuse(SEEDS, 1, f"--retrieved {retrieved}: write YYYY-MM-DD")
    if not reason.strip():
        raise _refuse(SEEDS, 1, "--reason: say why the seed changed")
    entry, _ = _entry(root, slug)
    source, diags = read_seed(file, str(file))
    if source is None:
        raise Refused(diags)
    data = file.read_bytes()
    new_sha = hashlib.sha256(data).hexdigest()
    if new_sha == entry.sha256:
        raise _refuse(
            str(file), 1, f"the file is the seed of '{slug}' byte for byte; nothing to do"
        )
    document, parse_diags = parse(source.text, entry.kind, str(file))
    block = _revision_block(new_sha, entry.sha256, retrieved, reason)
    changes = Changes(
        {Path(entry.path): _revised_document(root, entry, new_sha, block)},
        {Path(layout.SEEDS) / entry.file: data},
    )
    apparatus = _apparatus_for(root, entry, document.marker_labels)
    if apparatus is not None and entry.apparatus_path:
        changes.texts[Path(entry.apparatus_path)] = apparatus
    # markers or flags the new text brings are the original's, not a weakening: the
    # baseline may list them, with the revision's reason (CI still asks a maintainer)
    report = check_and_write(root, changes, allow_increase=f"revise {slug}: {reason}")
    written = ", ".join(p.as_posix() for p in changes.paths())
    return [*(d.format() for d in parse_diags), f"wrote {written}", *report.notes]


def _run(
    parser: argparse.ArgumentParser,
    argv: list[str] | None,
    command: Callable[[argparse.Namespace], list[str]],
) -> int:
    """Parse *argv* (usage errors exit 2), run *command*, print its outcome."""
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    return print_outcome(lambda: command(args))


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("slug", help="the document's slug")
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR")
    return parser


def main_remove(argv: list[str] | None = None) -> int:
    parser = _parser(
        "sourcebook remove",
        "Remove a document: its folder and its own bib entry (all or nothing).",
    )
    return _run(parser, argv, lambda args: remove(args.root, args.slug))


def main_revise(argv: list[str] | None = None) -> int:
    parser = _parser(
        "sourcebook revise",
        "Replace a seed with a new retrieval of its original, recording the date and reason.",
    )
    parser.add_argument("file", type=Path, help="the new extract, exactly as received")
    parser.add_argument("--retrieved", required=True, help="YYYY-MM-DD the extract was retrieved")
    parser.add_argument("--reason", required=True, help="what changed in the original")
    return _run(
        parser,
        argv,
        lambda args: revise(args.root, args.slug, args.file, args.retrieved, args.reason),
    )


def _subject_file(subject_id: str, name: str, domains: list[str], publishers: list[str]) -> str:
    lines = [f"# {layout.subject_of(subject_id)} (`sourcebook subject`)", f"name = {_string(name)}"]
    lines.append(
        "# the subject's own outlets: a source at one of these is affiliated, not independent"
    )
    lines.append(f"domains = [{', '.join(_string(d) for d in domains)}]")
    lines.append(f"publishers = [{', '.join(_string(p) for p in publishers)}]")
    return "\n".join(lines) + "\n"


def subject(
    root: Path, subject_id: str, name: str, domains: list[str], publishers: list[str]
) -> list[str]:
    """Stage, check and write a new ``seeds/subjects/<id>.toml``; raises Refused.

    Only creation: changing an existing subject's outlets changes which
    sources count as independent, which is a reviewed hand edit.
    """
    path = layout.subject_of(subject_id)
    if (root / path).exists():
        raise _refuse(path, 1, f"a subject '{subject_id}' exists already; edit it by hand")
    if not is_slug(subject_id):
        raise _refuse(path, 1, f"subject id '{subject_id}' must be {describe('slug')}")
    if not domains and not publishers:
        raise _refuse(
            path,
            1,
            "give at least one --domain or --publisher: without the subject's own outlets "
            "every source would count as independent of it",
        )
    changes = Changes({Path(path): _subject_file(subject_id, name, domains, publishers)})
    report = check_and_write(root, changes)
    return [f"{path}: subject '{subject_id}' added", *report.notes]


def main_subject(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sourcebook subject",
        description="Create a subject (seeds/subjects/ID.toml): an organisation documents are "
        "about, with its outlets.",
    )
    parser.add_argument("id", help="short id, lower case with hyphens (e.g. some-group)")
    parser.add_argument("--name", required=True, help="the organisation's name")
    parser.add_argument("--domain", action="append", default=[], help="a web domain it runs")
    parser.add_argument("--publisher", action="append", default=[], help="a publisher it runs")
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR")
    return _run(
        parser,
        argv,
        lambda args: subject(args.root, args.id, args.name, args.domain, args.publisher),
    )
