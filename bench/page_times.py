"""CPU seconds of a Sphinx build by document and phase: which pages a full build pays for.

Runs ``sphinx-build`` (the arguments after the output file) in this process with
Sphinx's per-document steps wrapped: reading (``Builder.read_doc``: parsing,
the reading transforms, ``doctree-read``), resolving
(``get_and_resolve_doctree``: the post-transforms and ``doctree-resolved``) and
writing (``write_doc``: the translator, the page's context, the template); the
process CPU time of each is added up per document and written, with the whole
process's, to FILE as JSON.  The cyclic collector's pauses land on whatever
document was running, so one page can show a second or more that is not its
own; ``--summary FILE`` prints the totals, the corpus pages' mean and the
costliest pages.

    python bench/page_times.py OUT.json -q -b html DIR/docs DIR/docs/_build/html
    python bench/page_times.py --summary OUT.json
"""

from __future__ import annotations

import atexit
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

PHASES = ("read", "resolve", "write")


def _wrap(cls: type, name: str, phase: str, times: dict[str, dict[str, float]]) -> None:
    original: Callable[..., Any] = getattr(cls, name)

    def timed(self: object, docname: str, *args: object, **kwargs: object) -> object:
        start = time.process_time()
        try:
            return original(self, docname, *args, **kwargs)
        finally:
            spent = time.process_time() - start
            times[docname][phase] = times[docname].get(phase, 0.0) + spent

    setattr(cls, name, timed)


def run(out: str, argv: list[str]) -> int:
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.cmd.build import main
    from sphinx.environment import BuildEnvironment

    times: dict[str, dict[str, float]] = defaultdict(dict)
    _wrap(Builder, "read_doc", "read", times)
    _wrap(BuildEnvironment, "get_and_resolve_doctree", "resolve", times)
    _wrap(StandaloneHTMLBuilder, "write_doc", "write", times)
    start = time.process_time()

    def dump() -> None:
        record = {"total": time.process_time() - start, "argv": argv, "docs": times}
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(record, handle)

    atexit.register(dump)
    return int(main(argv))


def summary(path: str, pages: str = "corpus/", top: int = 5) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        record = json.load(handle)
    docs: dict[str, dict[str, float]] = record["docs"]
    lines = [f"process CPU s: {record['total']:.2f}"]
    for phase in PHASES:
        every = sum(d.get(phase, 0.0) for d in docs.values())
        corpus = [d.get(phase, 0.0) for name, d in docs.items() if name.startswith(pages)]
        mean = 1000 * sum(corpus) / max(len(corpus), 1)
        costliest = sorted(((d.get(phase, 0.0), n) for n, d in docs.items()), reverse=True)
        named = ", ".join(f"{n} {s:.2f}" for s, n in costliest[:top])
        lines.append(
            f"{phase:8} all pages {every:7.2f} s; {len(corpus)} {pages} pages "
            f"{sum(corpus):7.2f} s, {mean:5.1f} ms each; costliest: {named}"
        )
    return lines


if __name__ == "__main__":
    if sys.argv[1:2] == ["--summary"]:
        print("\n".join(summary(sys.argv[2])))
    else:
        sys.exit(run(sys.argv[1], sys.argv[2:]))
