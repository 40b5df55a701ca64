"""CPU of clearing documents before a full build reads them: Sphinx's clearers against
``sourcebook.sphinxext.cleardoc``'s, on environments shaped like a built corpus.

A full build of N pages calls, for each page in turn, the standard domain's,
sphinxcontrib-bibtex's and the toctree collector's ``clear_doc`` and then reads
the page, which adds its labels and citations.  This replays that sequence
with the real classes and the shape of a built corpus's environment (labels,
anonymous labels and citation references a page, from ``--env``, the
``environment.pickle`` of a build; otherwise the defaults below, those of the
realistic N = 300 corpus) and times the clearing alone, for each N:

    python bench/cleardoc_time.py 1000 3000 10000 --results bench/results-cleardoc-s22h.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import _commit, write_record  # noqa: E402
from sphinx.domains.std import StandardDomain as SphinxStandardDomain  # noqa: E402
from sphinx.environment.collectors.toctree import TocTreeCollector as SphinxToc  # noqa: E402

from sourcebook.sphinxext import cleardoc  # noqa: E402

#: per page of the realistic N = 300 corpus (its built environment, s22h)
SHAPE = {"labels": 6, "anonlabels": 8}


def _shape(env_pickle: Path) -> dict[str, int]:
    import pickle

    with env_pickle.open("rb") as handle:
        env = pickle.load(handle)
    pages = [d for d in env.all_docs if d.startswith("corpus/")]
    std = env.domaindata["std"]

    def per_page(values: Any, docname: Any) -> int:
        return round(sum(1 for v in values if docname(v).startswith("corpus/")) / len(pages))

    return {
        "labels": per_page(std["labels"].values(), lambda v: v[0]),
        "anonlabels": per_page(std["anonlabels"].values(), lambda v: v[0]),
    }


def _env() -> Any:
    return SimpleNamespace(
        domaindata={},
        tocs={},
        toc_secnumbers={},
        toc_fignumbers={},
        toc_num_entries={},
        toctree_includes={},
        glob_toctrees=set(),
        numbered_toctrees=set(),
        files_to_rebuild={},
    )


def replay(n: int, shape: dict[str, int], ours: bool) -> float:
    """CPU seconds of the N clears of a full build (the reading itself is simulated)."""
    env = _env()
    env.domaindata["std"] = {"version": 0, "progoptions": {}, "objects": {}, "terms": {}}
    env.domaindata["std"].update(labels={}, anonlabels={})
    if ours:
        env.domaindata["std"][cleardoc.READ] = set()
    std: Any = object.__new__(cleardoc.StandardDomain if ours else SphinxStandardDomain)
    std.env, std.data = env, env.domaindata["std"]
    toc = cleardoc.TocTreeCollector() if ours else SphinxToc()
    pages = [f"corpus/page-{i:05d}" for i in range(n)]
    # the collection pages, read first (they sort first), include every page
    env.toctree_includes["corpus/collection"] = list(pages)
    env.files_to_rebuild.update({page: {"corpus/collection"} for page in pages})
    labels, anon = std.data["labels"], std.data["anonlabels"]
    spent = 0.0
    for page in pages:
        start = time.process_time()
        std.clear_doc(page)
        toc.clear_doc(None, env, page)
        spent += time.process_time() - start
        for k in range(shape["labels"]):  # what reading the page adds
            labels[f"{page}-l{k}"] = (page, f"l{k}", "")
        for k in range(shape["anonlabels"]):
            anon[f"{page}-l{k}"] = (page, f"l{k}")
        if ours:
            std.data[cleardoc.READ].add(page)
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--env", type=Path, help="a build's environment.pickle, for the shape")
    parser.add_argument("--results", type=Path)
    args = parser.parse_args(argv)
    shape = _shape(args.env) if args.env else SHAPE
    results = {}
    for n in args.sizes:
        results[str(n)] = {
            "sphinx_cpu_s": round(replay(n, shape, ours=False), 3),
            "sourcebook_cpu_s": round(replay(n, shape, ours=True), 3),
        }
        print(n, results[str(n)], flush=True)
    if args.results:
        record = {
            "meta": (
                f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
                f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
                "CPU seconds of the standard domain's and the toctree collector's clear_doc "
                "over a simulated full build of N pages (bench/cleardoc_time.py)."
            ),
            "shape_per_page": shape,
            "results": results,
        }
        write_record(args.results, record)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
