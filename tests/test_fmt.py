"""``sourcebook fmt``: canonical bibliography and baseline, and merges without conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pybtex.database import parse_string

from sourcebook.check import main as check_main
from sourcebook.contrib.fmt import FormatError, format_bib, main
from tests.conftest import git, init_repo
from tests.corpusfiles import add_entries

MESSY = """% header comment: stays first
@string{ppg = "Port Gazette"}

% -- section one
@MISC{zeta2001,
  TITLE={Zeta},   url = {https://z.example.org/},
}
% a note about alpha: travels with alpha
@misc{Alpha1999, title = "Alpha {with} braces" # ppg, year = 1999}

@preamble{"\\relax"}

% -- section two
@book{m2000, author = {Doe, J.}, title = {M},
  note = {two
          lines}}
@book{b2000, title = {B}, year = {2000}}
"""


def test_fmt_sorts_within_sections_and_keeps_every_comment() -> None:
    out = format_bib(MESSY)
    assert out == format_bib(out)  # idempotent
    assert out.index("% header comment") < out.index("@string{ppg") < out.index("% -- section one")
    # sorted within section one, the attached comment moves with its entry
    assert out.index("% a note about alpha") < out.index("@misc{Alpha1999") < out.index("zeta2001")
    assert out.index("zeta2001") < out.index("@preamble") < out.index("% -- section two")
    assert out.index("@book{b2000") < out.index("@book{m2000")
    assert '  title        = "Alpha {with} braces" # ppg,\n' in out
    assert "  note         = {two\n          lines}\n}" in out
    assert "\n\n\n" not in out and out.endswith("}\n")
    before, after = parse_string(MESSY, "bibtex"), parse_string(out, "bibtex")

    def fields(data: object) -> dict[str, dict[str, str]]:
        return {
            key: {name.lower(): value for name, value in entry.fields.items()}
            for key, entry in data.entries.items()  # type: ignore[attr-defined]
        }

    assert fields(before) == fields(after)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("@misc{a, title = {x}\n", 1),
        ("% ok\n@misc{a, title = {x}}\n\n@misc{b, title {x}}\n", 4),
        ("@misc{a, title = {x} year = 1}\n", 1),
    ],
)
def test_fmt_refuses_what_it_cannot_cut(text: str, line: int) -> None:
    with pytest.raises(FormatError) as info:
        format_bib(text)
    assert info.value.line == line


_keys = st.lists(st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True), unique=True, max_size=6)


@given(_keys, st.randoms())
def test_fmt_is_idempotent_and_order_independent(keys: list[str], rnd: object) -> None:
    entries = [f"@misc{{{k},\n  title = {{T {k}}}\n}}" for k in keys]
    shuffled = list(entries)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = format_bib("\n\n".join(entries)), format_bib("\n\n".join(shuffled))
    assert a == b == format_bib(a)


def test_fmt_check_names_the_line_and_command(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tiny / "docs/references/aaa.bib"
    bib.write_text("@misc{aaa,\n  title = {A}, url = {https://a.example/}}\n", "utf-8")
    before = bib.read_bytes()
    assert main(["--root", str(tiny), "--check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("docs/references/aaa.bib:2:1: SB408 ") and "`nox -s fmt`" in out
    assert bib.read_bytes() == before
    assert main(["--root", str(tiny)]) == 0
    assert "formatted docs/references/aaa.bib" in capsys.readouterr().out
    assert main(["--root", str(tiny), "--check"]) == 0


ADD_EARLY = (
    "\n@misc{aardvark2004dock,\n  title = {Dock work},\n  url = {https://a.example.org/}\n}\n"
)
ADD_LATE = "\n@misc{zeal2004dock,\n  title = {Zeal},\n  url = {https://z.example.org/}\n}\n"


def _branch(repo: Path, name: str, bib_text: str, label: str, key: str) -> None:
    git(repo, "checkout", "-q", "-b", name, "main")
    add_entries(repo, bib_text)
    apparatus = repo / "seeds/tiny-wiki/apparatus.toml"
    text = apparatus.read_text(encoding="utf-8")
    apparatus.write_text(
        text.replace(f'label = "{label}"\nkeys = []', f'label = "{label}"\nkeys = ["{key}"]'),
        encoding="utf-8",
    )
    assert main(["--root", str(repo)]) == 0
    assert check_main(["--root", str(repo), "--update-baseline"]) == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", name)


def test_two_branches_adding_sources_and_resolving_claims_merge_cleanly(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = init_repo(tiny)
    _branch(
        repo,
        "one",
        ADD_EARLY.replace("title", "author = {A, B},\n  title"),
        "2",
        "aardvark2004dock",
    )
    _branch(repo, "two", ADD_LATE, "6", "zeal2004dock")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "one")
    git(repo, "merge", "-q", "--no-edit", "two")  # no conflict: the test fails otherwise
    capsys.readouterr()
    assert main(["--root", str(repo), "--check"]) == 0
    assert check_main(["--root", str(repo), "--against", "main"]) == 0, capsys.readouterr().out
    baseline = (repo / "seeds/baseline.toml").read_text(encoding="utf-8")
    assert '"tiny-wiki/ref-4"' in baseline
    assert '"tiny-wiki/ref-2"' not in baseline and '"tiny-wiki/ref-6"' not in baseline
