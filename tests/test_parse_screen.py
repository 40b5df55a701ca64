"""The vocabulary's screen: one pattern that says whether any entry could match a line.

``score_line`` asks it first and skips the entry-by-entry loop when it says no, so
it must agree with that loop on every line: a line the screen rejects that some
entry matches would lose its verdict.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcebook.parse.scoring import score_line, screen
from sourcebook.parse.vocabulary import vocabulary

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("wikipedia", "blog", "article", "essay")


def _lines() -> list[str]:
    """Every line of every fixture text (325 texts of every kind and layout):
    furniture, metadata and prose."""
    texts = sorted((ROOT / "tests" / "fixtures" / "normalise").rglob("*.txt"))
    seen: dict[str, None] = {}
    for path in texts:
        for line in path.read_text(encoding="utf-8").splitlines():
            seen.setdefault(" ".join(line.split()), None)
    return list(seen)


@pytest.mark.parametrize("kind", KINDS)
def test_the_screen_passes_exactly_the_lines_some_entry_matches(kind: str) -> None:
    entries = vocabulary().for_kind(kind)
    lines = _lines()
    matched = 0
    for line in lines:
        by_entry = any(e.pattern.fullmatch(line) for e in entries)
        assert (screen(entries).fullmatch(line) is not None) == by_entry, line
        matched += by_entry
    # the sample holds both: furniture the vocabulary reads and prose it does not
    assert 0 < matched < len(lines)


def test_a_line_no_entry_matches_scores_nothing() -> None:
    entries = vocabulary().for_kind("blog")
    assert score_line("The pier opened in 1901 and closed in 1950.", 0, 1, entries, 3) is None


def test_named_groups_of_several_entries_do_not_clash() -> None:
    entries = vocabulary().for_kind("blog")
    assert sum("(?P<" in e.pattern.pattern for e in entries) > 1
    assert screen(entries).groupindex == {}


def test_the_screen_is_made_once_per_tuple() -> None:
    entries = vocabulary().for_kind("essay")
    assert screen(entries) is screen(entries)
    assert screen(()).fullmatch("") is None
