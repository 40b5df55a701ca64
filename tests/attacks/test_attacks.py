"""The attack catalogue: every injection through every channel is refused or inert.

One attacked project (``tests/attacks/project.py``) carries the whole
catalogue (``injections.toml``).  It is checked once, built once for HTML and
once for LaTeX with the build's checker gate switched off (to prove the inner
walls: escaping, identifier checks, inert nodes, the link wall), and built
once with the gate on (to prove the build refuses what the checker refuses).

The assertions do not trust the code under test: hrefs, roles and TeX are
judged by rules written here, from the HTML, MyST and TeX the build produced.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from tests.attacks.conftest import run
from tests.attacks.project import (
    KEY_ATTACKS,
    SEED_KINDS,
    TEXT_CHANNELS,
    URL_CHANNELS,
    channels,
    injections,
)

pytestmark = pytest.mark.sphinx

#: roles and directives the page generator writes, and nothing else
ALLOWED_ROLES = {
    *("footcite", "cite:p", "cite:label", "claim", "claimstart", "term", "doc", "ref"),
    "provenance",
}
ALLOWED_DIRECTIVES = {
    "admonition",
    "rubric",
    "footbibliography",
    "rst-class",
    "toctree",
    "glossary",
    # the glossary with its "Mentioned in" lists built from data after reading
    # (sphinxext/mentionlist.py); its one option is a hex digest the generator writes
    "sourcebook-glossary",
    "list-table",  # a seed's flattened table (render/myst.py), cells escaped like any text
}
#: role targets: bib keys, slugs, labels -- ASCII identifiers only
ROLE_TARGET = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:+-]*")
#: labels the generator writes: slugs, "slug-comment-N", "sb-quote-slug-N"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: TeX that reads or writes files, runs programs or redefines the document
DANGEROUS_TEX = re.compile(
    r"\\(?:input|include|InputIfFileExists|write18|immediate|openout|openin|read|def|edef|gdef|"
    r"catcode|csname|usepackage|special)(?![A-Za-z@])"
)
TEX_LINK = re.compile(r"\\(?:sphinxhref|href|url|sphinxurl|sphinxnolinkurl)\{([^}]*)\}")


# -- judging a URL without the code under test ------------------------------------


def inert_href(uri: str) -> bool:
    """A web link, a mail link, or a link within the site; nothing a browser reinterprets."""
    if any(c.isspace() or not c.isprintable() or c == "\\" for c in uri):
        return False
    if re.match(r"https?://[^/]", uri) or uri.startswith("mailto:"):
        return True
    return not uri.startswith("//") and re.match(r"[^:/?#]*(?:[/?#]|$)", uri) is not None


def same_site(uri: str) -> bool:
    return inert_href(uri) and not re.match(r"(?:https?:)?//", uri)


# -- MyST ---------------------------------------------------------------------------


@dataclass
class MystFindings:
    roles: Counter[str] = field(default_factory=Counter)
    directives: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


def myst_findings(text: str) -> MystFindings:
    """Roles, directives, HTML, images and links of a page, read by MyST's own parser.

    The parser runs with HTML *enabled*: escaping must hold even without the
    project's ``myst_disable_syntax``.
    """
    parser = create_md_parser(MdParserConfig(), RendererHTML)
    found = MystFindings()

    def visit(tokens: list[Token]) -> None:
        for token in tokens:
            if token.type == "myst_role":
                name = token.meta["name"]
                found.roles[name] += 1
                if name in ("footcite", "cite:p", "cite:label"):
                    for key in token.content.split(","):
                        if not ROLE_TARGET.fullmatch(key):
                            found.problems.append(f"role target {key!r}")
            elif token.type == "fence" and token.info.strip().startswith("{"):
                found.directives[token.info.strip()[1:].split("}")[0]] += 1
                # a directive's body is MyST too: read it the same way
                body = re.sub(r"(?m)^:[\w-]+:.*$", "", token.content)
                visit(parser.parse(body))
            elif token.type == "myst_target":
                found.targets.append(token.content)
            elif token.type.startswith("footnote") and "label" in (token.meta or {}):
                if not re.fullmatch(r"m-[A-Za-z0-9-]+", token.meta["label"]):
                    found.problems.append(f"footnote {token.meta['label']!r}")
            elif token.type in ("html_block", "html_inline", "image", "math_inline"):
                found.problems.append(f"{token.type}: {token.content[:60]!r}")
            elif token.type == "link_open" and not inert_href(str(token.attrGet("href"))):
                found.problems.append(f"link {token.attrGet('href')!r}")
            if token.children:
                visit(token.children)

    visit(parser.parse(text))
    return found


def test_catalogue_has_enough_injections_and_channels() -> None:
    assert len(injections()) >= 50
    assert len({i.id for i in injections()}) == len(injections())
    assert len(channels()) >= 20


def test_generated_myst_holds_only_the_generators_markup(attacked: Path, html_site: Path) -> None:
    pages = [*sorted((attacked / "docs" / "corpus").glob("*.md")), attacked / "docs/glossary.md"]
    # + one collection page per kind, the corpus index and the glossary
    assert len(pages) == len(injections()) + 2 * len(SEED_KINDS) + 1 + 2
    for page in pages:
        found = myst_findings(page.read_text(encoding="utf-8"))
        assert found.problems == [], page.name
        assert set(found.roles) <= ALLOWED_ROLES, (page.name, found.roles)
        assert set(found.directives) <= ALLOWED_DIRECTIVES, (page.name, found.directives)
        # labels are the page's own: an injected "(claims)=" would hijack links to the claims
        own = {"index": "corpus"}.get(page.stem, page.stem)
        for target in found.targets:
            assert re.fullmatch(rf"{own}(?:-comment-\d+|-notes)?|sb-quote-{SLUG.pattern}", target)


def test_invalid_keys_never_reach_a_role(attacked: Path, html_site: Path) -> None:
    corpus = attacked / "docs" / "corpus"
    assert "{cite:label}`src00`" in (corpus / "inj-00.md").read_text()
    assert not list(corpus.glob("rej-*")) and not list(corpus.glob("lab-*"))  # refused
    for page in corpus.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for key in KEY_ATTACKS:
            assert key not in text, (page.name, key)


def test_every_text_channel_reached_its_page(attacked: Path, html_site: Path) -> None:
    """The catalogue is not vacuous: each tagged value is on the page as text."""
    index = (html_site / "corpus" / "collection-wikipedia.html").read_text()
    glossary = (html_site / "glossary.html").read_text()
    for inj in injections()[:5]:
        html = (html_site / "corpus" / f"inj-{inj.number:02d}.html").read_text()
        for channel in ("P", "L") if inj.one_line else ():
            assert inj.tag(channel) in html, (inj.id, channel)
        for channel in ("LOC",) if inj.one_line else ():  # a locator is one line
            assert inj.tag(channel) in html, (inj.id, channel)
        for channel in ("NOTE", "UNK", "S"):
            assert inj.tag(channel) in html, (inj.id, channel)
        if inj.one_line:
            assert inj.tag("T") in index  # the page's heading is the seed's own title
        assert inj.tag("ED") in glossary


# -- HTML ---------------------------------------------------------------------------


class PageAudit(HTMLParser):
    """Everything on a built page that could act: scripts, handlers, links, embeds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in ("iframe", "object", "embed", "base", "frame", "frameset"):
            self.problems.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in values:
            self.problems.append(f"meta http-equiv {values['http-equiv']}")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "action", "formaction", "xlink:href") and not inert_href(value):
                self.problems.append(f"{tag} {name}={value!r}")
            if name in ("src", "data", "poster", "srcset") and not same_site(value):
                self.problems.append(f"{tag} {name}={value!r}")
        if tag == "script":
            src = values.get("src", "")
            if src and not re.match(r"(?:\.\./)*(?:_static/|searchindex\.js)", src):
                self.problems.append(f"script src={src!r}")
            self._in_script = not src

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_scripts.append(data.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def audit_page(path: Path) -> PageAudit:
    audit = PageAudit()
    audit.feed(path.read_text(encoding="utf-8"))
    return audit


def test_built_html_is_inert(html_site: Path) -> None:
    baseline = set(audit_page(html_site / "index.html").inline_scripts)
    pages = sorted(html_site.rglob("*.html"))
    assert len(pages) > len(injections())
    for page in pages:
        audit = audit_page(page)
        assert audit.problems == [], page.relative_to(html_site)
        # the theme's own inline script only; nothing a page's data brought
        assert set(audit.inline_scripts) <= baseline, page.relative_to(html_site)


def test_no_file_left_the_tree(html_site: Path) -> None:
    assert not (html_site / "_downloads").exists()
    assert not (html_site / "_images").exists()
    copied = {p.name for p in (html_site / "corpus").iterdir() if not p.name.endswith(".html")}
    assert all(name.endswith(".provenance.json") for name in copied)
    for page in html_site.rglob("*.html"):
        assert "root:x:0:0" not in page.read_text(encoding="utf-8")


def test_unsafe_bibliography_links_are_unlinked(html_site: Path) -> None:
    """The link wall: bib url fields with other schemes keep their text, lose their link."""
    html = (html_site / "bibliography.html").read_text()
    assert "BT00" in html  # the entries are there, as text
    assert 'href="file:' not in html and 'href="javascript:' not in html.lower()


# -- LaTeX --------------------------------------------------------------------------


def test_latex_is_inert(tex: str) -> None:
    body = tex[tex.index(r"\begin{document}") :]
    assert DANGEROUS_TEX.findall(body) == []
    links = TEX_LINK.findall(body)
    assert links, "the test would be vacuous without links"
    assert [u for u in links if not re.match(r"https?://|mailto:|#|%", u)] == []
    assert "PybtexSyntaxError" not in tex
    for inj in injections()[:3]:
        assert inj.tag("T") in body


# -- the checker and the gate ---------------------------------------------------------


LOCATED = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>SB\d{3}) ", re.M)


