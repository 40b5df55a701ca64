"""The project's own bibliography (``docs/references/<key>.bib``): contributor files, read strictly.

``check-bib`` reads any ``.bib`` file as BibTeX does.  The project's
bibliography arrives by pull request and feeds every build, so it follows
the seeds' rules (:mod:`sourcebook.inputs.source`): UTF-8 without a byte-order mark,
LF line ends, no NUL, DEL, C1, bidirectional-control or line-separator
character; and it has limits in bytes and in entries (a hundred thousand
entries once took a build minutes and 2 GB).

Each source is a file of its own, named by its key, so two pull requests
adding entries never touch the same file, whatever their keys.  The files
are read in key order and joined into one text (:class:`Parts`), which the
one bibliography loader reads exactly as it read the single file before;
every diagnostic it or a later rule gives at a line of the joined text is
moved back to the file and line it came from (:func:`relocate`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from pathlib import Path

from sourcebook.core.diagnostics import Code, Diagnostic, Severity
from sourcebook.corpus.bibliography import Bibliography, load_bibliography_text
from sourcebook.inputs import layout
from sourcebook.inputs.paths import PathProblem, read_limited
from sourcebook.inputs.source import decode_text, unsafe_characters

#: far above what a project cites, far below what slows a build
MAX_BYTES = 16 * 1024 * 1024
MAX_ENTRIES = 20_000
#: one source's file: an entry is a few hundred bytes
FILE_MAX_BYTES = 256 * 1024
_LINE_IN_MESSAGE = re.compile(r"\bline (\d+)\b")


@dataclass(frozen=True, slots=True)
class Parts:
    """The per-source files joined in key order, and the line each one starts on."""

    #: display path of each file (``docs/references/<key>.bib``)
    paths: tuple[str, ...]
    #: the joined text's line on which each file's first line stands
    starts: tuple[int, ...]
    text: str

    def locate(self, line: int) -> tuple[str, int]:
        """The file and its own line for *line* of the joined text."""
        if not self.paths:
            return layout.REFERENCES, line
        index = max(bisect.bisect_right(self.starts, line) - 1, 0)
        return self.paths[index], line - self.starts[index] + 1


def relocate(diags: list[Diagnostic], bib: Bibliography) -> list[Diagnostic]:
    """*diags* with every position in the joined text moved to its own file and line."""
    parts = bib.parts
    if not isinstance(parts, Parts):
        return diags
    moved = []
    for diag in diags:
        if diag.path == bib.path:
            path, line = parts.locate(diag.line)

            def local(match: re.Match[str], here: str = path) -> str:
                # "line N" in a message speaks of the joined text too
                there, number = parts.locate(int(match.group(1)))
                return f"line {number}" if there == here else f"{there}:{number}"

            message = _LINE_IN_MESSAGE.sub(local, diag.message)
            diag = replace(diag, path=path, line=line, message=message)
        moved.append(diag)
    return moved


def _read_part(root: Path, key: str) -> tuple[str | None, list[Diagnostic]]:
    display = layout.reference_of(key)
    data = read_limited(root / display, FILE_MAX_BYTES)
    if isinstance(data, PathProblem):
        code = Code.BIB_SYNTAX if data.code is Code.SEED_MISSING else data.code
        return None, [Diagnostic(display, 1, 1, code, f"cannot read: {data.message}")]
    text, problems = decode_text(display, data)  # the seeds' byte rules: one policy
    if text is None:
        return None, problems
    # unsafe characters are reported where they stand, one per line, and the file is still
    # read: the other problems of the file are not hidden behind them
    return text.text, unsafe_characters(display, text.text)


def _join(root: Path, keys: list[str]) -> tuple[Parts, list[Diagnostic]]:
    paths: list[str] = []
    starts: list[int] = []
    texts: list[str] = []
    diags: list[Diagnostic] = []
    line = 1
    for key in keys:
        text, problems = _read_part(root, key)
        diags.extend(problems)
        if text is None:
            continue
        if not text.endswith("\n"):
            text += "\n"
        paths.append(layout.reference_of(key))
        starts.append(line)
        texts.append(text)
        line += text.count("\n")
    return Parts(tuple(paths), tuple(starts), "".join(texts)), diags


def joined_text(root: Path) -> str:
    """The project's bibliography files joined in key order (files that cannot be read left out).

    What the docs build gives sphinxcontrib-bibtex: the checker reports the files left out.
    """
    return _join(root, _keys(root)[0])[0].text


def _one_entry_each(bib: Bibliography, parts: Parts, diags: list[Diagnostic]) -> list[Diagnostic]:
    """SB220: a file holds exactly one entry, whose key is the file's name."""
    held: dict[str, int] = dict.fromkeys(parts.paths, 0)
    found: list[Diagnostic] = []
    for source in bib.entries:
        path, line = parts.locate(source.line)
        held[path] += 1
        if path != layout.reference_of(source.key):
            message = (
                f"entry '{source.key}' stands in the file of another key; "
                f"move it to {layout.reference_of(source.key)}"
            )
            found.append(Diagnostic(path, line, 1, Code.LAYOUT_NAME, message))
    reported = {d.path for d in diags}  # a file with a syntax error lost its entry there
    misplaced = {d.path for d in found}
    for path, count in held.items():
        if count > 1 and path not in misplaced:
            message = f"the file holds {count} entries; write one entry per file"
            found.append(Diagnostic(path, 1, 1, Code.LAYOUT_NAME, message))
        elif count == 0 and path not in reported:
            message = "the file holds no entry; delete it or write its entry"
            found.append(Diagnostic(path, 1, 1, Code.LAYOUT_NAME, message))
    return found


