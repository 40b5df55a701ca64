"""A pickled doctree's size on disk and in memory (tracemalloc), and its number of nodes.

python bench/doctree_memory.py DOCS/_build/html/.doctrees/glossary.doctree
"""

from __future__ import annotations

import pickle
import sys
import tracemalloc
from pathlib import Path

import docutils.nodes  # noqa: F401  # the classes the pickle names
import sphinx.addnodes  # noqa: F401


def main() -> int:
    data = Path(sys.argv[1]).read_bytes()
    tracemalloc.start()
    doc = pickle.loads(data)
    held = tracemalloc.get_traced_memory()[0]
    nodes = sum(1 for _ in doc.findall())
    print(f"pickle {len(data) / 2**20:.1f} MiB, in memory {held / 2**20:.1f} MiB, nodes {nodes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