def test_checker_rejects_with_located_errors(checked: subprocess.CompletedProcess[str]) -> None:
    assert checked.returncode == 1
    assert "Traceback" not in checked.stdout + checked.stderr
    lines = [line for line in checked.stdout.splitlines() if line.strip()]
    summary = lines.pop()  # the tally line
    assert "errors" in summary
    assert all(LOCATED.match(line) for line in lines), [x for x in lines if not LOCATED.match(x)]
    codes = Counter(m["code"] for m in LOCATED.finditer(checked.stdout))
    for code in ("SB702", "SB704", "SB307", "SB212", "SB213"):
        assert codes[code], code


def _key_line(root: Path, slug: str, key: str) -> tuple[str, int]:
    """``(path, line)`` of field *key* in document *slug*'s file."""
    path = f"seeds/{slug}/document.toml"
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return path, next(n for n, line in enumerate(lines, 1) if line.startswith(key))


def test_every_payload_in_a_manifest_field_is_rejected_there(
    attacked: Path, checked: subprocess.CompletedProcess[str]
) -> None:
    """Fields with a grammar refuse every payload; free text refuses markup."""
    flagged = {
        (m["path"], int(m["line"]))
        for m in LOCATED.finditer(checked.stdout)
        if not m["code"].startswith("SB5")  # any error, whichever rule saw it first
    }
    markup = re.compile(r"[{}<>\\`]|(?i:javascript|vbscript):|data:text")
    for inj in injections():
        n = f"{inj.number:02d}"
        visible = inj.payload.replace("\t", " ")  # a tab in a name is white space
        name_markup = re.search(r"[`<>\\{}]", visible) or not visible.isprintable()
        for key in ("authors", "date", "url", "licence_url", "bibkey"):
            if key == "authors" and not name_markup:
                continue  # a name may hold "![x](y)": it is shown escaped, as text
            where = _key_line(attacked, f"rej-{n}", key)
            assert where in flagged, (inj.id, key)
        controls = re.search(r"[\x00-\x08\n-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", inj.payload)
        if markup.search(inj.payload) or controls:
            slug = f"inj-{n}" if inj.one_line else f"rej-{n}"
            for key in ("title", "publisher", "licence"):
                where = _key_line(attacked, slug, key)
                assert where in flagged, (inj.id, key)


