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
from tests.contributor.miniproject import (
    APPARATUS,
    BASELINE,
    BOOK,
    BOOK_ENTRY,
    DOCUMENT,
    ENTITY,
    EXTRACT,
    FILES,
    ONLINE,
    ONLINE_ENTRY,
    SEED,
    SUBJECT,
    edited,
    write_project,
)

D = DOCUMENT
A = APPARATUS
E = ENTITY
B = BASELINE
S = EXTRACT
J = SUBJECT

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


def d(changes: dict[int, str]) -> dict[str, str | bytes]:
    return {D: edited(D, changes)}


def j(changes: dict[int, str]) -> dict[str, str | bytes]:
    return {J: edited(J, changes)}


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
    """The seed replaced by *text*, its sha256 updated: only *text* is wrong."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    return {S: text, **d({1: f'sha256 = "{sha}"'})}


def seeds_elsewhere(project: Path, outside: Path) -> None:
    """The whole seeds/ directory moved out of the project and linked back in."""
    (project / "seeds").rename(outside / "seeds")
    (project / "seeds").symlink_to(outside / "seeds")


def rename(old: str, new: str) -> Action:
    def act(project: Path, outside: Path) -> None:
        (project / old).rename(project / new)

    return act


def folder_elsewhere(project: Path, outside: Path) -> None:
    """A document folder that is a link to a folder outside the project."""
    (outside / "beta").mkdir()
    (outside / "beta" / "extract.txt").write_text(SECRET, encoding="utf-8")
    (project / "seeds" / "beta").symlink_to(outside / "beta")


def look_alike_folder(project: Path, outside: Path) -> None:
    """A second document whose slug looks like the first ("a1pha" beside "alpha")."""
    (project / "seeds" / "a1pha").mkdir()
    for name in ("extract.txt", "document.toml", "apparatus.toml"):
        data = (project / "seeds" / "alpha" / name).read_bytes()
        (project / "seeds" / "a1pha" / name).write_bytes(data)


def no_document(project: Path, outside: Path) -> None:
    for path in (project / "seeds" / "alpha").iterdir():
        path.unlink()
    (project / "seeds" / "alpha").rmdir()


def entity(name: str, *lines: str) -> dict[str, str | bytes]:
    """Another entity file, ``seeds/entities/<name>.toml``."""
    return {f"seeds/entities/{name}.toml": "\n".join(lines) + "\n"}


OTHER = ('type = "event"', 'description = "Another."')

CASES = [
    # -- seeds/<slug>/document.toml: keys, shapes, types
    Case("d-typo-titel", f"{D}:3:1: SB209", d({3: 'titel = "Lamps"'})),
    Case("d-unknown-key", f"{D}:9:1: SB209", d({9: 'editor = "x"'})),
    Case("d-structure-is-a-string", f"{D}:9:13: SB211", d({9: 'structure = "x"'})),
    Case("d-subject-is-a-number", f"{D}:8:11: SB211", d({8: "subject = 5"})),
    Case("d-missing-title", f"{D}:1:1: SB210", d({3: ""})),
    Case("d-title-is-a-table", f"{D}:3:9: SB211", d({3: 'title = {text = "x"}'})),
    Case("d-title-supplied-string", f"{D}:9:18: SB211", d({9: 'title_supplied = "yes"'})),
    Case("d-authors-string", f"{D}:4:11: SB211", d({4: 'authors = "Ada Example"'})),
    Case("d-authors-numbers", f"{D}:4:12: SB211", d({4: "authors = [1, 2]"})),
    Case("d-deep-nesting", f"{D}:4:27: SB208", d({4: "authors = " + "[" * 200 + "]" * 200})),
    Case("d-deep-nesting-unclosed", f"{D}:4:43: SB208", d({4: "authors = " + "[{a=" * 5000})),
    # -- formats
    Case("d-date-not-a-calendar-date", f"{D}:5:8: SB212", d({5: 'date = "2019-02-30"'})),
    Case("d-date-format", f"{D}:5:8: SB212", d({5: 'date = "22/10/2019"'})),
    Case("d-date-unquoted", f"{D}:5:8: SB211", d({5: "date = 2001-02-03"})),
    Case(
        "d-date-with-markup",
        f"{D}:5:8: SB212",
        d({5: 'date = "2019-10-22 {download}`../../secret.txt`"'}),
    ),
    Case("d-url-javascript", f"{D}:6:7: SB307", d({6: 'url = "javascript:alert(1)"'})),
    Case("d-url-data", f"{D}:6:7: SB307", d({6: 'url = "data:text/html,<b>x</b>"'})),
    Case("d-licence-url-file", f"{D}:6:15: SB307", d({6: 'licence_url = "file:///etc/passwd"'})),
    Case("d-bibkey-backtick", f"{D}:7:10: SB212", d({7: 'bibkey = "k`{download}`x"'})),
    Case("d-kind-typo", f"{D}:2:8: SB212", d({2: 'kind = "wikipdia"'})),
    Case("d-sha256-short", f"{D}:1:10: SB212", d({1: 'sha256 = "abc"'})),
    Case("d-title-empty", f"{D}:3:9: SB212", d({3: 'title = ""'})),
    Case("d-inferred-unknown-field", f"{D}:9:13: SB212", d({9: 'inferred = ["colour"]'})),
    Case("d-marker-noun-two-words", f"{D}:9:15: SB212", d({9: 'marker_noun = "Reference Note"'})),
    # -- Unicode hygiene
    Case("d-title-bidi-override", f"{D}:3:9: SB213", d({3: 'title = "Lamps \\u202Eof"'})),
    Case("d-title-c1-control", f"{D}:3:9: SB213", d({3: 'title = "Lamps\\u0085"'})),
    Case("d-title-nul-escape", f"{D}:3:9: SB213", d({3: 'title = "Lamps\\u0000"'})),
    Case("d-title-newline", f"{D}:3:9: SB213", d({3: 'title = "Lamps\\nof"'})),
    Case("d-author-zero-width", f"{D}:4:12: SB213", d({4: 'authors = ["Ada\\u200bExample"]'})),
    Case("d-author-mixed-script", f"{D}:4:12: SB214", d({4: 'authors = ["\u0410da Example"]'})),
    Case("d-bidi-in-comment", f"{D}:9:8: SB213", d({9: "# note \u202e hidden"})),
    # -- the document file itself
    Case("d-toml-syntax", f"{D}:9:11: SB201", d({9: "[structure"})),
    Case("d-bom", f"{D}:1:1: SB207", {D: b"\xef\xbb\xbf" + whole(D).encode()}),
    Case(
        "d-not-utf8",
        f"{D}:3:16: SB207",
        {D: edited(D, {3: 'title = "Lamps XX"'}).encode().replace(b"XX", b"\xff")},
    ),
    Case("d-oversize", f"{D}:1:1: SB113", {D: whole(D) + "#" * MIB + "\n"}),
    Case("d-missing", f"{D}:1:1: SB218", action=delete(D)),
    Case("d-is-a-directory", f"{D}:1:1: SB112", action=directory(D)),
    Case("d-symlink-out", f"{D}:1:1: SB111", action=symlink(D, "evil.toml")),
    Case("d-hard-link", f"{D}:1:1: SB112", action=hard_link(D)),
    Case("d-empty", f"{D}:1:1: SB101", {D: b""}),
    Case("d-comments-only", f"{D}:1:1: SB101", {D: "# facts follow\n\n"}),
    # -- seeds/subjects/<id>.toml
    Case("j-domain-with-scheme", f"{J}:2:12: SB212", j({2: 'domains = ["https://acme.example"]'})),
    Case("j-subject-undefined", f"{D}:8:11: SB202", d({8: 'subject = "nobody"'})),
    Case("j-subject-lacks-name", f"{J}:1:1: SB210", j({1: ""})),
    Case(
        "j-bad-file-name",
        "seeds/subjects/Acme.toml:1:1: SB220",
        action=rename(J, "seeds/subjects/Acme.toml"),
    ),
    Case("j-symlink-out", f"{J}:1:1: SB111", action=symlink(J, "evil.toml")),
    # -- the layout: folders, names, stray files, links
    Case(
        "l-stray-file-in-a-folder",
        "seeds/alpha/notes.txt:1:1: SB219",
        {"seeds/alpha/notes.txt": "x"},
    ),
    Case("l-stray-file-in-seeds", "seeds/notes.txt:1:1: SB219", {"seeds/notes.txt": "x"}),
    Case(
        "l-folder-not-a-slug",
        "seeds/Alpha_Doc:1:1: SB220",
        action=rename("seeds/alpha", "seeds/Alpha_Doc"),
    ),
    Case("l-look-alike-slug", "seeds/alpha:1:1: SB215", action=look_alike_folder),
    Case("l-folder-symlink-out", "seeds/beta:1:1: SB111", action=folder_elsewhere),
    Case("l-old-layout", "seeds/:1:1: SB221", {"seeds/manifest.toml": "version = 1\n"}),
    Case("l-no-document", "seeds/:1:1: SB210", action=no_document),
    Case("seeds-directory-symlink-out", "seeds/:1:1: SB111", action=seeds_elsewhere),
    # -- seeds/<slug>/apparatus.toml
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
    Case("a-is-a-directory", f"{A}:1:1: SB112", action=directory(A)),
    Case("a-symlink-out", f"{A}:1:1: SB111", action=symlink(A, "evil.toml")),
    Case("a-hard-link", f"{A}:1:1: SB112", action=hard_link(A)),
    Case("a-empty", f"{A}:1:1: SB101", {A: b""}),
    Case("a-blank", f"{A}:1:1: SB101", {A: "\n \n"}),
    # -- seeds/entities/<id>.toml
    Case("e-type", f"{E}:2:8: SB212", e({2: 'type = "thing"'})),
    Case(
        "e-id-grammar",
        "seeds/entities/Acme.toml:1:1: SB220",
        action=rename(E, "seeds/entities/Acme.toml"),
    ),
    Case("e-name-backtick", f"{E}:1:8: SB212", e({1: 'name = "Acme`x"'})),
    Case("e-name-mixed-script", f"{E}:1:8: SB214", e({1: 'name = "\u0410cme Society"'})),
    Case(
        "e-look-alike-name",
        "seeds/entities/other.toml:1:8: SB215",
        {
            **e({4: 'aliases = ["ACME"]'}),
            **entity("other", 'name = "\u0410\u0421\u041c\u0415"', *OTHER),
        },
    ),
    Case(
        "e-duplicate-name",
        "seeds/entities/other.toml:1:8: SB217",
        entity("other", 'name = "Acme"', *OTHER),
    ),
    Case(
        "e-look-alike-id",
        "seeds/entities/acrne-l.toml:1:1: SB215",
        {**entity("acrne-1", 'name = "One"', *OTHER), **entity("acrne-l", 'name = "Ell"', *OTHER)},
    ),
    Case("e-missing-description", f"{E}:1:1: SB210", e({3: ""})),
    Case("e-description-bidi", f"{E}:3:15: SB213", e({3: 'description = "\\u202Dx"'})),
    Case("e-unknown-key", f"{E}:4:1: SB209", e({4: 'alias = ["Acme"]'})),
    Case("e-toml-syntax", f"{E}:5:1: SB201", e({4: 'aliases = ["Acme"'})),
    Case("e-bom", f"{E}:1:1: SB207", {E: b"\xef\xbb\xbf" + whole(E).encode()}),
    Case("e-symlink-out", f"{E}:1:1: SB111", action=symlink(E, "evil.toml")),
    Case("e-empty", f"{E}:1:1: SB101", {E: b""}),
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
    # -- the extract
    Case("s-empty", f"{S}:1:1: SB101", {S: b""}),
    Case("s-not-utf8", f"{S}:3:5: SB102", {S: b"Lamps\n\nBad \xff byte.\n"}),
    Case("s-nul", f"{S}:3:5: SB103", {S: b"Lamps\n\nNul \x00 here.\n"}),
    Case("s-crlf", f"{S}:1:1: SB104", {S: b"Lamps\r\n\r\nLight.\r\n"}),
    Case("s-bom", f"{S}:1:1: SB105", {S: b"\xef\xbb\xbf" + SEED.encode()}),
    Case("s-oversize", f"{S}:1:1: SB113", {S: b"a" * (4 * MIB + 1)}),
    Case("s-changed", f"{D}:1:1: SB109", {S: SEED + "More.\n"}),
    Case("s-missing", f"{S}:1:1: SB108", action=delete(S)),
    Case("s-is-a-directory", f"{S}:1:1: SB112", action=directory(S)),
    Case("s-is-a-fifo", f"{S}:1:1: SB112", action=fifo(S)),
    Case("s-symlink-out", f"{S}:1:1: SB111", action=symlink(S, "secret.txt")),
    Case("s-symlink-to-device", f"{S}:1:1: SB111", action=symlink(S, "/dev/zero")),
    Case("s-hard-link", f"{S}:1:1: SB112", action=hard_link(S)),
    # -- issue 21: what hides text (X04, N06, B14, X42)
    Case("s-c1-control", f"{S}:3:5: SB213", seed("Lamps\n\nNext\x85line.[1] More.[2]\n")),
    Case("s-bidi-override", f"{S}:3:5: SB213", seed("Lamps\n\nSee \u202eit.[1] More.[2]\n")),
    Case("s-bidi-isolate", f"{S}:1:3: SB213", seed("La\u2067mps\n\nIt.[1] More.[2]\n")),
    Case("s-line-separator", f"{S}:3:3: SB213", seed("Lamps\n\nA.\u2028B.[1] More.[2]\n")),
    Case("s-del", f"{S}:3:3: SB103", {S: "Lamps\n\nA.\x7fB.[1] More.[2]\n"}),
    # -- docs/references/<key>.bib
    Case("bib-bom", f"{BOOK}:1:1: SB105", {BOOK: b"\xef\xbb\xbf" + BOOK_ENTRY.encode()}),
    Case("bib-crlf", f"{BOOK}:1:1: SB104", {BOOK: BOOK_ENTRY.replace("\n", "\r\n")}),
    Case(
        "bib-nul",
        f"{ONLINE}:1:13: SB103",
        {ONLINE: ONLINE_ENTRY.replace("lamp2002", "lamp\x0002", 1)},
    ),
    Case(
        "bib-c1-title",
        f"{ONLINE}:1:58: SB213",
        {ONLINE: ONLINE_ENTRY.replace("On Light", "On\x85Light")},
    ),
    Case(
        "bib-bidi-title",
        f"{ONLINE}:1:58: SB213",
        {ONLINE: ONLINE_ENTRY.replace("On Light", "On\u202eLight")},
    ),
    Case(
        "bib-oversize",
        f"{BOOK}:1:1: SB113",
        {BOOK: BOOK_ENTRY + "%" * projectbib.FILE_MAX_BYTES + "\n"},
    ),
    Case("bib-hard-link", f"{BOOK}:1:1: SB112", action=hard_link(BOOK)),
    Case("bib-symlink-out", f"{BOOK}:1:1: SB111", action=symlink(BOOK, "secret.txt")),
    Case(
        "bib-stray-file", "docs/references/notes.txt:1:1: SB219", {"docs/references/notes.txt": "x"}
    ),
    Case(
        "bib-name-not-a-key", "docs/references/a b.bib:1:1: SB220", {"docs/references/a b.bib": "x"}
    ),
    Case(
        "bib-file-of-another-key",
        "docs/references/example2001lamp.bib:1:1: SB220",
        action=rename(BOOK, "docs/references/example2001lamp.bib"),
    ),
    Case(
        "bib-two-entries-in-one-file",
        f"{ONLINE}:3:1: SB220",
        {ONLINE: ONLINE_ENTRY + "@misc{spare2003, title = {Spare}, url = {https://s.example/}}\n"},
    ),
    Case(
        "bib-keys-differing-in-case",
        "docs/references/Lamp2002light.bib:1:1: SB302",
        {"docs/references/Lamp2002light.bib": ONLINE_ENTRY.replace("lamp2002", "Lamp2002")},
    ),
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
    assert {D, A, E, B, S, J, BOOK, ONLINE} <= files


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


@pytest.mark.parametrize("case_id", ["l-folder-symlink-out", "d-deep-nesting", "s-is-a-fifo"])
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
