"""N07 (issue 21): a file under docs/corpus/ that the generator did not write.

A pull request can force-add such a file.  The build refuses to overwrite or
delete it, and says so as contributor data: ``path:1:1: SB800``, exit status
1, no traceback, nothing written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import sphinx_build
from tests.sphinxroots import copy_root


@pytest.mark.sphinx
@pytest.mark.parametrize("name", ["evil.md", "tiny-wiki.md", "notes/inner.md"])
def test_a_foreign_file_in_the_pages_directory_is_a_located_refusal(
    tmp_path: Path, fresh_parse_cache: Path, name: str
) -> None:
    project = copy_root("tiny", tmp_path)
    foreign = project / "docs" / "corpus" / name
    foreign.parent.mkdir(parents=True)
    foreign.write_text("# Not generated\n\n<script>alert(1)</script>\n", encoding="utf-8")
    result = sphinx_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    refused = [line for line in result.stderr.splitlines() if ": SB800 " in line]
    assert refused and refused[0].split("ERROR: ")[-1].startswith("docs/corpus/"), result.stderr
    assert foreign.read_text(encoding="utf-8").startswith("# Not generated")
    assert not (project / "docs" / "_build" / "html" / "index.html").exists()