def _keys(root: Path) -> tuple[list[str], list[Diagnostic]]:
    """The keys of ``docs/references/``; of keys that differ only in case, the first is kept.

    BibTeX and pybtex read such keys as one (SB302), and a case-insensitive file
    system cannot even hold both files; the one kept is the first in an order
    where lower case comes before upper case, the others are refused unread.
    """
    listing = layout.list_references(root)
    kept: dict[str, str] = {}
    diags = list(listing.diagnostics)
    for key in sorted(listing.names, key=lambda k: (k.casefold(), k.swapcase())):
        other = kept.get(key.casefold())
        if other is None:
            kept[key.casefold()] = key
            continue
        message = (
            f"key '{key}' differs from '{other}' ({layout.reference_of(other)}) only in case; "
            "BibTeX reads them as one key: rename this entry and its file"
        )
        diags.append(Diagnostic(layout.reference_of(key), 1, 1, Code.DUPLICATE_KEY, message))
    return sorted(kept.values()), diags


def load_project_bibliography(root: Path) -> tuple[Bibliography, list[Diagnostic]]:
    """Load ``root/docs/references/``; every problem is a diagnostic in its own file."""
    names, diags = _keys(root)
    if len(names) > MAX_ENTRIES:
        message = (
            f"more than {MAX_ENTRIES:,} entries ({len(names):,}); a project's "
            "bibliography holds the sources it cites: remove unused entries or split the project"
        )
        return Bibliography(layout.REFERENCES), [
            *diags,
            Diagnostic(layout.REFERENCES, 1, 1, Code.FILE_TOO_LARGE, message),
        ]
    parts, more = _join(root, names)
    diags.extend(more)
    if len(parts.text.encode("utf-8")) > MAX_BYTES:
        message = f"the bibliography is larger than {MAX_BYTES:,} bytes"
        return Bibliography(layout.REFERENCES), [
            *diags,
            Diagnostic(layout.REFERENCES, 1, 1, Code.FILE_TOO_LARGE, message),
        ]
    bibliography, loaded = load_bibliography_text(parts.text, layout.REFERENCES)
    bibliography = replace(bibliography, parts=parts)
    diags.extend(relocate(loaded, bibliography))
    diags.extend(_one_entry_each(bibliography, parts, diags))
    # a file that lost its entry names the key it held: rules skip that key, so the one
    # error at the cause is not followed by "undefined key" wherever it is cited
    lost = {
        Path(d.path).stem for d in diags if d.severity is Severity.ERROR and d.path.endswith(".bib")
    } - set(bibliography.sources)
    return replace(bibliography, broken=bibliography.broken | lost), diags
