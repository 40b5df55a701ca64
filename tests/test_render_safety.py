"""Rendering safety on small constructed inputs: links, escaping, identifiers, SB7xx rules."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from sourcebook.check.run import run_check
from sourcebook.core.links import link_problem, safe_href, web_link
from sourcebook.corpus.load import load_corpus
from sourcebook.render.escape import code, one_line
from sourcebook.render.myst import render_page
from sourcebook.render.pages import generate

# -- links ------------------------------------------------------------------------

UNSAFE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\u200bscript:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/png;base64,AAAA",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "\\\\evil.example\\x",
    "/\\evil.example",
    "https:evil.example",
    "http://",
    "https://exa mple.org/",
    "https://example.org/\u202etxt",
    "https://example.org/a`{download}`b",
    "ftp://example.org/x",
    "../../../../etc/passwd",
    "",
]
SAFE = [
    "https://en.wikipedia.org/wiki/Alliance_for_Workers%27_Liberty",
    "http://example.org",
    "HTTPS://EXAMPLE.ORG/A?b=1&c=2#d",
    "https://xn--bcher-kva.example/",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_urls_never_become_web_links(url: str) -> None:
    assert web_link(url) is None
    assert link_problem(url) is not None


@pytest.mark.parametrize("url", SAFE)
def test_web_links_pass(url: str) -> None:
    assert web_link(url) == url


@pytest.mark.parametrize(
    ("uri", "allowed"),
    [
        ("claims.html#list-claim-x", True),
        ("../corpus/a.html", True),
        ("#top", True),
        ("mailto:editors@example.org", True),
        ("mailto:x@y.org?subject=<script>", False),
        ("javascript:alert(1)", False),
        ("//evil.example/", False),
        ("\\\\evil.example", False),
        (" #top", False),
        ("a:b/c", False),
    ],
)
def test_safe_href_within_the_site(uri: str, allowed: bool) -> None:
    assert safe_href(uri) is allowed


# -- escaping -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("seeds/a.txt", "`seeds/a.txt`"),
        ("a`b", "``a`b``"),
        ("a``b`", "``` a``b` ```"),
        ("x\n```{eval-rst}", "x\n\\`\\`\\`\\{eval-rst\\}"),
    ],
)
def test_code_span_holds_any_text(text: str, shown: str) -> None:
    assert code(text) == shown


def test_one_line_joins_lines_and_escapes() -> None:
    assert one_line("2019-10-22\n```{download}`x`") == "2019-10-22 \\`\\`\\`\\{download\\}\\`x\\`"


# -- a tiny project -------------------------------------------------------------------


def tiny_project(
    root: Path,
    *,
    document: str = "",
    apparatus: str = "",
    bib: str = "",
    entities: dict[str, str] | None = None,
    slug: str = "doc",
    title: str = "A title",
) -> Path:
    """One Wikipedia document with two markers; extra TOML/BibTeX text appended.

    ``seeds/<slug>/document.toml`` holds ``sha256``, ``kind`` and ``title`` on lines
    1-3, then *document*; each entry of *bib* is a file of its own (an entry whose
    key cannot be read goes to ``broken.bib``); *entities* maps ids to file texts.
    """
    folder = root / "seeds" / slug
    folder.mkdir(parents=True)
    seed = "Title\n\nA first claim here.[1]\n\nA second claim.[2]\n"
    (folder / "extract.txt").write_text(seed, encoding="utf-8")
    sha = hashlib.sha256(seed.encode()).hexdigest()
    (folder / "document.toml").write_text(
        f'sha256 = "{sha}"\nkind = "wikipedia"\ntitle = {json.dumps(title)}\n' + document,
        encoding="utf-8",
    )
    (folder / "apparatus.toml").write_text(
        '[[marker]]\nlabel = "1"\nkeys = ["good"]\n\n[[marker]]\nlabel = "2"\nkeys = []\n'
        + apparatus,
        encoding="utf-8",
    )
    references = root / "docs" / "references"
    references.mkdir(parents=True)
    (references / "good.bib").write_text(
        "@misc{good,\n  title = {A good source},\n  url = {https://example.org/},\n}\n",
        encoding="utf-8",
    )
    if bib:
        key = re.match(r"@\w+\{([^,\s]+),", bib)
        (references / f"{key.group(1) if key else 'broken'}.bib").write_text(bib, "utf-8")
    for entity_id, text in (entities or {}).items():
        (root / "seeds" / "entities").mkdir(exist_ok=True)
        (root / "seeds" / "entities" / f"{entity_id}.toml").write_text(text, encoding="utf-8")
    run_check(root, update_baseline=True)  # writes the baseline only when all is clean
    return root


def codes(root: Path) -> list[str]:
    return [d.format() for d in run_check(root).diagnostics if d.code.id.startswith("SB70")]


def errors(root: Path) -> list[str]:
    return [d.format() for d in run_check(root).diagnostics if d.severity.value == "error"]


def test_clean_tiny_project_has_no_render_errors(tmp_path: Path) -> None:
    assert codes(tiny_project(tmp_path)) == []


def test_markup_in_manifest_text_is_located(tmp_path: Path) -> None:
    root = tiny_project(tmp_path, title="On 2019-10-22 {download}`../secret.txt`")
    assert codes(root) == [
        "seeds/doc/document.toml:3:1: SB702 document 'doc': 'title' holds "
        "MyST markup '{download}`'; write plain text"
    ]


def test_markup_in_apparatus_note_is_located(tmp_path: Path) -> None:
    root = tiny_project(tmp_path)
    path = root / "seeds" / "doc" / "apparatus.toml"
    path.write_text(path.read_text().replace("keys = []\n", 'keys = []\nnote = "\\\\input{x}"\n'))
    assert codes(root) == [
        "seeds/doc/apparatus.toml:8:1: SB702 marker '2': 'note' holds TeX commands "
        "'\\input'; write plain text"
    ]


def test_key_outside_the_grammar_is_refused_and_never_rendered(tmp_path: Path) -> None:
    bad = "k`{download}`x"
    root = tiny_project(tmp_path)
    path = root / "seeds" / "doc" / "apparatus.toml"
    clean = path.read_text()
    path.write_text(clean.replace('["good"]', f'["good", "{bad}"]'))
    # the schema refuses it first (SB212); the renderer's own wall stands behind it
    assert any(e.startswith("seeds/doc/apparatus.toml:3:") for e in errors(root))
    path.write_text(clean)
    doc = load_corpus(root).documents[0]
    citation = replace(doc.entry.citations[0], keys=("good", bad))
    entry = replace(doc.entry, citations=(citation, *doc.entry.citations[1:]))
    page = render_page(replace(doc, entry=entry), {"good", bad})
    assert "{cite:label}`good`" in page and "download" not in page


def test_slug_outside_the_grammar_is_refused_and_gets_no_page(tmp_path: Path) -> None:
    root = tiny_project(tmp_path, slug="a--b")
    assert any(e.startswith("seeds/a--b:1:1: SB220 ") for e in errors(root))
    generate(root, tmp_path / "out")
    assert not (tmp_path / "out" / "a--b.md").exists()


def test_entity_description_with_markup_is_located(tmp_path: Path) -> None:
    entity = 'name = "X"\ntype = "event"\ndescription = "<img src=x onerror=alert(1)>"\n'
    [found] = codes(tiny_project(tmp_path, entities={"x": entity}))
    assert found.startswith("seeds/entities/x.toml:3:1: SB702 entity x: 'description' holds HTML")


def test_bib_field_pybtex_cannot_format_is_located(tmp_path: Path) -> None:
    root = tiny_project(tmp_path, bib="@misc{other,\n  title = {{% x}},\n  year = {2020},\n}\n")
    assert [c.split(" ")[1] for c in codes(root)] == ["SB704"]
    assert codes(root)[0].startswith("docs/references/other.bib:1:1: SB704 other: field 'title'")
