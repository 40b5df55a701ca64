"""Real Sphinx builds of the reader: structure, footnotes, flags, claims, rebuilds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docutils.nodes import make_id

from sourcebook.corpus import load_corpus
from tests.conftest import ROOT, copy_project, sphinx_build

pytestmark = pytest.mark.sphinx


def _html(site: Path, slug: str) -> str:
    return (site / "corpus" / f"{slug}.html").read_text(encoding="utf-8")


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_article_has_title_byline_seven_sections_and_no_sidebar(built_site: Path) -> None:
    html = _article(_html(built_site, "byrne-international-socialism"))
    assert "<h1>Continuing the Fight for International Socialism<" in html
    assert "By Danny Byrne" in html
    assert len(re.findall(r"<h2>(?!Notes<)", html)) == 7
    for sidebar in (
        "Latest articles",
        "100 Issues of Socialist Alternative",
        "Madison Students",
        "UNDEFEATED",
    ):
        assert sidebar not in html
    assert "<p>Published on</p>" not in html


def test_essay_has_four_sections_eight_footnotes_and_no_glued_digit(built_site: Path) -> None:
    html = _article(_html(built_site, "englert-notes-organisation-revisited"))
    assert len(re.findall(r"<h2>(?!Notes<)", html)) == 4
    assert len(re.findall(r'class="footnote-reference', html)) == 8
    text = re.sub(r"<[^>]+>", "", html)
    for glued in (
        "again.1",
        "rule”.2",
        "done.”’3",
        "struggle.4",
        "proletariat.5",
        "jobs’6",
        "politics.7",
        "onwards.8",
    ):
        assert glued not in text
    assert "[Socialism]" in text and "[T]he" in text
    assert "Raw 2009, ch. 8." in text and "Editors’ note (attribution inferred)" in text


def test_blog_has_sixteen_comments_with_authors_and_dates(built_site: Path) -> None:
    html = _article(_html(built_site, "coatesy-dispatches-blog"))
    headings = re.findall(r"<h3>(\d+)\. ([^<]*?)(?: — ([^<]*))?<a", html)
    assert [int(n) for n, _, _ in headings] == list(range(1, 17))
    anonymous = [int(n) for n, who, _ in headings if who.startswith("Anonymous")]
    assert anonymous == [7, 8, 13, 15, 16]
    assert all(when for _, _, when in headings)
    for boilerplate in (
        "Leave a Reply",
        "Connecting to %s",
        "bloggers like this",
        "Log Out",
        "Subscribe to comments",
    ):
        assert boilerplate not in html


def test_wikipedia_footnotes_follow_their_sentences(built_site: Path) -> None:
    html = _article(_html(built_site, "awl-wikipedia"))
    assert len(re.findall(r'class="footnote-reference', html)) == 8
    flag_after = re.findall(
        r"withdrawal of troops\.<a[^>]*footnote-reference[^>]*>.*?</a><span[^>]*>"
        r"<sup class=\"sourcebook-flag\">\[<a[^>]*><em>independent source needed",
        html,
    )
    assert flag_after, "the [5] flag must follow the troops-withdrawal sentence"
    # an invariant, not today's count: one flag on the page per unresolved flagged claim
    unresolved = [
        c for c in load_corpus(ROOT).claims if c.document == "awl-wikipedia" and c.flagged
    ]
    assert html.count("independent source needed</em>") == sum(not c.resolved for c in unresolved)
    assert "These and other positions" in html
    para = re.search(r"<p>These and other positions.*?</p>", html, re.DOTALL)
    assert para and "footnote-reference" not in para.group(0)  # no marker on that paragraph
    assert "text was not preserved in this extract" in html
    assert "CC BY-SA 4.0" in html


def test_claims_page_lists_the_claims_needing_sources(built_site: Path) -> None:
    html = (built_site / "claims.html").read_text(encoding="utf-8")
    needing = html[: html.index('id="sourced-claims"')]
    # an invariant, not today's count: one entry per unresolved flagged claim
    unresolved = [c for c in load_corpus(ROOT).claims if c.flagged and not c.resolved]
    assert needing.count("Needs an independent source:") == len(unresolved)
    shown = re.sub(r"<[^>]+>", "", html[html.index("<article") :])
    assert "seeds/" not in shown and "englert2020notesorganisation" not in shown
    assert "<h3>Alliance for Workers' Liberty" in needing  # documents are real headings


def test_bibliography_lists_every_entry_with_backlinks(built_site: Path) -> None:
    html = (built_site / "bibliography.html").read_text(encoding="utf-8")
    bib = (Path(__file__).parents[1] / "docs" / "references.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),", bib, re.MULTILINE)
    for key in keys:
        assert html.count(f'id="{make_id("cite-" + key)}"') == 1
    assert "Notes on Organisation, Revisited, note 4</a>" in html
    assert (
        "corpus/englert-notes-organisation-revisited.html#claim-englert-notes-organisation-revisited-ref-4"
        in html
    )


def test_hostile_seed_renders_inert(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    hostile = (
        "Hostile\n\n<script>alert(1)</script> and <img src=x onerror=alert(1)>.\n\n"
        "```{include} /etc/passwd\n```\n\n{raw}`html <b>x</b>` {{ substitution }} "
        "[link](javascript:alert(1)) $x$ \\\\textbf{tex}.\n"
    )
    seed = project / "seeds" / "hostile.txt"
    seed.write_text(hostile, encoding="utf-8")
    import hashlib

    with (project / "seeds" / "manifest.toml").open("a", encoding="utf-8") as handle:
        handle.write(
            f'\n[[document]]\nslug = "hostile"\nfile = "hostile.txt"\n'
            f'sha256 = "{hashlib.sha256(hostile.encode()).hexdigest()}"\n'
            'kind = "wikipedia"\ntitle = "Hostile"\n'
        )
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
    parallel = (project / "docs" / "_build" / "html" / "claims.html").read_text(encoding="utf-8")
    serial = (built_site / "claims.html").read_text(encoding="utf-8")
    assert _article(parallel) == _article(serial)
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
