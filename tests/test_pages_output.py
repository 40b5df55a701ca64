"""The page generator writes and deletes only its own files (bug: it deleted hand-written pages)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from sourcebook.cli import main
from sourcebook.render.outdir import RECORD, Refused
from sourcebook.render.pages import generate
from tests.sphinxroots import copy_root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_root("attribution", tmp_path)


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def test_pages_into_the_docs_directory_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reported bug: ``sourcebook pages --out docs`` deleted and overwrote docs pages."""
    docs = project / "docs"
    (docs / "notes.md").write_text("# Hand-written\n", encoding="utf-8")
    before = _snapshot(docs)
    assert main(["pages", "--root", str(project), "--out", str(docs)]) == 1
    assert capsys.readouterr().err.startswith("docs:1:1: SB801 ")
    assert _snapshot(docs) == before  # nothing deleted, nothing overwritten


def test_pages_into_a_directory_of_files_it_did_not_write_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = project / "notes"
    notes.mkdir()
    (notes / "index.md").write_text("# My notes\n", encoding="utf-8")
    (notes / "old.md").write_text("# Older notes\n", encoding="utf-8")
    before = _snapshot(notes)
    assert main(["pages", "--root", str(project), "--out", str(notes)]) == 1
    assert capsys.readouterr().err.startswith("notes/index.md:1:1: SB800 ")
    assert _snapshot(notes) == before


@pytest.mark.parametrize("out", [".", ""])
def test_pages_into_the_current_directory_is_refused(
    project: Path, out: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    before = _snapshot(project)
    assert main(["pages", "--root", ".", "--out", out]) == 1
    assert ": SB801 " in capsys.readouterr().err
    assert _snapshot(project) == before


def test_a_hand_written_file_beside_generated_pages_survives(project: Path) -> None:
    out = project / "docs" / "corpus"
    generate(project, out)
    (out / "notes.md").write_text("# Mine\n", encoding="utf-8")
    (out / "data.json").write_text("{}\n", encoding="utf-8")
    generate(project, out)
    assert (out / "notes.md").read_text(encoding="utf-8") == "# Mine\n"
    assert (out / "data.json").exists()


def test_pages_of_a_removed_document_are_deleted_and_only_those(project: Path) -> None:
    out = project / "docs" / "corpus"
    _, first = generate(project, out)
    # the corpus index, the document's collection page, the page and its provenance
    generated = ["collection-wikipedia.md", "index.md", "tiny.md", "tiny.provenance.json"]
    assert set(first.written) == set(generated)
    record = json.loads((out / RECORD).read_text(encoding="utf-8"))
    assert record["files"] == generated
    (out / "keep.md").write_text("# Mine\n", encoding="utf-8")
    shutil.rmtree(project / "seeds" / "tiny")  # the document removed
    _, second = generate(project, out)
    assert second.deleted == ("collection-wikipedia.md", "tiny.md", "tiny.provenance.json")
    assert sorted(p.name for p in out.iterdir()) == [RECORD, "index.md", "keep.md"]


def test_an_identical_file_is_adopted_without_a_record(project: Path) -> None:
    out = project / "docs" / "corpus"
    generate(project, out)
    (out / RECORD).unlink()
    _, result = generate(project, out)
    assert result.written == () and (out / RECORD).exists()


def test_a_changed_page_without_a_record_is_refused(project: Path) -> None:
    out = project / "docs" / "corpus"
    generate(project, out)
    (out / RECORD).unlink()
    (out / "tiny.md").write_text("edited by hand\n", encoding="utf-8")
    with pytest.raises(Refused) as refused:
        generate(project, out)
    assert refused.value.diagnostic.code.id == "SB800"
    assert refused.value.diagnostic.path.endswith("corpus/tiny.md")
    assert (out / "tiny.md").read_text(encoding="utf-8") == "edited by hand\n"


@pytest.mark.parametrize(
    "files", [["../../seeds/tiny/document.toml"], ["/etc/passwd"], "index.md", [RECORD], [3]]
)
def test_a_record_naming_anything_but_plain_names_deletes_nothing(
    project: Path, files: object
) -> None:
    out = project / "docs" / "corpus"
    out.mkdir(parents=True)
    (out / RECORD).write_text(json.dumps({"files": files}), encoding="utf-8")
    with pytest.raises(Refused) as refused:
        generate(project, out)
    assert refused.value.diagnostic.code.id == "SB802"
    assert (project / "seeds" / "tiny" / "document.toml").exists()


def test_a_protected_directory_or_its_parent_is_refused(project: Path) -> None:
    docs = project / "docs"
    for out in (docs, project):
        with pytest.raises(Refused) as refused:
            generate(project, out, protected=(docs,))
        assert refused.value.diagnostic.code.id == "SB801"
    assert not (docs / RECORD).exists() and not (project / RECORD).exists()


def test_the_record_is_written_before_the_pages(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run killed while writing pages leaves every page it wrote recorded."""
    out = project / "docs" / "corpus"
    import sourcebook.render.pages as pages

    real = pages.write_if_changed
    calls: list[str] = []

    def dying(path: Path, content: str) -> bool:
        calls.append(path.name)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(path, content)

    monkeypatch.setattr(pages, "write_if_changed", dying)
    with pytest.raises(KeyboardInterrupt):
        generate(project, out)
    recorded = set(json.loads((out / RECORD).read_text(encoding="utf-8"))["files"])
    present = {p.name for p in out.iterdir()} - {RECORD}
    assert present <= recorded and present
    assert not [n for n in os.listdir(out) if n.endswith(".sourcebook-tmp")]
