"""Shared fixtures: the project root, the corpus, and a disposable project copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.corpusguard import plugin as corpusguard

ROOT = Path(__file__).resolve().parents[1]
#: small test projects the tests copy and change (tests/sphinxroots.py); never the live corpus
ROOTS = ROOT / "tests" / "roots"
#: the constructed corpus the reader's tests build: one document of each kind, our own texts
#: (the live corpus changes with every contribution; the tests must not)
CORPUS = ROOTS / "test-corpus"

# the test roots hold Sphinx conf.py files, not tests
collect_ignore = ["roots"]


def pytest_configure(config: pytest.Config) -> None:
    # the tests (and the builds they run) parse into a cache of their own, never the
    # user's (sourcebook.corpus.cache); a test counting parses takes a fresh one
    os.environ["SOURCEBOOK_CACHE_DIR"] = tempfile.mkdtemp(prefix="sourcebook-test-cache-")
    # a test that reads the live corpus must be marked live (tests/corpusguard/plugin.py)
    corpusguard.pytest_configure(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    corpusguard.pytest_unconfigure(config)
    shutil.rmtree(os.environ.get("SOURCEBOOK_CACHE_DIR", ""), ignore_errors=True)


@pytest.fixture
def fresh_parse_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty parse cache for this test and the processes it starts."""
    home = tmp_path / "parse-cache"
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(home))
    return home


def pytest_addoption(parser: pytest.Parser) -> None:
    corpusguard.pytest_addoption(parser)
    parser.addoption("--regen", action="store_true", help="rewrite expected-output fixtures")
    parser.addoption(
        "--regen-fixtures",
        action="store_true",
        help="rewrite tests/fixtures/normalise/**/*.json from the current parser (review the diff)",
    )


@pytest.fixture
def regen(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen"))


def copy_project(dest: Path) -> Path:
    """The reader's hand-written docs with the constructed corpus, ready to build.

    The pages, ``conf.py`` and templates are the project's own (the software
    under test); ``seeds/`` and ``docs/references/`` come from
    :data:`CORPUS`, so no test depends on which documents the live corpus holds.
    """
    shutil.copytree(CORPUS / "seeds", dest / "seeds")
    (dest / "docs").mkdir(parents=True)
    for item in (ROOT / "docs").iterdir():
        if item.is_file():
            shutil.copy2(item, dest / "docs" / item.name)
    shutil.copytree(CORPUS / "docs" / "references", dest / "docs" / "references")
    return dest


def sphinx_build(
    project: Path, builder: str = "html", *extra: str
) -> subprocess.CompletedProcess[str]:
    out = project / "docs" / "_build" / builder
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            # plain log lines whatever the environment (nox and CI may force colour)
            "--no-color",
            "-b",
            builder,
            *extra,
            str(project / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A copy of ``tests/roots/test-tiny``: one extract, three flagged claims, seven markers."""
    from tests.sphinxroots import copy_root

    return copy_root("tiny", tmp_path)


def build_docs(project: Path, builder: str = "html") -> str:
    """Build ``project/docs`` in-process with :mod:`sphinx.testing`; return its warnings.

    An empty string is what ``sphinx-build -W`` accepts.
    """
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        builder, srcdir=project / "docs", builddir=project / "docs" / "_build", freshenv=False
    )
    try:
        app.build()
        return app.warning.getvalue()
    finally:
        app.cleanup()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reader's docs with the constructed corpus, built once per test session."""
    project = copy_project(tmp_path_factory.mktemp("site") / "project")
    result = sphinx_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "docs" / "_build" / "html"


@pytest.fixture(scope="session")
def built_manual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The contributor's manual (``docs/manual``, a site of its own), built once per session.

    The manual only reads its sources, so it is built from the repository in place.
    """
    out = tmp_path_factory.mktemp("manual") / "html"
    result = subprocess.run(
        [
            *(sys.executable, "-m", "sphinx", "-W", "--keep-going", "--no-color", "-b", "html"),
            *("-d", str(out.parent / "doctrees"), str(ROOT / "docs" / "manual"), str(out)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def git(repo: Path, *args: str) -> str:
    """Run git in *repo* as a fixed test identity; fail the test on error."""
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def init_repo(repo: Path) -> Path:
    """Make *repo* a git repository with everything in it committed on ``main``."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the test process, for every directory's browser tests:
    Playwright's sync API allows one at a time per thread, so a second one started
    by another test in the same worker would fail."""
    from tests.browser.conftest import CHROME_ARGS, CHROMIUM

    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_ARGS)
        yield chromium
        chromium.close()
