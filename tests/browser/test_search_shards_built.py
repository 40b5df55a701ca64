"""The shard search page on the index the indexer wrote (not a hand-written one): end to end.

``tests/browser/test_search_shards.py`` tests the page against the format with an
index written by hand; here the tiny root is built with ``sourcebook_search =
"shards"`` and its own ``_search/`` is searched, opened from disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.browser import test_search_shards as page_test
from tests.browser.conftest import CHROMIUM
from tests.sphinxroots import build, copy_root

pytestmark = pytest.mark.browser

#: the search page's own test's tab (it fails on a script error or an alert), as a fixture here
tab = page_test.tab


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing")
    project = copy_root("tiny", tmp_path_factory.mktemp("built"))
    app, warnings = build(
        project, confoverrides={"html_theme": "furo", "sourcebook_search": "shards"}
    )
    assert "ERROR" not in warnings
    out = Path(app.outdir)
    assert (out / "_search" / "meta.js").is_file() and not (out / "searchindex.js").exists()
    return out


def _links(tab: Any, site: Path, query: str) -> list[str | None]:
    return [href for _, href in page_test.ask(tab, site.as_uri() + "/", query)]


@pytest.mark.parametrize("query", ["capstan", "Capst", "harbour CAPSTAN bulletin"])
def test_the_built_index_finds_the_page_with_the_word(tab: Any, site: Path, query: str) -> None:
    found = _links(tab, site, query)
    assert found and found[0] == f"{site.as_uri()}/corpus/tiny-wiki.html"


def test_a_word_no_page_has_finds_nothing(tab: Any, site: Path) -> None:
    assert _links(tab, site, "quizzlewhomp") == []
