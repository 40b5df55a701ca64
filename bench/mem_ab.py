"""Full HTML builds of source trees alternated, with the memory of each phase.

As :mod:`html_ab` (each tree its own copy of the corpus and cache, filled by
one ``sourcebook check`` first; builds alternated from a clean output), but
each build runs under :mod:`memprobe`, which records at each phase's end the
Sphinx process's resident set and peak so far and the largest child's peak:

    nice -n 19 python bench/mem_ab.py DIR --src before=/tmp/old/src after=src \\
        --results bench/results-mem-1000.json

The results give, per tree and run, the phases' lines, the process's CPU
seconds and peak (``wait4``: the process and its children).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
from html_ab import copies_checked  # noqa: E402
from run import CHILD_ENV, PY, _clean, _commit, measure, sphinx, write_record  # noqa: E402


def _build(copy: Path, env: dict[str, str], log: Path, extra: list[str]) -> dict[str, object]:
    """One full build under the probe: its phases, CPU seconds and peak."""
    log.unlink(missing_ok=True)
    cmd = [PY, str(HERE / "memprobe.py"), str(log), *sphinx(copy, "html", "html", *extra)[3:]]
    sample = measure(cmd, cwd=copy, env=env)
    lines = log.read_text(encoding="utf-8").splitlines() if log.is_file() else []
    env = copy / "docs" / "_build" / "html" / ".doctrees" / "environment.pickle"
    return {
        "env_pickle_bytes": env.stat().st_size if env.is_file() else None,
        "cpu_s": round(sample.cpu, 2),
        "peak_mib": round(sample.rss_mib, 1),
        "ok": sample.ok,
        "load": [round(x, 2) for x in os.getloadavg()],
        "phases": [json.loads(line) for line in lines],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a corpus (seeds/, docs/)")
    parser.add_argument("--src", nargs="+", required=True, help="NAME=DIR of a source tree")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--define",
        nargs="*",
        default=[],
        help="NAME:SETTING=VALUE: give one tree's builds `-D SETTING=VALUE`",
    )
    parser.add_argument("--work", type=Path, help="copy the corpora here")
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)
    CHILD_ENV.pop("PYTHONPATH", None)
    trees = dict(pair.partition("=")[::2] for pair in args.src)
    extra: dict[str, list[str]] = {name: [] for name in trees}
    for item in args.define:
        name, _, setting = item.partition(":")
        extra[name] += ["-D", setting]
    record: dict[str, object] = {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
            "full HTML builds alternated under bench/memprobe.py: per phase the Sphinx "
            "process's RSS and peak so far (MiB) and the largest child's peak"
        ),
        "documents": len(layout.slugs(args.project)),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
        "trees": trees,
        "defines": extra,
        "runs": {name: [] for name in trees},
    }
    with tempfile.TemporaryDirectory(prefix="sourcebook-mem-ab-", dir=args.work) as tmp:
        copies, envs = copies_checked(args.project, trees, Path(tmp))
        for round_ in range(args.repeat):
            for name, copy in copies.items():
                _clean(copy)
                run = _build(copy, envs[name], Path(tmp) / f"{name}.jsonl", extra[name])
                record["runs"][name].append(run)  # type: ignore[index]
                print(
                    f"  round {round_ + 1} {name:<8} {run['cpu_s']:8.2f} s CPU, "
                    f"peak {run['peak_mib']} MiB",
                    flush=True,
                )
                write_record(args.results, record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
