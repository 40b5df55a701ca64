"""The ratchet: unresolved flagged claims and unmapped markers may fall, never rise.

The committed baseline (``seeds/baseline.toml``) lists the ids of both, one
per line in sorted order; the counts are the lengths of the lists.  Nothing
else changes when a claim is resolved, so two pull requests that resolve
different claims touch different lines and merge without a conflict (an
older file's explicit counts are still read).  Only documents the baseline
knows are counted: a new seed arrives with the flags of its source text, and
its pull request records them with ``--update-baseline``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.inputs.paths import CORPUS_TOML_MAX_BYTES, PathProblem
from sourcebook.inputs.tomlschema import TomlFile, parse_toml, read_toml
from sourcebook.writers import toml

VERSION = 1
CLAIMS = "unresolved_flagged_claims"
MARKERS = "unmapped_markers"
REASON = "increase_reason"
DEFAULT_BASELINE_PATH = Path("seeds") / "baseline.toml"
#: the command every message names: it works after the README's set-up alone
UPDATE_COMMAND = "nox -s checkcitations -- --update-baseline"


@dataclass(frozen=True, slots=True)
class Item:
    """One unresolved claim or unmapped marker, with where to point at it."""

    #: "<document>/<claim id>" or "<document>/<marker label>"
    id: str
    document: str
    path: str
    line: int
    #: a short description for messages
    describe: str
    #: "<document>/<marker label>" to name in `nox -s cite -- ...`
    marker: str = ""


@dataclass(frozen=True, slots=True)
class Tally:
    documents: tuple[str, ...]
    claims: tuple[Item, ...]
    markers: tuple[Item, ...]


#: the baseline's lists of ids
LISTS = ("documents", "unresolved_claims", "unmapped")


@dataclass(frozen=True, slots=True)
class Baseline:
    path: str
    unresolved_flagged_claims: int
    unmapped_markers: int
    #: documents the counts cover; ``None`` when the file names none (all count)
    documents: tuple[str, ...] | None
    claims: tuple[str, ...]
    markers: tuple[str, ...]
    #: key or listed item -> the line it is written on (tomlpos, through the schema reader)
    lines: dict[str, int]
    #: False for an old file that holds counts but no id lists
    itemised: bool = True
    #: why the last ``--update-baseline --allow-increase`` raised a count
    increase_reason: str | None = None

    def covers(self, document: str) -> bool:
        return self.documents is None or document in self.documents

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


def _syntax(display: str, line: int, message: str) -> list[Diagnostic]:
    return [Diagnostic(display, line, 1, Code.BASELINE_SYNTAX, message)]


def _read(
    path: Path, display: str, raw: bytes | None
) -> tuple[TomlFile | None, list[Diagnostic], PathProblem | None]:
    if raw is None:
        return read_toml(
            path.parent, path.name, display, "baseline", Code.BASELINE_SYNTAX, CORPUS_TOML_MAX_BYTES
        )
    file, diags = parse_toml(raw, display, "baseline", Code.BASELINE_SYNTAX)
    return file, diags, None


def load_baseline(
    path: Path, display: str, raw: bytes | None = None
) -> tuple[Baseline | None, list[Diagnostic]]:
    """Read the baseline (or its bytes *raw*); a missing or broken file is an error, never a
    zero baseline.

    The file is validated against ``schema/baseline.schema.json`` like every
    contributor file; unreadable or invalid TOML stays SB403.
    """
    file, diags, problem = _read(path, display, raw)
    if problem is not None and problem.code is Code.SEED_MISSING:
        return None, _syntax(
            display,
            1,
            f"baseline file not found; create it with `{UPDATE_COMMAND}`",
        )
    if problem is not None:
        return None, [Diagnostic(display, 1, 1, problem.code, f"baseline: {problem.message}")]
    if file is None or diags:
        return None, diags
    data = file.data
    lines = {
        f'"{value}"': file.at((key, index))[0]
        for key in LISTS
        for index, value in reversed(list(enumerate(data.get(key, ()))))
    }
    lines.update({key: file.at((key,))[0] for key in data})
    lists: dict[str, tuple[str, ...] | None] = {
        key: tuple(data[key]) if key in data else None for key in LISTS
    }
    # the counts are the lists' lengths; an older file with counts but no lists is still read
    for key, listed in ((CLAIMS, "unresolved_claims"), (MARKERS, "unmapped")):
        if lists[listed] is None and key not in data:
            return None, [
                Diagnostic(
                    display,
                    1,
                    1,
                    Code.REQUIRED_FIELD,
                    f"the baseline needs the list '{listed}' (or, in an older file, the count "
                    f"'{key}'); rewrite it with `{UPDATE_COMMAND}`",
                )
            ]
    counts = {
        key: len(listed) if listed is not None else int(data.get(key, 0))
        for key, listed in ((CLAIMS, lists["unresolved_claims"]), (MARKERS, lists["unmapped"]))
    }
    return Baseline(
        display,
        counts[CLAIMS],
        counts[MARKERS],
        lists["documents"],
        lists["unresolved_claims"] or (),
        lists["unmapped"] or (),
        lines,
        lists["unresolved_claims"] is not None and lists["unmapped"] is not None,
        reason if isinstance(reason := data.get(REASON), str) else None,
    ), []


@dataclass(frozen=True, slots=True)
class Delta:
    """How the current tally differs from a baseline, for the documents it covers."""

    new_claims: tuple[Item, ...]
    new_markers: tuple[Item, ...]
    #: ids the baseline lists that are resolved (claims) or mapped (markers) now
    gone_claims: tuple[str, ...]
    gone_markers: tuple[str, ...]
    #: count rises an old count-only baseline can show without naming items
    claims_over: int = 0
    markers_over: int = 0

    @property
    def rose(self) -> bool:
        return bool(self.new_claims or self.new_markers or self.claims_over or self.markers_over)

    @property
    def fell(self) -> bool:
        return bool(self.gone_claims or self.gone_markers)


def delta(baseline: Baseline, tally: Tally) -> Delta:
    """Compare item by item; an old count-only file is compared by counts."""
    claims = [c for c in tally.claims if baseline.covers(c.document)]
    markers = [m for m in tally.markers if baseline.covers(m.document)]
    if not baseline.itemised:
        return Delta(
            (),
            (),
            (),
            (),
            max(0, len(claims) - baseline.unresolved_flagged_claims),
            max(0, len(markers) - baseline.unmapped_markers),
        )
    claim_ids = {c.id for c in claims}
    marker_ids = {m.id for m in markers}
    known_claims, known_markers = set(baseline.claims), set(baseline.markers)
    return Delta(
        tuple(c for c in claims if c.id not in known_claims),
        tuple(m for m in markers if m.id not in known_markers),
        tuple(sorted(i for i in known_claims if i not in claim_ids)),
        tuple(sorted(i for i in known_markers if i not in marker_ids)),
    )


def _item_line(baseline: Baseline, item: str, fallback: str) -> int:
    """The line of *item* in the baseline file: the line a contributor changes."""
    return baseline.lines.get(f'"{item}"') or baseline.line_of(fallback)


def _rise(baseline: Baseline, item: Item, noun: str) -> Diagnostic:
    return Diagnostic(
        item.path,
        item.line,
        1,
        Code.RATCHET,
        f"new {noun} {item.id} {item.describe}, not in {baseline.path}: the count may not "
        f"rise; {'map an independent source to it' if 'claim' in noun else 'map its source'} "
        f"(`nox -s cite -- {item.marker or item.id} KEY`), or undo the change that "
        "unresolved it",
    )


def compare(baseline: Baseline, tally: Tally, lowered_is_error: bool = False) -> list[Diagnostic]:
    """SB401 for every new item; when something was resolved, SB402 (or SB406 in CI)."""
    change = delta(baseline, tally)
    diags = [_rise(baseline, i, "unresolved flagged claim") for i in change.new_claims]
    diags += [_rise(baseline, i, "unmapped marker") for i in change.new_markers]
    for over, key, noun in (
        (change.claims_over, CLAIMS, "unresolved flagged claims"),
        (change.markers_over, MARKERS, "unmapped markers"),
    ):
        if over:
            diags.append(
                Diagnostic(
                    baseline.path,
                    baseline.line_of(key),
                    1,
                    Code.RATCHET,
                    f"{over} more {noun} than the baseline: the count may not rise",
                )
            )
    if lowered_is_error:
        return diags  # CI: the committed file must be current (SB406), checked apart
    for gone, key, noun in (
        (change.gone_claims, "unresolved_claims", "resolved"),
        (change.gone_markers, "unmapped", "mapped"),
    ):
        if gone:
            diags.append(
                Diagnostic(
                    baseline.path,
                    _item_line(baseline, gone[0], key),
                    1,
                    Code.BASELINE_STALE,
                    f"{', '.join(gone)} {'is' if len(gone) == 1 else 'are'} {noun} now: "
                    f"lower the baseline with `{UPDATE_COMMAND}` and commit {baseline.path} "
                    "(CI fails until you do)",
                )
            )
    return diags


def _out_of_date(committed: Baseline, tally: Tally, why: dict[str, str]) -> tuple[list[str], str]:
    """What the committed baseline gets wrong, as message parts, and the first item named."""
    now = {c.id for c in tally.claims} | {m.id for m in tally.markers}
    listed_items = sorted(committed.claims) + sorted(committed.markers)
    listed = set(listed_items)
    extra = [i for i in listed_items if i not in now]
    missing = [
        i
        for i in sorted(c.id for c in tally.claims) + sorted(m.id for m in tally.markers)
        if i not in listed
    ]
    parts = []
    if extra:
        parts.append(f"it still lists {', '.join(extra)}, resolved or mapped now")
    if missing:
        reasons = [f"{i} ({why[i]})" if i in why else i for i in missing]
        parts.append(f"it leaves out {', '.join(reasons)}, still unresolved or unmapped")
    if set(tally.documents) != set(committed.documents or ()):
        parts.append("its documents differ from the manifest's")
    return parts, (extra or missing or ["documents"])[0]


def _is_current(committed: Baseline, tally: Tally) -> bool:
    """The file is itemised and lists exactly today's documents, claims and markers."""
    return (
        committed.itemised
        and committed.documents is not None
        and sorted(tally.documents) == sorted(committed.documents)
        and sorted(c.id for c in tally.claims) == sorted(committed.claims)
        and sorted(m.id for m in tally.markers) == sorted(committed.markers)
    )


