"""The flat layout to a folder per document: a pure mapping, all or nothing, idempotent.

The flat project is written here from scratch (our own texts); the mapping
must keep every extract byte for byte, and the check of the converted project
must say exactly what the check said of the flat one (paths aside).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from sourcebook.check import run_check
from sourcebook.check.report import as_json_data
from sourcebook.cli import main as cli_main
from sourcebook.corpus.migrate import MigrationError, migrate_files, migrate_tree, read_tree
from tests.conftest import git, init_repo

SEED = "Quay Choir\n\nThe choir sings on the quay.[1] It was founded in 1990.[2]\n"
SEED_SHA = hashlib.sha256(SEED.encode()).hexdigest()
ESSAY = "On Rowing\n\nRowing asks for patience more than for strength.\n"
ESSAY_SHA = hashlib.sha256(ESSAY.encode()).hexdigest()

MANIFEST = f"""# the manifest: a header comment
version = 1

[[subject]]
id = "quay"
name = "Quay Society"
# the society's own site
domains = ["quay.example"]

[[document]]
slug = "choir"
file = "choir.txt"
sha256 = "{SEED_SHA}"
kind = "wikipedia"
title = "Quay Choir"
url = "https://wiki.example/Quay_Choir"
bibkey = "choir_wiki"
subject = "quay"
apparatus = "apparatus/choir.toml"

[document.structure]
headings = []

[[document.revision]]
sha256 = "{SEED_SHA}"
previous = "{"0" * 64}"
retrieved = "2026-01-02"
reason = "the page gained a sentence"

[[document]]
slug = "rowing"
file = "texts/rowing.txt"
sha256 = "{ESSAY_SHA}"
kind = "essay"
title = "On Rowing"
url = "https://essays.example/rowing"
bibkey = "rowing_essay"
"""

APPARATUS = """# what each marker cites
[[marker]]
label = "1"
keys = ["smith2020a"]

[[marker]]
label = "2"
keys = []
"""

ENTITIES = """version = 1

[[entity]]
id = "quay"
name = "Quay Society"
type = "organisation"
description = "A society of the quay."
"""

BIB = """% references.bib -- a header
% ---------------------------------------- seeds

