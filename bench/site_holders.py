"""What a built site's Sphinx process had to hold, from the files it left (no build).

    python bench/site_holders.py [--env] SITE [SITE ...] > FILE.json

*SITE* is an HTML output directory (``docs/_build/html``).  For each: the
number and bytes of the document pages' pickled doctrees (``.doctrees/corpus``;
Sphinx keeps up to ``sourcebook_doctree_cache`` of them in memory between
reading and writing), the glossary's pickled doctree (one page whose nodes grow
with every mention in the corpus) and HTML, and the pickled environment.  With
``--env`` the environment is unpickled (allocation traced) and each attribute's
and each domain's data's pickled length given: slow at N = 10,000.

In memory a doctree takes about 7.4 times its pickle (the N = 1,000 glossary:
31.7 MB pickled, 234 MiB in memory, ``bench/doctree_memory.py``).
"""

from __future__ import annotations

import gc
import json
import pickle
import sys
import tracemalloc
from pathlib import Path
from typing import Any


def _size(path: Path) -> int | None:
    return path.stat().st_size if path.is_file() else None


def _env(path: Path) -> dict[str, Any]:
    import sphinx.environment  # noqa: F401  # the classes the pickle names

    gc.disable()  # unpickling millions of objects: the collector would only walk them
    tracemalloc.start()
    with path.open("rb") as f:
        env = pickle.load(f)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    sizes: dict[str, int] = {}
    for name, value in vars(env).items():
        if name in ("settings", "domains", "domaindata"):  # settings holds the env itself
            continue
        sizes[f"env.{name}"] = len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    for domain, data in getattr(env, "domaindata", {}).items():
        for name, value in data.items():
            sizes[f"domaindata.{domain}.{name}"] = len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    top = sorted(sizes.items(), key=lambda kv: -kv[1])[:20]
    return {"in_memory_mib": round(held / 2**20, 1), "pickled_bytes_top": dict(top)}


def holders(site: Path, env: bool) -> dict[str, Any]:
    trees = site / ".doctrees"
    pages = sorted((trees / "corpus").glob("*.doctree"))
    page_bytes = sum(p.stat().st_size for p in pages)
    record: dict[str, Any] = {
        "site": str(site),
        "document_doctrees": len(pages),
        "document_doctree_bytes": page_bytes,
        "document_doctree_mean_bytes": page_bytes // max(len(pages), 1),
        "glossary_doctree_bytes": _size(trees / "glossary.doctree"),
        "glossary_html_bytes": _size(site / "glossary.html"),
        "environment_pickle_bytes": _size(trees / "environment.pickle"),
    }
    if env:
        record["environment"] = _env(trees / "environment.pickle")
    return record


def main(argv: list[str]) -> int:
    env = "--env" in argv
    sites = [Path(a) for a in argv if a != "--env"]
    print(json.dumps([holders(site, env) for site in sites], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
