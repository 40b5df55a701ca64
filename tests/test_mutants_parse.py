"""Tests written against surviving mutants of ``src/sourcebook/parse/`` (issue 24).

Each test states a behaviour that a one-line slip in the normaliser changed while
every other test stayed green (``tools/mutation_sample.py parse`` finds them; the
record is ``tools/mutation/parse.json``).  They call the public functions on small
texts written for them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from importlib import resources

import pytest

from sourcebook.parse import parse
from sourcebook.parse.vocabulary import Vocabulary, vocabulary


@pytest.fixture
def fresh_vocabulary() -> Iterator[Vocabulary]:
    """The vocabulary read again from layout.toml (it is cached once per process)."""
    vocabulary.cache_clear()
    yield vocabulary()
    vocabulary.cache_clear()


def test_every_line_of_layout_toml_reaches_its_evidence(fresh_vocabulary: Vocabulary) -> None:
    """Each ``[[line]]`` keeps its kinds, field, split, reason and name_above when loaded."""
    text = (resources.files("sourcebook.parse") / "layout.toml").read_text("utf-8")
    raw = {entry["name"]: entry for entry in tomllib.loads(text)["line"]}
    loaded = {evidence.name: evidence for evidence in fresh_vocabulary.lines}
    assert loaded.keys() == raw.keys()
    for name, entry in raw.items():
        evidence = loaded[name]
        assert evidence.kinds == frozenset(entry.get("kinds", ())), name
        assert evidence.field == entry.get("field"), name
        assert evidence.split is bool(entry.get("split", False)), name
        assert evidence.reason == entry.get("reason", "document metadata"), name
        assert evidence.name_above == entry.get("name_above"), name
        assert evidence.where == entry.get("where", "any"), name
        assert evidence.weight == float(entry["weight"]), name
        assert evidence.pattern.pattern == entry["pattern"], name
    # the file uses each optional key somewhere, so the loop above tests every one
    assert any(e.kinds for e in loaded.values()) and any(e.field for e in loaded.values())


def test_a_heading_right_after_a_notes_heading_ends_the_notes() -> None:
    """An empty notes section removes its heading only; the next section stays whole."""
    text = "Quay Club\n\nThe club rows.\n\nReferences\n\nLater years\n\nIt still rows today.\n"
    document, _ = parse(text, "wikipedia", "t.txt")
    assert [(r.line, r.reason) for r in document.removed] == [(5, "notes section")]
    assert [(type(b).__name__, b.line) for b in document.blocks] == [
        ("Paragraph", 3),
        ("Heading", 7),
        ("Paragraph", 9),
    ]
