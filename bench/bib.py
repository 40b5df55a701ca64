"""Benchmark: load and check a generated 10,000-entry bibliography.

Usage: ``python bench/bib.py [ENTRIES]``, or ``from bench.bib import run`` (``bench/run.py``
calls :func:`run` and prints its figures).  Compares with pybtex's parse of the same file
(what the reader uses) and with bibtexparser v2's parse when it is installed.  The file
mixes BibTeX and biblatex entries, ``@string`` macros, accents and names, like an export.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from typing import Any

from sourcebook.check.bibfile import check_bib_text

TYPES = ("article", "book", "inproceedings", "misc", "online", "thesis", "report")


def generate(count: int, seed: int = 12) -> str:
    """A *count*-entry bibliography; deterministic for a given *seed*."""
    rng = random.Random(seed)
    parts = ['@string{jma = "Journal of Maritime Archives"}\n']
    for index in range(count):
        kind = TYPES[index % len(TYPES)]
        year = 1850 + rng.randrange(170)
        biblatex = index % 2 == 0
        fields = [
            f"  author = {{Ambrose{index}, Clara and Nov{{\\'a}}k, Tom{{\\'a}}{{\\v s}}}}",
            f"  title = {{On {{{{Harbour}}}} Records, Part {index}}}",
            f"  date = {{{year}-0{1 + index % 9}-1{index % 9}}}"
            if biblatex
            else f"  year = {year}",
            "  journaltitle = jma" if biblatex else "  journal = jma",
            f"  pages = {{{index % 300 + 1}--{index % 300 + 20}}}",
            f"  volume = {{{index % 40 + 1}}}",
            f"  url = {{https://example.org/records/{index}}}",
            f"  doi = {{10.5555/bench.{index}}}",
            "  publisher = {Harbour Press}",
            "  howpublished = {Printed}",
            "  keywords = {archives,tides}",
            "  abstract = {A long abstract. " + "Words of prose here. " * 8 + "}",
        ]
        parts.append(f"@{kind}{{bench{index},\n" + ",\n".join(fields) + "\n}\n")
    return "\n".join(parts)


def _time(action: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of *action* (the machine is shared: wall time measures the neighbours)."""
    start = time.process_time()
    value = action()
    return time.process_time() - start, value


def run(entries: int = 10_000) -> dict[str, Any]:
    text = generate(entries)
    from sourcebook.corpus.bibliography import load_bibliography_text

    loading = _time(lambda: load_bibliography_text(text, "bench.bib"))[0]
    ours, result = _time(lambda: check_bib_text(text, "bench.bib"))
    figures: dict[str, Any] = {
        "entries": entries,
        "bytes": len(text.encode("utf-8")),
        "entries_read": result.entries_read,
        "findings": len(result.diagnostics),
        "sourcebook_load_s": round(loading, 3),
        "sourcebook_load_and_check_s": round(ours, 3),
    }
    import pybtex.errors
    from pybtex.database import parse_string

    def pybtex_parse() -> int:
        with pybtex.errors.capture():
            return len(parse_string(text, "bibtex").entries)

    figures["pybtex_parse_s"] = round(_time(pybtex_parse)[0], 3)
    try:
        import bibtexparser
    except ImportError:
        figures["bibtexparser_parse_s"] = None
    else:
        seconds, library = _time(lambda: bibtexparser.parse_string(text))
        figures["bibtexparser_parse_s"] = round(seconds, 3)
        figures["bibtexparser_version"] = bibtexparser.__version__
        figures["bibtexparser_entries"] = len(library.entries)
    return figures


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    figures = run(int(args[0]) if args else 10_000)
    for name, value in figures.items():
        print(f"{name:32} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
