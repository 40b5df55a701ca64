"""The project's own checks: lint pins agree everywhere, documented sessions exist, CI runs lint."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _noxfile() -> ast.Module:
    return ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))


def _constant(name: str) -> Any:
    for node in _noxfile().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"noxfile.py does not define {name}")


def nox_sessions() -> set[str]:
    """The sessions noxfile.py defines, as ``nox -l`` lists them."""
    names = set()
    for node in _noxfile().body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for deco in node.decorator_list:
            call = deco.func if isinstance(deco, ast.Call) else deco
            if isinstance(call, ast.Attribute) and call.attr == "session":
                named = [
                    kw.value.value
                    for kw in (deco.keywords if isinstance(deco, ast.Call) else [])
                    if kw.arg == "name" and isinstance(kw.value, ast.Constant)
                ]
                names.add(named[0] if named else node.name)
    return names


def documented_sessions(text: str) -> set[str]:
    """Sessions a document names: ``nox -s NAME``, and the README's list after ``nox -l``."""
    names = set(re.findall(r"nox -s ([\w-]+)", text))
    listed = re.search(r"Other sessions \(`nox -l`\):(.*?)\n\n", text, re.S)
    if listed:
        names |= set(re.findall(r"`([a-z]+)`", listed.group(1)))
    return names


def test_documented_sessions_exist() -> None:
    defined = nox_sessions()
    assert {"tests", "docs", "lint", "checkcitations"} <= defined
    for doc in ("README.md", "CONTRIBUTING.md"):
        named = documented_sessions((ROOT / doc).read_text(encoding="utf-8"))
        assert named, doc
        assert named <= defined, f"{doc} names sessions noxfile.py lacks: {named - defined}"


def test_nox_lists_the_same_sessions() -> None:
    """``nox -l`` itself, where nox is installed (CI installs it to run the sessions)."""
    nox = shutil.which("nox")
    if nox is None:
        pytest.skip("nox is not installed")
    listing = subprocess.run(
        [nox, "-l", "-f", str(ROOT / "noxfile.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    assert set(re.findall(r"^[*-] ([\w-]+) ", listing, re.M)) == nox_sessions()


def test_the_session_parser_sees_a_missing_session() -> None:
    text = "Other sessions (`nox -l`): `lint` (ruff), `nosuch`.\n\nRun `nox -s other`."
    assert documented_sessions(text) == {"lint", "nosuch", "other"}


def test_ci_runs_lint_before_the_tests_and_stops_on_failure() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in run
    lines = [line.strip() for line in run.splitlines() if not line.lstrip().startswith("#")]
    lint = lines.index("python3 -m nox -s lint")
    tests = [n for n, line in enumerate(lines) if line.startswith("python3 -m nox -s tests")]
    assert "python3 -m nox -s tests" in lines  # the README's test command, the whole suite
    # and the suite again on a copy changed by constructed contributions
    copy = [n for n, line in enumerate(lines) if line.startswith("python3 -m nox -s contributions")]
    assert tests and copy and lint < tests[0] < copy[0]


def _precommit() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_precommit_needs_no_network_and_pins_the_lint_versions() -> None:
    repos = _precommit()["repos"]
    assert [repo["repo"] for repo in repos] == ["local"]
    hooks = repos[0]["hooks"]
    assert all(hook["language"] == "system" for hook in hooks)
    ids = [hook["id"] for hook in hooks]
    assert ids[0] == "lint-tool-versions"
    assert {"ruff-check", "ruff-format", "mypy"} <= set(ids)
    assert "--check" in next(h for h in hooks if h["id"] == "ruff-format")["entry"]
    pins = hooks[0]["args"]
    assert tuple(pins) == _constant("LINT_PINS")
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]["lint"]
    assert set(pins) | set(_constant("HOUSE_PINS")) <= set(extra)


def _lint_versions() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lint_versions", ROOT / "tools/lint_versions.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_version_hook_refuses_other_versions() -> None:
    tool = _lint_versions()
    assert tool.mismatches([f"pytest=={pytest.__version__}"]) == []
    assert tool.mismatches(["pytest==0.0.1"]) == [
        f"pytest {pytest.__version__}; the project pins pytest==0.0.1"
    ]
    assert tool.mismatches(["no-such-dist==1"]) == [
        "no-such-dist not installed; the project pins no-such-dist==1"
    ]
    assert tool.main(["pytest==0.0.1"]) == 1
