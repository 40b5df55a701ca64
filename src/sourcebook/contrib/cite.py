"""``sourcebook cite SLUG/MARKER KEY``: attach a source to a marker, in one command.

The command checks that the document, the marker and the key exist (with
"did you mean" suggestions when they do not), edits the marker's entry in
the apparatus file (only the lines it must change; comments stay), puts the
bibliography in canonical order, lowers the baseline when the change
resolved something, runs the whole check on a staged copy and only then
writes -- all the files or none.  It ends by saying what the change did to
each claim the marker supports, and why.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sourcebook.check.ratchet import DEFAULT_BASELINE_PATH
from sourcebook.check.report import CheckReport
from sourcebook.check.run import RatchetOptions, run_check
from sourcebook.contrib.fmt import FormatError, format_bib
from sourcebook.contrib.staging import Changes, collect, commit, staged
from sourcebook.core.diagnostics import Code, Diagnostic, Severity
from sourcebook.core.identifiers import is_bibkey
from sourcebook.core.lines import LineIndex
from sourcebook.core.suggest import suggest
from sourcebook.corpus.load import load_corpus
from sourcebook.corpus.manifest import load_manifest
from sourcebook.corpus.projectbib import load_project_bibliography
from sourcebook.inputs import layout
from sourcebook.inputs.hygiene import shown, unsafe_character
from sourcebook.inputs.tomlpos import scan
from sourcebook.writers import toml

#: where a refusal about the documents as a whole points
SEEDS = "seeds/"


class Refused(Exception):
    """The command changes nothing; the diagnostics say why and what to do."""

    def __init__(self, diags: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diags))
        self.diags = diags


def _refuse(path: str, line: int, message: str) -> Refused:
    return Refused([Diagnostic(path, line, 1, Code.WRITE_REFUSED, message)])


def check_and_write(root: Path, changes: Changes, allow_increase: str | None = None) -> CheckReport:
    """Stage *changes* (bibliography files in canonical form), check the copy, then write.

    The whole check runs on the staged copy (lowering the baseline there);
    only a copy without errors is written back, every file or none.
    """
    for relative, text in list(changes.texts.items()):
        if relative.suffix != ".bib":
            continue
        try:
            changes.texts[relative] = format_bib(text)
        except FormatError as exc:
            raise _refuse(
                relative.as_posix(), exc.line, f"cannot put the entry in canonical form: {exc}"
            ) from None
    with staged(root, changes) as copy:
        # a project with a committed baseline keeps it current; one without (the ratchet
        # compares with the merge base) is not given one
        keep = (root / DEFAULT_BASELINE_PATH).exists()
        options = RatchetOptions(update=keep, allow_increase=allow_increase if keep else None)
        report = run_check(copy, options=options)
        errors = [
            d
            for d in report.diagnostics
            if d.severity is Severity.ERROR and d.code is not Code.BASELINE_NOT_WRITTEN
        ]
        if errors:
            raise Refused(errors)
        collect(copy, [DEFAULT_BASELINE_PATH], changes)
    commit(root, changes)
    return report


@dataclass(frozen=True, slots=True)
class Attribution:
    keys: tuple[str, ...]
    confidence: str
    locator: str | None
    note: str | None


def _string(value: str) -> str:
    return toml.value(value)


def _block_end(lines: list[str], start: int) -> int:
    """Index just past the ``[[marker]]`` table starting at index *start*."""
    end = start + 1
    while end < len(lines) and not lines[end].lstrip().startswith("["):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _field_span(lines: list[str], start: int, end: int, name: str) -> tuple[int, int] | None:
    """Lines ``[a, b)`` holding field *name* (a multi-line array included)."""
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
    for index in range(start, end):
        if pattern.match(lines[index]):
            last = index
            if lines[index].rstrip().endswith("[") or (
                "[" in lines[index] and "]" not in lines[index]
            ):
                while last < end - 1 and "]" not in lines[last]:
                    last += 1
            return index, last + 1
    return None


def set_marker(text: str, label: str, new: Attribution) -> str:
    """The apparatus text with *label*'s entry citing *new* (added if missing)."""
    lines = text.split("\n")
    fields = [("keys", toml.value(new.keys))]
    fields.append(("confidence", _string(new.confidence)))
    if new.locator is not None:
        fields.append(("locator", _string(new.locator)))
    if new.note is not None:
        fields.append(("note", _string(new.note)))
    for start in (n - 1 for n in table_lines(text, "marker")):
        end = _block_end(lines, start)
        span = _field_span(lines, start, end, "label")
        if span is None:
            continue
        value = lines[span[0]].split("=", 1)[1].strip()
        if value.strip("\"'") != label:
            continue
        for name, rendered in fields:
            found = _field_span(lines, start, end, name)
            line = f"{name} = {rendered}"
            if found:
                lines[found[0] : found[1]] = [line]
                end -= found[1] - found[0] - 1
            else:
                lines.insert(end, line)
                end += 1
        return "\n".join(lines)
    block = ["", "[[marker]]", f"label = {_string(label)}"]
    block += [f"{name} = {rendered}" for name, rendered in fields]
    body = "\n".join(lines).rstrip("\n")
    return body + "\n" + "\n".join(block) + "\n"


def table_lines(text: str, name: str) -> list[int]:
    """The header line of each ``[[name]]`` table of TOML *text* (tomlpos's positions)."""
    positions, index = scan(text), LineIndex(text)
    lines: list[int] = []
    while (offset := positions.key_at((name, len(lines)))) is not None:
        lines.append(index.position(offset)[0])
    return lines


