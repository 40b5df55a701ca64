"""What the Sphinx process holds while it reads, and at the turn from reading to writing.

    python bench/read_memory.py OUT.json [--every K] [--tracemalloc FRAMES] -- SPHINX-ARGS

Runs ``sphinx-build SPHINX-ARGS`` in this process with probes.  Every doctree
read is remembered by a weak reference, so a probe can say how many of them
are still alive.  Every *K* documents read (after the doctree cache's eviction)
a probe records the resident set (``VmRSS``), the doctrees alive and the
doctree cache's length.  At the end of reading (``env-updated``, before its other
handlers) and when writing starts (``write-started``) a fuller probe records
the same, then the size of each attribute of the environment, of each domain's
data and of the application's ``sourcebook_*`` attributes (their pickled length:
what the environment would write), then runs a full collection and records
what it freed (objects, resident set, doctrees alive after it).  With
``--tracemalloc``, allocation tracing runs from the start and each fuller probe
adds the 25 largest holders, grouped by traceback (*FRAMES* deep; slow).
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import sys
import time
import tracemalloc
import weakref
from pathlib import Path
from typing import Any

RECORDS: list[dict[str, Any]] = []
DOCTREES: list[weakref.ref[Any]] = []
STATE: dict[str, Any] = {"every": 100, "frames": 0, "out": None}


def _rss() -> dict[str, float]:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)  # kB -> MiB
    return fields


def _alive() -> int:
    return sum(1 for ref in DOCTREES if ref() is not None)


def _cache_len(env: Any) -> int:
    cache = getattr(env, "_write_doc_doctree_cache", None)
    return len(cache) if isinstance(cache, dict) else -1


def _pickled(value: Any) -> int:
    try:
        return len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    except Exception:  # some attributes (the app, the builder) do not pickle
        return -1


def _sizes(app: Any) -> dict[str, int]:
    """Pickled length of each environment attribute, domain's data and app attribute."""
    env = app.env
    sizes: dict[str, int] = {}
    skip = {"app", "_app", "config", "events", "project", "domains", "_registry"}
    for name, value in vars(env).items():
        if name not in skip:
            sizes[f"env.{name}"] = _pickled(value)
    for name, domain in env.domains.items():
        sizes[f"domain.{name}"] = _pickled(domain.data)
    for name, value in vars(app).items():
        if "sourcebook" in name:
            sizes[f"app.{name}"] = _pickled(value)
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))


def _top(frames: int) -> list[dict[str, Any]]:
    snapshot = tracemalloc.take_snapshot()
    stats = snapshot.statistics("traceback")[:25]
    return [
        {
            "mib": round(stat.size / 2**20, 2),
            "blocks": stat.count,
            "trace": [
                f"{f.filename.split('site-packages/')[-1]}:{f.lineno}" for f in stat.traceback
            ][-frames:],
        }
        for stat in stats
    ]


def _record(phase: str, app: Any, full: bool = False) -> None:
    record: dict[str, Any] = {
        "phase": phase,
        "read": len(DOCTREES),
        **_rss(),
        "doctrees_alive": _alive(),
        "doctree_cache": _cache_len(app.env),
        "time": round(time.time(), 1),
    }
    if full:
        record["sizes"] = _sizes(app)
        if STATE["frames"]:
            record["tracemalloc"] = _top(STATE["frames"])
        record["collected"] = gc.collect()
        record["after_collect"] = {**_rss(), "doctrees_alive": _alive()}
    RECORDS.append(record)
    Path(STATE["out"]).write_text(json.dumps(RECORDS, indent=1) + "\n", encoding="utf-8")
    print(
        f"[read_memory] {phase}: {record['VmRSS']} MiB, alive {record['doctrees_alive']}",
        file=sys.stderr,
    )


def _on_read(app: Any, doctree: Any) -> None:
    DOCTREES.append(weakref.ref(doctree))
    if len(DOCTREES) % STATE["every"] == 0:
        _record("reading", app)


def _install() -> None:
    import sourcebook.sphinxext as ext

    original = ext.setup

    def setup(app: Any) -> dict[str, Any]:
        result = original(app)
        app.connect("env-before-read-docs", lambda app, env, names: _record("before-read", app))
        # after the doctree cache's eviction (900)
        app.connect("doctree-read", _on_read, priority=1000)
        app.connect("env-updated", lambda app, env: _record("read", app, True), priority=1)
        app.connect("write-started", lambda app, b: _record("write-started", app, True), priority=1)
        app.connect("build-finished", lambda app, exc: _record("written", app), priority=1000)
        return result

    ext.setup = setup  # type: ignore[assignment]  # Sphinx calls the module's attribute


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--tracemalloc", type=int, default=0, metavar="FRAMES")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    STATE.update(every=args.every, frames=args.tracemalloc, out=args.out)
    if args.tracemalloc:
        tracemalloc.start(args.tracemalloc)
    _install()
    from sphinx.cmd.build import main as sphinx_main

    return sphinx_main(argv[cut + 1 :])


if __name__ == "__main__":
    sys.exit(main())
