"""The bad-input catalogue: every contributor file, broken one way at a time.

Each case breaks one thing in a small clean project (tests/contributor) and
runs the real ``sourcebook check``.  It must exit 1 with exactly one error,
located at the mistake's cause (``path:line:col: CODE``), print no
traceback, write nothing, and never show the contents or the hash of a
file outside the project.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sourcebook.check import main
from sourcebook.core.diagnostics import Code
from sourcebook.corpus import projectbib
from sourcebook.inputs.paths import CORPUS_TOML_MAX_BYTES
from tests.contributor.miniproject import (
    BIB,
    FILES,
    SEED,
    SEED_SHA,
    edited,
    write_project,
)

M = "seeds/manifest.toml"
A = "seeds/apparatus/alpha.toml"
E = "seeds/entities.toml"
B = "seeds/baseline.toml"
S = "seeds/alpha.txt"
BIBFILE = "docs/references.bib"

SECRET = "TOP SECRET: the outside file\n"
SECRET_SHA = hashlib.sha256(SECRET.encode()).hexdigest()
MIB = 1024 * 1024
ERROR_CODES = {c.id for c in Code if c.severity.value == "error"}

Action = Callable[[Path, Path], None]


@dataclass(frozen=True)
class Case:
    id: str
    #: ``path:line:col: CODE`` the one error must start with
    expected: str
    #: files to overwrite, relative to the project
    write: dict[str, str | bytes] = field(default_factory=dict)
    #: a change to the file system: ``action(project, outside)``
    action: Action | None = None


def m(changes: dict[int, str]) -> dict[str, str | bytes]:
    return {M: edited(M, changes)}


def a(changes: dict[int, str]) -> dict[str, str | bytes]:
    return {A: edited(A, changes)}


def e(changes: dict[int, str]) -> dict[str, str | bytes]:
    return {E: edited(E, changes)}


def b(changes: dict[int, str]) -> dict[str, str | bytes]:
    return {B: edited(B, changes)}


def whole(name: str) -> str:
    return "\n".join(FILES[name]) + "\n"


def symlink(name: str, target: str) -> Action:
    """Replace project file *name* by a link to *target* (in ``outside`` unless absolute)."""

    def act(project: Path, outside: Path) -> None:
        path = project / name
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink(missing_ok=True)
        path.symlink_to(target if target.startswith("/") else outside / target)

    return act


def fifo(name: str) -> Action:
    def act(project: Path, outside: Path) -> None:
        (project / name).unlink(missing_ok=True)
        os.mkfifo(project / name)

    return act


def directory(name: str) -> Action:
    def act(project: Path, outside: Path) -> None:
        (project / name).unlink()
        (project / name).mkdir()

    return act


def delete(name: str) -> Action:
    def act(project: Path, outside: Path) -> None:
        (project / name).unlink()

    return act


def hard_link(name: str) -> Action:
    """Replace project file *name* by a hard link to a copy of it outside the project."""

    def act(project: Path, outside: Path) -> None:
        copy = outside / ("linked-" + Path(name).name)
        copy.write_bytes((project / name).read_bytes())
        (project / name).unlink()
        os.link(copy, project / name)

    return act


def seed(text: str) -> dict[str, str | bytes]:
    """The seed replaced by *text*, its manifest sha256 updated: only *text* is wrong."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    return {S: text, **m({11: f'sha256 = "{sha}"'})}


def many_entries(count: int) -> str:
    return BIB + "".join(f"@misc{{k{n}, title = {{T}}}}\n" for n in range(count))


def seeds_elsewhere(project: Path, outside: Path) -> None:
    """The whole seeds/ directory moved out of the project and linked back in."""
    (project / "seeds").rename(outside / "seeds")
    (project / "seeds").symlink_to(outside / "seeds")


def second(kind: str, *lines: str) -> dict[int, str]:
    """Lines 20.. (manifest) or 9.. (entities) adding another table."""
    start = 21 if kind == "document" or kind == "subject" else 10
    return {start - 1: "", start: f"[[{kind}]]", **{start + 1 + i: t for i, t in enumerate(lines)}}


