"""The one atomic writer: whole files or nothing, no temp files left, stale ones swept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import sourcebook.core.files as files
from sourcebook.core.files import (
    TEMP_SUFFIX,
    display_path,
    sweep_stale_temps,
    temp_name,
    write_atomic,
    write_if_changed,
)


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


def test_write_replaces_the_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.md"
    write_atomic(target, "one\n")
    write_atomic(target, "two\n")
    assert target.read_text(encoding="utf-8") == "two\n"
    assert os.listdir(target.parent) == ["a.md"]


def test_a_failed_write_keeps_the_old_file_and_removes_its_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_text("old\n", encoding="utf-8")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["a.md"]


def test_stale_temps_of_a_killed_run_are_swept_and_nothing_else(tmp_path: Path) -> None:
    dead = tmp_path / temp_name("a.md", _dead_pid(), "ab12")
    live = tmp_path / temp_name("b.md", os.getpid(), "cd34")
    lookalikes = [".a.md.x.y" + TEMP_SUFFIX, "a.md" + TEMP_SUFFIX, ".notes.tmp", "keep.md"]
    for path in [dead, live, *(tmp_path / n for n in lookalikes)]:
        path.write_text("x", encoding="utf-8")
    assert sweep_stale_temps(tmp_path) == [dead.name]
    assert sorted(os.listdir(tmp_path)) == sorted([live.name, *lookalikes])


def test_the_next_write_into_a_directory_sweeps_it(tmp_path: Path) -> None:
    dead = tmp_path / temp_name("a.md", _dead_pid(), "ef56")
    dead.write_text("half a page", encoding="utf-8")
    write_atomic(tmp_path / "a.md", "whole\n")
    assert sorted(os.listdir(tmp_path)) == ["a.md"]


def test_write_if_changed_tells_whether_it_wrote(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    assert write_if_changed(target, "x\n") is True
    mtime = target.stat().st_mtime_ns
    assert write_if_changed(target, "x\n") is False
    assert target.stat().st_mtime_ns == mtime


def test_display_path_is_relative_inside_the_root_and_posix(tmp_path: Path) -> None:
    assert display_path(tmp_path, tmp_path / "seeds" / "a.txt") == "seeds/a.txt"
    outside = tmp_path.parent / "other.bib"
    assert display_path(tmp_path / "root", outside) == outside.as_posix()
