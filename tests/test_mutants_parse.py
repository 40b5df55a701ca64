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

from sourcebook.inputs.hints import structure_hints_from
from sourcebook.inputs.tomlschema import parse_toml
from sourcebook.model import Anchor, Document
from sourcebook.parse import parse
from sourcebook.parse.inline import ClaimIds, PendingAnchor, freeze_inlines
from sourcebook.parse.vocabulary import Vocabulary, vocabulary


@pytest.fixture
def fresh_vocabulary() -> Iterator[Vocabulary]:
    """The vocabulary read again from layout.toml (it is cached once per process)."""
    vocabulary.cache_clear()
    yield vocabulary()
    vocabulary.cache_clear()


def test_every_line_of_layout_toml_reaches_its_evidence(fresh_vocabulary: Vocabulary) -> None:
    """Each ``[[line]]`` (and ``[[encyclopaedia_line]]``, ``[[news_line]]``,
    ``[[site_line]]``) keeps its kinds, field, split, reason, name_above, name_below and
    in_run when loaded."""
    text = (resources.files("sourcebook.parse") / "layout.toml").read_text("utf-8")
    data = tomllib.loads(text)
    tables = ("line", "encyclopaedia_line", "news_line", "site_line")
    raw = {entry["name"]: entry for table in tables for entry in data[table]}
    loaded = {evidence.name: evidence for evidence in fresh_vocabulary.lines}
    assert loaded.keys() == raw.keys()
    for name, entry in raw.items():
        evidence = loaded[name]
        assert evidence.kinds == frozenset(entry.get("kinds", ())), name
        assert evidence.field == entry.get("field"), name
        assert evidence.split is bool(entry.get("split", False)), name
        assert evidence.reason == entry.get("reason", "document metadata"), name
        assert evidence.name_above == entry.get("name_above"), name
        assert evidence.name_below == entry.get("name_below"), name
        assert evidence.in_run is bool(entry.get("in_run", False)), name
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


def test_a_closing_name_and_bio_are_taken_even_when_they_are_the_whole_text() -> None:
    document, _ = parse("Ann Lee\n\nAnn Lee is a writer who rows.\n", "essay", "t.txt")
    assert (document.author, document.bio) == ("Ann Lee", "Ann Lee is a writer who rows.")
    assert document.blocks == ()


def test_a_closing_name_without_a_bio_stays_text() -> None:
    """A closing bio starts with the name above it: "Ann Lee" then "She rowed" is text."""
    text = (
        "Rowing on the quay\n\nThe club rows every morning at dawn.\n\n"
        "Ann Lee\n\nShe rowed for years.\n"
    )
    document, _ = parse(text, "essay", "t.txt")
    assert (document.author, document.bio) == (None, None)
    assert [(type(b).__name__, b.line) for b in document.blocks][-2:] == [
        ("Heading", 5),
        ("Paragraph", 7),
    ]


def _lines_text(words: int) -> str:
    line = " ".join(
        ["Boats", "Leave", "The", "Quay", "Early", "Every", "Summer", "Morning"][:words]
    )
    if words > 8:
        line += " Again" * (words - 8)
    return "The quay\n\n" + "\n".join([line] * 5) + "\n\nThe end came.\n"


def test_only_lines_of_up_to_eight_words_read_as_headings_that_end_a_line() -> None:
    """Single breaks after short capitalised lines separate blocks; after longer lines
    they are hard wrapping inside one paragraph."""
    document, _ = parse(_lines_text(9), "article", "t.txt")
    assert [(type(b).__name__, b.line) for b in document.blocks] == [
        ("Paragraph", 3),
        ("Paragraph", 9),
    ]
    document, _ = parse(_lines_text(8), "article", "t.txt")
    # each short line its own block, or its own item (three such lines open the text:
    # a summary box's points, parse/bareitems.py)
    assert sum(len(getattr(b, "items", (b,))) for b in document.blocks) > 2


def _hinted(hint_toml: str, text: str, kind: str) -> tuple[Document, list[str]]:
    file, problems = parse_toml(hint_toml.encode(), "h.toml", "hints")
    assert file is not None and problems == []
    hints = structure_hints_from(file, ("structure",))
    document, found = parse(text, kind, "t.txt", hints)  # type: ignore[arg-type]
    return document, [d.format() for d in found]


