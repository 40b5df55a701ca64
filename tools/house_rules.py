"""The house rules, enforced in lint: small functions and modules, no import cycles.

``python tools/house_rules.py src/sourcebook`` prints one line per breach,
``path:line:col: CODE message``, and exits 1 when any breach is new or worse
than the recorded debt:

* ``HR001`` a function or method above radon grade C (cyclomatic complexity > 20);
* ``HR002`` a module over 400 lines;
* ``HR003`` a function over 60 lines (from ``def`` to its last line);
* ``HR004`` an import cycle between modules of the package, counting imports
  inside functions too (they hide a cycle from Python, not from a reader);
* ``HR005`` an upward import: a layer importing one listed above it (the
  layers, top first, are ``[tool.house_rules] layers`` in pyproject.toml).

Debt that predates a rule is listed in ``tools/house-debt.toml`` with the size
it had; a listed breach may shrink but not grow, and an entry that no longer
breaches must be deleted (``--write-debt`` rewrites the file; review the diff).
radon measures complexity and grimp builds the import graph (the graph
import-linter uses); the rest is line counting.
"""

from __future__ import annotations

import argparse
import ast
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grimp
from radon.complexity import cc_visit

MAX_COMPLEXITY = 20  # radon grade C ends at 20; D starts at 21
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
DEBT = Path(__file__).with_name("house-debt.toml")


@dataclass(frozen=True, slots=True)
class Breach:
    path: str
    line: int
    code: str
    #: what the breach is about: ``module``, ``module.function`` or a cycle's members
    subject: str
    size: int
    message: str

    def key(self) -> str:
        return f"{self.code} {self.subject}"

    def render(self, note: str = "") -> str:
        return f"{self.path}:{self.line}:1: {self.code} {self.message}{note}"


