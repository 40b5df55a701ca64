"""Nodes per page of a built site's document pages, by node class.

Reads the doctree pickles Sphinx wrote for the pages under ``corpus/`` (the
generated document pages; a build keeps them in ``.doctrees``) and prints the
average number of nodes a page and the most common classes; with ``--all``,
every page's doctree instead, the site's total and the largest pages with their
pending cross-references by type:

    python bench/doctree_nodes.py DIR/docs/_build/html/.doctrees [--all]
"""

from __future__ import annotations

import collections
import pickle
import sys
from pathlib import Path


def largest(paths: list[Path], top: int = 6) -> list[str]:
    """The site's node total and its *top* largest doctrees, with their cross-references."""
    rows = []
    for path in paths:
        with path.open("rb") as handle:
            doctree = pickle.load(handle)  # a build's own output, not untrusted input
        xrefs = collections.Counter(
            str(n.get("reftype")) for n in doctree.findall() if type(n).__name__ == "pending_xref"
        )
        rows.append((sum(1 for _ in doctree.findall()), path.stem, dict(xrefs)))
    rows.sort(reverse=True)
    lines = [f"{len(rows)} doctrees, {sum(r[0] for r in rows)} nodes"]
    lines += [
        f"  {name:<40} {nodes:8} nodes, pending_xref {xrefs}" for nodes, name, xrefs in rows[:top]
    ]
    return lines


def main(argv: list[str]) -> int:
    if argv[1:2] == ["--all"]:
        print("\n".join(largest(sorted(Path(argv[0]).rglob("*.doctree")))))
        return 0
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