DOC2 = ('file = "alpha.txt"', f'sha256 = "{SEED_SHA}"', 'kind = "wikipedia"', 'title = "Again"')

CASES = [
    # -- seeds/manifest.toml: keys, shapes, types
    Case("m-typo-titel", f"{M}:13:1: SB209", m({13: 'titel = "Lamps"'})),
    Case("m-unknown-top-level-key", f"{M}:2:1: SB209", m({2: 'editor = "x"'})),
    Case("m-single-bracket-document", f"{M}:8:1: SB211", m({8: "[document]"})),
    Case("m-subject-is-a-number", f"{M}:2:11: SB211", {M: "version = 1\nsubject = 5\n"}),
    Case("m-version-2", f"{M}:1:11: SB216", m({1: "version = 2"})),
    Case("m-version-string", f"{M}:1:11: SB211", m({1: 'version = "1"'})),
    Case("m-missing-slug", f"{M}:8:1: SB210", m({9: ""})),
    Case("m-title-is-a-table", f"{M}:13:9: SB211", m({13: 'title = {text = "x"}'})),
    Case("m-title-supplied-string", f"{M}:18:18: SB211", m({18: 'title_supplied = "yes"'})),
    Case("m-authors-string", f"{M}:14:11: SB211", m({14: 'authors = "Ada Example"'})),
    Case("m-authors-numbers", f"{M}:14:12: SB211", m({14: "authors = [1, 2]"})),
    Case("m-deep-nesting", f"{M}:14:27: SB208", m({14: "authors = " + "[" * 200 + "]" * 200})),
    Case("m-deep-nesting-unclosed", f"{M}:14:43: SB208", m({14: "authors = " + "[{a=" * 5000})),
    # -- formats
    Case("m-date-not-a-calendar-date", f"{M}:15:8: SB212", m({15: 'date = "2019-02-30"'})),
    Case("m-date-format", f"{M}:15:8: SB212", m({15: 'date = "22/10/2019"'})),
    Case("m-date-unquoted", f"{M}:15:8: SB211", m({15: "date = 2001-02-03"})),
    Case(
        "m-date-with-markup",
        f"{M}:15:8: SB212",
        m({15: 'date = "2019-10-22 {download}`../../secret.txt`"'}),
    ),
    Case("m-url-javascript", f"{M}:16:7: SB307", m({16: 'url = "javascript:alert(1)"'})),
    Case("m-url-data", f"{M}:16:7: SB307", m({16: 'url = "data:text/html,<b>x</b>"'})),
    Case("m-licence-url-file", f"{M}:16:15: SB307", m({16: 'licence_url = "file:///etc/passwd"'})),
    Case("m-slug-grammar", f"{M}:9:8: SB212", m({9: 'slug = "Alpha_Doc"'})),
    Case("m-slug-path", f"{M}:9:8: SB212", m({9: 'slug = "../alpha"'})),
    Case("m-bibkey-backtick", f"{M}:17:10: SB212", m({17: 'bibkey = "k`{download}`x"'})),
    Case("m-kind-typo", f"{M}:12:8: SB212", m({12: 'kind = "wikipdia"'})),
    Case("m-sha256-short", f"{M}:11:10: SB212", m({11: 'sha256 = "abc"'})),
    Case("m-title-empty", f"{M}:13:9: SB212", m({13: 'title = ""'})),
    Case("m-inferred-unknown-field", f"{M}:18:13: SB212", m({18: 'inferred = ["colour"]'})),
    Case("m-marker-noun-two-words", f"{M}:18:15: SB212", m({18: 'marker_noun = "Reference Note"'})),
    Case("m-domain-with-scheme", f"{M}:6:12: SB212", m({6: 'domains = ["https://acme.example"]'})),
    # -- Unicode hygiene
    Case("m-title-bidi-override", f"{M}:13:9: SB213", m({13: 'title = "Lamps \\u202Eof"'})),
    Case("m-title-c1-control", f"{M}:13:9: SB213", m({13: 'title = "Lamps\\u0085"'})),
    Case("m-title-nul-escape", f"{M}:13:9: SB213", m({13: 'title = "Lamps\\u0000"'})),
    Case("m-title-newline", f"{M}:13:9: SB213", m({13: 'title = "Lamps\\nof"'})),
    Case("m-author-zero-width", f"{M}:14:12: SB213", m({14: 'authors = ["Ada\\u200bExample"]'})),
    Case("m-author-mixed-script", f"{M}:14:12: SB214", m({14: 'authors = ["\u0410da Example"]'})),
    Case("m-bidi-in-comment", f"{M}:2:8: SB213", m({2: "# note \u202e hidden"})),
    # -- cross-entry rules
    Case("m-subject-undefined", f"{M}:18:11: SB202", m({18: 'subject = "nobody"'})),
    Case("m-subject-lacks-name", f"{M}:3:1: SB210", m({5: ""})),
    Case(
        "m-subject-duplicate",
        f"{M}:22:6: SB217",
        m(second("subject", 'id = "acme"', 'name = "Other"')),
    ),
    Case("m-duplicate-slug", f"{M}:22:8: SB203", m(second("document", 'slug = "alpha"', *DOC2))),
    Case("m-look-alike-slug", f"{M}:22:8: SB215", m(second("document", 'slug = "a1pha"', *DOC2))),
    # -- file and apparatus paths
    Case("m-file-dotdot", f"{M}:10:8: SB110", m({10: 'file = "../secret.txt"'})),
    Case("m-file-absolute", f"{M}:10:8: SB110", m({10: 'file = "/etc/passwd"'})),
    Case("m-file-backslash", f"{M}:10:8: SB110", m({10: 'file = "..\\\\secret.txt"'})),
    Case("m-file-empty", f"{M}:10:8: SB110", m({10: 'file = ""'})),
    Case("m-file-home", f"{M}:10:8: SB110", m({10: 'file = "~/secret.txt"'})),
    Case("m-file-missing", f"{M}:10:8: SB108", m({10: 'file = "nothere.txt"'})),
    Case("m-file-is-a-directory", f"{M}:10:8: SB112", m({10: 'file = "apparatus"'})),
    Case(
        "m-file-symlink-out",
        f"{M}:10:8: SB111",
        m({10: 'file = "link.txt"'}),
        symlink("seeds/link.txt", "secret.txt"),
    ),
    Case(
        "m-file-through-dir-symlink",
        f"{M}:10:8: SB111",
        m({10: 'file = "sub/secret.txt"'}),
        symlink("seeds/sub", "."),
    ),
    Case(
        "m-file-device",
        f"{M}:10:8: SB111",
        m({10: 'file = "zero.txt"'}),
        symlink("seeds/zero.txt", "/dev/zero"),
    ),
    Case("m-file-fifo", f"{M}:10:8: SB112", m({10: 'file = "pipe.txt"'}), fifo("seeds/pipe.txt")),
    Case("m-apparatus-dotdot", f"{M}:19:13: SB110", m({19: 'apparatus = "../evil.toml"'})),
    Case("m-apparatus-missing", f"{M}:19:13: SB108", m({19: 'apparatus = "apparatus/none.toml"'})),
    Case("m-apparatus-is-a-directory", f"{M}:19:13: SB112", m({19: 'apparatus = "apparatus"'})),
    Case("m-apparatus-symlink-out", f"{M}:19:13: SB111", action=symlink(A, "evil.toml")),
    # -- the manifest file itself
    Case("m-toml-syntax", f"{M}:8:11: SB201", m({8: "[[document]"})),
    Case("m-bom", f"{M}:1:1: SB207", {M: b"\xef\xbb\xbf" + whole(M).encode()}),
    Case(
        "m-not-utf8",
        f"{M}:13:16: SB207",
        {M: edited(M, {13: 'title = "Lamps XX"'}).encode().replace(b"XX", b"\xff")},
    ),
    Case("m-oversize", f"{M}:1:1: SB113", {M: whole(M) + "#" * CORPUS_TOML_MAX_BYTES + "\n"}),
    Case("m-missing", f"{M}:1:1: SB218", action=delete(M)),
    Case("m-is-a-directory", f"{M}:1:1: SB112", action=directory(M)),
    Case("m-symlink-out", f"{M}:1:1: SB111", action=symlink(M, "evil.toml")),
    # -- seeds/apparatus/alpha.toml
    Case("a-inline-array-of-markers", f"{A}:1:10: SB211", {A: "marker = [1, 2]\n"}),
    Case("a-single-bracket-marker", f"{A}:1:1: SB211", {A: '[marker]\nlabel = "1"\n'}),
    Case("a-label-integer", f"{A}:4:9: SB211", a({4: "label = 1"})),
    Case("a-label-grammar", f"{A}:4:9: SB212", a({4: 'label = "1]"'})),
    Case("a-missing-label", f"{A}:3:1: SB210", a({4: ""})),
    Case("a-keys-string", f"{A}:5:8: SB211", a({5: 'keys = "lamp2002light"'})),
    Case("a-key-grammar", f"{A}:5:9: SB212", a({5: 'keys = ["bad key`"]'})),
    Case("a-confidence", f"{A}:6:14: SB206", a({6: 'confidence = "sure"'})),
    Case("a-unknown-key", f"{A}:10:1: SB209", a({10: "kesy = []"})),
    Case("a-note-bidi-isolate", f"{A}:11:8: SB213", a({11: 'note = "x\\u2066y"'})),
    Case("a-locator-integer", f"{A}:11:11: SB211", a({11: "locator = 12"})),
    Case("a-version", f"{A}:1:11: SB216", a({1: "version = 0"})),
    Case("a-toml-syntax", f"{A}:11:1: SB201", a({10: "keys = ["})),
    Case("a-deep-nesting", f"{A}:10:24: SB208", a({10: "keys = " + "[" * 100})),
    Case("a-oversize", f"{A}:1:1: SB113", {A: whole(A) + "#" * MIB + "\n"}),
    Case(
        "a-not-utf8",
        f"{A}:11:9: SB207",
        {A: edited(A, {11: 'note = "XX"'}).encode().replace(b"XX", b"\xff")},
    ),
    # -- seeds/entities.toml
    Case("e-type", f"{E}:6:8: SB212", e({6: 'type = "thing"'})),
    Case("e-id-grammar", f"{E}:4:6: SB212", e({4: 'id = "Acme"'})),
    Case("e-name-backtick", f"{E}:5:8: SB212", e({5: 'name = "Acme`x"'})),
    Case("e-name-mixed-script", f"{E}:5:8: SB214", e({5: 'name = "\u0410cme Society"'})),
    Case(
        "e-look-alike-name",
        f"{E}:12:8: SB215",
        e(
            {
                8: 'aliases = ["ACME"]',
                **second(
                    "entity",
                    'id = "other"',
                    'name = "\u0410\u0421\u041c\u0415"',
                    'type = "event"',
                    'description = "Another."',
                ),
            }
        ),
    ),
    Case(
        "e-duplicate-id",
        f"{E}:11:6: SB217",
        e(
            second(
                "entity",
                'id = "acme"',
                'name = "Other"',
                'type = "event"',
                'description = "Another."',
            )
        ),
    ),
    Case(
        "e-duplicate-name",
        f"{E}:12:8: SB217",
        e(
            second(
                "entity",
                'id = "other"',
                'name = "Acme"',
                'type = "event"',
                'description = "Another."',
            )
        ),
    ),
    Case(
        "e-look-alike-id",
        f"{E}:11:6: SB215",
        e(
            second(
                "entity",
                'id = "acrne-1"',
                'name = "Other"',
                'type = "event"',
                'description = "Another."',
            )
            | {4: 'id = "acrne-l"'}
        ),
    ),
    Case("e-missing-description", f"{E}:3:1: SB210", e({7: ""})),
    Case("e-entity-is-a-string", f"{E}:1:10: SB211", {E: 'entity = "x"\n'}),
    Case("e-description-bidi", f"{E}:7:15: SB213", e({7: 'description = "\\u202Dx"'})),
    Case("e-unknown-key", f"{E}:8:1: SB209", e({8: 'alias = ["Acme"]'})),
    Case("e-version", f"{E}:1:11: SB216", e({1: "version = 3"})),
    Case("e-toml-syntax", f"{E}:9:1: SB201", e({8: 'aliases = ["Acme"'})),
    Case("e-bom", f"{E}:1:1: SB207", {E: b"\xef\xbb\xbf" + whole(E).encode()}),
    Case("e-symlink-out", f"{E}:1:1: SB111", action=symlink(E, "evil.toml")),
    # -- seeds/baseline.toml
    Case("b-negative-count", f"{B}:2:29: SB212", b({2: "unresolved_flagged_claims = -1"})),
    Case("b-string-count", f"{B}:2:29: SB211", b({2: "unresolved_flagged_claims = 'five'"})),
    # the counts are the lists' lengths: a file lacks one only without its list too
    Case("b-missing-count", f"{B}:1:1: SB210", b({3: "", 6: ""})),
    Case("b-unknown-key", f"{B}:6:1: SB209", b({6: 'unmaped = ["alpha/2"]'})),
    Case("b-version", f"{B}:1:11: SB216", b({1: "version = 2"})),
    Case("b-documents-grammar", f"{B}:4:14: SB212", b({4: 'documents = ["Alpha Doc"]'})),
    Case("b-unmapped-id", f"{B}:6:13: SB212", b({6: 'unmapped = ["no-slash"]'})),
    Case("b-toml-syntax", f"{B}:2:29: SB403", b({2: "unresolved_flagged_claims = "})),
    Case("b-symlink-out", f"{B}:1:1: SB111", action=symlink(B, "evil.toml")),
    Case("seeds-directory-symlink-out", f"{M}:1:1: SB111", action=seeds_elsewhere),
    # -- the seed text
    Case("s-empty", f"{S}:1:1: SB101", {S: b""}),
    Case("s-not-utf8", f"{S}:3:5: SB102", {S: b"Lamps\n\nBad \xff byte.\n"}),
    Case("s-nul", f"{S}:3:5: SB103", {S: b"Lamps\n\nNul \x00 here.\n"}),
    Case("s-crlf", f"{S}:1:1: SB104", {S: b"Lamps\r\n\r\nLight.\r\n"}),
    Case("s-bom", f"{S}:1:1: SB105", {S: b"\xef\xbb\xbf" + SEED.encode()}),
    Case("s-oversize", f"{S}:1:1: SB113", {S: b"a" * (4 * MIB + 1)}),
    Case("s-changed", f"{M}:8:1: SB109", {S: SEED + "More.\n"}),
    Case("s-missing", f"{M}:10:8: SB108", action=delete(S)),
    Case("s-is-a-directory", f"{M}:10:8: SB112", action=directory(S)),
    Case("s-is-a-fifo", f"{M}:10:8: SB112", action=fifo(S)),
    Case("s-symlink-out", f"{M}:10:8: SB111", action=symlink(S, "secret.txt")),
    Case("s-symlink-to-device", f"{M}:10:8: SB111", action=symlink(S, "/dev/zero")),
    # -- issue 21: files that are empty, hard-linked, or hold what hides text (X04, N06, B14, X42)
    Case("m-empty", f"{M}:1:1: SB101", {M: b""}),
    Case("m-comments-only", f"{M}:1:1: SB101", {M: "# documents follow\n\n"}),
    Case("m-no-document", f"{M}:1:1: SB210", {M: "version = 1\n"}),
    Case("a-empty", f"{A}:1:1: SB101", {A: b""}),
    Case("a-blank", f"{A}:1:1: SB101", {A: "\n \n"}),
    Case("e-empty", f"{E}:1:1: SB101", {E: b""}),
    Case("s-c1-control", f"{S}:3:5: SB213", seed("Lamps\n\nNext\x85line.[1] More.[2]\n")),
    Case("s-bidi-override", f"{S}:3:5: SB213", seed("Lamps\n\nSee \u202eit.[1] More.[2]\n")),
    Case("s-bidi-isolate", f"{S}:1:3: SB213", seed("La\u2067mps\n\nIt.[1] More.[2]\n")),
    Case("s-line-separator", f"{S}:3:3: SB213", seed("Lamps\n\nA.\u2028B.[1] More.[2]\n")),
    Case("s-del", f"{S}:3:3: SB103", {S: "Lamps\n\nA.\x7fB.[1] More.[2]\n"}),
    Case("s-hard-link", f"{M}:10:8: SB112", action=hard_link(S)),
    Case("a-hard-link", f"{M}:19:13: SB112", action=hard_link(A)),
    Case("m-hard-link", f"{M}:1:1: SB112", action=hard_link(M)),
    Case("bib-bom", f"{BIBFILE}:1:1: SB105", {BIBFILE: b"\xef\xbb\xbf" + BIB.encode()}),
    Case("bib-crlf", f"{BIBFILE}:1:1: SB104", {BIBFILE: BIB.replace("\n", "\r\n")}),
    Case("bib-nul", f"{BIBFILE}:3:13: SB103", {BIBFILE: BIB.replace("lamp2002", "lamp\x0002", 1)}),
    Case(
        "bib-c1-title", f"{BIBFILE}:3:58: SB213", {BIBFILE: BIB.replace("On Light", "On\x85Light")}
    ),
    Case(
        "bib-bidi-title",
        f"{BIBFILE}:3:58: SB213",
        {BIBFILE: BIB.replace("On Light", "On\u202eLight")},
    ),
    Case(
        "bib-oversize",
        f"{BIBFILE}:1:1: SB113",
        {BIBFILE: BIB + "%" * projectbib.MAX_BYTES + "\n"},
    ),
    Case(
        "bib-too-many-entries",
        f"{BIBFILE}:{projectbib.MAX_ENTRIES + 3}:1: SB113",
        {BIBFILE: many_entries(projectbib.MAX_ENTRIES)},
    ),
    Case("bib-hard-link", f"{BIBFILE}:1:1: SB112", action=hard_link(BIBFILE)),
]


