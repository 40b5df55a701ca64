"""Formatted bibliography entries kept between builds (sourcebook.sphinxext.bibformat)."""

from __future__ import annotations

from typing import Any

import pytest
from pybtex.database import parse_string

from sourcebook.render.bibstyle import SourcebookStyle
from sourcebook.sphinxext import bibformat
from sourcebook.sphinxext.bibformat import CachedStyle, Memo, Results, fingerprint

BIB = r"""
@book{alpha, author = {Zed, Ada}, title = {A Plain Title}, year = {2001}, publisher = {Pub}}
@book{beta, author = {Zed, Ada}, title = {Another Title}, year = {2001}}
@article{gamma, author = {M{\"u}ller, Jo}, title = {Caf{\'e} Notes}, journal = {J}, year = {2003}}
@inproceedings{child, author = {Roe, Bo}, title = {A Paper}, crossref = {proc}}
@proceedings{proc, title = {The Proceedings}, year = {2010}, publisher = {House}}
"""


def _format(style: Any, bib: str) -> list[tuple[str, str, str]]:
    """(key, label, HTML) of every entry, as sphinxcontrib-bibtex asks the style for them."""
    entries = list(parse_string(bib, "bibtex").entries.values())
    ordered = style.sort(entries)
    out = []
    for label, entry in zip(style.format_labels(ordered), ordered, strict=True):
        formatted = style.format_entry(label, entry)
        out.append((entry.key, label, formatted.text.render_as("html")))
    return out


def _next_build(memo: Memo) -> None:
    """What a new build starts from: the results the last one kept."""
    memo.known, memo.used, memo.prints, memo.computed = memo.used, Results(), {}, 0


@pytest.fixture
def memo(monkeypatch: pytest.MonkeyPatch) -> Memo:
    fresh = Memo()
    monkeypatch.setattr(bibformat, "MEMO", fresh)
    return fresh


def test_the_cached_style_formats_as_the_style_does(memo: Memo) -> None:
    assert _format(CachedStyle(), BIB) == _format(SourcebookStyle(), BIB)
    _next_build(memo)
    assert _format(CachedStyle(), BIB) == _format(SourcebookStyle(), BIB)


def test_a_second_build_computes_nothing(memo: Memo) -> None:
    _format(CachedStyle(), BIB)
    assert memo.computed > 0
    _next_build(memo)
    _format(CachedStyle(), BIB)
    assert memo.computed == 0


def test_an_edited_entry_is_formatted_again_and_only_it(memo: Memo) -> None:
    _format(CachedStyle(), BIB)
    _next_build(memo)
    edited = BIB.replace("Caf{\\'e} Notes", "Tea Notes")
    result = _format(CachedStyle(), edited)
    assert memo.computed == 3  # gamma's sort key, label stem and reference
    assert any("Tea Notes" in html for _, _, html in result)
    assert result == _format(SourcebookStyle(), edited)


def test_a_changed_label_formats_the_reference_again(memo: Memo) -> None:
    _format(CachedStyle(), BIB)
    _next_build(memo)
    # beta's year changes: alpha's label loses its letter ("Zed 2001a" -> "Zed 2001")
    edited = BIB.replace("Another Title}, year = {2001}", "Another Title}, year = {2002}")
    result = _format(CachedStyle(), edited)
    assert result == _format(SourcebookStyle(), edited)
    assert ("alpha", "Zed 2001") in [(k, label) for k, label, _ in result]


def test_equal_fingerprints_mean_equal_formatting_across_a_crossref_parents_edit() -> None:
    # what the style prints for a child may only depend on what its fingerprint covers
    edited = BIB.replace("{House}", "{Other House}")
    before = parse_string(BIB, "bibtex").entries
    after = parse_string(edited, "bibtex").entries
    style = SourcebookStyle()
    for key in ("child", "alpha"):
        same_print = fingerprint(before[key]) == fingerprint(after[key])
        html = [style.format_entry("L", e[key]).text.render_as("html") for e in (before, after)]
        assert not same_print or html[0] == html[1], key
    assert fingerprint(before["proc"]) != fingerprint(after["proc"])


def test_every_input_of_an_entry_changes_its_fingerprint() -> None:
    base = parse_string(BIB, "bibtex").entries["alpha"]
    variants = [
        BIB.replace("@book{alpha", "@misc{alpha"),
        BIB.replace("@book{alpha", "@book{alpha2"),
        BIB.replace("{Pub}", "{Pub2}"),
        BIB.replace("{Zed, Ada}, title = {A Plain", "{Zed, Ida}, title = {A Plain"),
        BIB.replace("year = {2001}, publisher", "year = {2001}, note = {n}, publisher"),
    ]
    for variant in variants:
        entries = parse_string(variant, "bibtex").entries
        changed = entries.get("alpha") or entries["alpha2"]
        assert fingerprint(changed) != fingerprint(base), variant
