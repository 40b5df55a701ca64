"""What a LaTeX log says is wrong with a PDF: undefined references, missing characters,
overfull boxes over 5 pt.

The publisher's standard the book and the manual are held to (issue 23): none
of the three.  ``nox -s manualpdf`` runs this on the manual's log; the PDF
tests (tests/test_pdf.py, tests/test_manual_pdf.py) use the same functions.

Usage::

    python tools/latexlog.py LOG...

Exit status 0 when every log is clean, 1 otherwise (each problem on a line).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_OVERFULL = re.compile(r"^Overfull \\[hv]box \((?P<pt>[\d.]+)pt too (?:wide|high)\)(?P<where>.*)$")
_UNDEFINED = re.compile(r"(?:Hyper )?[Rr]eference `[^']*' on page \d+ undefined")
#: the largest overfull box a reader does not see (TeX's default \hfuzz is 0.1 pt)
LIMIT = 5.0


def overfull_boxes(log: str, limit: float = LIMIT) -> list[str]:
    r"""Every overfull box (horizontal or vertical) over *limit* pt.

    >>> log = "\n".join(["Overfull \\hbox (9.0pt too wide) in paragraph at lines 3--4",
    ...                  "Overfull \\hbox (2.0pt too wide) in paragraph at lines 5--5",
    ...                  "Overfull \\vbox (12.5pt too high) detected at line 7"])
    >>> overfull_boxes(log)
    ['9.0pt: in paragraph at lines 3--4', '12.5pt: detected at line 7']
    """
    found = []
    for row in log.splitlines():
        match = _OVERFULL.match(row)
        if match and float(match["pt"]) > limit:
            found.append(f"{match['pt']}pt:{match['where']}")
    return found


def undefined_references(log: str) -> list[str]:
    """References LaTeX could not resolve (the log wraps at 79 characters: joined first).

    >>> undefined_references("LaTeX Warning: Hyper reference `formats:x' on page 3 undefi\\nned")
    ["Hyper reference `formats:x' on page 3 undefined"]
    """
    joined = log.replace("\n", "")
    found = _UNDEFINED.findall(joined)
    if not found and "There were undefined references" in joined:
        found = ["There were undefined references"]
    return found


def problems(log: str) -> list[str]:
    """Undefined references, missing characters and overfull boxes over 5 pt in *log*."""
    missing = re.findall(r"Missing character.*", log)
    return [
        *(f"undefined: {r}" for r in undefined_references(log)),
        *(f"missing character: {m}" for m in missing),
        *(f"overfull box: {b}" for b in overfull_boxes(log)),
    ]


def main(argv: list[str]) -> int:
    bad = 0
    for name in argv:
        found = problems(Path(name).read_text(encoding="utf-8", errors="replace"))
        for problem in found:
            print(f"{name}: {problem}")
        print(f"{name}: {len(found)} problems")
        bad += bool(found)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
