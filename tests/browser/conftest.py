"""Build the reader once per session, serve it on localhost, drive Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROME_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def html_dir(request: pytest.FixtureRequest) -> Path:
    """The reader's pages with the constructed corpus (the tests never depend on the live one).

    The same site ``tests/conftest.built_site`` builds for the page tests: one build
    per test process, not one for them and one for the browser.
    """
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing")
    given = os.environ.get("SOURCEBOOK_HTML")
    if given:
        return Path(given)
    built: Path = request.getfixturevalue("built_site")
    return built


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on localhost from a process of its own; yields its base URL.

    Not a thread of the test process: under coverage, a request thread started while
    the tracer installs itself dies ("Cannot install a trace function while another
    trace function is being installed"), a file is never served and the page's load
    event never comes. The child gets no coverage settings, so nothing traces it.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("COV_")}
    command = [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"]
    server = subprocess.Popen(
        [*command, "--directory", str(directory)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    try:
        assert server.stdout is not None
        # "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        banner = server.stdout.readline()
        port = re.search(r" port (\d+)", banner)
        if port is None:
            raise RuntimeError(f"http.server did not start: {banner!r}")
        yield f"http://127.0.0.1:{port.group(1)}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url(html_dir: Path) -> Iterator[str]:
    with serve(html_dir) as url:
        yield url


def _open_tab(context: Any) -> Any:
    """A tab of the context that records console errors and page errors."""
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.errors = errors
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return tab


def _local_context(browser: object, base_url: str, **options: Any) -> Any:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(base_url=base_url, **options)
    # everything is local: any request off 127.0.0.1 is a bug (and fails offline)
    context.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
    return context


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    """A fresh page that records console errors and page errors; the test asserts none."""
    context = _local_context(browser, base_url, viewport={"width": 1280, "height": 900})
    tab = _open_tab(context)
    yield tab
    context.close()
    assert tab.errors == [], tab.errors


@pytest.fixture
def phone(browser: object, base_url: str) -> Iterator[object]:
    """A touch phone's page (390x844 CSS px, touch, mobile); the test asserts no errors."""
    context = _local_context(
        browser, base_url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    tab = _open_tab(context)
    yield tab
    context.close()
    assert tab.errors == [], tab.errors


@pytest.fixture(scope="session")
def axe_script(html_dir: Path) -> str:
    """axe-core's source, to inject into a page (``add_init_script``/``add_script_tag``).

    The copy bundled by the pinned ``axe-playwright-python`` test dependency:
    one pin in pyproject.toml, from PyPI like the other test dependencies.
    """
    from importlib.resources import files

    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_pages(html_dir: Path) -> list[str]:
    """Every HTML page of the build, as paths relative to the site root."""
    found = (p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html"))
    return sorted(p for p in found if not p.startswith(("_", ".")))
