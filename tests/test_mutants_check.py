"""Tests written against surviving mutants of ``src/sourcebook/check/`` (issue 24).

Each test states a behaviour that a one-line slip in the checker changed while every
other test stayed green (``tools/mutation_sample.py check`` finds them; the record is
``tools/mutation/check.json``).  They run the public entry points (``run_check``,
``sourcebook check-bib``) on a copy of the constructed test corpus or on small texts.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
import tomlkit

from sourcebook.check.bibfile import check_bib_text
from sourcebook.check.bibfile import main as check_bib
from sourcebook.check.claimqueue import Wanted, sort_queue
from sourcebook.check.claimscmd import main as claims_main
from sourcebook.check.ratchet import UPDATE_COMMAND
from sourcebook.check.run import DEFAULT_BASELINE, RatchetOptions, run_check
from sourcebook.check.weakening import OVERRIDES, load_overrides
from tests.conftest import CORPUS

BASELINE = DEFAULT_BASELINE.as_posix()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the constructed corpus (its committed baseline is current)."""
    return Path(shutil.copytree(CORPUS, tmp_path / "project"))


def _edit_baseline(root: Path, section: str, drop: int | None, add: str | None) -> str:
    """Drop item *drop* of a baseline list and/or append *add*; the dropped id."""
    path = root / DEFAULT_BASELINE
    document = tomlkit.parse(path.read_text(encoding="utf-8"))
    items = document[section]
    assert isinstance(items, list) and items, "the test corpus lists items in " + section
    dropped = str(items[drop]) if drop is not None else ""
    if drop is not None:
        del items[drop]
    if add is not None:
        items.append(add)
    path.write_text(tomlkit.dumps(document), encoding="utf-8")
    return dropped


def _line_of(root: Path, item: str) -> int:
    lines = (root / DEFAULT_BASELINE).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if f'"{item}"' in text)


def test_a_baseline_that_is_not_current_names_what_it_lists_and_leaves_out(root: Path) -> None:
    """SB406 (CI): an id listed but resolved, an id unresolved but left out, with why."""
    left_out = _edit_baseline(root, "unresolved_claims", 0, "nowhere/ref-1")
    report = run_check(root, options=RatchetOptions(require_current=True))
    found = [d for d in report.diagnostics if d.code.id == "SB406"]
    assert len(found) == 1
    # the line a contributor changes: the stale id's
    assert (found[0].path, found[0].line, found[0].col) == (
        BASELINE,
        _line_of(root, "nowhere/ref-1"),
        1,
    )
    message = found[0].message
    assert message.startswith(
        f"{BASELINE} is not current: it still lists nowhere/ref-1, resolved or mapped now; "
        f"it leaves out {left_out} ("
    )
    assert message.endswith(
        f"), still unresolved or unmapped; run `{UPDATE_COMMAND}` and commit {BASELINE}"
    )
    # why the left-out claim is unresolved: each source with the reason it does not count
    record = next(c for c in report.corpus.claims if f"{c.document}/{c.claim.id}" == left_out)
    assert record.sources and all(key in record.reasons for key in record.sources)
    for key in record.sources:
        assert f"{key}: {record.reasons[key]}" in message


@pytest.mark.parametrize("section", ["unmapped", "unresolved_claims"])
def test_a_baseline_leaving_out_an_item_points_at_its_list(root: Path, section: str) -> None:
    """Only something left out: the message says so and the line is its list's."""
    left_out = _edit_baseline(root, section, 0, None)
    report = run_check(root, options=RatchetOptions(require_current=True))
    found = [d for d in report.diagnostics if d.code.id == "SB406"]
    assert len(found) == 1
    assert found[0].message.startswith(
        f"{BASELINE} is not current: it leaves out {left_out}"
    ) and found[0].message.endswith(
        f", still unresolved or unmapped; run `{UPDATE_COMMAND}` and commit {BASELINE}"
    )
    if section == "unmapped":  # a marker has no reason to give
        assert f"it leaves out {left_out}, still" in found[0].message
    lines = (root / DEFAULT_BASELINE).read_text(encoding="utf-8").splitlines()
    assert lines[found[0].line - 1].startswith(section)