def not_current(committed: Baseline, tally: Tally, why: dict[str, str]) -> list[Diagnostic]:
    """SB406: the committed baseline lists exactly what is unresolved now, or CI fails.

    *why* maps a claim id to the reason it is still unresolved, for the message.
    """
    if _is_current(committed, tally):
        return []
    parts, first = _out_of_date(committed, tally, why)
    if first == "documents":
        section = "documents"
    elif first in {m.id for m in tally.markers}:
        section = "unmapped"
    else:
        section = "unresolved_claims"
    return [
        Diagnostic(
            committed.path,
            _item_line(committed, first, section),
            1,
            Code.BASELINE_NOT_CURRENT,
            f"{committed.path} is not current: {'; '.join(parts) or 'it is in an old format'}; "
            f"run `{UPDATE_COMMAND}` and commit {committed.path}",
        )
    ]


def raise_refused(baseline: Baseline, change: Delta) -> Diagnostic:
    """SB405: what ``--update-baseline`` would have added, and how to insist."""
    new = [i.id for i in change.new_claims + change.new_markers]
    what = ", ".join(new) if new else "the counts"
    return Diagnostic(
        baseline.path,
        1,
        1,
        Code.BASELINE_RAISE_REFUSED,
        f"baseline not updated: it would rise ({what} would be added); resolve what is new, "
        f'or, if the rise is deliberate, run `{UPDATE_COMMAND} --allow-increase "REASON"` '
        "(the reason is recorded in the file and a maintainer must approve it)",
    )


