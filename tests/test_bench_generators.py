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