def test_a_current_baseline_passes_the_ci_check(root: Path) -> None:
    report = run_check(root, options=RatchetOptions(require_current=True))
    assert not [d for d in report.diagnostics if d.code.id == "SB406"]


def test_an_update_that_would_raise_the_baseline_is_refused_with_how_to_insist(
    root: Path,
) -> None:
    """SB405: the new ids, and the command that records a deliberate rise with its reason."""
    new = _edit_baseline(root, "unmapped", 0, None)
    before = (root / DEFAULT_BASELINE).read_text(encoding="utf-8")
    report = run_check(root, update_baseline=True)
    found = [d for d in report.diagnostics if d.code.id == "SB405"]
    assert [(d.path, d.line, d.col, d.message) for d in found] == [
        (
            BASELINE,
            1,
            1,
            f"baseline not updated: it would rise ({new} would be added); resolve what is new, "
            f'or, if the rise is deliberate, run `{UPDATE_COMMAND} --allow-increase "REASON"` '
            "(the reason is recorded in the file and a maintainer must approve it)",
        )
    ]
    assert (root / DEFAULT_BASELINE).read_text(encoding="utf-8") == before


BROKEN_BIB = (
    "@book{good, author = {Lee, Ann}, title = {Quays}, publisher = {Tide Press}, "
    "year = {2001}}\n"
    "@article{bad,\n  title = {Open,\n"
)


