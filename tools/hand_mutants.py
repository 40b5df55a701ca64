"""Run hand-written mutants of parse modules against a test file.

Usage (from the repository root; nice it on a shared machine):
    nice -n 19 python tools/hand_mutants.py MUTANTS.txt TESTS... [--python PY]

Each line of MUTANTS.txt is ``MODULE|TEXT|REPLACEMENT`` (``#`` lines are comments):
the first occurrence of TEXT in ``src/sourcebook/parse/MODULE`` is replaced in a copy
of ``src/`` and TESTS run there with ``pytest -x``; a mutant is killed when they fail.
A targeted check for new rules, beside the sampled run of ``mutation_sample.py``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _mutants(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            module, text, replacement = line.split("|", 2)
            rows.append((module, text, replacement))
    return rows


def _killed(python: str, work: Path, tests: list[str]) -> bool:
    env = {**os.environ, "PYTHONPATH": str(work / "src")}
    args = [python, "-m", "pytest", "-q", "-x", "-n", "0", "-p", "no:cacheprovider", *tests]
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, check=False).returncode != 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mutants", type=Path)
    parser.add_argument("tests", nargs="+")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    survivors = 0
    rows = _mutants(args.mutants)
    for number, (module, text, replacement) in enumerate(rows, 1):
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            shutil.copytree(ROOT / "src", work / "src")
            target = work / "src" / "sourcebook" / "parse" / module
            source = target.read_text(encoding="utf-8")
            if text not in source:
                print(f"{number} {module}: text not found: {text!r}")
                return 2
            target.write_text(source.replace(text, replacement, 1), encoding="utf-8")
            killed = _killed(args.python, work, args.tests)
        survivors += not killed
        print(f"{number} {module} {'killed' if killed else 'SURVIVED'}: {text!r}")
    print(f"{len(rows) - survivors} of {len(rows)} killed")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
