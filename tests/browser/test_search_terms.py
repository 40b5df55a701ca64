"""The search page's words (static/sourcebook-terms.js) are the indexer's, in Chromium.

The reference is the contract's section 4 in Python (``shardindex.reference_terms``);
the indexer's own tokeniser (``sourcebook.sphinxext.search.terms``) is compared too
once it is there.  Over a list of tricky strings, and over every character Python's
Unicode database knows, each followed by a letter.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import CHROMIUM
from tests.browser.shardindex import reference_terms

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[2] / "src/sourcebook/sphinxext/static/sourcebook-terms.js"
TRICKY = [
    "Café au lait",
    "cafe\u0301 decomposed",
    "ÉLAN Élan élan",
    "straße STRASSE ẞ",
    "ΟΔΟΣ ΟΔΟΣ. Σ ς σ ΣΑΣ",
    "ﬁne ﬂour ﬃ",
    "x² H₂O ½ ⅞ ①②",
    "İstanbul ı I",
    "don't e-mail snake_case C++ C# 3.14 1,000.50",
    "日本語の文章です",
    "한국어 텍스트",
    "ﾊﾝｶｸ ｶﾀｶﾅ",
    "Ⅻ ⅻ ℌ ℡ ㎏",
    "٣٤٥ ١٢",
    "𝐀𝐁𝐂 𝒜 𝔘 mathematical letters",
    "😀 emoji 👩🏽‍🔬",
    "a" * 40 + " " + "b" * 41,
    "é" * 40 + " " + "ﬃ" * 14,
    "𐐀𐐨 Deseret " + "𐐨" * 40,
    "line\u2028separator\u2029paragraph",
    "tab\tand\nnewline\r\n",
    "ǅ Ǆ ǆ ŉ ǰ Å Ω K",
    "Ꭰꭰ Cherokee",
    "A\u0308\u0332 stacked marks",
    "देवनागरी हिन्दी",
    "ไทย ภาษา",
    "عربي العربية",
    "עִבְרִית",
    "soft\u00adhyphen zero\u200bwidth joiner\u200dword",
    "ŀl ʼn ʻokina",
    "<img src=x onerror=alert(1)></script>",
    "",
]


@pytest.fixture(scope="module")
def js_terms(browser: Any) -> Iterator[Callable[[list[str]], list[list[str]]]]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing")
    context = browser.new_context()
    page = context.new_page()
    page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))

    def terms(texts: list[str]) -> list[list[str]]:
        found: list[list[str]] = page.evaluate(
            "texts => texts.map(t => window.sourcebookTerms.terms(t))", texts
        )
        return found

    yield terms
    context.close()


def _python_tokenisers() -> list[Callable[[str], list[str]]]:
    tokenisers: list[Callable[[str], list[str]]] = [reference_terms]
    try:
        from sourcebook.sphinxext.search import terms  # the indexer's, once merged
    except ImportError:
        return tokenisers
    tokenisers.append(terms.terms)
    return tokenisers


@pytest.mark.parametrize("python", _python_tokenisers(), ids=lambda f: f.__module__)
def test_tricky_strings_give_the_same_terms(
    js_terms: Callable[[list[str]], list[list[str]]], python: Callable[[str], list[str]]
) -> None:
    expected = [python(text) for text in TRICKY]
    assert js_terms(TRICKY) == expected
    # the list does reach the rules it is for: folding, splitting and the length cap
    assert expected[0] == ["cafe", "au", "lait"] and expected[1][0] == "cafe"
    assert expected[16] == ["a" * 40] and expected[17] == ["e" * 40]


def test_every_character_gives_the_same_terms(
    js_terms: Callable[[list[str]], list[list[str]]],
) -> None:
    """Each character Python's Unicode database assigns (newer ones may be letters to
    the browser and nothing to Python: not compared), followed by a letter."""
    texts = [
        chr(cp) + "a"
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) not in ("Cn", "Cs")
    ]
    differ = [
        (text[0], want, got)
        for text, want, got in zip(texts, map(reference_terms, texts), js_terms(texts), strict=True)
        if want != got
    ]
    assert len(texts) > 100_000 and differ == []
