"""CPU seconds of rendering every page's MyST, and of its entity matching and escaping alone.

Loads the corpus at PROJECT (through the parse cache), then times, in this
process: ``render_page`` with the entity linker over every document (the
page generator's rendering, without its "also quoted in" notes); the
entity matcher's ``find`` over every text the pages linked; ``escape`` over
every text the pages escaped.  Run it once per source tree (``PYTHONPATH``)
and compare; ``--results`` appends one record per run to a JSON list.

    PYTHONPATH=src python bench/render_time.py DIR --name after --results FILE
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sourcebook.corpus.entities import Matcher, load_entities
from sourcebook.corpus.load import load_corpus
from sourcebook.render import entities as linking
from sourcebook.render import escape as escaping
from sourcebook.render import myst
from sourcebook.render.entities import EntityLinker


def _spy(seen: list[str], function: Callable[[str], str]) -> Callable[[str], str]:
    def recorded(text: str) -> str:
        seen.append(text)
        return function(text)

    return recorded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--name", required=True, help="recorded with the figures")
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    corpus = load_corpus(args.project)
    entities = load_entities(args.project)
    keys = set(corpus.bibliography.sources)
    timed = EntityLinker(entities, {})  # one for every page, as the generator's
    start = time.process_time()
    for doc in corpus.documents:
        myst.render_page(doc, keys, timed)
    render = time.process_time() - start
    linked: list[str] = []
    escaped: list[str] = []
    linker = EntityLinker(entities, {})
    find = linker.matcher.find
    linker.matcher.find = lambda text: (linked.append(text), find(text))[1]  # type: ignore[method-assign]
    original = escaping.escape
    linking.escape = myst.escape = _spy(escaped, original)  # type: ignore[attr-defined]
    for doc in corpus.documents:
        myst.render_page(doc, keys, linker)
    matcher = Matcher(entities)
    start = time.process_time()
    mentions = sum(1 for text in linked for _ in matcher.find(text))
    matching = time.process_time() - start
    start = time.process_time()
    for text in escaped:
        original(text)
    escaping_s = time.process_time() - start
    record = {
        "name": args.name,
        "sourcebook": str(Path(escaping.__file__).parents[1]),
        "documents": len(corpus.documents),
        "entities": len(entities),
        "render_page_cpu_s": round(render, 3),
        "find": {"texts": len(linked), "mentions": mentions, "cpu_s": round(matching, 3)},
        "escape": {"texts": len(escaped), "cpu_s": round(escaping_s, 3)},
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "machine": platform.machine(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print(json.dumps(record))
    if args.results:
        found = json.loads(args.results.read_text()) if args.results.is_file() else []
        args.results.write_text(json.dumps([*found, record], indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
