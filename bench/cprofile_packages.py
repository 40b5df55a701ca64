"""Where a cProfile run's CPU went, by package: self time of every function, summed.

Self (exclusive) time says which code the processor was actually running:
docutils' tree walks when a transform looks for nodes, sourcebook's own loops,
pickling (``builtins``).  The inclusive time of sourcebook's event handlers
and of Sphinx's phases is printed after it, to say who asked for that work.

    python -m cProfile -o /tmp/full.prof -m sphinx -q -b html docs docs/_build/html
    python bench/cprofile_packages.py /tmp/full.prof
"""

from __future__ import annotations

import argparse
import pstats
import re
from collections import Counter

_PACKAGE = re.compile(r"site-packages/([^/]+)")

#: inclusive times worth printing: Sphinx's phases and sourcebook's entry points
_PHASES = ("builders/__init__.py", "application.py", "sourcebook/sphinxext/")


def _package(filename: str) -> str:
    if "/sourcebook/" in filename:
        return "sourcebook"
    found = _PACKAGE.search(filename)
    if found:
        return found.group(1).removesuffix(".py")
    return "builtins" if filename.startswith("~") else "stdlib"


def summarise(stats: pstats.Stats, top: int) -> list[str]:
    by_package: Counter[str] = Counter()
    inclusive: list[tuple[float, str]] = []
    table = stats.stats  # type: ignore[attr-defined]
    for (filename, line, function), (_, _, own, cumulative, _) in table.items():
        by_package[_package(filename)] += own
        if any(part in filename for part in _PHASES):
            where = filename.split("site-packages/")[-1].split("src/")[-1]
            inclusive.append((cumulative, f"{where}:{line}({function})"))
    total = sum(by_package.values()) or 1.0
    lines = [f"self time by package (total {total:.2f} s under the profiler)"]
    lines += [f"{100 * t / total:5.1f} %  {t:7.2f} s  {k}" for k, t in by_package.most_common(top)]
    lines.append("inclusive time of Sphinx's phases and sourcebook's handlers")
    inclusive.sort(reverse=True)
    lines += [f"{100 * t / total:5.1f} %  {t:7.2f} s  {name}" for t, name in inclusive[:top]]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("profile")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    print("\n".join(summarise(pstats.Stats(args.profile), args.top)))


if __name__ == "__main__":
    main()
