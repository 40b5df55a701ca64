"""What a one-seed rebuild's gate and help-wanted page read again at N documents, timed alone.

Two costs the sixth round removes (docs/manual/performance.md), each measured
on a project built by the current code (its caches warm) in child processes,
CPU seconds from ``wait4``, the two cases alternated ``--repeat`` times:

* ``check``: a warm ``sourcebook check`` with the folder records whole
  ("kept"), and with only the seeds' records left ("seeds_only": what the
  help-wanted page's save left before this round, so the next gate parsed
  every ``document.toml`` and ``apparatus.toml`` again);
* ``light_documents``: the help-wanted page's second reading of every seed
  through the kept results (``CorpusRegistry.light_documents``), in one process
  against the same process doing nothing but the set-up ("setup_only"):
  what a build whose gate ran no longer does.

    python bench/records_time.py DIR CACHE --repeat 5 --results FILE
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import PY, _commit, measure, write_record  # noqa: E402

from sourcebook.core.cachestore import decode, encode  # noqa: E402

LIGHT = """
import sys
from pathlib import Path
from sourcebook.corpus.cache import ParseCache
from sourcebook.corpus.load import read_outlets
from sourcebook.corpus.manifest import load_manifest
from sourcebook.corpus.projectbib import load_project_bibliography
from sourcebook.sphinxext.corpusregistry import CorpusRegistry
root = Path(sys.argv[1])
manifest, _ = load_manifest(root)
bib, _ = load_project_bibliography(root)
reg = CorpusRegistry(root, manifest, bib, {}, read_outlets(root, manifest), parser=ParseCache())
if sys.argv[2] == "read":
    assert sum(1 for _ in reg.light_documents()) == len(manifest.documents)
"""


def seeds_only(cache: Path) -> None:
    """Leave only the seeds' results in the folder records under *cache*."""
    for stored in (cache / "folders").rglob("*"):
        if stored.is_file() and not stored.name.startswith("."):
            payload = decode(stored.read_bytes())
            results = payload["results"]
            payload["results"] = {k: v for k, v in results.items() if k.startswith("seed:")}
            stored.write_bytes(encode(payload))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("cache", type=Path, help="its SOURCEBOOK_CACHE_DIR, warm")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)
    src = str(HERE.parent / "src")
    runs: dict[str, list[float]] = {"kept": [], "seeds_only": [], "read": [], "setup_only": []}
    check = [PY, "-m", "sourcebook", "check", "--root", str(args.project)]
    with tempfile.TemporaryDirectory(prefix="records-time-") as tmp:
        cache = Path(tmp) / "cache"
        shutil.copytree(args.cache, cache)
        env = {"SOURCEBOOK_CACHE_DIR": str(cache), "PYTHONPATH": src}
        measure(check, cwd=args.project, env=env)  # every record of this code, kept
        whole = Path(tmp) / "whole"
        shutil.copytree(cache, whole)
        for _ in range(args.repeat):
            for case in ("kept", "seeds_only"):
                shutil.rmtree(cache)
                shutil.copytree(whole, cache)
                if case == "seeds_only":
                    seeds_only(cache)
                runs[case].append(measure(check, cwd=args.project, env=env).cpu)
            for case in ("read", "setup_only"):
                script = [PY, "-c", LIGHT, str(args.project), case.split("_")[0]]
                runs[case].append(measure(script, env=env).cpu)
            print({k: v[-1] for k, v in runs.items()}, flush=True)
    record = {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
            f"CPU seconds (wait4) of each child process, cases alternated, median of "
            f"{args.repeat}."
        ),
        "project": str(args.project),
        "documents": sum(1 for p in (args.project / "seeds").glob("*/document.toml")),
        "median_cpu_s": {k: round(statistics.median(v), 3) for k, v in runs.items()},
        "runs": {k: [round(x, 3) for x in v] for k, v in runs.items()},
    }
    write_record(args.results, record)
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