def prepare(tmp_path: Path, case: Case) -> tuple[Path, Path]:
    project = write_project(tmp_path / "project")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "evil.toml").write_text(f"# {SECRET}version = 1\n", encoding="utf-8")
    for name, data in case.write.items():
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (project / name).write_bytes(raw)
    if case.action is not None:
        case.action(project, outside)
    return project, outside


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under *root* with its size and modification time (links not followed)."""
    out = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        out[path.relative_to(root).as_posix()] = (info.st_size, info.st_mtime_ns)
    return out


def test_the_catalogue_is_large_and_distinct() -> None:
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)
    files = {c.expected.split(":")[0] for c in CASES}
    assert {M, A, E, B, S} <= files


def test_the_clean_project_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = write_project(tmp_path / "project")
    assert main(["--root", str(project)]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project, _ = prepare(tmp_path, case)
    before = snapshot(tmp_path)
    status = main(["--root", str(project)])
    out, err = capsys.readouterr()
    errors = [
        line
        for line in out.splitlines()
        if line.split(": ")[1:2] and line.split(": ")[1][:5] in ERROR_CODES
    ]
    assert status == 1, out
    assert "Traceback" not in out + err
    assert err == ""
    assert len(errors) == 1, out
    assert errors[0].startswith(case.expected), out
    assert snapshot(tmp_path) == before
    for leak in ("TOP SECRET", SECRET_SHA):
        assert leak not in out


@pytest.mark.parametrize("case_id", ["m-file-dotdot", "m-deep-nesting", "s-is-a-fifo"])
def test_bad_input_through_the_real_command(case_id: str, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == case_id)
    project, _ = prepare(tmp_path, case)
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-m", "sourcebook.check", "--root", str(project), "--format", "json"],
        env={**os.environ, "PYTHONPATH": str(root / "src")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == ""
    path, line, _ = case.expected.split(":")[:3]
    code = case.expected.split()[-1]
    report = json.loads(done.stdout)
    assert [
        (d["path"], d["line"], d["code"]) for d in report["diagnostics"] if d["severity"] == "error"
    ] == [(path, int(line), code)]
