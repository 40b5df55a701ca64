"""The project's own bibliography (``docs/references.bib``): a contributor file, read strictly.

``check-bib`` reads any ``.bib`` file as BibTeX does.  The project's
bibliography arrives by pull request and feeds every build, so it follows
the seeds' rules (:mod:`sourcebook.inputs.source`): UTF-8 without a byte-order mark,
LF line ends, no NUL, DEL, C1, bidirectional-control or line-separator
character; and it has limits in bytes and in entries (a hundred thousand
entries once took a build minutes and 2 GB).
"""

from __future__ import annotations

import re
from pathlib import Path

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.corpus.bibliography import Bibliography, load_bibliography_text
from sourcebook.inputs.paths import PathProblem, read_limited
from sourcebook.inputs.source import decode_text, unsafe_characters

#: far above what a project cites, far below what slows a build
MAX_BYTES = 16 * 1024 * 1024
MAX_ENTRIES = 20_000
#: an entry head as BibTeX sees one (``@type{`` or ``@type(``), counted before the scan
_ENTRY_HEAD = re.compile(r"@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]")


def load_project_bibliography(path: Path, name: str) -> tuple[Bibliography, list[Diagnostic]]:
    """Load *path* (shown as *name*); every problem is a located diagnostic."""
    data = read_limited(path, MAX_BYTES)
    if isinstance(data, PathProblem):
        code = Code.BIB_SYNTAX if data.code is Code.SEED_MISSING else data.code
        message = f"cannot read bibliography: {data.message}"
        return Bibliography(name), [Diagnostic(name, 1, 1, code, message)]
    if not data.strip():
        return load_bibliography_text("", name)
    text, problems = decode_text(name, data)  # the seeds' byte rules: one policy
    if text is None:
        return Bibliography(name), problems
    raw = text.text
    # unsafe characters are reported where they stand, one per line, and the file is still
    # read: the other problems of the file are not hidden behind them
    unsafe = unsafe_characters(name, raw)
    heads = [m.start() for m in _ENTRY_HEAD.finditer(raw)]
    if len(heads) > MAX_ENTRIES:
        line = raw.count("\n", 0, heads[MAX_ENTRIES]) + 1
        message = (
            f"more than {MAX_ENTRIES:,} entries ({len(heads):,}); a project's bibliography "
            "holds the sources it cites: remove unused entries or split the project"
        )
        return Bibliography(name), [Diagnostic(name, line, 1, Code.FILE_TOO_LARGE, message)]
    bibliography, diags = load_bibliography_text(raw, name)
    return bibliography, unsafe + diags
