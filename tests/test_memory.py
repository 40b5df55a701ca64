"""The bounded doctree caches (``sourcebook.sphinxext.memory``) on the tiny root."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from sourcebook.sphinxext.memory import PICKLED_CACHE, WRITE_CACHE
from tests.sphinxroots import build, copy_root

pytestmark = pytest.mark.sphinx


def _pages(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.suffix in {".html", ".js"} and "_static" not in path.parts
    }


def test_the_pinned_sphinx_still_has_the_private_caches(tmp_path: Path) -> None:
    # The bounds work on two private attributes of Sphinx's environment and do
    # nothing, silently, if they are gone; this test is what notices a Sphinx
    # upgrade that renamed them (then memory.py must follow, or the build's
    # memory grows with the corpus again).
    seen: list[int] = []

    def probe(app: Sphinx, doctree: nodes.document) -> None:
        seen.append(len(getattr(app.env, WRITE_CACHE)))

    app, _ = build(copy_root("tiny", tmp_path), probes={"doctree-read": probe})
    assert isinstance(getattr(app.env, WRITE_CACHE, None), dict)
    assert isinstance(getattr(app.env, PICKLED_CACHE, None), dict)
    assert max(seen) > 0, "Sphinx no longer keeps read doctrees for the write phase"


def test_a_bound_of_one_keeps_one_doctree_and_writes_the_same_pages(tmp_path: Path) -> None:
    held: list[int] = []
    from_disk: list[str] = []

    def on_read(app: Sphinx, doctree: nodes.document) -> None:
        held.append(len(getattr(app.env, WRITE_CACHE)))

    def on_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
        # before the bound's own handler (priority 900) drops the bytes
        if docname in getattr(app.env, PICKLED_CACHE):
            from_disk.append(docname)

    default, warned = build(copy_root("tiny", tmp_path / "default"))
    assert warned == ""
    bounded, warned = build(
        copy_root("tiny", tmp_path / "bounded"),
        confoverrides={"sourcebook_doctree_cache": 1},
        probes={"doctree-read": on_read, "doctree-resolved": on_resolved},
    )
    assert warned == ""
    assert len(held) >= 5 and max(held) == 1
    expected = _pages(Path(default.outdir))
    assert "corpus/tiny-wiki.html" in expected and "_search/meta.js" in expected
    assert _pages(Path(bounded.outdir)) == expected
    # evicted doctrees were read back from their pickles, and the bytes dropped once resolved
    assert len(from_disk) >= 4
    assert set(getattr(bounded.env, PICKLED_CACHE)) <= {bounded.config.root_doc}


@pytest.mark.xfail(
    strict=True,
    reason="MyST's renderers keep three read doctrees alive past the cache (performance.md, s22m)",
)
def test_nothing_but_the_bounded_cache_keeps_a_read_doctree(tmp_path: Path) -> None:
    # What reading holds must be bounded by the cache, not by the corpus: a handler
    # that kept each doctree (or a node of it) in the environment, the registry or a
    # module would keep every page read alive, which is what made the reading
    # phase's memory grow with N.  With a bound of one, once the collector has run
    # (a doctree is a graph of cycles), at most the one cached doctree is alive.
    read: list[weakref.ref[nodes.document]] = []
    alive: list[int] = []

    def on_read(app: Sphinx, doctree: nodes.document) -> None:
        read.append(weakref.ref(doctree))

    def on_updated(app: Sphinx, env: object) -> None:
        gc.collect()
        alive.append(sum(1 for ref in read if ref() is not None))

    _, warned = build(
        copy_root("tiny", tmp_path),
        confoverrides={"sourcebook_doctree_cache": 1},
        probes={"doctree-read": on_read, "env-updated": on_updated},
    )
    assert warned == ""
    assert len(read) >= 5
    assert alive == [1]


def _held_after_reading(project: Path, bound: int, parallel: int) -> tuple[Path, list[int]]:
    """Build with *bound*; return the output directory and the cache size when reading ended."""
    held: list[int] = []

    def on_updated(app: Sphinx, env: object) -> None:
        held.append(len(getattr(app.env, WRITE_CACHE)))

    app, warned = build(
        project,
        confoverrides={"sourcebook_doctree_cache": bound},
        probes={"env-updated": on_updated},
        parallel=parallel,
    )
    assert warned == ""
    return Path(app.outdir), held


def test_a_bound_of_zero_keeps_none_and_a_parallel_build_is_unchanged(tmp_path: Path) -> None:
    serial, _ = build(copy_root("tiny", tmp_path / "serial"))
    outdir, held = _held_after_reading(copy_root("tiny", tmp_path / "zero"), 0, 0)
    assert held == [0]
    assert _pages(outdir) == _pages(Path(serial.outdir))
    # a parallel read does not use the cache; the bound must not get in its way
    outdir, held = _held_after_reading(copy_root("tiny", tmp_path / "parallel"), 1, 2)
    assert max(held) <= 1
    assert _pages(outdir) == _pages(Path(serial.outdir))


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("sourcebook_doctree_cache = -1", "must be 0 or more"),
        ("sourcebook_doctree_cache = True", "must be int, not bool"),
        ('sourcebook_doctree_cache = "100"', "must be int, not str"),
    ],
)
def test_a_bad_bound_is_refused_at_its_line(tmp_path: Path, assignment: str, message: str) -> None:
    project = copy_root("tiny", tmp_path)
    conf = project / "docs" / "conf.py"
    text = conf.read_text(encoding="utf-8")
    conf.write_text(text + assignment + "\n", encoding="utf-8")
    frozen, threshold = gc.get_freeze_count(), gc.get_threshold()
    with pytest.raises(ConfigError) as refused:
        build(project)
    # the refused set-up leaves the process's collector as it was (no build will thaw it)
    assert (gc.get_freeze_count(), gc.get_threshold()) == (frozen, threshold)
    assert str(refused.value).startswith(f"conf.py:{text.count(chr(10)) + 1}:1: SB803 ")
    assert message in str(refused.value)
