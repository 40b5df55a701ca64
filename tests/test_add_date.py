"""`sourcebook add` writes the date the outline read, and says where it came from."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sourcebook.contrib.add import main as add_main
from sourcebook.contrib.readdate import read_date
from tests.test_add_cite import clean, run

POST = (
    "Notes from the Lock Cottage\n\nRepainting the balance beams\n\nMarch 2, 2025\n\n"
    "The balance beams on the top gates had not been painted since the winter of the"
    " floods.\n\nWe sanded them back to bare wood and gave them three coats of gloss.\n"
)


def _add(tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, *extra: str):
    source = tmp_path / "beams.txt"
    source.write_text(text, encoding="utf-8")
    status, out = run(
        add_main, capsys, "--root", str(tiny), str(source), "--kind", "blog",
        "--slug", "beams", "--publisher", "Lock Cottage", *extra,
    )  # fmt: skip
    assert status == 0, out
    return out, (tiny / "seeds/beams/document.toml").read_text(encoding="utf-8")


def test_add_writes_the_date_the_outline_read(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, manifest = _add(tiny, tmp_path, capsys, POST)
    assert "  metadata date: 'March 2, 2025' (line 5)" in out
    assert "date: 2025-03-02 (read from line 5, 'March 2, 2025'; --date overrides it)" in out
    assert tomllib.loads(manifest)["date"] == "2025-03-02"
    assert '# read from line 5 of extract.txt, printed "March 2, 2025": check it' in manifest
    bib = (tiny / "docs/references/beams.bib").read_text(encoding="utf-8")
    assert "2025-03-02" in bib
    clean(tiny, capsys)


def test_add_given_date_wins_and_no_date_stays_a_comment(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, manifest = _add(tiny, tmp_path, capsys, POST, "--date", "2025-03-01")
    assert tomllib.loads(manifest)["date"] == "2025-03-01"
    assert "read from line" not in manifest and "read from line" not in out


def test_add_without_a_date_line_leaves_date_commented(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, manifest = _add(tiny, tmp_path, capsys, POST.replace("March 2, 2025\n\n", ""))
    assert "# date = ..." in manifest and "date" not in tomllib.loads(manifest)


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("September 4, 2026", "2026-09-04"),
        ("Tuesday, March 8, 2011", "2011-03-08"),
        ("14th Oct 2025", "2025-10-14"),
        ("4 Sept 2025", "2025-09-04"),
        ("2026-09-04T10:14", "2026-09-04"),
        ("November 2026", "2026-11"),
        ("June 31, 2024", None),  # no such day: not written
        ("4 days ago", None),  # relative: the absolute date is unknown
        ("Spring 2024", None),
        ("Smarch 3, 2024", None),
    ],
)
def test_read_date(printed: str, iso: str | None) -> None:
    assert read_date(printed) == iso


BYLINE_POST = (
    "Notes from the Lock Cottage\n\nRepainting the balance beams\n\n"
    "Posted by Ada Fenwick on 14 March 2026\n\n"
    "The balance beams on the top gates had not been painted since the winter of the"
    " floods.\n\nWe sanded them back to bare wood and gave them three coats of gloss.\n"
)


@pytest.mark.parametrize(
    ("byline", "iso", "printed"),
    [
        ("Posted by Ada Fenwick on 14 March 2026", "2026-03-14", "14 March 2026"),
        ("By Ada Fenwick | March 14, 2026", "2026-03-14", "March 14, 2026"),
        ("Ada Fenwick · 14 Mar 2026 · 4 min read", "2026-03-14", "14 Mar 2026"),
    ],
)
def test_add_writes_the_date_a_byline_prints(
    tiny: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    byline: str,
    iso: str,
    printed: str,
) -> None:
    """A byline that names the author and the date gives both: the date is written
    with the line it was read from."""
    post = BYLINE_POST.replace("Posted by Ada Fenwick on 14 March 2026", byline)
    out, manifest = _add(tiny, tmp_path, capsys, post)
    assert f"date: {iso} (read from line 5, '{printed}'; --date overrides it)" in out
    assert tomllib.loads(manifest)["date"] == iso
    assert f'# read from line 5 of extract.txt, printed "{printed}": check it' in manifest
    clean(tiny, capsys)


def test_add_byline_with_a_time_only_leaves_date_commented(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Blogger's "Posted by NAME at 10:14 AM" prints a time, not a date."""
    post = BYLINE_POST.replace("on 14 March 2026", "at 10:14 AM")
    _, manifest = _add(tiny, tmp_path, capsys, post)
    assert "# date = ..." in manifest and "date" not in tomllib.loads(manifest)


AUTHORS_POST = (
    "Notes from the Lock Cottage\n\nRepainting the balance beams\n\n"
    "Posted by Ann Reed and Ida Marsh on 2 March 2025\n\n"
    "The balance beams on the top gates had not been painted since the winter of the"
    " floods.\n\nWe sanded them back to bare wood and gave them three coats of gloss.\n"
)


def test_add_writes_the_byline_authors_the_outline_read(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, manifest = _add(tiny, tmp_path, capsys, AUTHORS_POST)
    assert "authors: Ann Reed, Ida Marsh (read from line 5; --author overrides it)" in out
    assert tomllib.loads(manifest)["authors"] == ["Ann Reed", "Ida Marsh"]
    assert "# read from line 5 of extract.txt: check it" in manifest
    bib = (tiny / "docs/references/beams.bib").read_text(encoding="utf-8")
    assert "Reed, Ann and Marsh, Ida" in bib or "Ann Reed and Ida Marsh" in bib
    clean(tiny, capsys)


def test_add_given_author_wins_over_the_byline(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, manifest = _add(tiny, tmp_path, capsys, AUTHORS_POST, "--author", "Jo Ames")
    assert tomllib.loads(manifest)["authors"] == ["Jo Ames"]
    assert "authors:" not in out and "of extract.txt: check it" not in manifest.split("date")[0]
    clean(tiny, capsys)
