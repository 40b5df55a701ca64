"""A check through kept folder results says what a check from scratch says, whatever changed.

Each test changes one input of a constructed project (a seed, a document
file, an apparatus, a bibliography entry, an entity, a subject, the code) and
compares the warm check's report with one made with no cache at all; it also
counts which kept results were computed again: exactly those of the changed file.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest

from sourcebook.check.claimqueue import queue_json, queue_of
from sourcebook.check.report import render_json
from sourcebook.check.run import run_check
from sourcebook.core.cachestore import CacheWarning, decode, encode
from sourcebook.corpus import folders
from sourcebook.corpus.cache import ParseCache
from sourcebook.corpus.folders import FolderRecords
from sourcebook.corpus.load import load_corpus
from tests.corpusfiles import add_document
from tests.sphinxroots import copy_root

SECOND = """Quay Reading Society

The Quay Reading Society met in a net loft from 1978.[1]

It lent books to the crews of the coastal ferries.[2]

Its last chair moved the books to a school in 1999.[3][independent source needed]
"""

APPARATUS = """version = 1

[[marker]]
label = "1"
keys = ["circle2001readingroom"]
confidence = "established"

[[marker]]
label = "2"
keys = []

[[marker]]
label = "3"
keys = ["gazette2004cranes"]
confidence = "inferred"
"""


@pytest.fixture
def project(tmp_path: Path, fresh_parse_cache: Path) -> Path:
    root = copy_root("tiny", tmp_path)
    folder = add_document(root, "quay-society", SECOND, "article", "Quay Reading Society")
    (folder / "apparatus.toml").write_text(APPARATUS, encoding="utf-8")
    return root


def warm(root: Path) -> tuple[str, list[str]]:
    """The report through the caches, and the kind of every result computed again."""
    parser = ParseCache()
    records = FolderRecords(parser.home, root)
    report = run_check(root, parser=parser, records=records)
    return render_json(report), sorted(key.split(":")[0] for key in records.computed)


def _shards(cache: Path) -> list[Path]:
    """The files of the kept results (:data:`folders.SHARDS` at most)."""
    found = [p for p in (cache / "folders").rglob("*") if p.is_file()]
    assert 0 < len(found) <= folders.SHARDS
    return found


def from_scratch(root: Path) -> str:
    return render_json(run_check(root))


def test_a_second_check_computes_nothing_and_says_the_same(project: Path) -> None:
    first, computed = warm(project)
    assert computed == (
        ["apparatus"] * 2
        + ["baseline", "bibliography"]
        + ["document"] * 2
        + ["seed"] * 2
        + ["unit"] * 2
    )
    again, computed = warm(project)
    assert computed == [] and again == first == from_scratch(project)


def _retext(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


#: (file of quay-society, text replaced, by what, results computed again, a word the report
#: then holds); "" appends the replacement
EDITS = [
    # the document file vouches for other bytes: a sha256 mismatch
    # (and the document's verdict is made again: "unit", check/units.py)
    ("extract.txt", "1999.[3]", "1999.[3] It closed.[4]", ["seed", "unit"], "sha256 is"),
    ("document.toml", "Quay Reading", "Quay Lending", ["document", "unit"], "Quay Lending"),
    # the parse depends on the kind and the structure hints: the seed is parsed again
    ("document.toml", '"article"', '"essay"', ["document", "seed", "unit"], '"essay"'),
    (
        "document.toml",
        "",
        '\n[structure]\nremove = ["99"]\n',
        ["document", "seed", "unit"],
        "SB6",
    ),
    ("apparatus.toml", "keys = []", 'keys = ["nosuchkey"]', ["apparatus", "unit"], "nosuchkey"),
]


@pytest.mark.parametrize(("name", "old", "new", "again", "word"), EDITS)
def test_an_edited_file_is_read_again_alone(
    project: Path, name: str, old: str, new: str, again: list[str], word: str
) -> None:
    before, _ = warm(project)
    path = project / "seeds/quay-society" / name
    if old:
        _retext(path, old, new)
    else:
        path.write_text(path.read_text(encoding="utf-8") + new, encoding="utf-8")
    after, computed = warm(project)
    assert computed == again
    assert after == from_scratch(project) != before
    assert word in after and word not in before


BASELINE_EDITS = [
    # a comment: other bytes, the same baseline
    ("", "# kept by hand\n", ""),
    # a claim left out of the list: the baseline's count falls
    ('    "tiny-wiki/ref-6",\n', "", '"unresolved_flagged_claims": 2'),
]


@pytest.mark.parametrize(("old", "new", "word"), BASELINE_EDITS)
def test_an_edited_baseline_is_read_again_alone(
    project: Path, old: str, new: str, word: str
) -> None:
    warm(project)
    path = project / "seeds/baseline.toml"
    if old:
        _retext(path, old, new)
    else:
        path.write_text(path.read_text(encoding="utf-8") + new, encoding="utf-8")
    after, computed = warm(project)
    assert computed == ["baseline"]
    assert after == from_scratch(project)
    assert word in after
    again, computed = warm(project)
    assert computed == [] and again == after


def test_a_missing_baseline_is_reported_and_not_kept(project: Path) -> None:
    warm(project)
    (project / "seeds/baseline.toml").unlink()
    after, computed = warm(project)
    assert computed == []
    assert after == from_scratch(project)


def test_a_bibliography_entry_judges_again_the_documents_citing_it(project: Path) -> None:
    before, _ = warm(project)
    bib = project / "docs/references/gazette2004cranes.bib"
    _retext(bib, "www.portgazette.co.uk", "harbourcircle.org")  # now the subject's own outlet
    after, computed = warm(project)
    # the bibliography's own rules, and both documents citing it, are judged again
    assert computed == ["bibliography"] + ["unit"] * 2
    assert after == from_scratch(project) != before


def test_a_removed_bibliography_entry_is_an_unknown_key(project: Path) -> None:
    before, _ = warm(project)
    (project / "docs/references/gazette2004cranes.bib").unlink()
    after, computed = warm(project)
    assert computed == ["bibliography"] + ["unit"] * 2
    assert after == from_scratch(project) != before
    assert "gazette2004cranes" in after


def test_a_subject_and_an_entity_are_read_every_time(project: Path) -> None:
    warm(project)
    _retext(project / "seeds/subjects/hwc.toml", "harbourcircle.org", "harbour-circle.net")
    after, computed = warm(project)
    # the one document about the subject is judged again
    assert computed == ["unit"] and after == from_scratch(project)
    (project / "seeds/subjects/hwc.toml").unlink()
    gone, computed = warm(project)
    assert computed == [] and gone == from_scratch(project) != after
    assert "subject 'hwc' is not defined" in gone
    entity = project / "seeds/entities/hwc.toml"
    entity.write_text(entity.read_text() + "colour = 1\n")
    bad, computed = warm(project)
    assert computed == [] and bad == from_scratch(project) != gone


def test_new_code_keeps_nothing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = warm(project)
    monkeypatch.setattr(folders, "code_version", lambda: hashlib.sha256(b"other").hexdigest())
    again, computed = warm(project)
    assert len(computed) == 10 and again == first


@pytest.mark.filterwarnings("ignore:.*further ignored cache entries")
def test_a_damaged_store_is_computed_again(project: Path, fresh_parse_cache: Path) -> None:
    first, _ = warm(project)
    for stored in _shards(fresh_parse_cache):
        stored.write_bytes(stored.read_bytes().replace(b'"format"', b'"formal"', 1))
    with pytest.warns(CacheWarning, match="digest"):
        again, computed = warm(project)
    assert len(computed) == 10 and again == first


def test_no_cache_home_keeps_nothing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", "")
    first, computed = warm(project)
    again, computed_again = warm(project)
    assert len(computed) == len(computed_again) == 10 and again == first == from_scratch(project)


def test_kept_documents_give_the_same_help_wanted_queue(project: Path) -> None:
    warm(project)
    parser = ParseCache()
    light = load_corpus(project, parser, FolderRecords(parser.home, project).loaders())
    full = load_corpus(project)
    assert light.documents and all(not d.document.blocks for d in light.documents)
    assert any(d.flag_lines() for d in full.documents)
    assert [d.flag_lines() for d in light.documents] == [d.flag_lines() for d in full.documents]
    today = datetime.date(2026, 12, 7)
    queues = [queue_of(project, c.documents, c.outlets, today) for c in (light, full)]
    assert queues[0] and queue_json(queues[0], today) == queue_json(queues[1], today)


def test_results_of_another_shape_are_computed_again(
    project: Path, fresh_parse_cache: Path
) -> None:
    first, _ = warm(project)
    shapes = [None, 1, "x", [], {}, [1, 2], {"read": 1}, {"entry": {"slug": 3}}]
    for stored in _shards(fresh_parse_cache):
        payload = decode(stored.read_bytes())
        for number, key in enumerate(sorted(payload["results"])):
            payload["results"][key] = shapes[number % len(shapes)]
        stored.write_bytes(encode(payload))
    again, computed = warm(project)
    assert len(computed) == 10 and again == first


def test_the_help_wanted_pages_reading_keeps_the_checks_results(project: Path) -> None:
    """The help-wanted page reads the seeds' results alone; the document and apparatus
    files' results the check kept stay kept, so the next check (a build's gate) parses
    none of them again."""
    from sourcebook.check.claimqueue import flagged
    from sourcebook.corpus.load import read_outlets
    from sourcebook.corpus.manifest import load_manifest
    from sourcebook.corpus.projectbib import load_project_bibliography
    from sourcebook.sphinxext.corpusregistry import CorpusRegistry

    first, _ = warm(project)
    manifest, _ = load_manifest(project)
    bib, _ = load_project_bibliography(project)
    parser = ParseCache()
    registry = CorpusRegistry(
        project, manifest, bib, {}, read_outlets(project, manifest), parser=parser
    )
    found = list(registry.flagged())
    again, computed = warm(project)
    assert computed == [] and again == first
    # every document's claims waiting for a source, as from the documents parsed in full
    full = [f for d in load_corpus(project).documents if (f := flagged(d)) is not None]
    assert found and found == full


def test_results_nobody_asks_for_are_dropped_when_their_kind_is_asked_for(
    project: Path, fresh_parse_cache: Path
) -> None:
    warm(project)
    seed = project / "seeds" / "quay-society" / "extract.txt"
    _retext(seed, "1999.[3]", "1999.[3] It closed.[4]")
    warm(project)  # the old seed's result is no longer asked for
    kinds = sorted(
        key.split(":")[0]
        for stored in _shards(fresh_parse_cache)
        for key in decode(stored.read_bytes())["results"]
    )
    assert kinds == (
        ["apparatus"] * 2
        + ["baseline", "bibliography"]
        + ["document"] * 2
        + ["seed"] * 2
        + ["unit"] * 2
    )


def test_an_edit_rewrites_only_the_shards_of_its_keys(
    project: Path, fresh_parse_cache: Path
) -> None:
    for number in range(12):  # enough documents to fill most shards
        folder = add_document(project, f"note-{number}", f"Note {number}\n\nText.\n", "essay", "N")
        (folder / "apparatus.toml").write_text("version = 1\n", encoding="utf-8")
    warm(project)
    before = {p: p.read_bytes() for p in _shards(fresh_parse_cache)}
    _retext(project / "seeds/quay-society/extract.txt", "1999.[3]", "1999.[3] It closed.[4]")
    after, computed = warm(project)
    rewritten = [p for p in _shards(fresh_parse_cache) if before.get(p) != p.read_bytes()]
    assert computed == ["seed", "unit"] and after == from_scratch(project)
    # the new seed and unit results, and the old ones dropped: at most four shards
    assert 0 < len(rewritten) <= 4 < len(before)
