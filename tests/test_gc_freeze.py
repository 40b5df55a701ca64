"""The collector's setting during a build (``sourcebook.sphinxext.memory.freeze_heap``)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.application import Sphinx

from sourcebook.sphinxext.memory import YOUNG_THRESHOLD, freeze_heap
from tests.sphinxroots import build, copy_root

pytestmark = pytest.mark.sphinx


class _Cycle:
    """An object that refers to itself: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_a_build_freezes_what_it_loaded_and_gives_the_collector_back(tmp_path: Path) -> None:
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    during: list[tuple[int, int]] = []
    collected: list[bool] = []

    def on_read(app: Sphinx, doctree: nodes.document) -> None:
        during.append((gc.get_freeze_count(), gc.get_threshold()[0]))
        # garbage made after the freeze is still collected
        cycle = _Cycle()
        gone = weakref.ref(cycle)
        del cycle
        gc.collect()
        collected.append(gone() is None)

    _, warned = build(copy_root("tiny", tmp_path), probes={"doctree-read": on_read})
    assert warned == ""
    assert during, "no document was read"
    assert all(frozen > 10_000 for frozen, _ in during)  # the modules and the environment
    assert all(young == YOUNG_THRESHOLD for _, young in during)
    assert all(collected)
    # after the build: nothing frozen, the process's own threshold again
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_objects_alive_at_a_freeze_are_not_scanned_until_the_build_ends(tmp_path: Path) -> None:
    kept: list[weakref.ref[_Cycle]] = []

    def on_read(app: Sphinx, doctree: nodes.document) -> None:
        if kept:
            return
        # a cycle alive at a freeze and dropped at once: kept until the build ends
        cycle = _Cycle()
        kept.append(weakref.ref(cycle))
        freeze_heap(app)
        del cycle
        gc.collect()
        assert kept[0]() is not None

    _, warned = build(copy_root("tiny", tmp_path), probes={"doctree-read": on_read})
    assert warned == ""
    gc.collect()
    assert kept and kept[0]() is None  # thawed at build-finished, then collected


def test_a_build_freezes_the_heap_again_at_exit_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sourcebook.sphinxext import memory

    registered: list[object] = []
    monkeypatch.setattr(memory, "_REGISTERED", [])
    monkeypatch.setattr(memory.atexit, "register", registered.append)
    build(copy_root("tiny", tmp_path / "one"))
    build(copy_root("tiny", tmp_path / "two"))
    assert registered == [memory.freeze_at_exit]  # once per process, however many builds
    try:
        memory.freeze_at_exit()
        assert gc.get_freeze_count() > 10_000  # the final collection will skip them
    finally:
        gc.unfreeze()
