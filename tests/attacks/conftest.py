"""The attacked project, checked once and built once per builder for the whole session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.attacks.project import build_project


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def sphinx(project: Path, builder: str, *extra: str) -> subprocess.CompletedProcess[str]:
    out = f"docs/_build/{builder}"
    return run("-m", "sphinx", "-q", "-b", builder, *extra, "docs", out, cwd=project)


@pytest.fixture(scope="session")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("attacked"))


@pytest.fixture(scope="session")
def checked(attacked: Path) -> subprocess.CompletedProcess[str]:
    return run("-m", "sourcebook", "check", cwd=attacked)


@pytest.fixture(scope="session")
def html_site(attacked: Path) -> Path:
    """The HTML with the build's checker gate off: the inner walls alone."""
    result = sphinx(attacked, "html", "-D", "sourcebook_refuse_errors=0")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Exception occurred" not in result.stderr
    return attacked / "docs" / "_build" / "html"


@pytest.fixture(scope="session")
def tex(attacked: Path, html_site: Path) -> str:
    result = sphinx(attacked, "latex", "-D", "sourcebook_refuse_errors=0")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return (attacked / "docs" / "_build" / "latex" / "sourcebook.tex").read_text(encoding="utf-8")