def _verify(text: str, path: str, label: str, keys: tuple[str, ...]) -> None:
    """The edited file must still be TOML and say what we meant."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _refuse(path, 1, f"the edit would break the file ({exc}); edit it by hand") from None
    entries = [m for m in data.get("marker", []) if str(m.get("label")) == label]
    if len(entries) != 1 or tuple(entries[0].get("keys", ())) != keys:
        raise _refuse(path, 1, f"could not edit marker '{label}' safely; edit it by hand")


def _target(root: Path, target: str) -> tuple[str, str, str, tuple[str, ...]]:
    """(slug, label, apparatus path, keys cited now) of ``SLUG/MARKER``; suggests on a miss."""
    slug, sep, label = target.rpartition("/")
    if not sep or not slug or not label:
        raise _refuse(SEEDS, 1, f"'{target}': name the marker as SLUG/MARKER, e.g. awl/7")
    manifest, _ = load_manifest(root)
    entry = next((e for e in manifest.documents if e.slug == slug), None)
    if entry is None:
        hint = suggest(slug, (e.slug for e in manifest.documents))
        raise _refuse(SEEDS, 1, f"no document '{slug}' in seeds/{hint}")
    if not entry.apparatus_path:
        raise _refuse(
            entry.path, 1, f"document '{slug}' has no {layout.apparatus_of(slug)}; add one"
        )
    corpus = load_corpus(root)
    doc = next((d for d in corpus.documents if d.entry.slug == slug), None)
    labels = doc.document.marker_labels if doc else ()
    if label not in labels:
        hint = suggest(label, labels) or f" (its markers: {', '.join(labels) or 'none'})"
        raise _refuse(entry.apparatus_path, 1, f"{slug} has no marker '{label}'{hint}")
    cited = next((c.keys for c in entry.citations if c.label == label), ())
    return slug, label, entry.apparatus_path, cited


def _keys(root: Path, keys: list[str], added: str | None = None) -> None:
    bib, _ = load_project_bibliography(root)
    for key in keys:
        if not is_bibkey(key):  # a path or markup, never a file name to suggest
            raise _refuse(
                layout.REFERENCES,
                1,
                f"{shown(key)} is not a bibliography key (letters, digits and _ . : + -,"
                " at most 100 characters)",
            )
        if key not in bib.sources and key != added:
            raise _refuse(
                layout.reference_of(key),
                1,
                f"'{key}' is not defined{suggest(key, bib.sources)}; write its entry to "
                f"{layout.reference_of(key)} first, or fetch it with --doi/--isbn/--url "
                "(see CONTRIBUTING.md)",
            )


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry to add in the same all-or-nothing write (``cite --doi`` ...)."""

    key: str
    bibtex: str
    #: other files to write with it (the fetch record), by path under the root
    files: dict[Path, str]


def _safe_text(apparatus: str, new: Attribution) -> None:
    """Refuse, up front, a locator or note the apparatus would refuse (SB213, hygiene.py)."""
    for option, value in (("--locator", new.locator), ("--note", new.note)):
        found = unsafe_character(value, multiline=False) if value else None
        if found is not None:
            message = f"{option} {shown(value)}: {found[1]} at character {found[0] + 1}"
            raise Refused([Diagnostic(apparatus, 1, 1, Code.UNSAFE_CHARACTER, message)])


def cite(
    root: Path,
    target: str,
    keys: list[str],
    new: Attribution,
    replace: bool = False,
    added: NewEntry | None = None,
) -> list[str]:
    """Add *keys* to the marker's (or, with *replace*, put them instead); raises Refused."""
    slug, label, apparatus, cited = _target(root, target)
    _keys(root, keys, added.key if added else None)
    _safe_text(apparatus, new)
    if not replace:
        merged = tuple(dict.fromkeys((*cited, *keys)))
        new = Attribution(merged, new.confidence, new.locator, new.note)
    relative = Path(apparatus)
    text = (root / relative).read_text(encoding="utf-8")
    edited = set_marker(text, label, new)
    _verify(edited, apparatus, label, new.keys)
    changes = Changes({relative: edited, **(added.files if added else {})})
    if added and added.bibtex:
        changes.texts[Path(layout.reference_of(added.key))] = added.bibtex.strip("\n") + "\n"
    for key in new.keys:  # an entry written by hand is put in canonical form with its citation
        own = Path(layout.reference_of(key))
        if own not in changes.texts and (root / own).is_file():
            # a file that cannot be read is reported by the staged check, where it stands
            with contextlib.suppress(OSError, UnicodeDecodeError):
                changes.texts[own] = (root / own).read_text(encoding="utf-8")
    report = check_and_write(root, changes)
    done = [f"{apparatus}: marker {slug}/{label} cites {', '.join(new.keys)} ({new.confidence})"]
    done.extend(report.notes)
    for record in report.corpus.claims:
        if record.document == slug and label in record.claim.markers:
            why = "; ".join(
                f"{k}: {record.reasons[k]}" for k in record.sources if k in record.reasons
            )
            done.append(
                f"claim {slug}/{record.claim.id}: {record.status}" + (f" ({why})" if why else "")
            )
    return done


def print_outcome(command: Callable[[], list[str]]) -> int:
    """Run a writing command: print what it did (exit 0), or why it wrote nothing (exit 1)."""
    try:
        done = command()
    except Refused as refused:
        for diag in refused.diags:
            print(diag.format())
        print("nothing was written")
        return 1
    print("\n".join(done))
    return 0
