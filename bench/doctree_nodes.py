"""Nodes per page of a built site's document pages, by node class.

Reads the doctree pickles Sphinx wrote for the pages under ``corpus/`` (the
generated document pages; a build keeps them in ``.doctrees``) and prints the
average number of nodes a page and the most common classes:

    python bench/doctree_nodes.py DIR/docs/_build/html/.doctrees
"""

from __future__ import annotations

import collections
import pickle
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    paths = sorted(Path(argv[0]).glob("corpus/*.doctree"))
    counts: collections.Counter[str] = collections.Counter()
    for path in paths:
        with path.open("rb") as handle:
            doctree = pickle.load(handle)  # a build's own output, not untrusted input
        counts.update(type(node).__name__ for node in doctree.findall())
    pages = max(len(paths), 1)
    print(f"{len(paths)} pages, {sum(counts.values()) / pages:.1f} nodes a page")
    for name, count in counts.most_common(12):
        print(f"  {name:<24} {count / pages:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