def _toml_list(name: str, values: list[str]) -> str:
    return toml.list_lines(name, values)


def render_baseline(tally: Tally, reason: str | None = None) -> str:
    """The baseline file's text: canonical, sorted, one id per line, no derived counts."""
    return render_lists(
        tally.documents, [c.id for c in tally.claims], [m.id for m in tally.markers], reason
    )


def render_lists(
    documents: Iterable[str], claims: Iterable[str], markers: Iterable[str], reason: str | None
) -> str:
    """The canonical text of a baseline holding these ids (sorted, each once)."""
    return (
        "# seeds/baseline.toml -- the ratchet of `sourcebook check` (see CONTRIBUTING.md).\n"
        f"# Written by `{UPDATE_COMMAND}`.  The lists may shrink, never grow:\n"
        "# CI compares a pull request against this file as it is on the merge base.\n"
        f"version = {VERSION}\n"
        + (f"{toml.assignment(REASON, reason)}\n" if reason else "")
        + _toml_list("documents", sorted(set(documents)))
        + _toml_list("unresolved_claims", sorted(set(claims)))
        + _toml_list("unmapped", sorted(set(markers)))
    )


def describe_update(old: Baseline | None, tally: Tally) -> str:
    """One line saying what ``--update-baseline`` wrote, for the contributor to read."""
    claims, markers = len(tally.claims), len(tally.markers)
    if old is None:
        return (
            f"wrote seeds/baseline.toml: {claims} unresolved flagged claims, "
            f"{markers} unmapped markers"
        )
    change = delta(old, tally)
    if not change.rose and not change.fell and set(tally.documents) == set(old.documents or ()):
        return f"{old.path} is current: nothing to change"
    added = sorted(set(tally.documents) - set(old.documents or ()))
    parts = [
        f"unresolved flagged claims {old.unresolved_flagged_claims} -> {claims}",
        f"unmapped markers {old.unmapped_markers} -> {markers}",
    ]
    if change.gone_claims:
        parts.append(f"resolved: {', '.join(change.gone_claims)}")
    if change.gone_markers:
        parts.append(f"mapped: {', '.join(change.gone_markers)}")
    if added and old.documents is not None:
        parts.append(f"new documents: {', '.join(added)}")
    return f"wrote {old.path}: " + "; ".join(parts)
