"""Benchmark: normalising adversarial seeds (issue 8 item 6).

Each case is a pathological input that made the old parser quadratic.  The
script normalises each at the given size, for each kind the case targets,
and prints one JSON object per case (``name``, ``kind``, ``bytes``,
``seconds``).  ``bench/run.py`` imports :func:`run`; alone::

    python bench/parse_adversarial.py [--bytes 1000000]

The target is under a second per 1 MB case on an unloaded machine.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from sourcebook.model import Kind
from sourcebook.parse import parse

CASES: dict[str, tuple[Callable[[int], str], tuple[Kind, ...]]] = {
    # a paragraph of dots: every dot was a boundary start that rescanned the run
    "dots": (lambda n: "Title\n\nSo" + "." * n + "[1]\n", ("wikipedia", "essay")),
    # one marker reused: each reuse rebuilt the set of claim ids and rescanned sentences
    "fact-marker": (lambda n: "Title\n\n" + "Fact one.[1] " * (n // 13) + "\n", ("wikipedia",)),
    # initials: every "A." was an abbreviation that grew the sentence being scanned
    "initials": (lambda n: "Title\n\n" + "A. " * (n // 3) + "[1]\n", ("wikipedia", "essay")),
    # glued footnote candidates in a long paragraph
    "glued": (lambda n: "Word.1 " * (n // 7) + "\n", ("essay",)),
    # unclosed and editorial brackets
    "brackets": (lambda n: "Title\n\n" + "[a][1" * (n // 5) + "\n", ("wikipedia", "blog")),
    # flattened table rows
    "table": (lambda n: "Title\n\n" + "a | b [1] | c\n" * (n // 14), ("wikipedia",)),
}


def run(size: int = 1_000_000) -> list[dict[str, object]]:
    """Time every case at *size* characters; one record per case and kind."""
    results: list[dict[str, object]] = []
    for name, (make, kinds) in CASES.items():
        text = make(size)
        for kind in kinds:
            start = time.perf_counter()
            parse(text, kind, f"{name}.txt")
            seconds = time.perf_counter() - start
            results.append(
                {"name": name, "kind": kind, "bytes": len(text.encode()), "seconds": seconds}
            )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bytes", type=int, default=1_000_000)
    args = parser.parse_args()
    for record in run(args.bytes):
        print(json.dumps(record))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
