"""Run ``sphinx-build`` with a probe of its memory at each phase's end.

    python bench/memprobe.py OUT.jsonl [sphinx-build arguments]

Each line of *OUT.jsonl* is one phase's end: its name, the process's resident
set then (``VmRSS``) and its peak so far (``VmHWM``, so a phase's peak is the
first line's ``hwm_mib`` that covers it), the process's CPU seconds, and the
largest child process waited for so far (``RUSAGE_CHILDREN``: the gate's and
the page generator's child, Pagefind's indexer).  The phases are the
``builder-inited`` handlers' (the gate at priority 100, the page generator at
500: probed just after each), reading (``env-updated``), what runs between
reading and writing (the ``env-updated`` handlers, the dependents, the
environment's pickling, the consistency check, the writer's preparation), the
first page resolved and every hundredth, and writing (``build-finished``).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

OUT: Path | None = None


def _status() -> dict[str, float]:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024  # kB -> MiB
    return fields


def probe(phase: str) -> None:
    status = _status()
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    record = {
        "phase": phase,
        "rss_mib": round(status["VmRSS"], 1),
        "hwm_mib": round(status["VmHWM"], 1),
        "cpu_s": round(own.ru_utime + own.ru_stime, 2),
        "children_cpu_s": round(kids.ru_utime + kids.ru_stime, 2),
        "children_peak_mib": round(kids.ru_maxrss / 1024, 1),
        "time": round(time.time(), 1),
    }
    assert OUT is not None
    with OUT.open("a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")


def _probed(probe: Any, phase: str) -> list[str]:
    probe(phase)
    return []  # env-get-updated: no document added


_RESOLVED: list[str] = []


def _first_resolved(app: Any, doctree: Any, docname: str) -> None:
    """Probe as the first page is resolved (its doctree read back), then at every
    hundredth."""
    _RESOLVED.append(docname)
    if len(_RESOLVED) == 1 or len(_RESOLVED) % 100 == 0:
        probe(f"resolving {len(_RESOLVED)}: {docname}")


def _install() -> None:
    import sourcebook.sphinxext as ext

    original = ext.setup

    def setup(app: Any) -> dict[str, Any]:
        result = original(app)
        probe("setup")
        app.connect("builder-inited", lambda app: probe("gate"), priority=101)
        app.connect("builder-inited", lambda app: probe("generator"), priority=501)
        app.connect("builder-inited", lambda app: probe("builder-inited"), priority=1000)
        app.connect("env-before-read-docs", lambda app, env, names: probe("before-read"))
        app.connect("env-updated", lambda app, env: probe("read"), priority=1000)
        # between reading and writing: the env-updated handlers (above: before them),
        # the dependents, the environment's pickling, the consistency check, the
        # writer's preparation, then the first page resolved
        app.connect("env-updated", lambda app, env: probe("env-updated-start"), priority=1)
        app.connect("env-get-updated", lambda app, env: _probed(probe, "dependents"), 1000)
        app.connect("env-check-consistency", lambda app, env: probe("pickled"), priority=1)
        app.connect("write-started", lambda app, builder: probe("consistent"), priority=1)
        app.connect("doctree-resolved", _first_resolved, priority=1)
        app.connect("build-finished", lambda app, exc: probe("written"), priority=1000)
        return result

    ext.setup = setup  # type: ignore[assignment]  # Sphinx calls the module's attribute


def main() -> int:
    global OUT
    OUT = Path(sys.argv[1])
    _install()
    from sphinx.cmd.build import main as sphinx_main

    status = sphinx_main(sys.argv[2:])
    probe("exit")
    return status


if __name__ == "__main__":
    sys.exit(main())
