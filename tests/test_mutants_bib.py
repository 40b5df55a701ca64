"""Tests written against surviving mutants of ``src/sourcebook/bib/`` (issue 24).

Each test states a behaviour that a one-line slip in the bibliography scanner or data
model changed while every other test stayed green (``tools/mutation_sample.py bib``
finds them; the record is ``tools/mutation/bib.json``).  They call the public
functions on small ``.bib`` texts written for them.
"""

from __future__ import annotations

from pybtex.database import Entry, Person

from sourcebook.bib.datamodel import extended_name, known_field
from sourcebook.bib.scan import MAX_DEPTH, scan
from sourcebook.bib.styleview import bibtex_view, style_fields
from sourcebook.check.bibfile import check_bib_text


def _messages(text: str) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.col, d.code.id, d.message) for d in scan(text, "t.bib").diagnostics]


def test_a_value_that_ran_over_the_next_field_is_blamed_at_its_brace() -> None:
    """A '}' missing after a value: the blame is the value's '{', naming the field it ran into."""
    text = "@article{a,\n  title = {Broken title,\n  year = {2001},\n}\n@book{b, title = {B}}\n"
    result = scan(text, "t.bib")
    assert [e.key for e in result.entries] == ["b"]
    assert result.broken == {"a"}
    assert _messages(text) == [
        (
            2,
            11,
            "SB301",
            "@article{a} (line 1): the '{' opened here (field 'title') is not closed "
            "before 'year =' at line 3; the entry is not read",
        )
    ]


def test_a_stray_closing_brace_in_a_parenthesised_entry_is_blamed_where_it_stands() -> None:
    """In ``@type(...)`` a '}' with no '{' open is the error, at its own line and column."""
    text = "@article(a,\n  title = {T}},\n  year = 2001\n)\n@book{b, title = {B}}\n"
    result = scan(text, "t.bib")
    assert [e.key for e in result.entries] == ["b"]
    assert _messages(text) == [
        (2, 14, "SB301", "@article{a} (line 1): '}' closes no '{'; the entry is not read")
    ]


def test_a_broken_string_definition_is_reported_but_counts_no_entry() -> None:
    """``@string`` is no entry: when it cannot be read, no entry head goes unread."""
    text = "@string{tp = {Tide Press}\n@book{b, title = {B}, publisher = tp}\n"
    result = scan(text, "t.bib")
    assert [e.key for e in result.entries] == ["b"]
    assert (result.heads, result.unread, result.broken) == (1, 0, set())
    assert [code for _, _, code, _ in _messages(text)] == ["SB301"]


def test_style_fields_give_a_thesis_its_school_and_its_type_in_words() -> None:
    for kind in ("thesis", "phdthesis", "mastersthesis", "MastersThesis"):
        assert style_fields({"institution": "Quay University"}, kind)["school"] == (
            "Quay University"
        )
    assert "school" not in style_fields({"institution": "Quay University"}, "report")
    # a biblatex localisation key in ``type`` is printed in words, whatever its case
    assert style_fields({"Type": "PhDThesis"}, "thesis") == {"Type": "PhD thesis"}
    assert style_fields({"type": "Field notes"}, "misc") == {"type": "Field notes"}


def _entry(kind: str, fields: dict[str, str], author: str) -> Entry:
    entry = Entry(kind, fields=fields, persons={"author": [Person(author)]})
    entry.key = "k"
    return entry


def test_a_plain_bibtex_entry_is_shown_to_the_style_unchanged() -> None:
    entry = _entry("book", {"title": "Quays", "year": "2001"}, "Lee, Ann")
    assert bibtex_view(entry) is entry


def test_a_biblatex_entry_is_shown_to_the_style_as_bibtex() -> None:
    entry = _entry("online", {"title": "Quays", "date": "2001-05"}, "family=Berg, given=Pieter")
    view = bibtex_view(entry)
    assert view is not entry and view.key == "k" and view.type == "misc"
    assert dict(view.fields) == {
        "title": "Quays",
        "date": "2001-05",
        "year": "2001",
        "month": "May",
    }
    (person,) = view.persons["author"]
    assert (person.first_names, person.prelast_names, person.last_names) == (
        ["Pieter"],
        [],
        ["Berg"],
    )
    assert str(person) == "Berg, Pieter"
    # only the fields changed: the names stay the very objects they were
    same = _entry("online", {"title": "Quays"}, "Lee, Ann")
    assert bibtex_view(same).persons["author"][0] is same.persons["author"][0]


