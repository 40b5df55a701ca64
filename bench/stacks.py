"""Summarise a py-spy ``--format raw`` profile (collapsed stacks): where the samples went.

Prints, for the functions present in the most samples, the share of all
samples whose stack holds them (inclusive time), and the same for every
source file of sourcebook and Sphinx (by module).

    python bench/stacks.py bench/profiles/one-seed-1000.txt [--top 30]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

#: ``function (path/to/module.py:line)`` as py-spy writes each frame
_FRAME = re.compile(r"^(?P<func>.+?) \((?P<file>[^():]+?)(?::\d+)?\)$")


def read(path: Path) -> list[tuple[list[str], int]]:
    stacks = []
    for line in path.read_text(encoding="utf-8").splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            stacks.append((frames.split(";"), int(count)))
    return stacks


def _module(file: str) -> str:
    for marker in ("site-packages/", "src/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file.rsplit("/", 1)[-1]


def summarise(stacks: list[tuple[list[str], int]], top: int) -> list[str]:
    total = sum(count for _, count in stacks) or 1
    functions: Counter[str] = Counter()
    modules: Counter[str] = Counter()
    for frames, count in stacks:
        seen_functions, seen_modules = set(), set()
        for frame in frames:
            match = _FRAME.match(frame.strip())
            name = frame.strip()
            module = _module(match["file"]) if match else "?"
            if match:
                name = f"{match['func']} ({module})"
            seen_functions.add(name)
            seen_modules.add(module)
        functions.update(dict.fromkeys(seen_functions, count))
        modules.update(dict.fromkeys(seen_modules, count))
    lines = [f"{total} samples", "", "inclusive share by function:"]
    lines += [f"{100 * n / total:5.1f} %  {name}" for name, n in functions.most_common(top)]
    lines += ["", "inclusive share by module:"]
    lines += [f"{100 * n / total:5.1f} %  {name}" for name, n in modules.most_common(top)]
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    print("\n".join(summarise(read(args.profile), args.top)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
