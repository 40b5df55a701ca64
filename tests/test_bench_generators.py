"""The bench's generators write corpora in the project's layout that the checker reads."""

from __future__ import annotations

import importlib
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _bench(name: str) -> ModuleType:
    """A module of ``bench/``, imported as the bench imports it (its siblings by name)."""
    if str(ROOT / "bench") not in sys.path:
        sys.path.insert(0, str(ROOT / "bench"))
    return importlib.import_module(name)


def test_toml_values_round_trip_tables_too() -> None:
    layout = _bench("layout")
    fields = {"title": 'A "quoted" \\ title', "n": 3, "ok": True, "tags": ["a", "b"]}
    fields["structure"] = {"keep": ["9", "30"], "remove": ["292"], "title-line": 2}
    assert tomllib.loads(layout.toml_fields(fields)) == fields


# the realistic generator draws its sources from the live bibliography (tests/corpusguard/)
@pytest.mark.live
def test_the_realistic_corpus_loads_without_errors(tmp_path: Path, fresh_parse_cache: Path) -> None:
    realistic = _bench("realistic")
    # writing it runs `sourcebook check --update-baseline`, refused on any error
    slugs = realistic.make_corpus(tmp_path / "p", 8)
    assert len(slugs) == 8
    hinted = [
        p
        for p in (tmp_path / "p" / "seeds").glob("*/document.toml")
        if "structure" in p.read_text()
    ]
    assert hinted  # the seed with structure hints is among the templates


def test_the_realistic_bibliography_stays_within_the_projects_limit(tmp_path: Path) -> None:
    realistic, layout = _bench("realistic"), _bench("layout")
    (tmp_path / "docs" / "references").mkdir(parents=True)
    for i in range(20):
        (tmp_path / "docs" / "references" / f"k{i}.bib").write_text("", encoding="utf-8")
    # four templates citing two keys a document, as the project's seeds about do
    marker = {"n": "1", "keys": ["a", "b"]}
    originals = [layout.Document({}, "", [marker]) for _ in range(4)]

    def expected_entries(n: int) -> tuple[float, float]:
        pools = realistic.Zipf([f"shared{i}" for i in range(round(2 * n**0.5))])
        shared = realistic.shared_probability(n, originals, tmp_path, _Pools(pools))
        made = n - 4
        return 20 + len(pools.items) + made + made * 2 * (1 - shared), shared

    for n in (100, 1000, 9000):  # the corpora measured so far are unchanged
        assert expected_entries(n)[1] == realistic.SHARED_KEY
    entries, shared = expected_entries(10_000)
    limit = realistic.MAX_ENTRIES
    assert realistic.SHARED_KEY < shared < 1
    assert entries == pytest.approx(realistic.BIB_BUDGET * limit)
    assert expected_entries(30_000)[1] == 1.0  # past the limit with its own entries alone


class _Pools:
    def __init__(self, shared_keys: object) -> None:
        self.shared_keys = shared_keys
