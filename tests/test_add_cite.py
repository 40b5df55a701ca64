"""``sourcebook cite`` and ``sourcebook add``: one command each, all written or nothing."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

from sourcebook.check import main as check_main
from sourcebook.contrib.add import found
from sourcebook.contrib.add import main as add_main
from sourcebook.contrib.citecmd import main as cite_main
from sourcebook.contrib.fmt import main as fmt_main
from sourcebook.parse import parse
from sourcebook.render.outline import comment_total
from tests.test_check_changes import BIB, INDEPENDENT, append, snapshot

APPARATUS = "seeds/tiny-wiki/apparatus.toml"

CHOIR = (
    "Eastport Dockers Choir\n\nThe choir was formed by retired dockers in 1998.\n\n"
    "[1] It sings at the harbour festival each summer.\n\n"
    "[2][independent source needed] Its first conductor had worked on the cranes.\n\n[3]\n"
)


def run(main: object, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    assert callable(main)
    status = main(list(args))
    return int(status), capsys.readouterr().out


def clean(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What CI runs: the check against the committed baseline, and fmt --check."""
    assert run(check_main, capsys, "--root", str(root))[0] == 0
    assert run(fmt_main, capsys, "--root", str(root), "--check")[0] == 0


def test_cite_resolves_a_claim_lowers_the_baseline_and_says_why(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    append(tiny / BIB, INDEPENDENT)
    status, out = run(cite_main, capsys, "--root", str(tiny), "tiny-wiki/2", "tribune2004strike")
    assert status == 0, out
    assert "claim tiny-wiki/ref-2: independently-sourced (tribune2004strike: url domain " in out
    assert "resolved: tiny-wiki/ref-2" in out
    entry = next(
        m
        for m in tomllib.loads((tiny / APPARATUS).read_text(encoding="utf-8"))["marker"]
        if m["label"] == "2"
    )
    assert entry["keys"] == ["tribune2004strike"] and entry["confidence"] == "established"
    assert (tiny / APPARATUS).read_text(encoding="utf-8").startswith("# What each marker")
    clean(tiny, capsys)


def test_cite_adds_to_the_keys_a_marker_has(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    append(tiny / BIB, INDEPENDENT)
    status, out = run(
        cite_main,
        capsys,
        "--root",
        str(tiny),
        "tiny-wiki/3",
        "tribune2004strike",
        "--locator",
        "p. 4",
    )
    assert status == 0, out
    text = (tiny / APPARATUS).read_text(encoding="utf-8")
    assert 'keys = ["gazette2004cranes", "tribune2004strike"]\n' in text
    assert text.count('locator = "p. 4"') == 1 and 'locator = "p. 3"' not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tiny-wiki/2", "tribune2004strik"], "did you mean 'tribune2004strike'?"),
        (["tiny-wiki/2", "Tribune2004Strike"], "did you mean 'tribune2004strike'?"),
        (["tiny-wik/2", "tribune2004strike"], "did you mean 'tiny-wiki'?"),
        (["tiny-wiki/9", "tribune2004strike"], "(its markers: 1, 2, 3, 4, 5, 6, 7)"),
        (["tiny-wiki/22", "tribune2004strike"], "did you mean '2'?"),
        (["tiny-wiki", "tribune2004strike"], "name the marker as SLUG/MARKER"),
        (["tiny-wiki/2", "../../etc/passwd"], "'../../etc/passwd' is not a bibliography key"),
    ],
)
def test_cite_refuses_a_typo_with_a_suggestion_and_writes_nothing(
    tiny: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    append(tiny / BIB, INDEPENDENT)
    before = snapshot(tiny)
    status, out = run(cite_main, capsys, "--root", str(tiny), *args)
    assert status == 1
    assert message in out and out.rstrip().endswith("nothing was written")
    assert ": SB411 " in out.splitlines()[0]
    assert snapshot(tiny) == before


def test_cite_refuses_when_the_result_would_not_check(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    append(tiny / BIB, INDEPENDENT.replace("  author       = {Roe, Sam},\n", ""))
    before = snapshot(tiny)
    status, out = run(cite_main, capsys, "--root", str(tiny), "tiny-wiki/2", "tribune2004strike")
    assert status == 1
    [error] = [line for line in out.splitlines() if ": SB" in line]
    assert ": SB304 " in error and "'author'" in error
    assert snapshot(tiny) == before


def test_add_writes_every_file_a_document_needs(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "choir.txt"
    source.write_bytes(CHOIR.encode())
    before = snapshot(tiny)
    status, out = run(
        add_main,
        capsys,
        "--root",
        str(tiny),
        str(source),
        "--kind",
        "wikipedia",
        "--slug",
        "choir",
        "--url",
        "https://en.wikipedia.org/wiki/Eastport_Dockers_Choir",
        "--publisher",
        "Wikipedia",
        "--subject",
        "hwc",
    )
    assert status == 0, out
    assert "title: Eastport Dockers Choir" in out and "markers: [1] [2] [3]" in out
    assert "flagged claims: 1 (ref-2)" in out
    # the outline the reader will see comes first, before anything is written
    assert out.index("outline (wikipedia):") < out.index("wrote ")
    assert "  title: 'Eastport Dockers Choir'" in out
    assert (tiny / "seeds/choir/extract.txt").read_bytes() == CHOIR.encode()
    manifest = (tiny / "seeds/choir/document.toml").read_text(encoding="utf-8")
    entry = tomllib.loads(manifest)
    assert entry["sha256"] == hashlib.sha256(CHOIR.encode()).hexdigest()
    assert entry["subject"] == "hwc" and "slug" not in entry and "file" not in entry
    for unknown in ("# date = ", "# licence = ", "# inferred = ", "# title_supplied = "):
        assert unknown in manifest  # every field shown, unknown ones as comments
    markers = tomllib.loads((tiny / "seeds/choir/apparatus.toml").read_text(encoding="utf-8"))
    assert [m["label"] for m in markers["marker"]] == ["1", "2", "3"]
    baseline = (tiny / "seeds/baseline.toml").read_text(encoding="utf-8")
    assert '"choir/ref-2"' in baseline and '"choir/3"' in baseline
    assert "@misc{choir," in (tiny / BIB / "choir.bib").read_text(encoding="utf-8")
    # a new document is new files only: nothing shared was touched but the local baseline
    changed = {p for p in snapshot(tiny) if snapshot(tiny)[p] != before.get(p)}
    assert changed == {
        "seeds/choir/extract.txt",
        "seeds/choir/document.toml",
        "seeds/choir/apparatus.toml",
        "docs/references/choir.bib",
        "seeds/baseline.toml",
    }
    clean(tiny, capsys)


@pytest.mark.parametrize(
    ("text", "extra", "code"),
    [
        (b"The choir sings.[1]\n\n[2] It meets.\n", [], "SB412"),
        # two sentences are prose, not a title line: nothing is swallowed as the title
        (b"The choir sings.[1] It was formed in 1998.\n\n[2] It meets.\n", [], "SB411"),
        (b"Choir\r\n\r\nIt sings.\r\n", [], "SB104"),
        (CHOIR.encode(), ["--slug", "tiny-wiki"], "SB411"),
        (CHOIR.encode(), ["--subject", "hwk"], "SB411"),
        (CHOIR.encode(), ["--url", "javascript:alert(1)"], "SB411"),
    ],
    ids=["no-title-line", "prose-first-line", "crlf", "slug-taken", "unknown-subject", "bad-url"],
)
def test_add_refuses_with_one_error_and_writes_nothing(
    tiny: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: bytes,
    extra: list[str],
    code: str,
) -> None:
    source = tmp_path / "new.txt"
    source.write_bytes(text)
    before = snapshot(tiny)
    status, out = run(
        add_main,
        capsys,
        "--root",
        str(tiny),
        str(source),
        "--kind",
        "wikipedia",
        "--publisher",
        "Wikipedia",
        *extra,
    )
    assert status == 1
    # the normaliser's located guesses (SB6xx warnings) come with the outline; errors refuse
    errors = [line for line in out.splitlines() if ": SB" in line and ": SB6" not in line]
    assert [e.split(": ")[1][:5] for e in errors] == [code], out
    assert snapshot(tiny) == before


FORGED = "Innocent Title}, author = {Karl Marx"


@pytest.mark.parametrize(
    ("text", "extra", "located"),
    [
        ((FORGED + "\n\n" + CHOIR.split("\n", 1)[1]).encode(), [], "SEED:1:1: SB411"),
        (CHOIR.encode(), ["--title", FORGED], "seeds/new/document.toml:1:1: SB411"),
        (CHOIR.encode(), ["--author", "Ann}, title = {X"], "seeds/new/document.toml:1:1: SB411"),
        (
            CHOIR.encode(),
            ["--publisher", "Harbour\u202ePress"],
            "seeds/new/document.toml:1:1: SB411",
        ),
    ],
    ids=["a01-seed-title-line", "a02-title-option", "author-option", "bidi-publisher"],
)
def test_add_never_forges_a_field(
    tiny: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: bytes,
    extra: list[str],
    located: str,
) -> None:
    """A value that would close its field early is refused where it came from."""
    source = tmp_path / "new.txt"
    source.write_bytes(text)
    before = snapshot(tiny)
    status, out = run(
        add_main, capsys, "--root", str(tiny), str(source), "--kind", "wikipedia",
        "--publisher", "Wikipedia", *extra,
    )  # fmt: skip
    assert status == 1
    [error] = [line for line in out.splitlines() if ": SB" in line]
    assert error.startswith(located.replace("SEED", str(source))), out
    assert snapshot(tiny) == before


def test_add_writes_hostile_but_printable_values_exactly(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = 'Dockers\' "Choir" 50% & co #1 {sic} @home'
    source = tmp_path / "choir.txt"
    source.write_bytes(CHOIR.replace("Eastport Dockers Choir", title, 1).encode())
    status, out = run(
        add_main, capsys, "--root", str(tiny), str(source), "--kind", "wikipedia",
        "--slug", "choir", "--publisher", "Harbour & Sons", "--author", "Ann and Bo Trust",
    )  # fmt: skip
    assert status == 0, out
    from pybtex.database import parse_file
    from pybtex.richtext import Text

    entry = parse_file(str(tiny / BIB / "choir.bib")).entries["choir"]
    assert set(entry.fields) == {"title", "howpublished", "keywords"}
    assert Text.from_latex(entry.fields["title"]).render_as("text") == title.replace(
        "{", ""
    ).replace("}", "")
    assert [str(p) for p in entry.persons["author"]] == ["{Ann and Bo Trust}"]
    document = tomllib.loads((tiny / "seeds/choir/document.toml").read_text(encoding="utf-8"))
    assert document["title"] == title
    clean(tiny, capsys)


@pytest.mark.parametrize("option", ["--note", "--locator"])
def test_cite_refuses_an_unsafe_character_up_front(
    tiny: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    append(tiny / BIB, INDEPENDENT)
    before = snapshot(tiny)
    status, out = run(
        cite_main, capsys, "--root", str(tiny), "tiny-wiki/2", "tribune2004strike",
        option, "a\x7fb",
    )  # fmt: skip
    assert status == 1
    [error] = [line for line in out.splitlines() if ": SB" in line]
    assert error.startswith(f"{APPARATUS}:1:1: SB213 {option} 'a\\x7fb': control character U+007F")
    assert snapshot(tiny) == before


def test_cite_writes_quotes_and_backslashes_in_a_note_exactly(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    append(tiny / BIB, INDEPENDENT)
    note = 'said "so" \\ in [brackets] # not a comment\'s'
    status, out = run(
        cite_main, capsys, "--root", str(tiny), "tiny-wiki/2", "tribune2004strike",
        "--note", note, "--locator", "p. 3 = x",
    )  # fmt: skip
    assert status == 0, out
    data = tomllib.loads((tiny / APPARATUS).read_text(encoding="utf-8"))
    [entry] = [m for m in data["marker"] if m["label"] == "2"]
    assert entry["note"] == note and entry["locator"] == "p. 3 = x"
    clean(tiny, capsys)


FORUM = (
    "Fenwick Rowing Club\nHome Crews Events Log in\n\n"
    "Winter training on the lower river\n"
    "Submitted by jo.baird on Mon, 02/11/2026 - 09:10\n\n"
    "The lower river is open again after the floods, and the winter squad starts on Monday"
    " at seven. Boats go out in pairs after dark.\n"
)


def test_add_says_which_line_prints_a_given_title_the_normaliser_missed(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "rowing.txt"
    source.write_bytes(FORUM.encode())
    title = "Winter training on the lower river"
    status, out = run(
        add_main, capsys, "--root", str(tiny), str(source), "--kind", "blog",
        "--slug", "rowing", "--title", title, "--publisher", "Fenwick Rowing Club",
    )  # fmt: skip
    assert status == 0, out
    assert f"{source}:4:1: SB608 the --title given is printed on line 4" in out
    assert "title_line = 4" in out and "seeds/rowing/document.toml" in out
    table = tomllib.loads((tiny / "seeds" / "rowing" / "document.toml").read_text())
    # printed in the seed, so not supplied by the editors
    assert table["title"] == title and not table.get("title_supplied", False)


def test_adds_found_counts_replies_as_the_outline_does() -> None:
    """The closing summary and the outline above it give one comment count."""
    fixture = "tests/fixtures/normalise/blog/indented-reply-nests.txt"
    document, _ = parse(Path(fixture).read_text(encoding="utf-8"), "blog", fixture)
    total, top = comment_total(document.comments), len(document.comments)
    assert total > top  # the fixture nests replies, so the two counts differ
    assert found(document)[-1] == f"comments: {total} ({top} top-level)"