def test_check_bib_json_report_has_files_and_diagnostics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BROKEN_BIB, encoding="utf-8")
    assert check_bib(["--format", "json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["files"] == [{"path": str(path), "entry_heads": 2, "entries_read": 1, "unread": 1}]
    assert [(d["line"], d["code"]) for d in data["diagnostics"] if d["code"] == "SB301"] == [
        (3, "SB301")
    ]
    assert data["summary"]["errors"] >= 1


def test_check_bib_help_names_the_command_and_explains_each_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert check_bib(["--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert shown.startswith("usage: sourcebook check-bib ")
    # each option's help whole, as the words after the option's name
    for option, words in (
        (
            "FILE",
            ".bib files, read in order: @strings of one are known to the next; a folder"
            " (the project's docs/references) stands for its .bib files in name order",
        ),
        ("--strict", "fail on warnings too"),
        ("{text,json}", "text lines (default) or a JSON report"),
    ):
        assert f" {option} {words} " in shown + " ", option


def test_an_update_over_errors_writes_nothing_and_says_why(root: Path) -> None:
    """``--update-baseline`` with an error in the input: no new numbers from broken input."""
    # a new source file of the bibliography, left unclosed
    (root / "docs" / "references" / "unclosed.bib").write_text(
        "@article{unclosed,\n  title = {Open\n", encoding="utf-8"
    )
    before = (root / DEFAULT_BASELINE).read_text(encoding="utf-8")
    report = run_check(root, update_baseline=True)
    errors = [d for d in report.diagnostics if d.severity.value == "error"]
    refused = [d for d in errors if d.code.id == "SB404"]
    assert [(d.path, d.line, d.col, d.message) for d in refused] == [
        (
            BASELINE,
            1,
            1,
            f"baseline not updated: fix the {len(errors) - 1} error(s) above first, "
            f"then run `{UPDATE_COMMAND}` again",
        )
    ]
    assert (root / DEFAULT_BASELINE).read_text(encoding="utf-8") == before


def test_a_reversed_page_range_is_found_at_its_field() -> None:
    text = (
        "@article{c, author = {Lee, Ann}, title = {C}, journaltitle = {J}, year = {2001},\n"
        "  pages = {30--12}}\n"
    )
    found = [d for d in check_bib_text(text, "t.bib").diagnostics if d.code.id == "SB318"]
    assert [(d.line, d.col, d.message) for d in found] == [
        (2, 3, "c: page range '30--12' ends before it starts")
    ]


def test_an_unsafe_link_in_a_string_is_reported_once_at_the_string() -> None:
    """Every entry that uses the ``@string`` would repeat the finding: it is given once."""
    text = (
        "@string{evil = {javascript:alert(1)}}\n"
        "@misc{a, title = {A}, url = evil, year = {2001}}\n"
        "@misc{b, title = {B}, url = evil, year = {2001}}\n"
        "@misc{c, title = {C}, url = {javascript:void(0)}, year = {2001}}\n"
    )
    found = [d for d in check_bib_text(text, "t.bib").diagnostics if d.code.id == "SB307"]
    assert [(d.line, d.message.split(":")[0]) for d in found] == [(1, "@string 'evil'"), (4, "c")]


def test_the_claims_queue_in_json_has_its_keys_sorted(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON report is byte-stable: every object's keys in order."""
    assert claims_main(["--root", str(root), "--format", "json"]) == 0
    orders: list[list[str]] = []

    def keep(pairs: list[tuple[str, object]]) -> dict[str, object]:
        orders.append([key for key, _ in pairs])
        return dict(pairs)

    data = json.loads(capsys.readouterr().out, object_pairs_hook=keep)
    assert data["claims"], "the test corpus has unresolved claims"
    assert all(keys == sorted(keys) for keys in orders)
    assert any(len(keys) > 1 for keys in orders)


def _wanted(document: str, line: int, age: int | None) -> Wanted:
    record = SimpleNamespace(document=document, claim=SimpleNamespace(line=line))
    return cast(Wanted, SimpleNamespace(record=record, dated=SimpleNamespace(age_days=age)))


def test_the_claims_queue_by_age_puts_the_oldest_first_and_the_undated_last() -> None:
    queue = [
        _wanted("b", 3, None),
        _wanted("b", 9, 10),
        _wanted("a", 5, 400),
        _wanted("a", 1, None),
        _wanted("c", 2, 10),
        _wanted("a", 7, 10),
    ]
    by_age = [(w.record.document, w.record.claim.line) for w in sort_queue(queue, "age")]
    assert by_age == [("a", 5), ("a", 7), ("b", 9), ("c", 2), ("a", 1), ("b", 3)]
    by_document = [(w.record.document, w.record.claim.line) for w in sort_queue(queue, "document")]
    assert by_document == [("a", 1), ("a", 5), ("a", 7), ("b", 3), ("b", 9), ("c", 2)]


@pytest.mark.parametrize(("fewer_claims", "fewer_markers"), [(1, 0), (0, 1)])
def test_an_old_count_only_baseline_refuses_an_update_that_raises_a_count(
    root: Path, fewer_claims: int, fewer_markers: int
) -> None:
    path = root / DEFAULT_BASELINE
    current = tomlkit.parse(path.read_text(encoding="utf-8"))
    claims = len(current["unresolved_claims"]) - fewer_claims
    markers = len(current["unmapped"]) - fewer_markers
    old = f"version = 1\nunresolved_flagged_claims = {claims}\nunmapped_markers = {markers}\n"
    path.write_text(old, encoding="utf-8")
    report = run_check(root, update_baseline=True)
    refused = [d.message for d in report.diagnostics if d.code.id == "SB405"]
    assert len(refused) == 1 and refused[0].startswith(
        "baseline not updated: it would rise (the counts would be added)"
    )
    assert path.read_text(encoding="utf-8") == old


def test_override_files_that_cannot_be_used_are_located_errors(tmp_path: Path) -> None:
    folder = tmp_path / OVERRIDES
    folder.mkdir(parents=True)
    (folder / "a-broken.toml").write_text("reason = \n", encoding="utf-8")
    (folder / "b-extra.toml").write_text(
        'reason = "Why"\nitems = ["doc/ref-1"]\nby = "me"\n', encoding="utf-8"
    )
    (folder / "c-good.toml").write_text(
        'reason = "  Checked   by hand "\nitems = ["doc/ref-2"]\n', encoding="utf-8"
    )
    found, problems = load_overrides(tmp_path)
    assert [(o.reason, sorted(o.items)) for o in found] == [("Checked by hand", ["doc/ref-2"])]
    shown = [(d.path, d.line, d.col, d.code.id, d.message) for d in problems]
    assert [entry[:4] for entry in shown] == [
        (f"{OVERRIDES.as_posix()}/a-broken.toml", 1, 1, "SB201"),
        (f"{OVERRIDES.as_posix()}/b-extra.toml", 1, 1, "SB201"),
    ]
    assert shown[0][4].startswith("cannot read: ")
    assert shown[1][4] == 'an override holds exactly reason = "WHY" and items = ["slug/claim", ...]'


def test_a_cited_key_in_the_wrong_case_is_unknown_with_the_right_spelling(root: Path) -> None:
    """Keys are case-sensitive: a case-only difference is SB303, naming the defined key."""
    defined = sorted(run_check(root).corpus.bibliography.sources)
    for path in sorted((root / "seeds").rglob("*.toml")):
        text = path.read_text(encoding="utf-8")
        key = next((k for k in defined if f'"{k}"' in text and k != k.upper()), None)
        if key is not None:
            path.write_text(text.replace(f'"{key}"', f'"{key.upper()}"', 1), encoding="utf-8")
            break
    else:
        pytest.fail("no apparatus of the test corpus cites a key")
    found = [d.message for d in run_check(root).diagnostics if d.code.id == "SB303"]
    [message] = [m for m in found if f"'{key.upper()}'" in m]
    assert message.endswith(
        f"cites '{key.upper()}', which docs/references does not define; "
        f"did you mean '{key}'? (case matters)"
    )


def test_a_baseline_that_is_not_a_file_is_named_as_the_baseline(root: Path) -> None:
    path = root / DEFAULT_BASELINE
    path.unlink()
    path.mkdir()
    found = [d.format() for d in run_check(root).diagnostics if d.path == BASELINE]
    assert found == [f"{BASELINE}:1:1: SB112 baseline: not a regular file (a directory)"]


def _rewrite_first_line(root: Path, kind: str, first: str) -> str:
    """Give the seed of the first *kind* document a new opening; its sha256 follows."""
    document = next(d for d in run_check(root).corpus.documents if d.entry.kind == kind)
    path = root / document.source.path
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    text = path.read_text(encoding="utf-8")
    path.write_text(first + "\n" + text.split("\n", 1)[1], encoding="utf-8")
    new = hashlib.sha256(path.read_bytes()).hexdigest()
    for toml in (root / "seeds").rglob("*.toml"):
        recorded = toml.read_text(encoding="utf-8")
        if old in recorded:
            toml.write_text(recorded.replace(old, new), encoding="utf-8")
    return document.source.path


@pytest.mark.parametrize(
    ("first", "line"),
    [
        ("\nThe circle of the harbour grew[1]", 2),
        # the title as read collapses the double space: not found as written, line 1
        ("The  circle of the harbour grew[1]", 1),
    ],
)
def test_a_marker_in_the_line_read_as_the_title_is_reported_at_that_line(
    root: Path, first: str, line: int
) -> None:
    seed = _rewrite_first_line(root, "wikipedia", first)
    found = [d for d in run_check(root).diagnostics if d.code.id == "SB412"]
    assert [(d.path, d.line, d.col) for d in found] == [(seed, line, 1)]
    assert found[0].message.startswith(
        "this line is read as the title of a wikipedia seed, so its marker(s) [1] would be "
        "lost: the seed lacks its title line"
    )


def test_a_title_that_reads_like_a_sentence_is_reported_at_its_line(root: Path) -> None:
    title = "The Harbour Workers Circle Of Eastmouth Was Founded By Dock Workers In The Port."
    seed = _rewrite_first_line(root, "wikipedia", "\n" + title)
    found = [d for d in run_check(root).diagnostics if d.code.id == "SB507"]
    assert [(d.path, d.line, d.col, d.message) for d in found] == [
        (
            seed,
            2,
            1,
            "this line is read as the title of a wikipedia seed but reads like a paragraph; "
            "is the title line missing? (layout: docs/manual/formats.md, seed layout: wikipedia)",
        )
    ]


def test_a_new_unmapped_marker_is_described_in_the_ratchet_error(root: Path) -> None:
    dropped = _edit_baseline(root, "unmapped", 0, None)
    label = dropped.rsplit("/", 1)[1]
    found = [d.message for d in run_check(root).diagnostics if d.code.id == "SB401"]
    assert [m for m in found if dropped in m] == [
        f"new unmapped marker {dropped} (marker [{label}] has no known source), not in "
        f"{BASELINE}: the count may not rise; map its source (`nox -s cite -- {dropped} KEY`), "
        "or undo the change that unresolved it"
    ]
