"""The line-statistics checks (parse/auditstats.py), each threshold pinned from both
sides on texts built here."""

from __future__ import annotations

from sourcebook.parse import parse
from sourcebook.parse.auditpage import Page
from sourcebook.parse.auditstats import (
    EDGE_LINES,
    EDGE_RUNNING,
    HEADINGS_MIN,
    body_edges,
    heading_heavy,
    is_prose,
)

_RUNNING = [
    "The weir was tended by one keeper for most of the century, and each wrote down the water.",
    "The diaries are not dramatic reading, but the same hand writes them for years at a time.",
    "What makes them useful now is that they were never meant for anyone else to read at all.",
    "When the weir was rebuilt, its engineers used the diaries to set the height of the crest.",
]
_UNENDED = [
    "How the eel pass at the mill was put back after the floods",
    "A winter walk along the leat with the last of the millers",
    "What the sluice keepers wrote about the great frost of that year",
]


def _findings(text: str, check, kind: str = "essay") -> list[int]:
    document, _ = parse(text, kind, "t.txt")
    return [f.line for f in check(Page.of(document, text, set()))]


def _text(running: int, tail: int) -> str:
    blocks = ["Why the Weir Keeper Kept a Diary", *_RUNNING[:running]]
    return "\n\n".join(blocks) + "\n\n" + "\n".join(_UNENDED[:tail]) + "\n"


def test_running_text_is_long_and_dense_in_function_words() -> None:
    assert is_prose(_RUNNING[0])
    assert not is_prose("Home News Sport Weather Culture Travel Opinion Podcasts Newsletters")
    assert not is_prose("The weir was tended by one keeper.")


def test_a_tail_of_unended_lines_is_reported_from_so_many_lines() -> None:
    assert _findings(_text(EDGE_RUNNING, EDGE_LINES), body_edges) == [2 * EDGE_RUNNING + 1]
    assert _findings(_text(EDGE_RUNNING, EDGE_LINES - 1), body_edges) == []


def test_the_edges_are_read_only_in_a_body_with_a_run_of_prose() -> None:
    assert _findings(_text(EDGE_RUNNING - 1, EDGE_LINES + 1), body_edges) == []


def test_a_head_of_unended_lines_is_reported_at_the_first_running_block() -> None:
    head = "\n".join(_UNENDED[:EDGE_LINES])
    text = "Why the Weir Keeper Kept a Diary\n\n" + head + "\n\n" + "\n\n".join(_RUNNING) + "\n"
    assert _findings(text, body_edges, "blog") == [4 + EDGE_LINES]


def _headings(count: int) -> str:
    blocks = ["Penhallow Sound", _RUNNING[0]]
    for n in range(count):
        blocks.append(f"Section number {n + 1}")
        if n % 2:
            blocks.append(_RUNNING[1])
    return "\n\n".join(blocks) + "\n"


def test_more_headings_than_text_is_reported_from_so_many_headings() -> None:
    assert _findings(_headings(HEADINGS_MIN), heading_heavy, "wikipedia") == [5]
    assert _findings(_headings(HEADINGS_MIN - 1), heading_heavy, "wikipedia") == []


def test_headings_each_over_text_are_quiet() -> None:
    blocks = ["Penhallow Sound", _RUNNING[0]]
    for n in range(HEADINGS_MIN + 2):
        blocks += [f"Section number {n + 1}", _RUNNING[n % 4]]
    assert _findings("\n\n".join(blocks) + "\n", heading_heavy, "wikipedia") == []
