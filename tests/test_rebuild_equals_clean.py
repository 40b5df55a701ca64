"""A rebuild after any edit to the inputs gives the site a build from nothing gives.

Every rebuild goes through the kept state: the inputs' ``lstat`` index and
the gate's kept verdict (:mod:`sourcebook.sphinxext.gatecache`), the folder
records, the generator's cache and fingerprint index, Sphinx's environment.
A fast path that skipped a real change would leave the incremental site as
it was; so after each kind of edit the project is built again where it was
built before, and a copy of its inputs is built from nothing (no
``_build``, no generated pages, an empty cache home), and the two sites must
be the same file for file and byte for byte.  Each edit except the
touched-but-unchanged file must also change the site, so that a test whose
edit missed its target cannot pass.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CORPUS, copy_project, sphinx_build

pytestmark = pytest.mark.sphinx

#: not the site: the build's own state (``.doctrees``, whose kept lists are named by
#: the build's path) and the configuration's hash (``.buildinfo``)
_SKIPPED = {".buildinfo", ".doctrees"}


def _site(project: Path) -> dict[str, bytes]:
    html = project / "docs" / "_build" / "html"
    return {
        str(p.relative_to(html)): p.read_bytes()
        for p in sorted(html.rglob("*"))
        if p.is_file() and _SKIPPED.isdisjoint(p.relative_to(html).parts)
    }


_FRAGMENT = re.compile(rb"window\.sourcebookSearch\.fragment\(\d+,(.*)\)", re.DOTALL)


def _ids_aside(site: dict[str, bytes]) -> dict[str, bytes]:
    """*site* with the search index's page ids left out: what each page's fragment says,
    as a set, instead of the fragments, shards and directories that name pages by id.

    A page keeps its id across builds and a removed page's id is never given again
    (``search-format.md``), so after a removal the ids are not those of a build from
    nothing, by design; the pages and what the index says of each must still be.
    """
    kept = {name: data for name, data in site.items() if not name.startswith("_search/")}
    fragments = sorted(
        _FRAGMENT.fullmatch(data).group(1)  # type: ignore[union-attr]
        for name, data in site.items()
        if name.startswith("_search/f/")
    )
    kept["_search/fragments"] = b"\n".join(fragments)
    return kept


def _build(project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(cache))
    result = sphinx_build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return _site(project)


def _from_nothing(project: Path, where: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The site of a copy of *project*'s inputs built with no kept state at all."""
    shutil.copytree(project / "seeds", where / "seeds")
    ignore = shutil.ignore_patterns("_build", "corpus")
    shutil.copytree(project / "docs", where / "docs", ignore=ignore)
    return _build(where, where.parent / f"{where.name}-cache", monkeypatch)


def _seed_text(project: Path, slug: str, change: Callable[[str], str]) -> None:
    """Rewrite *slug*'s seed with *change* and keep its sha256 in ``document.toml``."""
    seed = project / "seeds" / slug / "extract.txt"
    text = seed.read_text(encoding="utf-8")
    new = change(text)
    assert new != text
    seed.write_text(new, encoding="utf-8")
    document = project / "seeds" / slug / "document.toml"
    old_sha, new_sha = (hashlib.sha256(t.encode()).hexdigest() for t in (text, new))
    document.write_text(document.read_text("utf-8").replace(old_sha, new_sha), "utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_seed(project: Path) -> None:
    _seed_text(project, "harbour-wikipedia", lambda t: t.replace("twenty years", "thirty years"))


def edit_manifest(project: Path) -> None:
    _replace(project / "seeds" / "crane-essay" / "document.toml", "Notes on a Craft", "On Craft")


def edit_apparatus(project: Path) -> None:
    apparatus = project / "seeds" / "crane-essay" / "apparatus.toml"
    _replace(apparatus, "the rule is quoted in this book", "this book quotes the rule")


def edit_bibliography(project: Path) -> None:
    bib = project / "docs" / "references" / "harbour2001craft.bib"
    _replace(bib, "The Organiser's Craft", "The Organiser's Trade")


def edit_entity(project: Path) -> None:
    entity = project / "seeds" / "entities" / "capstan.toml"
    _replace(entity, "invented monthly bulletin", "invented weekly bulletin")


def touch_unchanged(project: Path) -> None:
    """The same bytes written again, with new times: nothing to change."""
    seed = project / "seeds" / "dockside-blog" / "extract.txt"
    seed.write_bytes(seed.read_bytes())
    os.utime(seed)


def delete_document(project: Path) -> None:
    shutil.rmtree(project / "seeds" / "tidewater-article")


def add_document(project: Path) -> None:
    shutil.copytree(CORPUS / "seeds" / "tidewater-article", project / "seeds" / "tidewater-article")


EDITS = (
    edit_seed,
    edit_manifest,
    edit_apparatus,
    edit_bibliography,
    edit_entity,
    touch_unchanged,
    delete_document,
    add_document,
)


def test_each_edit_rebuilds_to_the_site_of_a_build_from_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "cache"
    site = _build(project, cache, monkeypatch)
    for number, edit in enumerate(EDITS):
        edit(project)
        rebuilt = _build(project, cache, monkeypatch)
        clean = _from_nothing(project, tmp_path / f"clean-{number}", monkeypatch)
        ours, theirs = rebuilt, clean
        if edit in (delete_document, add_document):
            ours, theirs = _ids_aside(rebuilt), _ids_aside(clean)
        differ = sorted(n for n in ours.keys() | theirs.keys() if ours.get(n) != theirs.get(n))
        assert not differ, (edit.__name__, differ)
        changed = _ids_aside(rebuilt) != _ids_aside(site)
        assert changed is (edit is not touch_unchanged), edit.__name__
        site = rebuilt


def test_the_comparison_sees_a_stale_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: a rebuild that kept a page as it was is told apart."""
    project = copy_project(tmp_path / "project")
    site = _build(project, tmp_path / "cache", monkeypatch)
    edit_seed(project)
    clean = _from_nothing(project, tmp_path / "clean", monkeypatch)
    stale = [name for name in clean if site.get(name) != clean[name]]
    assert any(re.search(r"harbour-wikipedia", name) for name in stale), stale
