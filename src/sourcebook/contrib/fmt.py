"""``sourcebook fmt``: the bibliography's files and the baseline in one canonical form.

Each source is a file of its own (``docs/references/<key>.bib``), so two
pull requests adding sources never meet in one file; the canonical form
keeps each entry's fields one to a line and aligned, so an edit to one field
is a one-line diff.  A file of several entries (not the project's layout,
but any ``.bib`` this formatter is given) has the entries of each section
sorted by key.

The formatter works on the raw text, not on a parsed database, so nothing a
contributor wrote is lost: comments, ``@string``, ``@preamble`` and
``@comment`` blocks stay where they are and keep their text.  The file is cut
into *blocks*:

* an **entry** (``@type{key, field = value, ...}``), with the comment lines
  directly above it (no blank line between) -- they travel with the entry;
* anything else (a comment paragraph, ``@string``, ``@preamble``,
  ``@comment``) is a **divider**: it stays in place and the entries between
  two dividers form a section, sorted by key (case-insensitive).

Inside an entry the fields keep their order; each goes on its own line as
``  name = value``, names in lower case and padded to a common column, values
exactly as written (a multi-line note stays multi-line).  Blocks are
separated by one blank line.  If an entry cannot be cut into fields the file
is left alone and the error names the line: ``nox -s checkcitations`` says
more.  Formatting is idempotent: ``format_bib(format_bib(x)) == format_bib(x)``.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from sourcebook.core.diagnostics import Code, Diagnostic, sorted_diagnostics
from sourcebook.core.files import write_atomic
from sourcebook.core.lines import LineIndex
from sourcebook.inputs import layout

#: entry types that are not works: they stay where they are
_SPECIAL = frozenset({"comment", "preamble", "string"})
_HEAD = re.compile(r"@[ \t]*([A-Za-z]\w*)[ \t]*([{(])")
_NAME = re.compile(r"\s*([A-Za-z][\w:.+-]*)\s*=\s*")
_BARE = re.compile(r"[^\s,#{}\"()=]+")
#: field names are padded to this column, as in the hand-written file
NAME_WIDTH = 12


class FormatError(Exception):
    """The text cannot be cut into blocks; *line* is where the trouble starts."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Block:
    #: "entry" or "divider"
    kind: str
    text: str
    #: the entry's key, folded for sorting ("" for dividers)
    sort_key: str = ""


def _closing(text: str, start: int, opener: str) -> int:
    """Index just past the bracket that closes the one at *start*."""
    closer = "}" if opener == "{" else ")"
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "{" or (opener == "(" and char == "("):
            depth += 1
        elif char == "}" or (opener == "(" and char == ")"):
            depth -= 1
            if depth == 0:
                if char != closer and opener == "(":
                    continue
                return index + 1
    raise FormatError(0, "an entry is never closed")


def _value_end(body: str, pos: int) -> int:
    """End of one field value: ``{...}``, ``"..."`` or a bare word, joined by ``#``."""
    while True:
        while pos < len(body) and body[pos] in " \t\n":
            pos += 1
        if pos >= len(body):
            raise FormatError(0, "a field has no value")
        char = body[pos]
        if char == "{":
            pos = _closing(body, pos, "{")
        elif char == '"':
            depth, index = 0, pos + 1
            while index < len(body) and not (body[index] == '"' and depth == 0):
                depth += {"{": 1, "}": -1}.get(body[index], 0)
                index += 1
            if index >= len(body):
                raise FormatError(0, "a quoted value is never closed")
            pos = index + 1
        else:
            match = _BARE.match(body, pos)
            if not match:
                raise FormatError(0, f"unexpected {char!r} where a value should start")
            pos = match.end()
        rest = pos
        while rest < len(body) and body[rest] in " \t\n":
            rest += 1
        if rest < len(body) and body[rest] == "#":
            pos = rest + 1
            continue
        return pos


def _format_entry(kind: str, inner: str) -> tuple[str, str]:
    """``@kind{key, ...}`` in canonical form, and its key."""
    key, _, body = inner.partition(",")
    key = key.strip()
    if not key or re.search(r"\s", key):
        raise FormatError(0, "an entry has no key before its first comma")
    fields: list[tuple[str, str]] = []
    pos = 0
    while True:
        while pos < len(body) and body[pos] in " \t\n,":
            pos += 1
        if pos >= len(body):
            break
        match = _NAME.match(body, pos)
        if not match:
            raise FormatError(0, f"entry '{key}': expected 'name = value'")
        end = _value_end(body, match.end())
        fields.append((match.group(1).lower(), body[match.end() : end].strip()))
        pos = end
        while pos < len(body) and body[pos] in " \t\n":
            pos += 1
        if pos < len(body) and body[pos] != ",":
            raise FormatError(0, f"entry '{key}': a comma is missing after '{fields[-1][0]}'")
    width = max([NAME_WIDTH, *(len(name) for name, _ in fields)])
    lines = [f"  {name.ljust(width)} = {value}" for name, value in fields]
    body = "".join(f"{line},\n" for line in lines[:-1]) + (f"{lines[-1]}\n" if lines else "")
    return f"@{kind.lower()}{{{key},\n{body}}}", key


def blocks(text: str) -> list[Block]:
    """Cut *text* into entries (with the comments above them) and dividers."""
    index = LineIndex(text)
    out: list[Block] = []
    pending = ""  # text since the last block, not yet placed
    pos = 0
    for match in _HEAD.finditer(text):
        if match.start() < pos:
            continue  # an @ inside an entry already consumed
        line_start = text.rfind("\n", 0, match.start()) + 1
        if text[line_start : match.start()].strip():
            continue  # '@' in the middle of a comment line
        try:
            end = _closing(text, match.end() - 1, match.group(2))
            kind = match.group(1).lower()
            gap = pending + text[pos:line_start]
            if kind in _SPECIAL:
                out.extend(_dividers(gap))
                out.append(Block("divider", text[line_start:end].strip()))
            else:
                entry, key = _format_entry(kind, text[match.end() : end - 1])
                divider, attached = _split_gap(gap)
                out.extend(_dividers(divider))
                out.append(Block("entry", attached + entry, key.casefold()))
        except FormatError as exc:
            raise FormatError(index.line(match.start()), str(exc)) from None
        pending, pos = "", end
    out.extend(_dividers(pending + text[pos:]))
    return out


