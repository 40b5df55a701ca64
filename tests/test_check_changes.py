"""``sourcebook check`` after real contributor changes, on the tiny test corpus.

Each test copies ``tests/roots/test-tiny`` (one extract, three flagged claims,
seven markers), makes one change a pull request could make and asserts the
verdict: exit status, the code and ``path:line`` of the new finding, that
nothing else changed, and that the checker wrote no file.  The live corpus is
only checked for invariants (it is clean), never for its counts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sourcebook.check import main, run_check
from tests.conftest import ROOT
from tests.corpusfiles import add_entries

INDEPENDENT = """
@article{tribune2004strike,
  author       = {Roe, Sam},
  title        = {Crane drivers win after three weeks},
  journal      = {Eastport Tribune},
  year         = {2004},
  url          = {https://www.eastporttribune.co.uk/2004/crane-strike}
}
"""

AFFILIATED = """
@misc{circle2004strike,
  title        = {Our crane drivers' strike},
  howpublished = {Harbour Circle Press},
  year         = {2004},
  url          = {https://harbourcircle.org/2004/strike}
}
"""

APPARATUS = "seeds/tiny-wiki/apparatus.toml"
#: the bibliography's folder: one file per entry
BIB = "docs/references"
READING_ROOM = "docs/references/circle2001readingroom.bib"
CRANES = "docs/references/gazette2004cranes.bib"
DOCUMENT = "seeds/tiny-wiki/document.toml"
SEED = "seeds/tiny-wiki/extract.txt"


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    status = main(["--root", str(root), *args])
    return status, capsys.readouterr().out.splitlines()


def lines_with(output: list[str], code: str) -> list[str]:
    return [line for line in output if f": {code} " in line]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    """*text* added to file *path*; to the bibliography's folder, each entry as its own file."""
    if path.is_dir():
        add_entries(path.parent.parent, text)
        return
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def map_marker(root: Path, label: str, keys: str) -> None:
    edit(root / APPARATUS, f'label = "{label}"\nkeys = []', f'label = "{label}"\nkeys = [{keys}]')


def where(root: Path, path: str, needle: str, col: int, code: str) -> str:
    """``path:line:col: CODE`` for the first line holding *needle* (col -1: the line before)."""
    lines = (root / path).read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, 1) if needle in line)
    if col < 0:
        number, col = number - 1, 1
    return f"{path}:{number}:{col}: {code}"


@pytest.mark.live
def test_real_project_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """An invariant of the live corpus: whatever it holds, it passes its own check."""
    status, output = check(ROOT, capsys)
    assert status == 0, "\n".join(output)


def test_clean_copy_passes_and_writes_nothing(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(tiny)
    status, output = check(tiny, capsys)
    assert status == 0
    assert output[-1].startswith("3 flagged claims: 0 resolved, 3 unresolved (baseline 3); ")
    assert "7 markers: 3 mapped (1 inferred), 4 unmapped (baseline 4)" in output[-1]
    assert not [line for line in output[:-1] if re.search(r": SB[1-4]\d\d ", line)]
    assert snapshot(tiny) == before


def test_strict_fails_on_warnings(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, output = check(tiny, capsys, "--strict")
    assert status == 1
    assert lines_with(output, "SB504")


def test_independent_source_resolves_a_flagged_claim(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    append(tiny / BIB, INDEPENDENT)
    map_marker(tiny, "2", '"tribune2004strike"')
    status, output = check(tiny, capsys)
    assert status == 0
    assert output[-1].startswith("3 flagged claims: 1 resolved, 2 unresolved (baseline 3); ")
    stale = lines_with(output, "SB402")
    assert stale and all(line.startswith("seeds/baseline.toml:") for line in stale)
    assert "--update-baseline" in stale[0]

    # lowering the baseline: rewritten in place, then the check is quiet about it
    status, output = check(tiny, capsys, "--update-baseline")
    assert status == 0 and not lines_with(output, "SB402")
    baseline = (tiny / "seeds/baseline.toml").read_text(encoding="utf-8")
    assert '"tiny-wiki/ref-2"' not in baseline and '"tiny-wiki/ref-4"' in baseline
    assert not list((tiny / "seeds").glob(".baseline.toml.*"))  # no temporary file left


def test_affiliated_source_leaves_the_claim_unresolved(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    append(tiny / BIB, AFFILIATED)
    map_marker(tiny, "2", '"circle2004strike"')
    status, output = check(tiny, capsys)
    assert status == 0
    assert "0 resolved, 3 unresolved (baseline 3)" in output[-1]
    # the marker is mapped now, so only the marker count falls
    assert "3 unmapped (baseline 4)" in output[-1]
    record = next(c for c in run_check(tiny).corpus.claims if c.claim.id == "ref-2")
    assert record.independence == {"circle2004strike": "affiliated"}
    assert record.status == "needs-independent-source"


def test_a_new_unresolved_claim_breaks_the_ratchet(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tiny / "seeds/baseline.toml"
    edit(baseline, '    "tiny-wiki/ref-4",\n', "")
    status, output = check(tiny, capsys)
    assert status == 1
    [line] = lines_with(output, "SB401")
    assert line.startswith(where(tiny, SEED, "[4][independent", 1, "SB401"))
    assert "new unresolved flagged claim tiny-wiki/ref-4" in line


Change = Callable[[Path], None]


def _bad_changes() -> list[object]:
    return [
        pytest.param(
            lambda root: map_marker(root, "2", '"nosuchkey2024"'),
            [(APPARATUS, "nosuchkey2024", 9, "SB303")],
            id="unknown-key",
        ),
        pytest.param(
            lambda root: append(
                root / BIB,
                "\n@misc{Gazette2004cranes,\n  title = {X},\n  url = {https://x.org/}\n}\n",
            ),
            [("docs/references/Gazette2004cranes.bib", "@misc{Gazette2004cranes", 1, "SB302")],
            id="duplicate-key",
        ),
        pytest.param(
            lambda root: edit(
                root / READING_ROOM,
                "  title        = {Our Reading Room},\n",
                "  title = {Our Reading Room}\n",
            ),
            [(READING_ROOM, "howpublished = {Harbour Circle Press}", 3, "SB301")],
            id="broken-entry",
        ),
        pytest.param(
            lambda root: edit(
                root / READING_ROOM, "{https://harbourcircle.org/", "{javascript:alert(1)//"
            ),
            [(READING_ROOM, "javascript:", 3, "SB307")],
            id="javascript-url",
        ),
        pytest.param(
            lambda root: append(root / APPARATUS, '\n[[marker]]\nlabel = "99"\nkeys = []\n'),
            [(APPARATUS, 'label = "99"', -1, "SB204")],
            id="marker-not-in-text",
        ),
        pytest.param(
            lambda root: edit(root / SEED, "In 2004", "In 2005"),
            [(DOCUMENT, "sha256 =", 1, "SB109")],
            id="seed-changed",
        ),
        pytest.param(
            lambda root: edit(
                root / CRANES,
                "{Crane Drivers Walk Out}",
                "{Crane <script>x</script> \\input{/etc/x}}",
            ),
            # the HTML at its field, the TeX command where it stands
            [(CRANES, "<script>", c, "SB308") for c in (3, 44)],
            id="unsafe-text",
        ),
    ]


@pytest.mark.parametrize(("change", "expected"), _bad_changes())
def test_a_bad_change_fails_with_its_code_and_location(
    tiny: Path,
    capsys: pytest.CaptureFixture[str],
    change: Change,
    expected: list[tuple[str, str, int, str]],
) -> None:
    _, before = check(tiny, capsys)
    change(tiny)
    files = snapshot(tiny)
    status, after = check(tiny, capsys)
    assert status == 1
    new = sorted(
        set(after[:-1]) - set(before[:-1]) - {"baseline: compared once the errors are fixed"}
    )
    located = [re.sub(r"^(\S+: SB\d{3}) .*", r"\1", line) for line in new]
    assert located == [where(tiny, *e) for e in expected], new
    assert not any("Traceback" in line for line in after)
    assert snapshot(tiny) == files  # the checker changed no file


def test_update_baseline_is_refused_while_there_are_errors(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    map_marker(tiny, "2", '"nosuchkey2024"')
    before = (tiny / "seeds/baseline.toml").read_bytes()
    status, output = check(tiny, capsys, "--update-baseline")
    assert status == 1
    assert lines_with(output, "SB404")
    assert (tiny / "seeds/baseline.toml").read_bytes() == before


def test_merge_base_baseline_is_used_when_given(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a branch that raised its own baseline is still held to the merge base's
    base = tmp_path / "base-baseline.toml"
    base.write_bytes((tiny / "seeds/baseline.toml").read_bytes())
    edit(base, '    "tiny-wiki/ref-4",\n', "")
    status, output = check(tiny, capsys, "--baseline", str(base))
    assert status == 1
    assert lines_with(output, "SB401")
    assert "(baseline 2)" in output[-1]


def test_a_mistyped_marker_label_is_one_error_with_a_suggestion(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(tiny / APPARATUS, 'label = "4"\nkeys = []', 'label = "4a"\nkeys = []')
    status, output = check(tiny, capsys)
    assert status == 1
    [error] = [line for line in output if re.search(r": SB[1-4]\d\d ", line)]
    assert error.startswith(where(tiny, APPARATUS, 'label = "4a"', -1, "SB204"))
    assert "did you mean '4'?" in error  # and no SB205 for marker 4: the same mistake


def test_messages_name_the_command_that_fixes_them(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(tiny / APPARATUS, 'keys = ["circle2001readingroom"]', "keys = []")
    append(tiny / BIB, "")
    _, output = check(tiny, capsys)
    [rise] = lines_with(output, "SB401")
    assert "`nox -s cite -- tiny-wiki/1 KEY`" in rise
    assert all("`nox -s cite -- tiny-wiki/" in line for line in lines_with(output, "SB504"))


@pytest.mark.live
def test_every_live_marker_has_an_apparatus_entry() -> None:
    """An invariant of the live corpus: no marker of any seed is left out of its apparatus."""
    for doc in run_check(ROOT).corpus.documents:
        labels = {c.label for c in doc.entry.citations}
        assert set(doc.document.marker_labels) <= labels, doc.entry.slug
