"""The page generator keeps the corpus-wide inputs while their files hash the same.

A no-op build then neither reads nor validates the manifest and the apparatus
files; any change to a file under ``seeds/`` or to the bibliography reads them
again, and the pages come out as a generator without the kept inputs makes them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcebook.corpus.load import Corpus
from sourcebook.sphinxext import generate
from sourcebook.sphinxext.generate import Output, generate_incremental
from tests.conftest import copy_project


def _pages(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[Path] = []
    real = generate.read_inputs  # type: ignore[attr-defined]

    def read_inputs(root: Path, preloaded: Corpus | None) -> object:
        calls.append(root)
        return real(root, preloaded)

    monkeypatch.setattr(generate, "read_inputs", read_inputs)
    return calls


def _run(project: Path, build_dir: Path) -> dict[str, bytes]:
    out = project / "docs" / "corpus"
    generate_incremental(project, Output(out, build_dir / "cache.pickle"), True)
    return _pages(out)


def test_a_second_run_reads_no_inputs_an_edit_reads_them_again(
    tmp_path: Path, counted: list[Path]
) -> None:
    project = copy_project(tmp_path / "project")
    first = _run(project, tmp_path / "build")
    assert len(counted) == 1
    assert _run(project, tmp_path / "build") == first
    assert len(counted) == 1  # the kept inputs: nothing read
    metadata = sorted((project / "seeds").glob("*/document.toml"))[0]
    text = metadata.read_text(encoding="utf-8")
    metadata.write_text(text + "\n# a comment changes the bytes\n", encoding="utf-8")
    _run(project, tmp_path / "build")
    assert len(counted) == 2
    bib = sorted((project / "docs" / "references").glob("*.bib"))[0]
    bib.write_text(bib.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _run(project, tmp_path / "build")
    assert len(counted) == 3


def test_an_apparatus_edit_is_seen_through_the_kept_inputs(
    tmp_path: Path, counted: list[Path]
) -> None:
    project = copy_project(tmp_path / "project")
    _run(project, tmp_path / "build")
    apparatus = sorted((project / "seeds").glob("*/apparatus.toml"))
    assert apparatus, "the constructed corpus has apparatus files"
    target = apparatus[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    kept = _run(project, tmp_path / "build")
    assert len(counted) == 2
    fresh = _run(project, tmp_path / "fresh-build")  # no cache at all
    assert kept == fresh


def test_seeds_the_gate_has_hashed_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The documents' input keys take each seed's digest from the walk of ``seeds/``
    (``gatecache.inputs_key``, which hashed it this run or kept it from the last): the
    generator reads no seed to key it, and an edited seed's page is made again."""
    from sourcebook.sphinxext import analysis, gatecache

    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(tmp_path / "cache"))
    # every file here was written just now: trusted only with the racy window closed
    monkeypatch.setattr(gatecache, "RACY_NS", -(10**15))
    made: list[gatecache.FileHashes] = []

    class Counted(gatecache.FileHashes):
        def __init__(self, root: Path) -> None:
            super().__init__(root)
            made.append(self)

    monkeypatch.setattr(analysis, "FileHashes", Counted)
    project = copy_project(tmp_path / "project")
    first = _run(project, tmp_path / "build")
    seeds = sorted(project.glob("seeds/*/extract.txt"))
    assert seeds and made[-1].read == 0 and len(made[-1].fresh) == len(seeds)
    assert _run(project, tmp_path / "build") == first
    assert made[-1].read == 0 and len(made[-1].fresh) == len(seeds)
    text = seeds[0].read_text(encoding="utf-8")
    word = next(w for w in text.split() if w.isalpha() and len(w) > 6 and text.count(w) == 1)
    seeds[0].write_text(text.replace(word, "Zqvexilated"), encoding="utf-8")
    edited = _run(project, tmp_path / "build")
    assert made[-1].read == 0
    page = f"{seeds[0].parent.name}.md"
    assert edited[page] != first[page] and b"Zqvexilated" in edited[page]