def _modules(package: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def _functions(
    tree: ast.AST, prefix: str
) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method with its dotted name inside the module."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield f"{prefix}{node.name}", node
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")


def _blocks(blocks: Iterable[Any]) -> Iterator[Any]:
    """radon's functions and methods, closures included, each once (classes are not scored;
    radon lists a method both on its own and under its class)."""
    seen: set[tuple[int, str]] = set()
    pending = list(blocks)
    while pending:
        block = pending.pop()
        if hasattr(block, "methods"):
            pending.extend(block.methods)
            continue
        pending.extend(getattr(block, "closures", ()))
        if (block.lineno, block.fullname) not in seen:
            seen.add((block.lineno, block.fullname))
            yield block


def size_breaches(package: Path, root: Path) -> Iterator[Breach]:
    """HR001-HR003 for every module of *package* (paths shown relative to *root*)."""
    for name, path in _modules(package):
        source = path.read_text(encoding="utf-8")
        shown = path.relative_to(root).as_posix()
        lines = source.count("\n") + (not source.endswith("\n") and bool(source))
        if lines > MAX_MODULE_LINES:
            yield Breach(
                shown,
                1,
                "HR002",
                name,
                lines,
                f"{name} has {lines} lines (limit {MAX_MODULE_LINES})",
            )
        for item in _blocks(cc_visit(source)):
            if item.complexity > MAX_COMPLEXITY:
                label = f"{name}.{item.fullname}"
                yield Breach(
                    shown,
                    item.lineno,
                    "HR001",
                    label,
                    item.complexity,
                    f"{label} has complexity {item.complexity} (limit {MAX_COMPLEXITY}, grade C)",
                )
        for label, node in _functions(ast.parse(source), f"{name}."):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                yield Breach(
                    shown,
                    node.lineno,
                    "HR003",
                    label,
                    length,
                    f"{label} has {length} lines (limit {MAX_FUNCTION_LINES})",
                )


def _components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                if len(members) > 1:
                    found.append(sorted(members))
    return found


def _graph(package: Path) -> Any:
    sys.path.insert(0, str(package.parent))
    try:
        return grimp.build_graph(package.name, cache_dir=None)
    finally:
        sys.path.remove(str(package.parent))


def cycle_breaches(package: Path, root: Path) -> Iterator[Breach]:
    """HR004: each import cycle once, at its first module."""
    graph = _graph(package)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    paths = dict(_modules(package))
    for members in _components(edges):
        first = members[0]
        shown = paths[first].relative_to(root).as_posix() if first in paths else first
        yield Breach(
            shown,
            1,
            "HR004",
            " <-> ".join(members),
            len(members),
            "import cycle: " + " <-> ".join(members),
        )


def layer_breaches(package: Path, root: Path, layers: list[str]) -> Iterator[Breach]:
    """HR005: each import of a layer from one below it, at the importing module."""
    graph = _graph(package)
    paths = dict(_modules(package))
    illegal = graph.find_illegal_dependencies_for_layers(layers=layers, containers={package.name})
    for dependency in sorted(illegal, key=lambda d: (d.importer, d.imported)):
        for route in sorted(dependency.routes, key=lambda r: sorted(r.heads)):
            for head in sorted(route.heads):
                tails = ", ".join(sorted(route.tails))
                shown = paths[head].relative_to(root).as_posix() if head in paths else head
                yield Breach(
                    shown,
                    1,
                    "HR005",
                    f"{head} -> {tails}",
                    1,
                    f"{head} imports {tails}: {dependency.importer} is a lower layer than "
                    f"{dependency.imported} (pyproject.toml [tool.house_rules] layers)",
                )


def configured_layers(root: Path) -> list[str]:
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return []
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    return [str(layer) for layer in data.get("tool", {}).get("house_rules", {}).get("layers", [])]


def load_debt(path: Path) -> dict[str, int]:
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {str(item["breach"]): int(item["size"]) for item in data.get("debt", [])}


def write_debt(path: Path, breaches: Iterable[Breach]) -> None:
    lines = [
        "# Breaches of the house rules that predate them (tools/house_rules.py).",
        "# A listed breach may shrink, never grow; delete an entry once it is fixed.",
        "",
    ]
    for breach in sorted(breaches, key=Breach.key):
        lines += ["[[debt]]", f'breach = "{breach.key()}"', f"size = {breach.size}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def judge(breaches: list[Breach], debt: dict[str, int], debt_file: str) -> tuple[list[str], int]:
    """The lines to print and how many of them fail the check."""
    out: list[str] = []
    failed = 0
    seen = set()
    for breach in breaches:
        allowed = debt.get(breach.key())
        seen.add(breach.key())
        if allowed is None:
            out.append(breach.render())
            failed += 1
        elif breach.size > allowed:
            out.append(breach.render(f" (grew: the recorded debt is {allowed})"))
            failed += 1
        else:
            out.append(breach.render(" (recorded debt)"))
    for key in sorted(set(debt) - seen):
        out.append(f"{debt_file}:1:1: HR000 '{key}' is fixed: delete its entry")
        failed += 1
    return out, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path)
    parser.add_argument("--debt", type=Path, default=DEBT)
    parser.add_argument("--write-debt", action="store_true")
    parser.add_argument("--layers", help="comma-separated, top first (default: pyproject.toml)")
    args = parser.parse_args(argv)
    package = args.package.resolve()
    root = Path.cwd().resolve()
    if not package.is_relative_to(root):
        root = package.parent
    layers = args.layers.split(",") if args.layers else configured_layers(root)
    breaches = [
        *size_breaches(package, root),
        *cycle_breaches(package, root),
        *(layer_breaches(package, root, layers) if layers else ()),
    ]
    if args.write_debt:
        write_debt(args.debt, breaches)
        print(f"{args.debt}: {len(breaches)} breaches recorded")
        return 0
    lines, failed = judge(breaches, load_debt(args.debt), args.debt.as_posix())
    for line in lines:
        print(line)
    print(f"house rules: {len(breaches)} breaches, {failed} failing")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
