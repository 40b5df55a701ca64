"""``sourcebook check`` on a copy of the project after real contributor changes.

Each test makes one change a pull request could make and asserts the
verdict: exit status, the code and ``path:line`` of the new finding, that
nothing else changed, and that the checker wrote no file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from sourcebook.check import main, run_check

ENGLERT_HEAD = "@misc{englert_notesorganisationrevisited,\n"

INDEPENDENT = """
@misc{guardian2009vestas,
  title        = {Vestas workers occupy wind turbine factory},
  howpublished = {The Guardian},
  year         = {2009},
  url          = {https://www.theguardian.com/environment/2009/jul/21/vestas-wind-turbine-occupation},
}
"""

AFFILIATED = """
@misc{awl2009vestas,
  title        = {Save Vestas: the occupation},
  howpublished = {Workers' Liberty},
  year         = {2009},
  url          = {https://www.workersliberty.org/story/2009/07/vestas},
}
"""


@pytest.fixture
def clean(project: Path) -> Path:
    """The project copy, completed where the real bibliography lacks a required field.

    ``test_real_project_is_clean`` reports that gap against the real files;
    contributor changes are tested from a clean start.
    """
    bib = project / "docs" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index(ENGLERT_HEAD)
    entry = text[start : text.index("\n}\n", start)]
    if not re.search(r"^\s*title\s*=", entry, re.MULTILINE):
        head = ENGLERT_HEAD + "  title        = {Notes on Organisation, Revisited},\n"
        bib.write_text(text.replace(ENGLERT_HEAD, head), encoding="utf-8")
    return project


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


def map_marker(root: Path, label: str, keys: str) -> None:
    edit(
        root / "seeds/apparatus/awl-wikipedia.toml",
        f'label = "{label}"\nkeys = []',
        f'label = "{label}"\nkeys = [{keys}]',
    )


def test_real_project_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parents[1]
    status, output = check(root, capsys)
    assert status == 0, "\n".join(output)


def test_clean_copy_passes_with_the_committed_baseline(
    clean: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(clean)
    status, output = check(clean, capsys)
    assert status == 0
    assert output[-1].startswith("5 flagged claims: 0 resolved, 5 unresolved (baseline 5); ")
    assert not [line for line in output[:-1] if re.search(r": SB[1-4]\d\d ", line)]
    assert snapshot(clean) == before


def test_strict_fails_on_warnings(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, output = check(clean, capsys, "--strict")
    assert status == 1
    assert lines_with(output, "SB504")


def test_independent_source_resolves_a_flagged_claim(
    clean: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (clean / "docs/references.bib").open("a", encoding="utf-8") as bib:
        bib.write(INDEPENDENT)
    map_marker(clean, "7", '"guardian2009vestas"')
    status, output = check(clean, capsys)
    assert status == 0
    assert output[-1].startswith("5 flagged claims: 1 resolved, 4 unresolved (baseline 5); ")
    stale = lines_with(output, "SB402")
    assert [line.split(": ")[0] for line in stale] == [
        "seeds/baseline.toml:5:1",
        "seeds/baseline.toml:6:1",
    ]
    assert "--update-baseline" in stale[0]

    # lowering the baseline: rewritten in place, then the check is quiet about it
    status, output = check(clean, capsys, "--update-baseline")
    assert status == 0 and not lines_with(output, "SB402")
    baseline = (clean / "seeds/baseline.toml").read_text(encoding="utf-8")
    assert "unresolved_flagged_claims = 4\n" in baseline
    assert '"awl-wikipedia/ref-7"' not in baseline
    assert not list((clean / "seeds").glob(".baseline.toml.*"))  # no temporary file left


def test_affiliated_source_leaves_the_claim_unresolved(
    clean: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (clean / "docs/references.bib").open("a", encoding="utf-8") as bib:
        bib.write(AFFILIATED)
    map_marker(clean, "7", '"awl2009vestas"')
    status, output = check(clean, capsys)
    assert status == 0
    assert "0 resolved, 5 unresolved (baseline 5)" in output[-1]
    # the marker is mapped now, so only the marker count falls
    stale = lines_with(output, "SB402")
    assert [line.split(": ")[0] for line in stale] == ["seeds/baseline.toml:6:1"]
    report = run_check(clean)
    record = next(c for c in report.corpus.claims if c.claim.id == "ref-7")
    assert record.independence == {"awl2009vestas": "affiliated"}
    assert record.status == "needs-independent-source"


def test_a_new_unresolved_claim_breaks_the_ratchet(
    clean: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = clean / "seeds/baseline.toml"
    edit(baseline, "unresolved_flagged_claims = 5", "unresolved_flagged_claims = 4")
    edit(baseline, '    "awl-wikipedia/ref-7",\n', "")
    status, output = check(clean, capsys)
    assert status == 1
    assert lines_with(output, "SB401") == [
        "seeds/awl-wikipedia.txt:19:1: SB401 new unresolved flagged claim awl-wikipedia/ref-7 "
        "[independent source needed] (needs-independent-source) (5, baseline 4); "
        "resolve it: the count may not rise"
    ]


def where(root: Path, path: str, needle: str, col: int, code: str) -> str:
    """``path:line:col: CODE`` for the first line holding *needle* (col -1: the line before)."""
    lines = (root / path).read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, 1) if needle in line)
    if col < 0:
        number, col = number - 1, 1
    return f"{path}:{number}:{col}: {code}"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            lambda root: map_marker(root, "5", '"nosuchkey2024"'),
            [("seeds/apparatus/awl-wikipedia.toml", "nosuchkey2024", 9, "SB303")],
            id="unknown-key",
        ),
        pytest.param(
            lambda root: edit(
                root / "docs/references.bib",
                "@misc{channel4_2016battle,",
                "@misc{kimber2016letter,",
            ),
            [("docs/references.bib", "@article{kimber2016letter", 1, "SB302")],
            id="duplicate-key",
        ),
        pytest.param(
            lambda root: edit(
                root / "docs/references.bib",
                "  title        = {The Battle for the Labour Party},\n",
                "  title        = {The Battle for the Labour Party}\n",
            ),
            [("docs/references.bib", "howpublished = {Channel 4", 3, "SB301")],
            id="broken-entry",
        ),
        pytest.param(
            lambda root: edit(
                root / "docs/references.bib",
                "{https://socialistworker.co.uk/features/",
                "{javascript:alert(1)//socialistworker.co.uk/features/",
            ),
            [("docs/references.bib", "javascript:", 3, "SB307")],
            id="javascript-url",
        ),
        pytest.param(
            lambda root: edit(root / "docs/references.bib", "147-3", "147-4"),
            [("docs/references.bib", "978-1-84725-147-4", 3, "SB306")],
            id="bad-isbn",
        ),
        pytest.param(
            lambda root: (
                (root / "seeds/apparatus/awl-wikipedia.toml")
                .open("a")
                .write('\n[[marker]]\nlabel = "99"\nkeys = []\n')
            ),
            [("seeds/apparatus/awl-wikipedia.toml", 'label = "99"', -1, "SB204")],
            id="marker-not-in-text",
        ),
        pytest.param(
            lambda root: edit(root / "seeds/awl-wikipedia.txt", "In 2009,", "In 2010,"),
            [("seeds/manifest.toml", 'slug = "awl-wikipedia"', -1, "SB109")],
            id="seed-changed",
        ),
        pytest.param(
            lambda root: edit(
                root / "docs/references.bib",
                "{Letter to a {Jeremy}",
                "{Letter <script>alert(1)</script> \\input{/etc/passwd}",
            ),
            # the HTML at its field, the TeX command where it stands
            [("docs/references.bib", "<script>", c, "SB308") for c in (3, 52)],
            id="unsafe-text",
        ),
    ],
)
def test_a_bad_change_fails_with_its_code_and_location(
    clean: Path,
    capsys: pytest.CaptureFixture[str],
    change: object,
    expected: list[tuple[str, str, int, str]],
) -> None:
    _, before = check(clean, capsys)
    assert callable(change)
    change(clean)
    files = snapshot(clean)
    status, after = check(clean, capsys)
    assert status == 1
    new = sorted(set(after[:-1]) - set(before[:-1]))
    located = [re.sub(r"^(\S+: SB\d{3}) .*", r"\1", line) for line in new]
    assert located == [where(clean, *e) for e in expected], new
    assert not any("Traceback" in line for line in after)
    assert snapshot(clean) == files  # the checker changed no file


def test_update_baseline_is_refused_while_there_are_errors(
    clean: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    map_marker(clean, "5", '"nosuchkey2024"')
    before = (clean / "seeds/baseline.toml").read_bytes()
    status, output = check(clean, capsys, "--update-baseline")
    assert status == 1
    assert lines_with(output, "SB404")
    assert (clean / "seeds/baseline.toml").read_bytes() == before


def test_merge_base_baseline_is_used_when_given(
    clean: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a branch that raised its own baseline is still held to the merge base's
    base = tmp_path / "base-baseline.toml"
    base.write_bytes((clean / "seeds/baseline.toml").read_bytes())
    edit(base, "unresolved_flagged_claims = 5", "unresolved_flagged_claims = 4")
    status, output = check(clean, capsys, "--baseline", str(base))
    assert status == 1
    assert lines_with(output, "SB401")
    assert "(baseline 4)" in output[-1]