@misc{choir_wiki,
  title        = {Quay Choir},
  url          = {https://wiki.example/Quay_Choir},
  keywords     = {seed}
}

@misc{rowing_essay,
  title        = {On Rowing},
  url          = {https://essays.example/rowing},
  keywords     = {seed}
}

% ---------------------------------------- cited

% seen at the archive
@misc{smith2020a,
  author       = {Smith, Ann},
  title        = {The Choir at Forty},
  url          = {https://news.example/choir},
  year         = {2020}
}
"""


def flat_project(root: Path) -> Path:
    """A whole project in the flat layout (seeds/manifest.toml, docs/references.bib)."""
    files = {
        "seeds/manifest.toml": MANIFEST,
        "seeds/choir.txt": SEED,
        "seeds/texts/rowing.txt": ESSAY,
        "seeds/apparatus/choir.toml": APPARATUS,
        "seeds/entities.toml": ENTITIES,
        "docs/references.bib": BIB,
        "docs/sources/smith2020a.json": '{"version": 1}\n',
        "docs/index.md": "# Index\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _flat_files(tmp_path: Path) -> dict[str, bytes]:
    return read_tree(flat_project(tmp_path / "flat")) | {"docs/index.md": b"# Index\n"}


def test_the_mapping_moves_every_extract_byte_for_byte(tmp_path: Path) -> None:
    old = _flat_files(tmp_path)
    new = migrate_files(old)
    assert new["seeds/choir/extract.txt"] == old["seeds/choir.txt"]
    assert new["seeds/rowing/extract.txt"] == old["seeds/texts/rowing.txt"]
    assert new["seeds/choir/apparatus.toml"] == old["seeds/apparatus/choir.toml"]
    assert new["docs/references/smith2020a.json"] == old["docs/sources/smith2020a.json"]
    assert new["docs/index.md"] == old["docs/index.md"]  # not the layout's: untouched
    assert sorted(p for p in new if p.startswith(("seeds/", "docs/references/"))) == [
        "docs/references/choir_wiki.bib",
        "docs/references/rowing_essay.bib",
        "docs/references/smith2020a.bib",
        "docs/references/smith2020a.json",
        "seeds/choir/apparatus.toml",
        "seeds/choir/document.toml",
        "seeds/choir/extract.txt",
        "seeds/entities/quay.toml",
        "seeds/rowing/document.toml",
        "seeds/rowing/extract.txt",
        "seeds/subjects/quay.toml",
    ]
    document = new["seeds/choir/document.toml"].decode()
    assert "slug" not in document and "file =" not in document and "apparatus =" not in document
    assert "[structure]" in document and "[[revision]]" in document
    assert new["seeds/subjects/quay.toml"].decode().startswith('name = "Quay Society"\n#')
    # the comment directly above an entry travels with it; section headings do not
    assert new["docs/references/smith2020a.bib"].decode().startswith("% seen at the archive\n@")
    assert "----" not in new["docs/references/rowing_essay.bib"].decode()


def test_the_mapping_is_idempotent(tmp_path: Path) -> None:
    once = migrate_files(_flat_files(tmp_path))
    assert migrate_files(once) == once


def test_the_converted_project_checks_exactly_as_the_flat_one_did(tmp_path: Path) -> None:
    """The round trip: flat files -> folders -> the same claims, verdicts and findings."""
    project = flat_project(tmp_path / "p")
    before = run_check(project)
    assert [d.code.id for d in before.diagnostics] == ["SB221"]  # refused: convert first
    assert cli_main(["migrate", "--root", str(project)]) == 0
    after = as_json_data(run_check(project))
    assert after["summary"]["errors"] == 0, after["diagnostics"]
    claims = {(c["document"], c["id"]): (c["status"], c["sources"]) for c in after["claims"]}
    # what the flat project's data says (and the flat layout's check reported, paths
    # aside): [1] cites a source, [2] none; the essay holds no marker
    assert claims == {
        ("choir", "ref-1"): ("sourced", ["smith2020a"]),
        ("choir", "ref-2"): ("unsourced", []),
    }
    assert [(d["path"], d["line"], d["code"]) for d in after["diagnostics"]] == [
        ("seeds/choir/apparatus.toml", 2, "SB502"),
        ("seeds/choir/apparatus.toml", 6, "SB504"),
    ]
    assert migrate_tree(project) == []  # idempotent on disk too
    assert not (project / "seeds" / "manifest.toml").exists()
    assert not (project / "docs" / "references.bib").exists()
    assert not (project / "seeds" / "apparatus").exists()


def test_a_flat_file_that_cannot_be_mapped_writes_nothing(tmp_path: Path) -> None:
    project = flat_project(tmp_path / "p")
    manifest = project / "seeds" / "manifest.toml"
    manifest.write_text(manifest.read_text().replace('file = "choir.txt"', 'file = "x.txt"'))
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    with pytest.raises(MigrationError, match=r"seeds/x\.txt is missing"):
        migrate_tree(project)
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    assert cli_main(["migrate", "--root", str(project)]) == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('slug = "choir"', 'slug = "subjects"'),  # a reserved folder name
        ('slug = "rowing"', 'slug = "choir"'),  # two documents, one folder
        ("@misc{smith2020a,", "@misc{smith/2020,"),  # a key that cannot name a file
    ],
)
def test_names_that_cannot_be_folders_or_files_are_refused(
    tmp_path: Path, old: str, new: str
) -> None:
    files = _flat_files(tmp_path)
    name = "docs/references.bib" if old.startswith("@") else "seeds/manifest.toml"
    files[name] = files[name].replace(old.encode(), new.encode())
    with pytest.raises(MigrationError):
        migrate_files(files)


def test_check_against_a_base_of_the_flat_layout_reads_it_migrated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pull request that migrates is compared with its own, still flat, merge base."""
    repo = flat_project(tmp_path / "repo")
    init_repo(repo)
    git(repo, "checkout", "-q", "-b", "migrate")
    assert cli_main(["migrate", "--root", str(repo)]) == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "migrate")
    capsys.readouterr()
    status = cli_main(["check", "--root", str(repo), "--against", "main"])
    out = capsys.readouterr().out
    assert status == 0, out
    # no claim rose, no seed changed without a revision: the base was read, migrated
    assert not re.search(r": SB4(01|13|14|15|07) ", out), out
    # and the base really was read: a rise against it is seen
    apparatus = repo / "seeds" / "choir" / "apparatus.toml"
    apparatus.write_text(apparatus.read_text().replace('["smith2020a"]', "[]"))
    (repo / "docs" / "references" / "smith2020a.bib").unlink()
    (repo / "docs" / "references" / "smith2020a.json").unlink()
    git(repo, "commit", "-q", "-am", "unmap")
    assert cli_main(["check", "--root", str(repo), "--against", "main"]) == 1
    assert ": SB401 " in capsys.readouterr().out