def test_every_injected_marker_label_is_rejected_at_its_entry(
    checked: subprocess.CompletedProcess[str],
) -> None:
    """A label is matched against the seed's markers, never written into a page."""
    flagged = {(m["path"], int(m["line"])) for m in LOCATED.finditer(checked.stdout)}
    for inj in injections():
        assert (f"seeds/lab-{inj.number:02d}/apparatus.toml", 2) in flagged, inj.id


def test_build_refuses_what_the_checker_refuses(
    attacked: Path, checked: subprocess.CompletedProcess[str], tmp_path: Path
) -> None:
    out = tmp_path / "refused"
    result = run("-m", "sphinx", "-W", "-q", "-b", "html", "docs", str(out), cwd=attacked)
    assert result.returncode == 1
    for bad in ("Traceback", "Exception occurred", "Extension error", "report this error"):
        assert bad not in result.stderr
    warnings = re.compile(r"SB5\d\d|SB402")
    errors = [m for m in LOCATED.finditer(checked.stdout) if not warnings.fullmatch(m["code"])]
    for match in errors[:20]:
        assert match.group(0) in result.stderr
    assert "the build is refused" in result.stderr
    assert not (out / "index.html").exists()


def test_catalogue_figures(checked: subprocess.CompletedProcess[str], html_site: Path) -> None:
    """Injections x channels, and how many cases the checker refused: recorded, not tuned."""
    cases = len(injections()) * (len(TEXT_CHANNELS) + len(URL_CHANNELS) + len(SEED_KINDS))
    assert cases >= 50 * 20
