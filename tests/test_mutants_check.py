"""Tests written against surviving mutants of ``src/sourcebook/check/`` (issue 24).

Each test states a behaviour that a one-line slip in the checker changed while every
other test stayed green (``tools/mutation_sample.py check`` finds them; the record is
``tools/mutation/check.json``).  They run the public entry points (``run_check``,
``sourcebook check-bib``) on a copy of the constructed test corpus or on small texts.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
import tomlkit

from sourcebook.check import main as check_main
from sourcebook.check.bibfile import check_bib_text
from sourcebook.check.bibfile import main as check_bib
from sourcebook.check.claimqueue import Wanted, sort_queue
from sourcebook.check.claimscmd import main as claims_main
from sourcebook.check.ratchet import UPDATE_COMMAND
from sourcebook.check.run import DEFAULT_BASELINE, RatchetOptions, run_check
from sourcebook.check.weakening import OVERRIDES, load_overrides
from sourcebook.core.diagnostics import Diagnostic
from sourcebook.core.identifiers import describe
from sourcebook.corpus.cache import ParseCache
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


# --- fresh sample of 7 December 2026 (tools/mutation/check-before.json) ---------------


def _add_bib(root: Path, key: str, fields: str) -> None:
    (root / "docs" / "references" / f"{key}.bib").write_text(
        f"@misc{{{key},\n{fields}}}\n", encoding="utf-8"
    )


def _cite(root: Path, label: str, keys: str) -> None:
    path = root / "seeds" / "tiny-wiki" / "apparatus.toml"
    text = path.read_text(encoding="utf-8")
    old = f'label = "{label}"\nkeys = []'
    assert old in text
    path.write_text(text.replace(old, f'label = "{label}"\nkeys = [{keys}]'), encoding="utf-8")


def _found(root: Path, code: str, **options: object) -> list[str]:
    report = run_check(root, options=RatchetOptions(**options))  # type: ignore[arg-type]
    return [d.format() for d in report.diagnostics if d.code.id == code]


def test_a_source_of_unknown_independence_is_one_warning_naming_every_claim(tiny: Path) -> None:
    _add_bib(tiny, "probe2004", "  title = {Probe},\n")
    _cite(tiny, "6", '"probe2004"')
    _cite(tiny, "2", '"probe2004"')
    assert _found(tiny, "SB503") == [
        "docs/references/probe2004.bib:1:1: SB503 'probe2004' (cited by tiny-wiki/ref-2, "
        "tiny-wiki/ref-6): independence from Harbour Workers' Circle is unknown (no url, "
        "publisher or affiliation field to decide by); add a url, publisher or affiliation field"
    ]


def test_only_an_entry_neither_cited_nor_marked_mentioned_is_unused(tiny: Path) -> None:
    fields = "  title = {T},\n  howpublished = {Quay Press},\n  year = {2001},\n"
    _add_bib(tiny, "spare2001", fields)
    _add_bib(tiny, "named2001", fields + "  keywords = {Quays, Mentioned },\n")
    assert _found(tiny, "SB501") == [
        "docs/references/spare2001.bib:1:1: SB501 entry 'spare2001' is not cited by any "
        "apparatus, is no document's bibkey and is not marked 'keywords = {mentioned}'; "
        "cite it or remove it"
    ]


def test_the_keys_position_falls_back_to_the_keys_line_of_the_marker() -> None:
    from sourcebook.check.audit import keys_position
    from sourcebook.corpus.manifest import Citation

    located = Citation(
        "4", ("a", "b"), "established", None, None, 10, {"keys": 12}, {"b": (12, 15)}
    )
    assert keys_position(located, "b") == (12, 15)
    assert keys_position(located, "a") == (12, 1)
    bare = Citation("4", ("a",), "established", None, None, 10)
    assert keys_position(bare, "a") == (10, 1)


def test_check_bib_text_knows_the_strings_of_files_read_before() -> None:
    text = "@misc{a, title = {A}, howpublished = tp, year = {2001}, url = {https://q.example/a}}\n"
    assert "SB311" in {d.code.id for d in check_bib_text(text, "t.bib").diagnostics}
    known = check_bib_text(text, "t.bib", {"tp": "Tide Press"})
    assert "SB311" not in {d.code.id for d in known.diagnostics}


def _bib_codes(fields: str) -> list[tuple[str, str]]:
    head = "@article{a, author = {Lee, Ann}, title = {T}, journal = {J}, year = {2001},"
    text = f"{head}{fields}}}\n"
    return [(d.code.id, d.message) for d in check_bib_text(text, "t.bib").diagnostics]


def test_issns_separated_by_a_space_are_judged_one_by_one() -> None:
    assert _bib_codes(" issn = {0317-8471 1050-124X}") == []
    assert _bib_codes(" issn = {0317-8471 1050-1241}") == [
        ("SB306", "a: ISSN '1050-1241' is invalid: the number's checksum or check digit is invalid")
    ]


def test_a_volume_that_is_no_volume_is_named_with_what_one_looks_like() -> None:
    assert _bib_codes(" volume = {the big one}") == [
        (
            "SB318",
            "a: volume 'the big one' does not look like a volume (12, 12a, iv, 3--4, Suppl. 2)",
        )
    ]


def test_html_in_a_field_is_named_as_html() -> None:
    found = [m for code, m in _bib_codes(" note = {<b>bold</b>}") if code == "SB308"]
    assert len(found) == 1 and "HTML '</b>', '<b>'" in found[0]


def test_check_help_explains_each_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_main(["--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split()) + " "
    assert shown.startswith("usage: sourcebook check ")
    for option, words in (
        ("--root DIR", "project directory holding seeds/ and docs/ (default: .)"),
        (
            "--no-cache",
            "parse every seed, ignoring the parse cache ($SOURCEBOOK_CACHE_DIR, else "
            "~/.cache/sourcebook; an empty value turns it off everywhere)",
        ),
        (
            "--against REF",
            "what CI runs: compare with the corpus at the merge base of REF and HEAD "
            "(unresolved claims may not rise; changes that weaken the audit are reported)",
        ),
        (
            "--compare REF",
            "print a Markdown review of the changes since the merge base of REF and HEAD "
            "(what CI writes to the job summary; `nox -s review`)",
        ),
        ("--strict", "fail on warnings too"),
        ("--format {text,json}", "text lines (default) or the versioned JSON report"),
    ):
        assert f" {option} {words} " in shown, option


def test_no_cache_parses_without_reading_or_writing_the_cache(
    tiny: Path, fresh_parse_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_main(["--root", str(tiny), "--no-cache"]) == 0
    assert not fresh_parse_cache.exists()
    assert check_main(["--root", str(tiny)]) == 0
    assert any(path.is_file() for path in fresh_parse_cache.rglob("*"))
    capsys.readouterr()


def test_the_tex_verdicts_are_kept_in_the_parse_cache_home(tiny: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    run_check(tiny, parser=ParseCache(home))
    assert [p.name for p in (home / "verdicts").iterdir()] == ["tex"]
    run_check(tiny, parser=ParseCache(None))  # no home: nothing is kept anywhere


def test_the_claims_queue_reads_the_current_directory_by_default(
    tiny: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tiny)
    assert claims_main([]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 unresolved flagged claims"


@pytest.mark.parametrize("zone", ["Etc/GMT-14", "Etc/GMT+12"])  # UTC+14 and UTC-12
def test_claim_ages_count_utc_days_whatever_the_local_time_zone(
    tiny: Path, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    """At any moment one of the two zones is on another date than UTC."""
    from sourcebook.check.claimqueue import claim_queue
    from sourcebook.corpus.load import load_corpus
    from tests.test_claims_queue import commit_all, git

    git(tiny, "init", "-q", "-b", "main")
    commit_all(tiny, "the corpus", "2025-01-10T12:00:00+00:00")
    corpus = load_corpus(tiny)
    utc_today = datetime.datetime.now(datetime.UTC).date()
    expected = (utc_today - datetime.date(2025, 1, 10)).days
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        ages = {w.dated.age_days for w in claim_queue(corpus)}
    finally:
        monkeypatch.undo()
        time.tzset()
    assert ages == {expected}


def test_a_title_holding_a_marker_is_not_judged_as_a_paragraph() -> None:
    """That worse case has a finding of its own (SB412)."""
    from sourcebook.check.evidence import reads_like_paragraph

    sentence = "The Harbour Workers Circle Of Eastmouth Was Founded By Dock Workers In The Port."
    assert reads_like_paragraph(sentence, "wikipedia")
    assert not reads_like_paragraph(sentence, "blog")
    assert not reads_like_paragraph(sentence[:-1] + "[4].", "wikipedia")
    assert not reads_like_paragraph("Harbour strike[citation needed]", "wikipedia")
    assert not reads_like_paragraph("Harbour Workers' Circle", "wikipedia")


def _repo_with_unrelated_branch(tmp_path: Path) -> Path:
    from tests.conftest import git

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "main")
    git(repo, "checkout", "-q", "--orphan", "other")
    git(repo, "commit", "-q", "--allow-empty", "-m", "other")
    git(repo, "checkout", "-q", "main")
    return repo


def test_a_git_failure_names_the_command_and_gits_last_words(tmp_path: Path) -> None:
    from sourcebook.check.gitbase import GitError, merge_base

    repo = _repo_with_unrelated_branch(tmp_path)
    advice = "; fetch the base branch first (e.g. `git fetch origin main`) or name another ref"
    with pytest.raises(GitError) as unknown:
        merge_base(repo, "nope")
    assert str(unknown.value) == (
        "git merge-base nope HEAD: fatal: Not a valid object name nope" + advice
    )
    # no common commit: git fails without a word
    with pytest.raises(GitError) as unrelated:
        merge_base(repo, "other")
    assert str(unrelated.value) == "git merge-base other HEAD: failed" + advice
    # a ref that is not UTF-8 (as a shell passes one) is echoed, never a traceback
    with pytest.raises(GitError) as undecodable:
        merge_base(repo, "\udcffnope")
    assert "Not a valid object name \ufffdnope" in str(undecodable.value)


def test_the_base_tree_may_be_exported_into_a_folder_that_exists(
    tiny: Path, tmp_path: Path
) -> None:
    from sourcebook.check.gitbase import export, merge_base
    from tests.conftest import init_repo

    repo = init_repo(tiny)
    dest = tmp_path / "base"
    dest.mkdir()
    assert export(repo, merge_base(repo, "main"), dest) == dest
    assert (dest / "seeds" / "tiny-wiki" / "extract.txt").read_bytes() == (
        repo / "seeds" / "tiny-wiki" / "extract.txt"
    ).read_bytes()


def test_a_new_unresolved_claim_is_described_in_the_ratchet_error(tiny: Path) -> None:
    _edit_baseline(tiny, "unresolved_claims", 0, None)
    assert _found(tiny, "SB401") == [
        "seeds/tiny-wiki/extract.txt:9:1: SB401 new unresolved flagged claim tiny-wiki/ref-2 "
        "[independent source needed] (needs-independent-source), not in seeds/baseline.toml: "
        "the count may not rise; map an independent source to it "
        "(`nox -s cite -- tiny-wiki/2 KEY`), or undo the change that unresolved it"
    ]


def test_a_baseline_that_is_no_toml_is_a_syntax_error_at_its_first_line(tiny: Path) -> None:
    (tiny / DEFAULT_BASELINE).write_text("= broken\n", encoding="utf-8")
    assert _found(tiny, "SB403") == [f"{BASELINE}:1:1: SB403 invalid TOML: Invalid statement"]


def test_an_old_count_only_baseline_is_not_current_at_its_first_line(tiny: Path) -> None:
    path = tiny / DEFAULT_BASELINE
    path.write_text(
        "version = 1\nunresolved_flagged_claims = 3\nunmapped_markers = 4\n", encoding="utf-8"
    )
    [found] = _found(tiny, "SB406", require_current=True)
    assert found.startswith(
        f"{BASELINE}:1:1: SB406 {BASELINE} is not current: it leaves out tiny-wiki/ref-2 "
    )


def _unsafe(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, str, str]]:
    return [
        (d.path, d.line, d.col, d.code.id, d.message)
        for d in diagnostics
        if d.code.id in ("SB701", "SB702")
    ]


def test_the_rendering_rules_refuse_identifiers_a_loader_let_through(tiny: Path) -> None:
    """Defence in depth: the schemas refuse these values when a file is read; the rules
    that guard the page generator refuse them again in whatever corpus they are given."""
    from sourcebook.check.renderrules import render_rules
    from sourcebook.corpus.entities import Entity
    from sourcebook.corpus.load import load_corpus
    from sourcebook.corpus.manifest import Citation

    corpus = load_corpus(tiny)
    [entry] = corpus.manifest.documents
    bad_key = Citation("9", ("ok2001", "x}{y"), "established", None, None, 40, {"keys": 42})
    entry = replace(
        entry, bibkey="a b", field_lines={"bibkey": 7}, citations=(*entry.citations, bad_key)
    )
    entity = Entity(
        "Bad Id",
        "Bad",
        "organisation",
        "An invented group.",
        aliases=("Plain", "<b>Loud</b>"),
        path="seeds/entities/bad.toml",
        field_lines={"name": 1, "aliases": 3, "description": 4},
    )
    corpus = replace(
        corpus,
        manifest=replace(corpus.manifest, documents=(entry,)),
        entities=(entity,),
    )
    apparatus, document = entry.apparatus_path, entry.path
    assert _unsafe(render_rules(tiny, corpus)) == [
        (
            document,
            7,
            1,
            "SB701",
            "bibkey 'a b' is not a bibliography key (" + describe("bibkey") + ")",
        ),
        (
            apparatus,
            42,
            1,
            "SB701",
            "marker '9' cites 'x}{y', which is not a bibliography key (" + describe("bibkey") + ")",
        ),
        (
            "seeds/entities/bad.toml",
            1,
            1,
            "SB701",
            "entity id 'Bad Id' is not an identifier (" + describe("slug") + ")",
        ),
        (
            "seeds/entities/bad.toml",
            3,
            1,
            "SB702",
            "entity Bad Id: 'name' holds HTML '</b>', '<b>'; write plain text",
        ),
    ]


def test_an_entry_skipped_as_broken_elsewhere_leaves_the_rules_for_the_entries_after_it(
    tiny: Path,
) -> None:
    """A key whose copy in another file cannot be read: the rules still see every later entry."""
    refs = tiny / "docs" / "references"
    (refs / "aaa.bib").write_text("@misc{circle2001readingroom,\n  title = {Open\n", "utf-8")
    _add_bib(tiny, "zzz2001late", "  title = {Z},\n  year = {2001},\n  keywords = {mentioned},\n")
    assert _found(tiny, "SB301")
    assert _found(tiny, "SB304") == [
        "docs/references/zzz2001late.bib:1:1: SB304 @misc{zzz2001late} lacks required field "
        "'url or howpublished'"
    ]


def test_review_names_removed_documents_and_sources_and_what_decides_independence(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sourcebook.contrib.add import main as add_main
    from tests.conftest import git, init_repo
    from tests.test_add_cite import CHOIR

    seed = tmp_path / "choir.txt"
    seed.write_text(CHOIR, encoding="utf-8")
    add = ["--root", str(tiny), str(seed), "--kind", "wikipedia", "--slug", "choir"]
    assert add_main([*add, "--publisher", "Wikipedia"]) == 0
    spare = "  title = {Spare notes},\n  howpublished = {Quay Press},\n  year = {2001},\n"
    _add_bib(
        tiny, "spare2001", spare + "  keywords = {mentioned},\n  url = {https://q.example/a}\n"
    )
    repo = init_repo(tiny)
    git(repo, "checkout", "-q", "-b", "pr")
    shutil.rmtree(repo / "seeds" / "choir")
    (repo / "docs" / "references" / "choir.bib").unlink()
    subject = repo / "seeds" / "subjects" / "hwc.toml"
    subject.write_text(
        subject.read_text(encoding="utf-8").replace(
            '"harbourcircle.org", ', '"harbourcircle.org", "hwc.example", '
        ),
        encoding="utf-8",
    )
    _add_bib(
        repo, "spare2001", spare + "  keywords = {mentioned},\n  url = {https://q.example/b}\n"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pr")
    capsys.readouterr()

    assert check_main(["--root", str(repo), "--compare", "main"]) == 0
    text = capsys.readouterr().out
    sections = {
        block.split("\n")[0]: [line for line in block.split("\n")[1:] if line.startswith("- ")]
        for block in text.split("\n**")[1:]
    }
    assert sections["Sources removed (1)**"] == ["- `choir` — `Eastport Dockers Choir`"]
    assert sections["Documents removed (1)**"] == ["- `choir`"]
    assert sections["Changes to what decides independence (2)**"] == [
        "- subject 'hwc' now lists domain 'hwc.example' — claims: `tiny-wiki/ref-2`, "
        "`tiny-wiki/ref-4`, `tiny-wiki/ref-6`",
        "- 'spare2001' url changed from 'https://q.example/a' to 'https://q.example/b' "
        "— claims: none",
    ]
