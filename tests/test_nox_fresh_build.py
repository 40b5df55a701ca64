"""`nox -s docs`/`pdf` build into a fresh directory: success swaps, failure leaves nothing."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

nox = pytest.importorskip("nox")


class Quit(Exception):
    """What ``session.error`` raises in this fake."""


class FakeSession:
    """Runs "sphinx-build" by writing a page into the fresh directory, or failing."""

    def __init__(self, fresh: Path, fail: bool) -> None:
        self.fresh, self.fail = fresh, fail
        #: the files the build found in its output directory when it started
        self.found: set[str] = set()

    def run(self, *args: str) -> None:
        self.found = {p.name for p in self.fresh.iterdir()} if self.fresh.is_dir() else set()
        self.fresh.mkdir(parents=True, exist_ok=True)
        (self.fresh / "index.html").write_text("half-made" if self.fail else "new")
        if self.fail:
            raise nox.command.CommandFailed("exit 1")

    def error(self, message: str) -> None:
        raise Quit(message)

    def log(self, message: str) -> None:
        self.logged = message


@functools.cache
def _noxfile() -> ModuleType:
    """noxfile.py, loaded once (loading registers its sessions with nox)."""
    spec = importlib.util.spec_from_file_location("noxfile_under_test", ROOT / "noxfile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _previous(final: Path) -> None:
    final.mkdir(parents=True)
    (final / "index.html").write_text("old")


def test_a_good_build_replaces_the_old_one(tmp_path: Path) -> None:
    fresh, final = tmp_path / "html.new", tmp_path / "html"
    _previous(final)
    _noxfile()._build_fresh(FakeSession(fresh, fail=False), fresh, fresh, final)
    assert (final / "index.html").read_text() == "new"
    assert not fresh.exists()


def test_a_failed_build_leaves_no_output_at_all(tmp_path: Path) -> None:
    fresh, final = tmp_path / "html.new", tmp_path / "html"
    _previous(final)
    with pytest.raises(Quit, match="no stale output"):
        _noxfile()._build_fresh(FakeSession(fresh, fail=True), fresh, fresh, final)
    assert not final.exists() and not fresh.exists()


def test_a_rebuild_starts_from_the_previous_output_and_swaps_it(tmp_path: Path) -> None:
    fresh, final = tmp_path / "html.new", tmp_path / "html"
    _previous(final)
    (final / ".buildinfo").write_text("config hash")
    (final / "other.html").write_text("unchanged page")
    session = FakeSession(fresh, fail=False)
    _noxfile()._build_fresh(session, fresh, fresh, final)
    # Sphinx saw its previous output (so it rewrote only the changed pages)
    assert session.found == {".buildinfo", "index.html", "other.html"}
    assert (final / "index.html").read_text() == "new"
    assert (final / "other.html").read_text() == "unchanged page"
    assert not fresh.exists()


def test_a_failed_rebuild_leaves_no_output_either(tmp_path: Path) -> None:
    fresh, final = tmp_path / "html.new", tmp_path / "html"
    _previous(final)
    (final / ".buildinfo").write_text("config hash")
    with pytest.raises(Quit, match="no stale output"):
        _noxfile()._build_fresh(FakeSession(fresh, fail=True), fresh, fresh, final)
    assert not final.exists() and not fresh.exists()
