"""Shared-quotation verdicts kept between builds give what a from-scratch run gives.

A rebuild verifies only the candidate pairs with a document whose fingerprints
changed; the edits below cover the shapes that change the candidates: a quotation
added, one broken, passages moved to other lines, a stock phrase dropped so that it
falls under the stop threshold (new candidates among untouched documents), and a
near-miss (a candidate that fails verification) kept as a negative verdict.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from sourcebook.render.quotes import (
    STOP_DF,
    Detection,
    Passage,
    document_key,
    find_shared,
    fingerprint,
)
from sourcebook.sphinxext.generate import Output, generate_incremental
from tests.conftest import copy_project
from tests.test_quotes_scale import _prose

QUOTE = (
    "Nobody on the quay could say when the tide bell first rang for the night crews, "
    "but every ferryman swore it had rung before the harbour had a name or a master"
)
STOCK = "the members of the harbour board and the pilots of the lower river"


def _corpus(n_docs: int) -> dict[str, list[Passage]]:
    rng = random.Random(11)
    docs: dict[str, list[Passage]] = {}
    near = " ".join(QUOTE.split()[:9])  # nine words: a shared kept hash, too few shingles
    for number in range(n_docs):
        slug = f"doc-{number:03d}"
        docs[slug] = [
            Passage(slug, 1, "paragraph", f"{_prose(rng, 20)} {STOCK} {_prose(rng, 20)}"),
            Passage(slug, 4, "paragraph", _prose(rng, 50)),
        ]
    docs["doc-002"].append(Passage("doc-002", 8, "quote", QUOTE))
    docs["doc-007"].append(Passage("doc-007", 8, "paragraph", f"As she wrote, {QUOTE}."))
    docs["doc-009"].append(Passage("doc-009", 8, "paragraph", f"{near} {_prose(rng, 30)}"))
    return docs


def _run(docs: dict[str, list[Passage]], known: Detection | None = None) -> Detection:
    prints = [fingerprint(p) for passages in docs.values() for p in passages]
    keys = {
        slug: document_key((f.line, f.kind, f.packed, f.kept) for f in map(fingerprint, ps))
        for slug, ps in docs.items()
    }
    return find_shared(prints, keys, known.verdicts if known else None)


def test_kept_verdicts_give_the_from_scratch_result_after_each_edit() -> None:
    docs = _corpus(STOP_DF + 1)  # the stock phrase is held by one passage too many
    last = _run(docs)
    assert last.stopped > 0 and last.comparisons > 0
    assert any(not same for v in last.verdicts.values() for same in v.values())
    edits = [
        ("doc-004", lambda ps: [*ps, Passage("doc-004", 12, "quote", QUOTE)]),  # added
        ("doc-007", lambda ps: ps[:2]),  # a quotation removed
        ("doc-002", lambda ps: [Passage(p.slug, p.line + 3, p.kind, p.text) for p in ps]),
        ("doc-000", lambda ps: ps[1:]),  # the stock phrase now under the threshold
        ("doc-009", lambda ps: [*ps[:2], Passage("doc-009", 8, "paragraph", QUOTE)]),
    ]
    for slug, edit in edits:
        docs = {**docs, slug: edit(docs[slug])}
        kept = _run(docs, last)
        scratch = _run(docs)
        assert kept.shared == scratch.shared, slug
        # every verdict a fresh run reaches is kept; those of pairs no longer candidates stay
        for pair, verdicts in scratch.verdicts.items():
            assert verdicts.items() <= kept.verdicts[pair].items(), slug
        assert set(kept.verdicts) >= set(scratch.verdicts)
        assert kept.comparisons < scratch.comparisons or scratch.comparisons == 0, slug
        last = kept
    # the stop-shingle is indexed now: candidates among untouched documents appeared
    assert last.stopped == 0


def test_an_unchanged_corpus_verifies_nothing() -> None:
    docs = _corpus(10)
    first = _run(docs)
    again = _run(docs, first)
    assert first.comparisons > 0
    assert again.comparisons == 0
    assert again.shared == first.shared


def _pages(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _generate(project: Path, cache: Path) -> dict[str, bytes]:
    out = project / "docs" / "corpus"
    generate_incremental(project, Output(out, cache), True)
    return _pages(out)


def test_an_incremental_rebuild_writes_the_pages_a_fresh_one_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCEBOOK_CACHE_DIR", str(tmp_path / "cache"))
    project = copy_project(tmp_path / "project")
    first = _generate(project, tmp_path / "build" / "cache.pickle")
    assert any(b"sb-quote-" in page for page in first.values()), "a passage is shared"
    extracts = sorted((project / "seeds").glob("*/extract.txt"))
    # quote the first document's longest paragraph in the last document
    donor = max(extracts[0].read_text(encoding="utf-8").split("\n\n"), key=len)
    target = extracts[-1]
    target.write_text(target.read_text(encoding="utf-8") + "\n\n" + donor + "\n", encoding="utf-8")
    kept = _generate(project, tmp_path / "build" / "cache.pickle")
    fresh_project = tmp_path / "fresh"
    shutil.copytree(project / "seeds", fresh_project / "seeds")
    shutil.copytree(
        project / "docs", fresh_project / "docs", ignore=shutil.ignore_patterns("corpus")
    )
    fresh = _generate(fresh_project, tmp_path / "fresh-build" / "cache.pickle")
    assert kept == fresh
    assert kept != first
