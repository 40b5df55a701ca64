"""What the compact forms of the environment's per-page data save, on a built site.

    python bench/env_compact.py DOCS/_build/html/.doctrees/environment.pickle

Loads an environment pickled by the code before the eighth round (mentions as
``"section|term" -> "mention-N"``, claims' strings not interned), converts the
glossary mentions and the claims to the forms ``sphinxext/mentions.py`` and
``sphinxext/domain.py`` now keep, and prints each one's pickled size and its
size in memory (tracemalloc, unpickled on its own) before and after, in JSON.
"""

from __future__ import annotations

import json
import pickle
import sys
import tracemalloc
from pathlib import Path
from typing import Any


def _compact_mentions(old: dict[str, dict[str, str]]) -> dict[str, dict[str, dict[str, int]]]:
    new: dict[str, dict[str, dict[str, int]]] = {}
    for docname, found in old.items():
        page: dict[str, dict[str, int]] = {}
        for key, anchor in found.items():
            ident, _, term = key.partition("|")
            number = int(anchor.removeprefix("mention-"))
            page.setdefault(sys.intern(term), {}).setdefault(sys.intern(ident), number)
        new[docname] = page
    return new


def _compact_claims(old: dict[str, list[Any]]) -> dict[str, list[Any]]:
    from sourcebook.sphinxext.domain import ClaimsDomain

    domain = ClaimsDomain.__new__(ClaimsDomain)
    domain.data = {"claims": {}}  # type: ignore[misc]
    for entries in old.values():
        for entry in entries:
            domain.add_claim(entry)
    return domain.claims


def _sizes(value: object) -> dict[str, float]:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    tracemalloc.start()
    held = pickle.loads(data)
    in_memory = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del held
    return {
        "pickled_mib": round(len(data) / 2**20, 2),
        "in_memory_mib": round(in_memory / 2**20, 2),
    }


def main() -> int:
    env = pickle.loads(Path(sys.argv[1]).read_bytes())
    mentions = env.sourcebook_mentions
    claims = env.domaindata["claims"]["claims"]
    report = {
        "environment_pickle_mib": round(Path(sys.argv[1]).stat().st_size / 2**20, 2),
        "pages": len(env.all_docs),
        "mentions": {"before": _sizes(mentions), "after": _sizes(_compact_mentions(mentions))},
        "claims": {"before": _sizes(claims), "after": _sizes(_compact_claims(claims))},
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
