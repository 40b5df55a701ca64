"""The house-rules lint (tools/house_rules.py) fails on each kind of breach.

Each test writes a small package of its own with one breach and runs the
tool on it as lint does; the recorded debt lets a listed breach shrink but
never grow, and a fixed one must leave the list.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("radon")
pytest.importorskip("grimp")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("house_rules", ROOT / "tools/house_rules.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["house_rules"] = module
    spec.loader.exec_module(module)
    return module


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "pkg_under_test"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    return package


def _run(package: Path, debt: Path, *options: str) -> tuple[int, str]:
    tool = [sys.executable, str(ROOT / "tools/house_rules.py"), str(package), "--debt", str(debt)]
    done = subprocess.run(
        [*tool, *options],
        capture_output=True,
        text=True,
        cwd=package.parent,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def _branchy(branches: int) -> str:
    body = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(branches))
    return f"def branchy(x: int) -> int:\n{body}    return -1\n"


def _long(lines: int) -> str:
    body = "".join(f"    x += {i}\n" for i in range(lines - 2))
    return f"def long(x: int) -> int:\n{body}    return x\n"


CLEAN = {"a.py": _branchy(19) + "\n\n" + _long(60), "b.py": "from pkg_under_test import a\n"}


def test_a_clean_package_passes(tmp_path: Path) -> None:
    code, out = _run(_package(tmp_path, CLEAN), tmp_path / "none.toml")
    assert code == 0, out
    assert "0 breaches" in out


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.py": _branchy(20)}, "a.py:1:1: HR001 pkg_under_test.a.branchy has complexity 21"),
        ({"a.py": "x = 1\n" * 401}, "a.py:1:1: HR002 pkg_under_test.a has 401 lines"),
        ({"a.py": _long(61)}, "a.py:1:1: HR003 pkg_under_test.a.long has 61 lines"),
        (
            {
                # the import hides in a function: a cycle all the same
                "a.py": "def f() -> None:\n    from pkg_under_test import b\n",
                "b.py": "from pkg_under_test import a\n",
            },
            "HR004 import cycle: pkg_under_test.a <-> pkg_under_test.b",
        ),
    ],
    ids=["grade-D-function", "401-line-module", "61-line-function", "import-cycle"],
)
def test_each_breach_fails_lint_with_a_located_line(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    code, out = _run(_package(tmp_path, files), tmp_path / "none.toml")
    assert code == 1, out
    assert expected in out


def test_an_upward_import_between_layers_fails(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {"top.py": "from pkg_under_test import low\n", "low.py": "import os\n"},
    )
    assert _run(package, tmp_path / "none.toml", "--layers", "top,low")[0] == 0
    (package / "low.py").write_text("def f() -> None:\n    from pkg_under_test import top\n")
    code, out = _run(package, tmp_path / "none.toml", "--layers", "top,low")
    assert code == 1
    assert "low.py:1:1: HR005 pkg_under_test.low imports pkg_under_test.top" in out


def test_recorded_debt_may_shrink_but_not_grow_and_must_leave_when_fixed(tmp_path: Path) -> None:
    package = _package(tmp_path, {"a.py": _long(70)})
    debt = tmp_path / "debt.toml"
    debt.write_text('[[debt]]\nbreach = "HR003 pkg_under_test.a.long"\nsize = 70\n', "utf-8")
    assert _run(package, debt)[0] == 0
    (package / "a.py").write_text(_long(65), encoding="utf-8")
    assert _run(package, debt)[0] == 0
    (package / "a.py").write_text(_long(71), encoding="utf-8")
    code, out = _run(package, debt)
    assert code == 1 and "grew: the recorded debt is 70" in out
    (package / "a.py").write_text(_long(40), encoding="utf-8")
    code, out = _run(package, debt)
    assert code == 1 and "HR000 'HR003 pkg_under_test.a.long' is fixed" in out


def test_cycles_are_found_in_a_graph_of_any_shape() -> None:
    tool = _tool()
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e2"}, "e2": {"e"}}
    assert sorted(tool._components(graph)) == [["a", "b", "c"], ["e", "e2"]]
    assert tool._components({"x": {"y"}, "y": set()}) == []


def test_the_project_keeps_the_house_rules() -> None:
    code, out = _run(ROOT / "src/sourcebook", ROOT / "tools/house-debt.toml")
    assert code == 0, out