def _split_gap(gap: str) -> tuple[str, str]:
    """The comment lines directly above an entry travel with it; the rest divides."""
    lines = gap.rstrip(" \t").split("\n")
    if lines and not lines[-1].strip():
        lines = lines[:-1]
    attached: list[str] = []
    while lines and lines[-1].strip():
        attached.insert(0, lines.pop().strip())
    return "\n".join(lines), "".join(line + "\n" for line in attached)


def _dividers(gap: str) -> list[Block]:
    """Comment paragraphs between entries, each one a divider."""
    paragraphs = re.split(r"\n[ \t]*\n", gap.strip())
    return [Block("divider", p.strip()) for p in paragraphs if p.strip()]


def format_bib(text: str) -> str:
    """The canonical form of a bibliography (raises :class:`FormatError`)."""
    ordered: list[Block] = []
    section: list[Block] = []
    for block in blocks(text):
        if block.kind == "entry":
            section.append(block)
            continue
        ordered.extend(sorted(section, key=lambda b: b.sort_key))
        section = []
        ordered.append(block)
    ordered.extend(sorted(section, key=lambda b: b.sort_key))
    return "\n\n".join(b.text for b in ordered) + "\n" if ordered else ""


def first_difference(old: str, new: str) -> int:
    """The first line where *old* and *new* differ (1-based), for a located message."""
    for number, (a, b) in enumerate(zip(old.split("\n"), new.split("\n"), strict=False), 1):
        if a != b:
            return number
    return min(len(old.split("\n")), len(new.split("\n")))


# -- the command --------------------------------------------------------------

BASELINE = Path("seeds") / "baseline.toml"
FMT_COMMAND = "nox -s fmt"


def _canonical_baseline(path: Path, display: str) -> tuple[str | None, list[Diagnostic]]:
    from sourcebook.check.ratchet import load_baseline, render_lists

    baseline, diags = load_baseline(path, display)
    if baseline is None:
        return None, diags
    if not baseline.itemised or baseline.documents is None:
        return None, [
            Diagnostic(
                display,
                1,
                1,
                Code.NOT_CANONICAL,
                "an old baseline without id lists cannot be put in order; rewrite it with "
                "`nox -s checkcitations -- --update-baseline`",
            )
        ]
    return render_lists(
        baseline.documents, baseline.claims, baseline.markers, baseline.increase_reason
    ), []


def _canonical(root: Path, relative: Path) -> tuple[str, str | None, list[Diagnostic]]:
    """The file's text, its canonical form (``None`` when it cannot be formatted), findings."""
    display = relative.as_posix()
    path = root / relative
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return "", None, [Diagnostic(display, 1, 1, Code.WRITE_REFUSED, f"cannot read: {exc}")]
    if relative == BASELINE:
        canonical, diags = _canonical_baseline(path, display)
        return text, canonical, diags
    try:
        return text, format_bib(text), []
    except FormatError as exc:
        return (
            text,
            None,
            [
                Diagnostic(
                    display,
                    exc.line,
                    1,
                    Code.WRITE_REFUSED,
                    f"not formatted: {exc}; `nox -s checkcitations` says more",
                )
            ],
        )


def _bib_files(root: Path) -> list[Path]:
    """The project's bibliography files (``docs/references/<key>.bib``), in key order."""
    return [Path(layout.reference_of(key)) for key in layout.list_references(root).names]


def run_fmt(root: Path, check: bool) -> tuple[list[Diagnostic], list[str]]:
    """Format (or with *check* only compare) the bibliography and the baseline.

    Nothing is written unless every file could be formatted.
    """
    diags: list[Diagnostic] = []
    writes: list[tuple[Path, str]] = []
    notes: list[str] = []
    for relative in (*_bib_files(root), BASELINE):
        if relative == BASELINE and not (root / relative).exists():
            continue  # no committed baseline: the ratchet compares with the merge base
        text, canonical, problems = _canonical(root, relative)
        diags.extend(problems)
        if canonical is None or canonical == text:
            continue
        if check:
            diags.append(
                Diagnostic(
                    relative.as_posix(),
                    first_difference(text, canonical),
                    1,
                    Code.NOT_CANONICAL,
                    f"not in canonical order and form from this line on; run `{FMT_COMMAND}` "
                    "and commit the result",
                )
            )
        else:
            writes.append((root / relative, canonical))
    if not diags:
        for path, canonical in writes:
            write_atomic(path, canonical)
            notes.append(f"formatted {path.relative_to(root).as_posix()}")
    return diags, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sourcebook fmt",
        description="Put docs/references/*.bib and seeds/baseline.toml in canonical form.",
    )
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; fail if not canonical"
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    diags, notes = run_fmt(args.root, args.check)
    for diag in sorted_diagnostics(diags):
        print(diag.format())
    for note in notes:
        print(note)
    if not diags and not notes:
        kept = [f"{layout.REFERENCES}/*.bib"] if _bib_files(args.root) else []
        kept += [BASELINE.as_posix()] if (args.root / BASELINE).exists() else []
        verb = "are" if kept else "is"
        print(f"{' and '.join(kept)} {verb} canonical" if kept else "nothing to format")
    return 1 if diags else 0
