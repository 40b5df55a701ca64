"""bench/heldout/perturb.py: its transforms keep the text and move the facts with it."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("perturb", ROOT / "bench/heldout/perturb.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["perturb"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


perturb = _load()

# an invented page: a site line, a title, a byline, two paragraphs (one long), a footer
LINES = [
    "Quillon Notes",
    "",
    "The tide tables of Marrowby",
    "",
    "By Ada Penrose",
    "",
    "The harbour office printed its tide tables on a single card every spring. Each card"
    " ran to two columns, and the second column was always the one people lost first.",
    "",
    "Nobody kept the old cards.",
    "",
    "Contact",
]
FACTS = [
    {"id": "site", "type": "site", "value": "Quillon Notes", "lines": [1]},
    {"id": "first", "type": "first_body", "startswith": "The harbour office", "lines": [7]},
    {"id": "foot", "type": "not_body", "lines": [11]},
    {"id": "cut", "type": "truncated", "before_line": 9},
]


def _text() -> object:
    return perturb.Text("p.txt", "blog", list(LINES), [dict(f) for f in FACTS])


@pytest.mark.parametrize("name", sorted(perturb.TRANSFORMS))
def test_every_line_survives_where_its_map_says(name: str) -> None:
    """Each original line's words stand, in order, on the lines it is mapped to."""
    lines, mapping = perturb.TRANSFORMS[name](list(LINES), "p.txt", {1, 3, 5, 11})
    for number, line in enumerate(LINES, 1):
        if not line.strip():
            continue
        got = " ".join(lines[m - 1] for m in mapping[number])
        assert " ".join(line.split()) in " ".join(got.split())


def test_facts_follow_their_lines() -> None:
    text = perturb.perturb(_text(), "banner")
    by_id = {f["id"]: f for f in text.facts}
    shift = len(text.lines) - len(LINES)
    assert shift > 2
    assert by_id["site"]["lines"] == [1 + shift]
    assert by_id["foot"]["lines"] == [11 + shift]
    assert by_id["cut"]["before_line"] == 9 + shift
    added = by_id["perturb-added"]["lines"]
    assert added and max(added) < 1 + shift  # the banner, above the page
    assert all(text.lines[n - 1].strip() for n in added)


def test_wrap_leaves_line_valued_facts_whole() -> None:
    text = perturb.perturb(_text(), "wrap72")
    assert "Quillon Notes" in text.lines and "By Ada Penrose" in text.lines
    first = {f["id"]: f for f in text.facts}["first"]["lines"]
    assert len(first) == 3  # the long paragraph, wrapped into three lines
    assert all(len(text.lines[n - 1]) <= 72 for n in first)


def test_noblank_drops_blank_lines_only() -> None:
    text = perturb.perturb(_text(), "noblank")
    assert text.lines == [line for line in LINES if line]
    assert {f["id"]: f for f in text.facts}["foot"]["lines"] == [6]


def test_written_facts_read_back(tmp_path: Path) -> None:
    text = perturb.perturb(_text(), "menu")
    facts = perturb.write_set([text], tmp_path)
    spec = tomllib.loads(facts.read_text(encoding="utf-8"))
    assert spec["text"][0]["facts"] == text.facts
    assert (tmp_path / "p.txt").read_text(encoding="utf-8").split("\n")[:-1] == text.lines
