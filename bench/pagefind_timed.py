"""Run the Pagefind binary and record its CPU seconds: Pagefind's part of a build, on its own.

``bench/rebuilds.py`` points ``PAGEFIND_BINARY_PATH`` (which the ``pagefind``
package's launcher and its service both honour) at a script running this
module, so every run of the indexer during a build, however the extension
starts it, appends one JSON line (CPU seconds of the binary and its threads
from ``wait4``, wall seconds) to the file named by ``SOURCEBOOK_BENCH_PAGEFIND_LOG``.
The build's own CPU is then the rebuild's total less these.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from pagefind_bin_extended import get_executable  # the real binary, not this wrapper

LOG = "SOURCEBOOK_BENCH_PAGEFIND_LOG"


def wrapper_script() -> str:
    """The text of an executable script that runs this module with this interpreter."""
    return f'#!/bin/sh\nexec "{sys.executable}" "{os.path.abspath(__file__)}" "$@"\n'


def read_log(path: str) -> float:
    """The CPU seconds the log at *path* records, summed; the log is emptied."""
    try:
        with open(path, encoding="utf-8") as log:
            total = sum(json.loads(line)["cpu_s"] for line in log if line.strip())
    except FileNotFoundError:
        return 0.0
    os.unlink(path)
    return total


def main() -> int:
    start = time.perf_counter()
    proc = subprocess.Popen([str(get_executable()), *sys.argv[1:]])
    _, status, usage = os.wait4(proc.pid, 0)
    record = {
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "wall_s": round(time.perf_counter() - start, 3),
        "argv": sys.argv[1:3],
    }
    if LOG in os.environ:
        with open(os.environ[LOG], "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
