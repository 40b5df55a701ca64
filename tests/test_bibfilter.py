"""The bibliography filter's indexed look-up yields what sphinxcontrib-bibtex's scan yields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from pybtex.database import parse_string
from sphinxcontrib.bibtex.citation_target import CitationTarget

from sourcebook.sphinxext import bibfilter

BIB = "\n".join(f"@misc{{k{i}, title = {{T{i}}}, year = {{2000}}}}" for i in range(8))


@dataclass
class Ref:
    docname: str
    targets: list[CitationTarget]


@dataclass
class Bibliography:
    bibfiles: list[str]
    filter_: Any
    keys: list[str] = field(default_factory=list)
    keyprefix: str = ""
    line: int = 1


@dataclass(frozen=True)
class Key:
    docname: str
    id: str = "b"


def _cite(docname: str, *keys: str) -> Ref:
    return Ref(docname, [CitationTarget(k, "", "") for k in keys])


class FakeDomain:
    """What the method reads of the domain: bibliographies, citations, entries."""

    def __init__(self, filter_source: str, keys: list[str]) -> None:
        import ast

        self.entries = parse_string(BIB, "bibtex").entries
        self.bibliographies = {
            # parsed as the bibliography directive parses its :filter: option (a module,
            # not an expression: the domain's visitor refuses an ast.Expression)
            Key("biblio"): Bibliography(["refs.bib"], ast.parse(filter_source), keys)
        }
        self.citation_refs = [_cite("a", "k1", "k2"), _cite("b", "k2"), _cite("biblio", "k3")]

    def get_entries(self, bibfiles: list[str]) -> Any:
        return iter(self.entries.values())


FILTERS = ["cited", "not cited", "docname in docnames", "cited and key == 'k2'", "True", "False"]
#: what each filter keeps of k0-k7: k1 and k2 are cited elsewhere, k3 on the bibliography's
#: own page, and k7 is listed by key (a listed key is kept whatever the filter says)
EXPECTED = {
    "cited": ["k1", "k2", "k3", "k7"],
    "not cited": ["k0", "k4", "k5", "k6", "k7"],
    "docname in docnames": ["k3", "k7"],
    "cited and key == 'k2'": ["k2", "k7"],
    "True": [f"k{i}" for i in range(8)],
    "False": ["k7"],
}


@pytest.mark.parametrize("source", FILTERS)
def test_the_indexed_filter_yields_what_the_scan_yields(source: str) -> None:
    domain = FakeDomain(source, keys=["k7"])
    (key,) = domain.bibliographies
    ours = [(k, e.key) for k, e in bibfilter.get_filtered_entries(domain, key)]
    theirs = [(k, e.key) for k, e in bibfilter.ORIGINAL(domain, key)]  # type: ignore[arg-type]
    assert ours == theirs
    assert [key for _, key in theirs] == EXPECTED[source]


def test_the_index_follows_a_changed_citation_list() -> None:
    domain = FakeDomain("cited", keys=[])
    (key,) = domain.bibliographies
    before = [k for k, _ in bibfilter.get_filtered_entries(domain, key)]
    domain.citation_refs.append(Ref("c", [CitationTarget("k5", "", "")]))
    after = [k for k, _ in bibfilter.get_filtered_entries(domain, key)]
    assert "k5" not in before and "k5" in after
