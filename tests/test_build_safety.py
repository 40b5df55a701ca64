"""The Sphinx build refuses what the checker refuses, and keeps generated pages inert.

Each refusal is a real ``sphinx-build`` on a tiny project: the checker's
located message, exit status 1, no traceback, no page written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_render_safety import tiny_project

pytestmark = pytest.mark.sphinx

CRASH_SIGNS = ("Traceback", "Exception occurred", "Extension error", "report this error")


def with_docs(root: Path) -> Path:
    """The hand-written docs pages and configuration, around the project's own bibliography."""
    for item in (ROOT / "docs").iterdir():
        if item.is_file():
            shutil.copy2(item, root / "docs" / item.name)
    return root


def build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    out = root / "docs" / "_build" / "html"
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", *extra, "docs", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def assert_refused(root: Path, located: str) -> None:
    result = build(root)
    assert result.returncode == 1, result.stderr
    assert located in result.stderr
    assert "the build is refused" in result.stderr
    for sign in CRASH_SIGNS:
        assert sign not in result.stderr
    assert not (root / "docs" / "_build" / "html" / "index.html").exists()
    assert not (root / "docs" / "corpus").exists()  # refused before any page was generated


def test_clean_project_builds(tmp_path: Path) -> None:
    root = with_docs(tiny_project(tmp_path))
    result = build(root)
    assert result.returncode == 0, result.stderr
    page = root / "docs" / "_build" / "html" / "corpus" / "doc.html"
    html = page.read_text(encoding="utf-8")
    assert 'href="doc.provenance.json"' in html
    assert (page.parent / "doc.provenance.json").is_file()
    assert not (page.parent.parent / "_downloads").exists()


def test_bib_syntax_error_refuses_the_build(tmp_path: Path) -> None:
    root = with_docs(tiny_project(tmp_path, bib="@misc{broken,\n  title = {unclosed\n"))
    assert_refused(root, "docs/references/broken.bib:")


def test_unreadable_document_file_refuses_the_build(tmp_path: Path) -> None:
    root = with_docs(tiny_project(tmp_path))
    (root / "seeds" / "doc" / "document.toml").write_text("[document\n", encoding="utf-8")
    assert_refused(root, "seeds/doc/document.toml:1:")


def test_broken_entity_file_refuses_the_build(tmp_path: Path) -> None:
    entity = 'name = 5\ntype = "event"\ndescription = "An event."\n'
    root = with_docs(tiny_project(tmp_path, entities={"x": entity}))
    assert_refused(root, "seeds/entities/x.toml:1:8: SB211")  # the schema's own code


def test_markup_in_the_date_refuses_the_build(tmp_path: Path) -> None:
    date = 'date = "2019-10-22 {download}`../../../../secret.txt`"\n'
    root = with_docs(tiny_project(tmp_path, document=date))
    assert_refused(root, "seeds/doc/document.toml:4:8: SB212")  # the schema's date format


def test_markup_in_the_title_refuses_the_build(tmp_path: Path) -> None:
    root = with_docs(tiny_project(tmp_path, title="{math}`\\input{../secret.txt}`"))
    assert_refused(root, "seeds/doc/document.toml:3:1: SB702")


def test_unsafe_bib_url_refuses_the_build(tmp_path: Path) -> None:
    bib = "@misc{evil,\n  title = {Evil},\n  url = {javascript:alert(1)},\n}\n"
    root = with_docs(tiny_project(tmp_path, bib=bib))
    assert_refused(root, "docs/references/evil.bib:3:3: SB307")


def test_unknown_entry_type_renders_with_the_fallback(tmp_path: Path) -> None:
    root = with_docs(tiny_project(tmp_path))
    bib = root / "docs" / "references" / "good.bib"
    bib.write_text(bib.read_text().replace("@misc{good", "@video{good"), encoding="utf-8")
    result = build(root)
    for sign in CRASH_SIGNS:
        assert sign not in result.stderr
    if result.returncode == 0:
        html = (root / "docs" / "_build" / "html" / "corpus" / "doc.html").read_text()
        assert "A good source" in html
    else:  # the checker may refuse the type; then with a located message
        assert "docs/references/good.bib:1:" in result.stderr


