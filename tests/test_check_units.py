"""The checker's kept per-document verdicts (check/units.py) never change what it says.

One project is edited step after step -- a seed, an apparatus, an entry two
documents cite, an entity, a subject, documents added and deleted, a
duplicate key, a broken entry, a look-alike slug, an unreadable apparatus --
and after every step the check through the caches kept since the first step
must print exactly what a check without any cache prints, in text and in
JSON.  Several steps change a verdict that joins documents (an entry becomes
used or unused, a key is defined twice, one entry's independence is unknown
for the claims of two documents).  The steps that touch one document must
judge that document again, and no other.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sourcebook.check.report import render_json, render_text
from sourcebook.check.run import run_check
from sourcebook.corpus.cache import ParseCache
from sourcebook.corpus.folders import FolderRecords
from tests.corpusfiles import add_document
from tests.sphinxroots import copy_root

DOCK = """Dock Notes

The Harbour Workers' Circle opened its reading room in 1992.[1]

Its bulletin reached three hundred readers.[2][independent source needed]

A later chair gave the archive to the town library.[3][independent source needed]
"""

DOCK_APPARATUS = """version = 1

[[marker]]
label = "1"
keys = ["circle2001readingrom"]

[[marker]]
label = "2"
keys = ["gazette2004cranes"]
confidence = "established"

[[marker]]
label = "3"
keys = ["library2019archive"]
confidence = "established"
"""

QUAY = """Quay Reading Society

The Quay Reading Society met in a net loft from 1978.[1]

It lent books to the crews of the coastal ferries.[2]
"""

QUAY_APPARATUS = """version = 1

[[marker]]
label = "1"
keys = ["gazette2004cranes"]
confidence = "established"

[[marker]]
label = "2"
keys = []
"""

UNUSED = """@book{ferry1988log,
  author    = {Roe, Ann},
  title     = {The Ferry Log},
  publisher = {Quayside Books},
  year      = {1988}
}
"""


def _retext(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _reseed(root: Path, slug: str, old: str, new: str) -> None:
    """Change a seed's text and the sha256 its document file vouches for."""
    seed = root / "seeds" / slug / "extract.txt"
    before = hashlib.sha256(seed.read_bytes()).hexdigest()
    _retext(seed, old, new)
    after = hashlib.sha256(seed.read_bytes()).hexdigest()
    _retext(root / "seeds" / slug / "document.toml", before, after)


def _add(root: Path, slug: str, text: str, apparatus: str, **fields: object) -> None:
    folder = add_document(root, slug, text, "article", text.split("\n", 1)[0], **fields)
    (folder / "apparatus.toml").write_text(apparatus, encoding="utf-8")


def _mend(root: Path) -> None:
    _retext(root / "docs/references/library2019archive.bib", "{2019", "{2019}")
    _retext(root / "seeds/1ock-notes/apparatus.toml", "version = 1\n[", "version = 1")


Edit = Callable[[Path], None]

