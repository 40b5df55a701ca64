"""SPEC §7.3: every character of a seed is in its page or its provenance record."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from sourcebook.corpus.load import load_corpus
from sourcebook.render.pages import generate
from tests.conftest import ROOT, copy_project
from tests.corpusfiles import add_document

#: characters a page expresses as markup rather than text
#: (a recipe card's ingredient check boxes, "▢", are list marks like "•")
MARKUP_EQUIVALENTS = {"•": "-", "▢": "-", "☐": "-"}


def _visible(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


def _unescape(page: str) -> str:
    return re.sub(r"\\(.)", r"\1", page)


def assert_lossless(seed: str, page: str, record: str) -> None:
    provenance = json.loads(record)
    kept = _unescape(page) + "".join(r["text"] for r in provenance["removed"])
    kept += "".join(f["text"] for f in provenance["reference_list"])
    have = _visible(kept)
    need = _visible("".join(MARKUP_EQUIVALENTS.get(c, c) for c in seed))
    missing = need - have
    assert not missing, f"characters lost: {dict(missing)}"


@pytest.mark.live
@pytest.mark.parametrize("slug", [d.entry.slug for d in load_corpus(ROOT).documents])
def test_every_seed_character_is_accounted_for(slug: str, tmp_path: Path) -> None:
    corpus, _ = generate(ROOT, tmp_path)
    doc = next(d for d in corpus.documents if d.entry.slug == slug)
    assert_lossless(
        doc.source.text,
        (tmp_path / f"{slug}.md").read_text(encoding="utf-8"),
        (tmp_path / f"{slug}.provenance.json").read_text(encoding="utf-8"),
    )


WORDS = [
    "the",
    "workers",
    "party",
    "debate",
    "Labour",
    "1968",
    "’68",
    "“quoted”",
    "[T]he",
    "[5]",
    "Vestas",
    "—",
    "{x}",
    "<b>",
    "`c`",
    "*",
    "_",
    "#",
    "|",
]


def _random_text(rng: random.Random, kind: str) -> str:
    paragraphs = []
    for _ in range(rng.randint(2, 12)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 25))]
        line = " ".join(words)
        if rng.random() < 0.3:
            line += "."
        paragraphs.append(line)
    head = {
        "wikipedia": ["Title"],
        "blog": ["Blog", "Tagline", "Post"],
        "article": ["Site", "Title"],
    }
    return "\n\n".join(head.get(kind, []) + paragraphs) + "\n"


@pytest.mark.parametrize("kind", ["wikipedia", "blog", "article", "essay"])
@pytest.mark.parametrize("seed_number", range(5))
def test_generated_inputs_lose_nothing(kind: str, seed_number: int, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    text = _random_text(random.Random(seed_number * 31 + len(kind)), kind)
    add_document(project, "gen", text, kind, "Generated")
    _, _ = generate(project, project / "out")
    assert_lossless(
        text,
        (project / "out" / "gen.md").read_text(encoding="utf-8"),
        (project / "out" / "gen.provenance.json").read_text(encoding="utf-8"),
    )
