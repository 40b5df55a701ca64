"""pybtex's plugin look-ups answered from one scan of the installed entry points."""

from __future__ import annotations

import contextlib
from importlib import metadata

import pytest
from pybtex import plugin

from sourcebook import cli
from sourcebook.bib import pybtexplugins


def test_lookups_after_preloading_find_what_the_installed_entry_points_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pybtexplugins.preload_defaults()
    for group in ("pybtex.backends", "pybtex.database.input", "pybtex.style.formatting"):
        for point in metadata.entry_points(group=group):
            assert plugin.find_plugin(group, point.name) is point.load()


def test_no_lookup_scans_the_installed_packages_again(monkeypatch: pytest.MonkeyPatch) -> None:
    scans: list[object] = []

    def scanning(**params: object) -> object:
        scans.append(params)
        return metadata.entry_points(**params)

    # pybtex's own name for the scan, as it is before the extension is set up
    monkeypatch.setattr(plugin, "entry_points", scanning)
    pybtexplugins.preload_defaults()
    plugin.find_plugin("pybtex.database.input", "bibtex")
    plugin.register_plugin("pybtex.backends", "html", plugin.find_plugin("pybtex.backends", "html"))
    assert scans == []


def test_every_command_path_looks_up_from_one_scan(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scans: list[object] = []

    def scanning(**params: object) -> object:
        scans.append(params)
        return metadata.entry_points(**params)

    monkeypatch.setattr(plugin, "entry_points", scanning)
    with contextlib.suppress(SystemExit):
        cli.main(["check-bib", "--help"])
    assert "check-bib" in capsys.readouterr().out
    plugin.find_plugin("pybtex.database.input", "bibtex")  # not registered by anyone
    assert getattr(plugin.entry_points, "sourcebook_scanned", False)
    assert scans == []
