"""CPU time a Python command spends in the cyclic garbage collector.

Runs a module as ``python -m MODULE ARGS`` would, with a ``gc.callbacks`` hook
that adds up the process CPU time of every collection, and prints on exit the
total, the full (generation 2) collections' share, the number of collections
of each generation and the process's CPU time (up to the exit handlers:
Python's shutdown comes after).  ``--off`` runs it with the collector
disabled, ``--freeze-at-exit`` freezes the heap in the last exit handler (what
``sourcebook.sphinxext.memory.freeze_at_exit`` does), for comparison; time
the whole process with ``/usr/bin/time`` to see the shutdown.  cProfile
charges a collection to whatever function was running when it started, so a
profile alone cannot show this.

    python bench/gctime.py [--off] [--freeze-at-exit] sphinx -q -b html DIR/docs OUT
    python bench/gctime.py sourcebook check --root DIR
"""

from __future__ import annotations

import atexit
import gc
import runpy
import sys
import time

_spent = {"start": 0.0, "total": 0.0, "full": 0.0}
_counts = [0, 0, 0]


def _hook(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _spent["start"] = time.process_time()
        return
    elapsed = time.process_time() - _spent["start"]
    _spent["total"] += elapsed
    _counts[info["generation"]] += 1
    if info["generation"] == 2:
        _spent["full"] += elapsed


def _report() -> None:
    print(
        f"gc: {_spent['total']:.2f} s CPU ({_spent['full']:.2f} s in full collections), "
        f"collections by generation {_counts}; process CPU {time.process_time():.2f} s",
        file=sys.stderr,
    )


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--off":
        gc.disable()
        argv = argv[1:]
    if argv and argv[0] == "--freeze-at-exit":
        atexit.register(gc.freeze)  # registered first: runs last
        argv = argv[1:]
    if not argv:
        sys.exit(__doc__)
    gc.callbacks.append(_hook)
    atexit.register(_report)
    sys.argv = [argv[0], *argv[1:]]
    runpy.run_module(argv[0], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
