"""Real Sphinx builds of the reader: structure, footnotes, flags, claims, rebuilds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docutils.nodes import make_id

from sourcebook.corpus.load import load_corpus
from tests.conftest import CORPUS, copy_project, sphinx_build
from tests.corpusfiles import add_document

pytestmark = pytest.mark.sphinx


def _html(site: Path, slug: str) -> str:
    return (site / "corpus" / f"{slug}.html").read_text(encoding="utf-8")


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


# The constructed corpus (tests/roots/test-corpus): one document of each kind.
ARTICLE, ESSAY, BLOG, WIKI = (
    "tidewater-article",
    "crane-essay",
    "dockside-blog",
    "harbour-wikipedia",
)


def test_article_has_title_byline_sections_and_no_sidebar(built_site: Path) -> None:
    html = _article(_html(built_site, ARTICLE))
    assert "<h1>Building a Movement on the Docks<" in html
    assert "By Robin Ashe" in html
    assert len(re.findall(r"<h2>(?!Notes<)", html)) == 4
    for sidebar in ("Latest articles", "Another Story About Harbour Rents", "Subscribe Today"):
        assert sidebar not in html
    assert "<p>Published on</p>" not in html


def test_essay_has_sections_footnotes_and_no_glued_digit(built_site: Path) -> None:
    html = _article(_html(built_site, ESSAY))
    assert len(re.findall(r"<h2>(?!Notes<)", html)) == 4
    assert len(re.findall(r'class="footnote-reference', html)) == 8
    text = re.sub(r"<[^>]+>", "", html)
    for glued in ("again.1", "fill”.2", "talk.3", "others.4", "alone.5", "generation.6"):
        assert glued not in text
    assert "[Organising]" in text
    assert "Harbour 2001, ch. 8." in text and "Editors’ note (attribution inferred)" in text


def test_blog_has_comments_with_authors_and_dates(built_site: Path) -> None:
    html = _article(_html(built_site, BLOG))
    headings = re.findall(r"<h3>(\d+)\. ([^<]*?)(?: — ([^<]*))?<a", html)
    assert [int(n) for n, _, _ in headings] == list(range(1, 6))
    anonymous = [int(n) for n, who, _ in headings if who.startswith("Anonymous")]
    assert anonymous == [2, 4]
    assert all(when for _, _, when in headings)
    for boilerplate in ("Leave a Reply", "bloggers like this", "Subscribe to comments"):
        assert boilerplate not in html


def test_wikipedia_footnotes_follow_their_sentences(built_site: Path) -> None:
    html = _article(_html(built_site, WIKI))
    assert len(re.findall(r'class="footnote-reference', html)) == 8
    flag_after = re.findall(
        r"council elections\.<a[^>]*footnote-reference[^>]*>.*?</a><span[^>]*>"
        r"<sup class=\"sourcebook-flag\">\[<a[^>]*><em>independent source needed",
        html,
    )
    assert flag_after, "the [5] flag must follow the council-elections sentence"
    # one flag on the page per unresolved flagged claim
    unresolved = [c for c in load_corpus(CORPUS).claims if c.document == WIKI and c.flagged]
    assert html.count("independent source needed</em>") == sum(not c.resolved for c in unresolved)
    assert "These and other positions" in html
    para = re.search(r"<p>These and other positions.*?</p>", html, re.DOTALL)
    assert para and "footnote-reference" not in para.group(0)  # no marker on that paragraph
    assert "text was not preserved in this extract" in html
    assert "CC BY-SA 4.0" in html


def test_claims_page_lists_the_claims_needing_sources(built_site: Path) -> None:
    html = (built_site / "claims.html").read_text(encoding="utf-8")
    needing = html[: html.index('id="sourced-claims"')]
    # one entry per unresolved flagged claim
    unresolved = [c for c in load_corpus(CORPUS).claims if c.flagged and not c.resolved]
    assert needing.count("Needs an independent source:") == len(unresolved) == 3
    shown = re.sub(r"<[^>]+>", "", html[html.index("<article") :])
    assert "seeds/" not in shown and "vale_notesonacraft" not in shown
    assert "<h3>Harbour Workers' Circle" in needing  # documents are real headings


def test_bibliography_lists_every_entry_with_backlinks(built_site: Path) -> None:
    html = (built_site / "bibliography.html").read_text(encoding="utf-8")
    keys = [path.stem for path in (CORPUS / "docs" / "references").glob("*.bib")]
    assert keys
    for key in keys:
        assert html.count(f'id="{make_id("cite-" + key)}"') == 1
    assert "Notes on a Craft, note 4</a>" in html
    assert f"corpus/{ESSAY}.html#claim-{ESSAY}-ref-4" in html


def test_hostile_seed_renders_inert(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    hostile = (
        "Hostile\n\n<script>alert(1)</script> and <img src=x onerror=alert(1)>.\n\n"
        "```{include} /etc/passwd\n```\n\n{raw}`html <b>x</b>` {{ substitution }} "
        "[link](javascript:alert(1)) $x$ \\\\textbf{tex}.\n"
    )
    add_document(project, "hostile", hostile, "wikipedia", "Hostile")
    result = sphinx_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "docs" / "_build" / "html" / "corpus" / "hostile.html").read_text(
        encoding="utf-8"
    )
    body = _article(html)
    assert "<script>" not in body and "<img" not in body and 'href="javascript' not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "{include}" in body and "root:" not in body
    assert "{{ substitution }}" in body


def test_parallel_build_matches_serial(tmp_path: Path, built_site: Path) -> None:
    project = copy_project(tmp_path / "p")
    result = sphinx_build(project, "html", "-j", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    # the claims page, and the glossary, whose lists forked readers add from the data
    for page in ("claims.html", "glossary.html"):
        parallel = (project / "docs" / "_build" / "html" / page).read_text(encoding="utf-8")
        serial = (built_site / page).read_text(encoding="utf-8")
        assert _article(parallel) == _article(serial), page
    assert "Mentioned in:</p>\n<ul" in _article(parallel)
    shutil.rmtree(project)


def test_glossary_mentions_land_on_the_mention(built_site: Path) -> None:
    glossary = (built_site / "glossary.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(corpus/[\w-]+\.html)#(mention-\d+)"', glossary)
    assert links, "no glossary link lands on a mention"
    for page, anchor in set(links):
        html = (built_site / page).read_text(encoding="utf-8")
        # the anchor stands right before a link back to the glossary
        assert re.search(f'id="{anchor}"></span><a [^>]*href="../glossary.html#term-', html), (
            page,
            anchor,
        )


def test_the_book_links_the_manual_and_holds_none_of_its_pages(built_site: Path) -> None:
    """The contributor's manual is its own site (docs/manual); the book's about page links it."""
    for page in ("checker", "formats", "normalising", "configuration", "performance", "bibcheck"):
        assert not (built_site / f"{page}.html").exists(), page
    about = (built_site / "about.html").read_text(encoding="utf-8")
    assert 'href="../manual/index.html"' in about
    assert "How to cite" in about
