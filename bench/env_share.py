"""What a rebuild pays for Sphinx's whole-site files, timed on a built project's environment.

Every build that reads or writes a page unpickles Sphinx's environment and,
when it changed, pickles it again whole, and writes ``objects.inv`` whole:
linear in the site, whatever the edit.  This loads ``environment.pickle`` of
a built project (read only: nothing is written beside it), then times, in
this process, CPU seconds each:

* ``load``: ``pickle.load`` of the file (what ``Sphinx._load_existing_env`` does);
* ``dump``: ``pickle.dump`` of the environment to a temporary file (Sphinx's
  ``pickle_env``, which drops the app and the domains' references first: here
  the loaded environment has none);
* ``relations`` and ``outline``: what :mod:`sourcebook.sphinxext.navchange`
  computes twice on a rebuild that reads a page (``collect_relations``, the
  shared sidebar), and ``titles``: every title's text, as
  :mod:`sourcebook.sphinxext.titled` takes those of the pages read.

    python bench/env_share.py DOCTREES... [--repeat 3] [--results FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _cpu(step: Callable[[], object]) -> float:
    start = time.process_time()
    step()
    return time.process_time() - start


def _size(path: Path) -> int | None:
    return path.stat().st_size if path.is_file() else None


def _parts(env: Any) -> dict[str, int]:
    """The pickled size of each domain's data and of the environment's largest tables:
    whose data the environment's pickle holds (the extension's or Sphinx's)."""
    sizes = {
        f"domain:{name}": len(pickle.dumps(data, pickle.HIGHEST_PROTOCOL))
        for name, data in env.domaindata.items()
    }
    for name, value in vars(env).items():
        # the settings hold the environment itself: pickled alone they are all of it
        if name not in ("domaindata", "settings"):
            sizes[name] = len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return dict(sorted(sizes.items(), key=lambda item: -item[1])[:20])


def measure(doctrees: Path, repeat: int) -> dict[str, Any]:
    from sourcebook.sphinxext.navigation import build_outline, render

    path = doctrees / "environment.pickle"
    samples: dict[str, list[float]] = {}
    env: Any = None
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeat):
            with path.open("rb") as handle:
                start = time.process_time()
                env = pickle.load(handle)
                samples.setdefault("load", []).append(time.process_time() - start)
            with open(os.path.join(tmp, "env.pickle"), "wb") as out:
                dump = _cpu(lambda out=out, env=env: pickle.dump(env, out, pickle.HIGHEST_PROTOCOL))
            samples.setdefault("dump", []).append(dump)
            samples.setdefault("relations", []).append(_cpu(env.collect_relations))
            shared = lambda env=env: render(build_outline(env, "index"), "index", str)  # noqa: E731
            outline = _cpu(shared)
            samples.setdefault("outline", []).append(outline)
            titles = _cpu(lambda env=env: [t.astext() for t in env.titles.values()])
            samples.setdefault("titles", []).append(titles)
    return {
        "parts_bytes": _parts(env),
        "doctrees": str(doctrees),
        "pickle_bytes": path.stat().st_size,
        # written whole by every build that writes a page (not timed here: it needs the
        # domains, which only a configured application has)
        "objects_inv_bytes": _size(doctrees.parent / "objects.inv"),
        "documents": len(env.all_docs),
        "median_cpu_s": {k: round(statistics.median(v), 4) for k, v in samples.items()},
        "samples_cpu_s": {k: [round(x, 4) for x in v] for k, v in samples.items()},
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("doctrees", type=Path, nargs="+", help="a built site's .doctrees")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args(argv)
    runs = []
    for doctrees in args.doctrees:
        found = measure(doctrees, args.repeat)
        shown = ("documents", "pickle_bytes", "median_cpu_s", "parts_bytes")
        print(json.dumps({k: found[k] for k in shown}))
        runs.append(found)
    if args.results:
        record = {
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "load_average": os.getloadavg(),
            "runs": runs,
        }
        args.results.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
