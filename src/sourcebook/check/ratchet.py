"""The ratchet: unresolved flagged claims and unmapped markers may fall, never rise.

The committed baseline (``seeds/baseline.toml``) records both counts and the
ids behind them, so a rise can name the new claims.  Only documents the
baseline knows are counted: a new seed arrives with the flags of its source
text, and its pull request records them with ``--update-baseline``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcebook.diagnostics import Code, Diagnostic
from sourcebook.manifest import TomlLines
from sourcebook.tomlschema import read_toml

VERSION = 1
CLAIMS = "unresolved_flagged_claims"
MARKERS = "unmapped_markers"


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


@dataclass(frozen=True, slots=True)
class Tally:
    documents: tuple[str, ...]
    claims: tuple[Item, ...]
    markers: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Baseline:
    path: str
    unresolved_flagged_claims: int
    unmapped_markers: int
    #: documents the counts cover; ``None`` when the file names none (all count)
    documents: tuple[str, ...] | None
    claims: tuple[str, ...]
    markers: tuple[str, ...]
    lines: TomlLines

    def covers(self, document: str) -> bool:
        return self.documents is None or document in self.documents

    def line_of(self, key: str) -> int:
        return self.lines.key_line(1, key)


def _syntax(display: str, line: int, message: str) -> list[Diagnostic]:
    return [Diagnostic(display, line, 1, Code.BASELINE_SYNTAX, message)]


def load_baseline(path: Path, display: str) -> tuple[Baseline | None, list[Diagnostic]]:
    """Read the baseline; a missing or broken file is an error, never a zero baseline.

    The file is validated against ``schema/baseline.schema.json`` like every
    contributor file; unreadable or invalid TOML stays SB403.
    """
    file, diags, problem = read_toml(
        path.parent, path.name, display, "baseline", Code.BASELINE_SYNTAX
    )
    if problem is not None and problem.code is Code.SEED_MISSING:
        return None, _syntax(
            display,
            1,
            "baseline file not found; create it with `sourcebook check --update-baseline`",
        )
    if problem is not None:
        return None, [Diagnostic(display, 1, 1, problem.code, f"baseline: {problem.message}")]
    if file is None or diags:
        return None, diags
    data = file.data
    lines = TomlLines(path.read_text(encoding="utf-8"))
    counts = {key: int(data[key]) for key in (CLAIMS, MARKERS)}
    lists: dict[str, tuple[str, ...] | None] = {
        key: tuple(data[key]) if key in data else None
        for key in ("documents", "unresolved_claims", "unmapped")
    }
    return Baseline(
        display,
        counts[CLAIMS],
        counts[MARKERS],
        lists["documents"],
        lists["unresolved_claims"] or (),
        lists["unmapped"] or (),
        lines,
    ), []


def _compare(
    baseline: Baseline, key: str, allowed: int, known: tuple[str, ...], items: list[Item], noun: str
) -> list[Diagnostic]:
    count = len(items)
    if count > allowed:
        new = [item for item in items if item.id not in known]
        if not new:
            return [
                Diagnostic(
                    baseline.path,
                    baseline.line_of(key),
                    1,
                    Code.RATCHET,
                    f"{count} {noun}, baseline {allowed}: the count may not rise",
                )
            ]
        return [
            Diagnostic(
                item.path,
                item.line,
                1,
                Code.RATCHET,
                f"new {noun[:-1]} {item.id} {item.describe} "
                f"({count}, baseline {allowed}); resolve it: the count may not rise",
            )
            for item in new
        ]
    if count < allowed:
        return [
            Diagnostic(
                baseline.path,
                baseline.line_of(key),
                1,
                Code.BASELINE_STALE,
                f"{count} {noun}, baseline {allowed}: well done; lower the baseline "
                f"with `sourcebook check --update-baseline` and commit {baseline.path}",
            )
        ]
    return []


def compare(baseline: Baseline, tally: Tally) -> list[Diagnostic]:
    """SB401 for every rise (naming what is new), SB402 when a count fell."""
    claims = [c for c in tally.claims if baseline.covers(c.document)]
    markers = [m for m in tally.markers if baseline.covers(m.document)]
    return _compare(
        baseline,
        CLAIMS,
        baseline.unresolved_flagged_claims,
        baseline.claims,
        claims,
        "unresolved flagged claims",
    ) + _compare(
        baseline, MARKERS, baseline.unmapped_markers, baseline.markers, markers, "unmapped markers"
    )


def _toml_list(name: str, values: list[str]) -> str:
    # JSON string literals are valid TOML basic strings
    if not values:
        return f"{name} = []\n"
    return f"{name} = [\n" + "".join(f"    {json.dumps(v)},\n" for v in values) + "]\n"


def render_baseline(tally: Tally) -> str:
    """The baseline file's text: deterministic, one id per line for readable diffs."""
    data: dict[str, Any] = {
        "claims": sorted(c.id for c in tally.claims),
        "markers": sorted(m.id for m in tally.markers),
    }
    return (
        "# seeds/baseline.toml -- the ratchet of `sourcebook check` (see CONTRIBUTING.md).\n"
        "# Written by `sourcebook check --update-baseline`.  The counts may fall, never rise:\n"
        "# CI compares a pull request against this file as it is on the merge base.\n"
        f"version = {VERSION}\n"
        f"{CLAIMS} = {len(tally.claims)}\n"
        f"{MARKERS} = {len(tally.markers)}\n"
        + _toml_list("documents", sorted(tally.documents))
        + _toml_list("unresolved_claims", data["claims"])
        + _toml_list("unmapped", data["markers"])
    )
