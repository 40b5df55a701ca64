"""The folder layout's loader on constructed projects: names, positions, the joined bibliography."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcebook.check import run_check
from sourcebook.corpus.load import load_corpus
from sourcebook.corpus.projectbib import joined_text, load_project_bibliography
from sourcebook.inputs import layout
from tests.corpusfiles import add_document, add_entries

ENTRIES = (
    "@misc{alpha2020,\n  title = {Alpha},\n  url = {https://a.example/}\n}\n"
    "@misc{beta2020,\n  title = {Beta},\n  url = {https://b.example/},\n  year = {20x0}\n}\n"
)


def test_a_finding_in_one_entry_is_located_in_its_own_file(tmp_path: Path) -> None:
    add_entries(tmp_path, ENTRIES)
    bib, diags = load_project_bibliography(tmp_path)
    assert sorted(bib.sources) == ["alpha2020", "beta2020"]
    # the joined text puts beta after alpha; its own file's line is what is reported
    assert joined_text(tmp_path).count("@misc{") == 2
    add_document(tmp_path, "doc", "Doc\n\nA sentence.\n", "wikipedia", "Doc")
    found = [d.format() for d in run_check(tmp_path).diagnostics if d.code.id == "SB305"]
    assert found and found[0].startswith("docs/references/beta2020.bib:4:")
    assert diags == []


def test_an_entry_must_stand_in_the_file_of_its_key(tmp_path: Path) -> None:
    folder = tmp_path / layout.REFERENCES
    folder.mkdir(parents=True)
    (folder / "alpha2020.bib").write_text(ENTRIES, encoding="utf-8")
    _, diags = load_project_bibliography(tmp_path)
    assert [d.format()[:60] for d in diags] == [
        "docs/references/alpha2020.bib:5:1: SB220 entry 'beta2020' st"
    ]


def test_documents_are_read_in_slug_order_and_subjects_are_located(tmp_path: Path) -> None:
    for slug in ("zeta", "alpha", "mid"):
        add_document(tmp_path, slug, f"{slug}\n\nText.\n", "wikipedia", slug, subject="club")
    subjects = tmp_path / "seeds" / "subjects"
    subjects.mkdir()
    (subjects / "club.toml").write_text(
        '# the club\nname = "Club"\npublishers = ["Club Press"]\ndomains = ["club.example"]\n',
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    assert [d.entry.slug for d in corpus.documents] == ["alpha", "mid", "zeta"]
    assert corpus.documents[0].entry.path == "seeds/alpha/document.toml"
    assert corpus.documents[0].entry.file == "alpha/extract.txt"
    outlets = corpus.outlets["club"]
    assert (outlets.domains_at, outlets.publishers_at) == (
        "seeds/subjects/club.toml:4",
        "seeds/subjects/club.toml:3",
    )


def test_reserved_folders_are_not_documents(tmp_path: Path) -> None:
    add_document(tmp_path, "doc", "Doc\n\nText.\n", "wikipedia", "Doc")
    for name in layout.RESERVED:
        (tmp_path / "seeds" / name).mkdir()
    listing = layout.list_documents(tmp_path / "seeds")
    assert listing.names == ["doc"] and listing.diagnostics == []


def test_check_bib_reads_a_folder_as_its_files(tmp_path: Path) -> None:
    from sourcebook.check.bibfile import main

    add_entries(tmp_path, ENTRIES)
    assert main([str(tmp_path / layout.REFERENCES)]) == 1  # beta2020's year is malformed


def test_more_entries_than_the_limit_are_refused_at_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sourcebook.corpus import projectbib

    monkeypatch.setattr(projectbib, "MAX_ENTRIES", 1)
    add_entries(tmp_path, ENTRIES)
    bib, diags = load_project_bibliography(tmp_path)
    assert bib.sources == {}
    assert [d.format()[:40] for d in diags] == ["docs/references:1:1: SB113 more than 1 e"]
