"""The baseline as read, kept by its bytes between checks (:mod:`sourcebook.corpus.folders`).

Reading ``seeds/baseline.toml`` parses, locates and validates a file that
lists every unresolved claim and unmapped marker of the corpus (thousands of
lines at a thousand documents): about 5 % of a warm check.  What it says is a
function of its bytes and its name alone, so a warm check keeps it like each
document's files, and a changed byte is a new key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sourcebook.check.ratchet import Baseline, load_baseline
from sourcebook.core.diagnostics import Diagnostic
from sourcebook.corpus.folders import FolderRecords
from sourcebook.inputs.paths import CORPUS_TOML_MAX_BYTES
from sourcebook.model.jsondata import BadData, diagnostic_from_data, diagnostic_to_data

Read = tuple[Baseline | None, list[Diagnostic]]


def _ids(data: Any) -> tuple[str, ...]:
    if not isinstance(data, list) or not all(isinstance(v, str) for v in data):
        raise BadData("a list of ids")
    return tuple(data)


def _to_data(read: Read) -> Any:
    baseline, diags = read
    kept = None
    if baseline is not None:
        b = baseline
        documents = None if b.documents is None else list(b.documents)
        kept = [b.path, b.unresolved_flagged_claims, b.unmapped_markers, documents]
        kept += [list(b.claims), list(b.markers), b.lines, b.itemised, b.increase_reason]
    return [kept, [diagnostic_to_data(d) for d in diags]]


def _from_data(data: Any) -> Read:
    kept, diags = data
    baseline = None
    if kept is not None:
        path, claims_n, markers_n, documents, claims, markers, lines, itemised, reason = kept
        if not (
            isinstance(path, str)
            and isinstance(claims_n, int)
            and isinstance(markers_n, int)
            and isinstance(lines, dict)
            and all(isinstance(k, str) and isinstance(v, int) for k, v in lines.items())
            and isinstance(itemised, bool)
            and (reason is None or isinstance(reason, str))
        ):
            raise BadData("a baseline's values have the wrong types")
        docs = None if documents is None else _ids(documents)
        baseline = Baseline(
            path, claims_n, markers_n, docs, _ids(claims), _ids(markers), lines, itemised, reason
        )
    return baseline, [diagnostic_from_data(d) for d in diags]


def kept_baseline(records: FolderRecords | None, path: Path, display: str) -> Read:
    """:func:`load_baseline`, kept in *records* under the file's bytes and *display*."""
    if records is None:
        return load_baseline(path, display)
    return records.kept_file(
        "baseline",
        path,
        display,
        CORPUS_TOML_MAX_BYTES,
        lambda data: load_baseline(path, display, data),
        _to_data,
        _from_data,
    )
