"""A build with docutils' tree walks counted: node visits of ``findall`` by calling function.

Runs ``sphinx-build`` in this process with ``Node.findall`` instrumented: each
node a class-filtered or unfiltered walk visits is counted and charged to the
function that asked for the walk (the first caller outside docutils' and
Sphinx's node helpers).  Walks with another kind of condition (a
``NodeMatcher``) recurse through ``findall`` itself and are not counted;
visitors (``walkabout``) are not either.  The counts go to OUT, largest first.

    SOURCEBOOK_CACHE_DIR=C python bench/walk_visits.py OUT -W --keep-going -q -b html \\
        DIR/docs DIR/docs/_build/html
"""

from __future__ import annotations

import atexit
import collections
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes

VISITS = [0]
BY: collections.Counter[str] = collections.Counter()
CALLS: collections.Counter[str] = collections.Counter()
HELPERS = ("docutils/nodes.py", "sphinx/util/nodes.py", "walk_visits.py")


def _fast(self: nodes.Node, cls: type) -> Iterator[nodes.Node]:
    VISITS[0] += 1
    if isinstance(self, cls):
        yield self
    for child in self.children:
        yield from _fast(child, cls)


def _superfast(self: nodes.Node) -> Iterator[nodes.Node]:
    VISITS[0] += 1
    yield self
    for child in self.children:
        yield from _superfast(child)


ORIGINAL = nodes.Node.findall


def _caller() -> str:
    frame = sys._getframe(2)
    while frame.f_back is not None and frame.f_code.co_filename.endswith(HELPERS):
        frame = frame.f_back
    path = frame.f_code.co_filename.split("site-packages/")[-1].split("/src/")[-1]
    return f"{path}:{frame.f_code.co_name}"


def findall(self: nodes.Node, *args: Any, **kwargs: Any) -> Iterator[nodes.Node]:
    key = _caller()
    CALLS[key] += 1
    walk = ORIGINAL(self, *args, **kwargs)
    while True:
        before = VISITS[0]
        try:
            node = next(walk)
        except StopIteration:
            BY[key] += VISITS[0] - before
            return
        BY[key] += VISITS[0] - before
        yield node


def report(out: Path) -> None:
    total = sum(BY.values())
    lines = [f"total visits {total}"]
    for key, visits in BY.most_common():
        lines.append(f"{visits:10d} {100 * visits / max(total, 1):5.1f}% {CALLS[key]:8d} {key}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    out = Path(sys.argv.pop(1))
    nodes.Node._fast_findall = _fast  # type: ignore[method-assign]
    nodes.Node._superfast_findall = _superfast  # type: ignore[method-assign]
    nodes.Node.findall = findall  # type: ignore[method-assign]
    atexit.register(report, out)
    from sphinx.cmd.build import main as build

    return build(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
