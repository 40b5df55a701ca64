"""Page rendering grows linearly with a paragraph's claims (issue 21 item 4, G1).

A paragraph repeating ``Fact one.[1] `` made ``render/myst.py`` quadratic:
every text node scanned every claim start, and every marker sliced the
paragraph up to itself.  The Python work of :func:`render_page` is counted in
bytecode operations (not timed), at two sizes; linear work grows by about
the factor the input grows, quadratic work by its square.  The tracer used
is put back as it was (a coverage run keeps its own).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from sourcebook.corpus.load import load_corpus
from sourcebook.render.myst import render_page
from tests.opcount import operations

ROOT = Path(__file__).resolve().parents[1]
SMALL, FACTOR = 2_000, 8


def _bench() -> ModuleType:
    path = ROOT / "bench" / "render_adversarial.py"
    spec = importlib.util.spec_from_file_location("bench_render_adversarial", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()


def render_operations(project: Path) -> int:
    """Bytecode operations executed while rendering *project*'s one page."""
    corpus = load_corpus(project)
    (doc,) = corpus.documents
    keys = set(corpus.bibliography.sources)
    return operations(lambda: render_page(doc, keys))


@pytest.mark.parametrize(
    ("case", "kind"),
    [(name, kind) for name, (_, kinds) in BENCH.CASES.items() for kind in kinds],
)
def test_page_rendering_grows_linearly(case: str, kind: str, tmp_path: Path) -> None:
    make = BENCH.CASES[case][0]
    small = render_operations(BENCH.make_project(tmp_path / "small", make(SMALL), kind))
    large = render_operations(BENCH.make_project(tmp_path / "large", make(SMALL * FACTOR), kind))
    assert small > 1000  # the page was rendered, not refused
    # linear work grows by FACTOR (a little less: fixed costs); quadratic by FACTOR²
    assert large <= small * FACTOR * 1.25, (case, small, large)


def test_claim_starts_are_where_the_sentences_start() -> None:
    """The incremental position finds the same sentence heads as slicing did."""
    from sourcebook.parse import parse
    from sourcebook.render.myst import claim_starts

    text = "Title\n\nOne here.[1]  Two  [2] there.[3] \tThree.[4][5]\n"
    document, _ = parse(text, "wikipedia", "x.txt")
    (paragraph,) = [b for b in document.blocks if hasattr(b, "inlines")]
    starts = claim_starts(paragraph)
    plain = paragraph.plain
    assert {plain[o : o + 3]: claims for o, claims in starts.items()} == {
        "One": ["ref-1"],
        "Two": ["ref-2", "ref-3"],
        "Thr": ["ref-4-5"],
    }
