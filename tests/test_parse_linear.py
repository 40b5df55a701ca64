"""Normalising time grows linearly with input size (issue 8 item 6).

Two checks, neither timed in absolute terms:

* the Python work of :func:`sourcebook.parse.parse`, counted in bytecode
  operations with a tracer, grows by about the factor the input grows (a
  rescan per marker or per sentence would grow by its square);
* every module-level regex of the parser, run over adversarial strings,
  takes about as much longer as the string is longer (a backtracking
  pattern takes the square): a ratio of two measurements on the same
  machine, so load does not matter.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable

import pytest

from sourcebook.parse import parse
from sourcebook.parse.consent import consent_shape
from sourcebook.parse.footer import footer_shape
from sourcebook.parse.forum import forum_shape
from sourcebook.parse.infobox import _labels_pattern
from sourcebook.parse.vocabulary import vocabulary
from tests.opcount import operations

ADVERSARIAL: dict[str, tuple[Callable[[int], str], str]] = {
    "dots": (lambda n: "Title\n\nSo" + "." * n + "[1]\n", "wikipedia"),
    "fact-marker": (lambda n: "Title\n\n" + "Fact one.[1] " * (n // 13) + "\n", "wikipedia"),
    "initials": (lambda n: "Title\n\n" + "A. " * (n // 3) + "[1]\n", "wikipedia"),
    "glued": (lambda n: "Word.1 " * (n // 7) + "\n", "essay"),
    "lines": (lambda n: "Title\n\n" + "A claim.[2]\n" * (n // 12), "wikipedia"),
    "table": (lambda n: "Title\n\n" + "a | b [1] | c\n" * (n // 14), "wikipedia"),
    "comments": (
        lambda n: (
            "S\n\nT\n\nP\n\nBody.\n\n9 Responses\n\n"
            + "  1. Hi [1].\n\n    A B\n\n    May 1, 2020 at 1:00 pm\n\n" * (n // 50)
        ),
        "blog",
    ),
}

SMALL, FACTOR = 1_500, 8


def _operations(text: str, kind: str) -> int:
    """Bytecode operations executed while parsing *text*."""
    return operations(lambda: parse(text, kind, "x.txt"))  # type: ignore[arg-type]


@pytest.mark.parametrize("case", sorted(ADVERSARIAL))
def test_parser_work_grows_linearly(case: str) -> None:
    make, kind = ADVERSARIAL[case]
    small = _operations(make(SMALL), kind)
    large = _operations(make(SMALL * FACTOR), kind)
    # linear work grows by FACTOR (a little less: fixed costs); quadratic by FACTOR²
    assert large <= small * FACTOR * 1.25, (case, small, large)


PARSER_MODULES = (
    "sourcebook.core.text",
    "sourcebook.parse.blocks",
    "sourcebook.parse.inline",
    "sourcebook.parse.flags",
    "sourcebook.parse.sentences",
    "sourcebook.parse.rules",
    "sourcebook.parse.tables",
    "sourcebook.parse.body",
    "sourcebook.parse.comments",
    "sourcebook.parse.passes",
    "sourcebook.parse.profiles",
    "sourcebook.parse.evidence",
    "sourcebook.parse.infobox",
    "sourcebook.parse.journal",
    "sourcebook.parse.title",
    "sourcebook.parse.menu",
    "sourcebook.parse.footer",
    "sourcebook.parse.framing",
    "sourcebook.parse.reflow",
    "sourcebook.parse.pullquote",
    "sourcebook.parse.auditexport",
    "sourcebook.inputs.headertemplate",
)
UNITS = [".", " ", "A. ", "a", "1", "[1", "[a]", "|", "“", "-", "\u00a0 ", "a.B", "Ab "]


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[str, re.Pattern[str]] = {}
    for name in PARSER_MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{name}.{attr}"] = value
            elif isinstance(value, tuple):
                for index, item in enumerate(value):
                    pattern = item[0] if isinstance(item, tuple) else getattr(item, "pattern", None)
                    if isinstance(pattern, re.Pattern):
                        found[f"{name}.{attr}[{index}]"] = pattern
    # the platform vocabulary is data (parse/layout.toml), read into patterns at run time
    vocab = vocabulary()
    for index, evidence in enumerate(vocab.lines):
        found[f"layout.toml line[{index}] {evidence.name}"] = evidence.pattern
    for index, pattern in enumerate((*vocab.comment_headers, *vocab.comment_dates)):
        found[f"layout.toml comments[{index}]"] = pattern
    found["infobox labels"] = _labels_pattern(vocab.infobox_labels)
    for index, pattern in enumerate(footer_shape().patterns):
        found[f"layout.toml footer[{index}]"] = pattern
    for index, pattern in enumerate(forum_shape()[0]):
        found[f"layout.toml forum[{index}]"] = pattern
    found["layout.toml consent.mention"] = consent_shape().mention
    found["layout.toml consent.speaks"] = consent_shape().speaks
    return sorted(found.items())


def _cost(pattern: re.Pattern[str], text: str, enough: float = 0.0) -> float:
    """The least of three timings of *pattern* over *text*.

    It stops at the first timing at or under *enough*: the least is then at or under
    it too, so a verdict ``cost > enough`` is the same, for a third of the time (the
    long runs are most of this test's minute).
    """
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in pattern.finditer(text):
            pass
        pattern.match(text)
        pattern.fullmatch(text)
        best = min(best, time.process_time() - start)
        if best <= enough:
            break
    return best


def test_the_parser_has_regexes_to_check() -> None:
    assert len(_patterns()) >= 30


@pytest.mark.parametrize("unit", UNITS)
def test_parser_regexes_scale_linearly(unit: str) -> None:
    """Every parser regex on long runs of *unit*: 16 times the input may cost
    at most 48 times the time (a quadratic pattern costs 256 times)."""
    short, long = unit * (2_000 // len(unit)), unit * (32_000 // len(unit))
    slow = []
    for name, pattern in _patterns():
        base = max(_cost(pattern, short), 2e-4)
        if _cost(pattern, long, enough=base * 48) > base * 48:
            slow.append(name)
    assert not slow, f"super-linear on runs of {unit!r}: {slow}"
