"""The one TOML and the one BibTeX writer: every hostile value comes back exactly, or is refused.

Each value is written, then read back with the real readers -- :mod:`tomllib`
for TOML; pybtex (which renders the bibliography) and the project's own
scanner (:mod:`sourcebook.bib.scan`) for BibTeX -- and compared.  A value can
never become a second field, a comment or a new entry.
"""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string
from pybtex.richtext import Text

from sourcebook.bib.scan import scan
from sourcebook.writers import bibtex, toml

#: what an attacker types into a field: the formats' own syntax, controls, bidi, invisibles
HOSTILE = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("{}[]\"'\\@%#&_$^~=,\n\r\t\x00\x7f\x85\u202e\u2066\u200b\u2028")),
        st.sampled_from(list("aZ é")),
        st.characters(blacklist_categories=["Cs"]),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
@example("a\x7fb")
@example('"""\nx = 1\n"""')
@example('x"\nforged = true\n#')
def test_toml_values_read_back_exactly(value: str) -> None:
    document = f'[marker]\n{toml.assignment("note", value)}\n# a comment\nlabel = "1"\n'
    assert tomllib.loads(document) == {"marker": {"note": value, "label": "1"}}
    listed = toml.list_lines("ids", [value, "b"])
    assert tomllib.loads(listed) == {"ids": [value, "b"]}


@given(HOSTILE)
def test_toml_literals_show_every_unseen_character(value: str) -> None:
    literal = toml.value(value)
    assert "\n" not in literal and "\r" not in literal
    assert not any(c in literal for c in "\x7f\x85\u202e\u2066\u200b\u2028")


def rendered(tex: str) -> str:
    return str(Text.from_latex(tex).render_as("text"))


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
@example("Innocent Title}, author = {Karl Marx")
@example("Innocent Title}, author = {Karl Marx}, note = {")
@example('a "quoted" 50% \\ path @misc{x, ~ _ # &')
@example("{Balanced} title")
@example("1968--1971: ``Yes'' ?` !` ---")
def test_bibtex_values_stay_one_field(title: str) -> None:
    try:
        written = bibtex.value(title)
    except bibtex.UnwritableValue:
        depth, bad = 0, False
        for char in title:
            depth += {"{": 1, "}": -1}.get(char, 0)
            bad = bad or depth < 0
        unseen = any(not c.isprintable() or c in "\u200b" for c in title)
        assert bad or depth or unseen or not title.strip()
        return
    text = bibtex.entry("misc", "k1", [("title", written), ("year", "{2020}")])
    entries = parse_string(text, "bibtex").entries
    assert list(entries) == ["k1"]
    assert dict(entries["k1"].fields) == {"title": written[1:-1], "year": "2020"}
    (raw,) = scan(text, "references.bib").entries
    assert [f.name for f in raw.fields] == ["title", "year"]
    assert [p.text for p in raw.fields[0].pieces] == [written[1:-1]]
    if not any(c in title for c in "$^"):  # pybtex shows \$ and \^{} as written
        plain = " ".join(title.split()).replace("{", "").replace("}", "")
        assert rendered(written[1:-1]) == plain


@given(st.lists(HOSTILE, min_size=1, max_size=3))
def test_bibtex_names_are_the_names_given(people: list[str]) -> None:
    try:
        written = bibtex.names(people)
    except bibtex.UnwritableValue:
        return
    entry = parse_string(bibtex.entry("misc", "k", [("author", written)]), "bibtex").entries["k"]
    assert len(entry.persons["author"]) == len(people)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Innocent Title}, author = {Karl Marx", "closes no"),
        ("open { brace", "never closed"),
        ("line\nbreak", "control character"),
        ("a\x7fb", "control character"),
        ("a\u202eb", "bidirectional control"),
        ("a\u200bb", "invisible character"),
        ("a\x85b", "control character"),
        ("   ", "empty"),
    ],
)
def test_bibtex_refusals_say_why(value: str, problem: str) -> None:
    with pytest.raises(bibtex.UnwritableValue, match=problem):
        bibtex.value(value)


def test_entry_refuses_a_key_or_field_name_that_is_not_one() -> None:
    with pytest.raises(bibtex.UnwritableValue):
        bibtex.entry("misc", "k1,title={x}", [])
    with pytest.raises(bibtex.UnwritableValue):
        bibtex.entry("misc", "k1", [("title = {x}, author", "{y}")])


def test_a_url_is_written_verbatim_and_checked() -> None:
    assert bibtex.verbatim("https://example.org/a_b%20c#d") == "{https://example.org/a_b%20c#d}"
    for bad in ("https://x.example/}", "https://x.example/ a", "https://x\u202e.example/"):
        with pytest.raises(bibtex.UnwritableValue):
            bibtex.verbatim(bad)
