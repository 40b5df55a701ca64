"""tools/mutation_sample.py can restrict a sample to some modules of a package."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "mutation_sample.py"


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    pytest.importorskip("tomlkit")
    spec = importlib.util.spec_from_file_location("mutation_sample", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_no_module_mutates_the_whole_package(tool: ModuleType) -> None:
    assert tool.mutated_files("parse") == ["src/sourcebook/parse/*"]


def test_named_modules_are_the_only_files_mutated(tool: ModuleType) -> None:
    files = tool.mutated_files("parse", ("signature", "apphead"))
    assert files == ["src/sourcebook/parse/apphead.py", "src/sourcebook/parse/signature.py"]
    # each is a pattern mutmut accepts ("...*" or "....py") and names a real file
    assert all((tool.ROOT / name).is_file() for name in files)


def test_a_name_that_is_no_module_of_the_package_is_refused(tool: ModuleType) -> None:
    tool.check_modules("parse", ("signature",))
    with pytest.raises(SystemExit, match="signatures"):
        tool.check_modules("parse", ("signature", "signatures"))
    with pytest.raises(SystemExit, match="signature"):
        tool.check_modules("bib", ("signature",))


def test_the_module_option_is_repeatable(tool: ModuleType) -> None:
    args = tool.arguments(["parse", "--module", "titleblock", "--module", "appendix"])
    assert tool.chosen_modules(args) == ("appendix", "titleblock")
    assert tool.chosen_modules(tool.arguments(["parse"])) == ()


def test_a_rerun_of_survivors_takes_the_modules_of_its_record(
    tool: ModuleType, tmp_path: Path
) -> None:
    record = tmp_path / "before.json"
    record.write_text(json.dumps({"modules": ["apphead", "bareitems"]}), encoding="utf-8")
    args = tool.arguments(["parse", "--after", str(record)])
    assert tool.chosen_modules(args) == ("apphead", "bareitems")
    # a record of a whole-package sample names no modules: the rerun mutates them all
    record.write_text(json.dumps({"sample": []}), encoding="utf-8")
    assert tool.chosen_modules(tool.arguments(["parse", "--after", str(record)])) == ()
    # --module given with --after wins over the record
    named = tool.arguments(["parse", "--after", str(record), "--module", "signature"])
    assert tool.chosen_modules(named) == ("signature",)


def test_the_doctests_of_the_tool_hold(tool: ModuleType) -> None:
    import doctest

    assert doctest.testmod(tool).failed == 0