def test_a_title_hint_ends_the_header_lines_above_it() -> None:
    """With ``title_line``, only lines above the title can be the site or the tagline."""
    text = "Quay Blog\n\nThe Real Title\n\nRowing Days\n\nThe club rows every morning at dawn.\n"
    document, _ = _hinted("[structure]\ntitle_line = 3\n", text, "blog")
    assert (document.site, document.tagline, document.title) == (
        "Quay Blog",
        None,
        "The Real Title",
    )
    first = document.blocks[0]
    assert (type(first).__name__, first.line) == ("Paragraph", 5)


def test_a_comment_header_matching_nothing_names_the_line_it_was_sought_from() -> None:
    text = "Site notice\nThe Title\n\nFirst paragraph.\n\nLater part\n\nSecond paragraph.\n"
    _, found = _hinted(
        '[structure]\ncomments_start = 4\ncomment_header = "{name} said..."\n', text, "wikipedia"
    )
    assert "h.toml:3:18: SB609 comment_header '{name} said...' matches no line from line 4" in (
        found
    )


def test_a_doubtful_title_is_reported_with_the_hint_that_overrides_it() -> None:
    document, found = parse(
        "the harbour club\n\nThe club rows every morning at dawn.\n", "wikipedia", "t.txt"
    )
    assert document.title == "the harbour club"
    assert [d.format() for d in found if d.code.id == "SB608"] == [
        "t.txt:1:1: SB608 took 'the harbour club' as the title (score 0.70); if the title is "
        "another line, set 'title_line' in the structure hints"
    ]


def test_a_comment_count_without_comment_headers_is_reported_at_its_line() -> None:
    text = (
        "Quay Blog\n\nRowing days\n\nThe club rows every morning at dawn.\n\n"
        "3 Comments\n\nThe club still rows today.\n"
    )
    document, found = parse(text, "blog", "t.txt")
    assert [(type(b).__name__, b.line) for b in document.blocks] == [
        ("Paragraph", 5),
        ("Paragraph", 9),
    ]
    assert (
        "t.txt:7:1: SB608 a comment-count line, but no comment header after it: the rest is "
        "read as the body; declare 'comments_start' and 'comment_header' in the structure hints"
    ) in [d.format() for d in found]


def test_a_numeric_marker_run_keeps_the_text_it_was_read_from() -> None:
    document, _ = parse("Quay Club\n\nThe club rows.[5][6] It grew.[7]\n", "wikipedia", "t.txt")
    anchors = [
        (i.markers, i.raw)
        for b in document.blocks
        for i in getattr(b, "inlines", ())
        if isinstance(i, Anchor)
    ]
    assert anchors == [(("5", "6"), "[5][6]"), (("7",), "[7]")]


JOURNAL = "Quayside Quarterly\n\nIssue 12\n\nOn Common Kitchens\n\n"


def _fields(document: Document) -> list[tuple[str, str, int]]:
    return [(f.name, f.value, f.line) for f in document.metadata]


def test_a_journal_header_takes_one_title_after_the_issue_line() -> None:
    text = JOURNAL + "A Second Heading\n\nThe kitchens fed the whole quay for years.\n"
    document, _ = parse(text, "essay", "t.txt")
    assert document.title == "On Common Kitchens"
    assert _fields(document) == [("journal", "Quayside Quarterly", 1), ("issue", "12", 3)]
    assert [(type(b).__name__, b.line) for b in document.blocks] == [
        ("Heading", 7),
        ("Paragraph", 9),
    ]


def test_a_title_hint_leaves_the_journal_title_as_text_and_still_takes_the_author() -> None:
    text = (
        JOURNAL + "By Sam Okafor\n\nThe Kitchens Of The Quay\n\n"
        "The kitchens fed the whole quay for years.\n"
    )
    document, _ = _hinted("[structure]\ntitle_line = 9\n", text, "essay")
    assert document.title == "The Kitchens Of The Quay"
    assert _fields(document) == [
        ("journal", "Quayside Quarterly", 1),
        ("issue", "12", 3),
        ("author", "Sam Okafor", 7),
    ]
    assert [(type(b).__name__, b.line) for b in document.blocks] == [
        ("Heading", 5),
        ("Paragraph", 11),
    ]


def test_adjacent_text_pieces_become_one_text() -> None:
    anchor = PendingAnchor(["5"], [], 3, 9, "[5]")
    inlines = freeze_inlines(["The ", "club ", anchor, "rows", "."], ClaimIds())
    assert [getattr(i, "text", None) for i in inlines] == ["The club ", None, "rows."]
    assert isinstance(inlines[1], Anchor) and inlines[1].markers == ("5",)
