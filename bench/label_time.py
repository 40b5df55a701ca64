"""CPU seconds of the "how to cite" labels of a project's whole bibliography.

Labels every entry as a build does (:func:`sourcebook.sphinxext.howtocite.bibliography_label`)
three ways, each in a fresh child process so that nothing is preloaded that
the way measured does not preload: ``scan`` without pybtex's plugins
preloaded (as outside Sphinx before this was fixed; slow: pass
``--with-scan`` to run it), ``preloaded`` (the labels computed, as a build
whose bibliography changed does) and ``kept`` (the labels found in the
environment under the bibliography's hash, as every other build does).

    PYTHONPATH=src python bench/label_time.py DIR [--with-scan]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, sys, time
from pathlib import Path
from sourcebook.corpus.projectbib import load_project_bibliography
from sourcebook.sphinxext import howtocite
mode, root = sys.argv[1], Path(sys.argv[2])
sources = load_project_bibliography(root)[0].sources
class Env:
    pass
env = Env()
if mode == "preloaded":
    from sourcebook.bib.pybtexplugins import ensure_preloaded
    ensure_preloaded()
if mode == "kept":
    for source in sources.values():
        howtocite.bibliography_label(source, sources, env)
    howtocite._LABELS.clear()
    sources = load_project_bibliography(root)[0].sources  # a new build's objects
if mode == "scan":
    # labels_by_key preloads since this change: undo it to time the scanning path
    import sourcebook.render.bibstyle as bibstyle
    bibstyle.ensure_preloaded = lambda: None
start = time.process_time()
labels = [howtocite.bibliography_label(s, sources, env) for s in sources.values()]
print(json.dumps({"entries": len(sources), "cpu_s": time.process_time() - start}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--with-scan", action="store_true")
    args = parser.parse_args()
    modes = (["scan"] if args.with_scan else []) + ["preloaded", "kept"]
    found: dict[str, object] = {}
    for mode in modes:
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", CHILD, mode, str(args.project)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            for _ in range(1 if mode == "scan" else args.repeat)
        ]
        found[mode] = {
            "entries": runs[0]["entries"],
            "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 3),
        }
    print(json.dumps(found))


if __name__ == "__main__":
    main()