def test_a_missing_value_and_an_undefined_string_are_located_and_explained() -> None:
    text = (
        "@misc{a, title = , year = {2001}}\n"
        "@misc{b, title = nosuchstring # { and more}, year = {2001}}\n"
    )
    found = [
        (d.line, d.col, d.code.id, d.message) for d in check_bib_text(text, "t.bib").diagnostics
    ]
    assert found == [
        (
            1,
            18,
            "SB301",
            '@misc{a} (line 1): expected a value ({...}, "...", a number or a @string name), '
            "found ', year = {20'; the entry is not read",
        ),
        (
            2,
            18,
            "SB311",
            "'nosuchstring' is not a defined @string (define it before its first use, or write "
            "the value in braces)",
        ),
    ]


def test_a_quoted_value_left_open_is_blamed_inside_its_own_entry() -> None:
    """The next entry's quotes never close a value left open before it."""
    text = '@misc{c, title = "Open}\n@misc{d, title = "D", year = {2001}}\n'
    result = scan(text, "t.bib")
    assert [e.key for e in result.entries] == ["d"]
    assert _messages(text) == [
        (
            1,
            18,
            "SB301",
            "@misc{c} (line 1): the '\"' opened here (field 'title') is not closed before '}' "
            "at 1:23; the entry is not read",
        )
    ]


def test_an_extended_name_part_may_hold_an_equals_sign() -> None:
    """Only the first '=' of a part separates its key from its value."""
    assert extended_name("family=Berg, given=Jo=Ann") == {"family": "Berg", "given": "Jo=Ann"}
    assert extended_name("family=Berg, Pieter") is None


def test_numbered_and_annotated_copies_of_known_fields_are_known() -> None:
    for name in ("url2", "file-1", "URL3", "author+an", "title+an:default", "year"):
        assert known_field(name), name
    for name in ("colour2", "colour", "notafield+an"):
        assert not known_field(name), name


def test_an_indented_percent_before_an_entry_is_reported_and_the_entry_read() -> None:
    text = "  % @book{old, title = {Old}}\n@book{new, title = {New}}\n"
    result = scan(text, "t.bib")
    assert [e.key for e in result.entries] == ["old", "new"]
    assert [(line, col, code) for line, col, code, _ in _messages(text)] == [(1, 5, "SB310")]


def test_a_preamble_keeps_its_type_as_written() -> None:
    result = scan('@Preamble{ "\\newcommand{\\noop}[1]{}" }\n', "t.bib")
    assert [(p.type, p.key) for p in result.preambles] == [("Preamble", None)]


def test_every_record_of_the_scan_spans_its_text_from_head_to_closing_delimiter() -> None:
    """Entries, ``@string`` and ``@preamble`` alike: ``text[offset:end]`` is the whole record."""
    records = (
        '@preamble{ "\\newcommand{\\noop}[1]{}" }',
        "@string(tp = {Tide Press})",
        "@book{b, title = {B}, publisher = tp}",
    )
    text = "% a comment\n" + "\n\n".join(records) + "\n"
    result = scan(text, "t.bib")
    found = [*result.preambles, *result.strings, *result.entries]
    assert [text[r.offset : r.end] for r in found] == list(records)


def test_empty_fields_between_commas_are_skipped_as_pybtex_skips_them() -> None:
    text = "@misc{a, title = {T},, year = 2001}\n@misc{b, , note = {N},}\n"
    result = scan(text, "t.bib")
    assert result.diagnostics == []
    assert [(e.key, [f.name for f in e.fields]) for e in result.entries] == [
        ("a", ["title", "year"]),
        ("b", ["note"]),
    ]


def _nested(depth: int) -> str:
    return "@misc{deep,\n  title = " + "{" * depth + "x" + "}" * depth + "}\n"


def test_braces_nested_to_the_limit_are_read_and_one_deeper_is_refused_at_that_brace() -> None:
    following = "@misc{next, title = {N}}\n"
    deepest = scan(_nested(MAX_DEPTH) + following, "t.bib")
    assert deepest.diagnostics == []
    assert [e.key for e in deepest.entries] == ["deep", "next"]
    [title] = deepest.entries[0].fields
    assert title.pieces[0].text == "{" * (MAX_DEPTH - 1) + "x" + "}" * (MAX_DEPTH - 1)

    text = _nested(MAX_DEPTH + 1) + following
    result = scan(text, "t.bib")
    # the entry is refused, the scan resumes at the next entry head
    assert [e.key for e in result.entries] == ["next"]
    assert (result.heads, result.unread, result.broken) == (2, 1, {"deep"})
    column = len("  title = ") + MAX_DEPTH + 1  # the brace one level too deep
    assert _messages(text) == [
        (
            2,
            column,
            "SB301",
            "@misc{deep} (line 1): braces nested too deeply; the entry is not read",
        )
    ]


def test_an_edition_number_is_printed_as_an_ordinal_and_words_are_kept() -> None:
    assert style_fields({"Edition": " 3 "}, "book") == {"Edition": "3rd"}
    assert style_fields({"edition": "12"}, "book") == {"edition": "12th"}
    assert style_fields({"edition": "second"}, "book") == {"edition": "second"}