#: (what the step does, the edit, how many documents must be judged again; None: any)
STEPS: list[tuple[str, Edit, int | None]] = [
    (
        "a seed gains a sentence and a marker",
        lambda r: _reseed(r, "tiny-wiki", "[7]", "[7] It meets in the loft.[8]"),
        1,
    ),
    (
        "an apparatus maps a marker",
        lambda r: _retext(
            r / "seeds/quay-society/apparatus.toml", "keys = []", 'keys = ["library2019archive"]'
        ),
        1,
    ),
    (
        "an entry both documents cite moves to the subject's own site",
        lambda r: _retext(
            r / "docs/references/gazette2004cranes.bib",
            "www.portgazette.co.uk",
            "harbourcircle.org",
        ),
        2,
    ),
    (
        "an entity holds markup",
        lambda r: _retext(r / "seeds/entities/hwc.toml", "An invented", "An <b>invented</b>"),
        0,
    ),
    (
        "a document of the same subject cites a misspelt key and two shared entries",
        lambda r: _add(r, "1ock-notes", DOCK, DOCK_APPARATUS, subject="hwc"),
        1,
    ),
    (
        "an unused entry is added",
        lambda r: (r / "docs/references/ferry1988log.bib").write_text(UNUSED, encoding="utf-8"),
        0,
    ),
    (
        "another document cites it: no longer unused",
        lambda r: _retext(
            r / "seeds/quay-society/apparatus.toml",
            '["library2019archive"]',
            '["library2019archive", "ferry1988log"]',
        ),
        1,
    ),
    (
        "the misspelt key is defined twice, in case and in another entry's file",
        lambda r: (r / "docs/references/Ferry1988log.bib").write_text(
            UNUSED.replace("ferry1988log", "Ferry1988log"), encoding="utf-8"
        ),
        None,
    ),
    (
        "an entry in the file of another key duplicates a key",
        lambda r: (r / "docs/references/circle2001readingrom.bib").write_text(
            UNUSED, encoding="utf-8"
        ),
        None,
    ),
    (
        "the subject's domains change",
        lambda r: _retext(r / "seeds/subjects/hwc.toml", "harbourcircle.org", "hwc.example.org"),
        None,
    ),
    (
        "a look-alike slug",
        lambda r: _add(r, "lock-notes", DOCK, DOCK_APPARATUS),
        None,
    ),
    (
        "an entry loses a brace",
        lambda r: _retext(r / "docs/references/library2019archive.bib", "{2019}", "{2019"),
        None,
    ),
    (
        "an apparatus cannot be read",
        lambda r: _retext(r / "seeds/1ock-notes/apparatus.toml", "version = 1", "version = 1\n["),
        None,
    ),
    (
        "a document is deleted: what it cited is unused",
        lambda r: shutil.rmtree(r / "seeds/quay-society"),
        0,
    ),
    (
        "the brace and the apparatus are mended",
        lambda r: _mend(r),
        None,
    ),
]


def _warm(root: Path) -> tuple[str, str, list[str]]:
    parser = ParseCache()
    records = FolderRecords(parser.home, root)
    report = run_check(root, parser=parser, records=records)
    units = [k for k in records.computed if k.startswith("unit:")]
    return render_text(report), render_json(report), units


def _cold(root: Path) -> tuple[str, str]:
    report = run_check(root)
    return render_text(report), render_json(report)


@pytest.fixture
def project(tmp_path: Path, fresh_parse_cache: Path) -> Path:
    root = copy_root("tiny", tmp_path)
    _add(root, "quay-society", QUAY, QUAY_APPARATUS)
    return root


def test_every_step_says_what_a_check_from_scratch_says(project: Path) -> None:
    text, data, units = _warm(project)
    assert len(units) == 2 and (text, data) == _cold(project)
    seen: set[str] = set()
    for what, edit, judged in STEPS:
        edit(project)
        text, data, units = _warm(project)
        assert (text, data) == _cold(project), what
        if judged is not None:
            assert len(units) == judged, what
        codes = {line.split(" ", 2)[1] for line in text.splitlines() if ": SB" in line}
        seen |= codes
        again, again_data, units = _warm(project)
        assert units == [] and (again, again_data) == (text, data), what
    # the steps reached the rules they are about: a look-alike slug, an entry in another
    # key's file, unreadable files, keys defined twice, misspelt and unused
    assert {"SB215", "SB220", "SB201", "SB301", "SB302", "SB303", "SB501", "SB702"} <= seen


def test_a_document_whose_inputs_did_not_change_is_not_judged_again(project: Path) -> None:
    _warm(project)
    _reseed(project, "quay-society", "1978.[1]", "1979.[1]")
    text, data, units = _warm(project)
    assert len(units) == 1 and (text, data) == _cold(project)


def _kinds(root: Path) -> list[str]:
    parser = ParseCache()
    records = FolderRecords(parser.home, root)
    run_check(root, parser=parser, records=records)
    return sorted(key.split(":")[0] for key in records.computed)


def test_the_bibliographys_rules_are_judged_again_only_when_it_changes(project: Path) -> None:
    _kinds(project)
    _reseed(project, "quay-society", "1978.[1]", "1979.[1]")
    assert _kinds(project) == ["document", "seed", "unit"]
    _retext(project / "docs/references/tinywiki.bib", "{seed}", "{seed, wiki}")
    assert _kinds(project) == ["bibliography", "unit"]  # the one document whose bibkey it is
    assert _warm(project)[:2] == _cold(project)
