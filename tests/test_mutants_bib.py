"""Tests written against surviving mutants of ``src/sourcebook/bib/`` (issue 24).

Each test states a behaviour that a one-line slip in the bibliography scanner or data
model changed while every other test stayed green (``tools/mutation_sample.py bib``
finds them; the record is ``tools/mutation/bib.json``).  They call the public
functions on small ``.bib`` texts written for them.
"""

from __future__ import annotations

from sourcebook.bib.scan import scan


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