#: every active construct, written straight into a page the extension owns
ACTIVE_PAGE = """\
# Attacked page

{download}`../conf.py` and {math}`\\input{/etc/passwd}` and [x](https://example.org/ok)

```{math}
\\input{/etc/passwd}
```

```{image} ../conf.py
```

```{figure} https://evil.example/x.png
```

```{literalinclude} ../conf.py
```

```{csv-table}
:file: ../conf.py
```

```{eval-rst}
`click <vbscript:msgbox(1)>`_

.. meta::
   :http-equiv=refresh: 0;url=https://evil.example/

.. raw:: html

   <script>alert(1)</script>

.. include:: ../conf.py
```
"""


def test_active_nodes_on_a_generated_page_are_made_inert(tmp_path: Path) -> None:
    """The inner wall alone: the page bypasses the renderer's escaping entirely."""
    root = with_docs(tiny_project(tmp_path))
    docs = root / "docs"
    (docs / "conf.py").write_text(
        (docs / "conf.py").read_text() + '\nsourcebook_root = ""\n', encoding="utf-8"
    )
    (docs / "corpus").mkdir()
    (docs / "corpus" / "index.md").write_text("# Corpus\n\n```{toctree}\nevil\n```\n")
    (docs / "corpus" / "evil.md").write_text(ACTIVE_PAGE, encoding="utf-8")
    (docs / "glossary.md").write_text("# Glossary\n", encoding="utf-8")
    (docs / "docutils.conf").write_text("[general]\nfile_insertion_enabled: true\n")
    result = build(root, "--keep-going")
    for sign in CRASH_SIGNS:
        assert sign not in result.stderr
    out = docs / "_build" / "html"
    html = (out / "corpus" / "evil.html").read_text(encoding="utf-8")
    for what in ("math", "math_block", "download_reference", "image", "figure", "meta"):
        assert f"SB703 {what} on a generated page was made inert" in result.stderr, what
    assert "SB703 link to 'vbscript:msgbox(1)'" in result.stderr
    for name in ("include", "literalinclude", "raw", "csv-table"):
        assert f"SB703 the '{name}' directive is disabled" in result.stderr, name
    assert not (out / "_downloads").exists() and not (out / "_images").exists()
    assert "mathjax" not in html.lower() and "<script>alert" not in html
    assert "http-equiv" not in html and "vbscript:" not in html.split("<body")[1].split('">')[0]
    assert 'href="https://example.org/ok"' in html  # web links stay links
    assert "sourcebook_root" not in html  # conf.py was not included, whatever docutils.conf says


def test_provenance_copies_are_refreshed_only_when_their_record_changed(tmp_path: Path) -> None:
    from sourcebook.sphinxext.safety import _copy_if_changed

    record, copy = tmp_path / "a.provenance.json", tmp_path / "out" / "a.provenance.json"
    copy.parent.mkdir()
    record.write_text('{"v": 1}', encoding="utf-8")
    _copy_if_changed(record, copy)
    assert copy.read_text(encoding="utf-8") == '{"v": 1}'
    copy.write_text('{"v": 9}', encoding="utf-8")  # same size: only the time tells
    os.utime(copy, ns=(record.stat().st_atime_ns, record.stat().st_mtime_ns))
    _copy_if_changed(record, copy)
    assert copy.read_text(encoding="utf-8") == '{"v": 9}'  # up to date by size and time
    record.write_text('{"v": 2}', encoding="utf-8")
    os.utime(record, ns=(0, record.stat().st_mtime_ns + 10**9))
    _copy_if_changed(record, copy)
    assert copy.read_text(encoding="utf-8") == '{"v": 2}'
    copy.unlink()
    copy.symlink_to(tmp_path / "elsewhere.json")
    _copy_if_changed(record, copy)
    assert not copy.is_symlink() and not (tmp_path / "elsewhere.json").exists()
