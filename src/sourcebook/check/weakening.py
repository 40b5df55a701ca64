"""What a pull request did to the audit that its counts do not show (``check --against``).

Counting unresolved claims misses every change that makes the audit weaker by
making a claim *look* settled.  Comparing the corpus at the merge base with
the working tree, each such change is a verdict of its own, at its cause:

* **SB413** a seed's bytes changed without a new ``[[revision]]``
  (a re-hashed edit): seeds are kept byte for byte; a new retrieval is
  recorded with its date and reason (``nox -s revise``);
* **SB414** a claim lost a maintenance flag (``[independent source
  needed]``) or a marker in a seed changed without a revision record; with a
  revision record the loss is the original's, reported as a warning
  (**SB509**) with the revision's reason;
* **SB415** a flagged claim counts as resolved although none of its sources
  changed: a subject's ``domains``/``publishers`` or an entry's ``url``,
  ``publisher``, ``journal``, ``howpublished``, ``organization`` or
  ``affiliation`` changed under it -- the message names which.

A maintainer accepts such a change explicitly: a file ``seeds/overrides/
NAME.toml`` (``reason = "..."``, ``items = ["slug/ref-3", "slug"]``) turns
the errors about the items it lists into warnings (**SB508**) that quote the
reason; the review shows the file.  One file per decision, so two overrides
never conflict.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcebook.check.report import CheckReport
from sourcebook.core.diagnostics import Code, Diagnostic, Severity
from sourcebook.corpus.load import CorpusDocument

OVERRIDES = Path("seeds") / "overrides"
#: the fields that decide whether a source is the subject's own
OUTLET_FIELDS = ("url", "publisher", "journal", "howpublished", "organization", "affiliation")
WEAKENING_CODES = frozenset({"SB401", "SB413", "SB414", "SB415"})


@dataclass(frozen=True, slots=True)
class Override:
    path: str
    reason: str
    items: frozenset[str]


def _revisions(report: CheckReport) -> dict[str, list[dict[str, Any]]]:
    """slug -> its ``[[revision]]`` records (``seeds/<slug>/document.toml``)."""
    return {d.entry.slug: list(d.entry.revisions) for d in report.corpus.documents}


def _documents(report: CheckReport) -> dict[str, CorpusDocument]:
    return {d.entry.slug: d for d in report.corpus.documents}


Revisions = dict[str, list[dict[str, Any]]]


def _revised(
    slug: str, new: CorpusDocument, base_rev: Revisions, head_rev: Revisions
) -> dict[str, Any] | None:
    """The revision that explains *new*'s bytes, if the branch recorded one."""
    added = head_rev.get(slug, [])[len(base_rev.get(slug, [])) :]
    last = added[-1] if added else None
    if last is not None and last.get("sha256") == new.entry.sha256:
        return last
    return None


def _flags(doc: CorpusDocument) -> dict[str, tuple[str, ...]]:
    return {r.claim.id: r.claim.flags for r in doc.claims if r.claim.flags}


def _lost(old: CorpusDocument, new: CorpusDocument) -> list[str]:
    """Flags and markers of *old* that *new* no longer has, described."""
    lost: list[str] = []
    now = _flags(new)
    for claim, flags in sorted(_flags(old).items()):
        gone = [f for f in flags if f not in now.get(claim, ())]
        if gone:
            lost.append(f"claim {old.entry.slug}/{claim} lost [{'; '.join(gone)}]")
    labels = set(new.document.marker_labels)
    lost.extend(
        f"marker [{label}] is gone" for label in old.document.marker_labels if label not in labels
    )
    return lost


def seed_changes(base: CheckReport, head: CheckReport) -> Iterator[Diagnostic]:
    """SB413/SB414 for seeds changed without a revision record; SB509 for recorded ones."""
    base_rev, head_rev = _revisions(base), _revisions(head)
    old_docs = _documents(base)
    for slug, new in sorted(_documents(head).items()):
        old = old_docs.get(slug)
        if old is None or old.entry.sha256 == new.entry.sha256:
            continue
        revision = _revised(slug, new, base_rev, head_rev)
        lost = _lost(old, new)
        where = (new.entry.path, new.entry.line_of("sha256"))
        if revision is None:
            detail = f"; {'; '.join(lost)}" if lost else ""
            code = Code.FLAG_REMOVED if lost else Code.SEED_REHASHED
            yield Diagnostic(
                *where,
                1,
                code,
                f"seed of '{slug}' changed since the merge base without a revision record"
                f"{detail}; seeds are kept byte for byte: restore it, or record a new "
                f"retrieval with `nox -s revise -- {slug} FILE --retrieved DATE --reason WHY`",
            )
        elif lost:
            yield Diagnostic(
                *where,
                1,
                Code.REVISED_FLAGS,
                f"revision of '{slug}' ({revision.get('retrieved')}: "
                f"{revision.get('reason')}): {'; '.join(lost)}",
            )


def outlets_of(report: CheckReport, subject: str | None) -> tuple[set[str], set[str]]:
    outlets = report.corpus.outlets.get(subject or "")
    if outlets is None:
        return set(), set()
    return set(outlets.domains), set(outlets.publishers)


def causes(
    base: CheckReport, head: CheckReport, subject: str | None, keys: Iterable[str]
) -> list[str]:
    causes: list[str] = []
    (old_d, old_p), (new_d, new_p) = outlets_of(base, subject), outlets_of(head, subject)
    for noun, old, new in (("domain", old_d, new_d), ("publisher", old_p, new_p)):
        if old - new:
            names = ", ".join(f"'{x}'" for x in sorted(old - new))
            causes.append(f"subject '{subject}' no longer lists {noun}(s) {names}")
    old_src, new_src = base.corpus.bibliography.sources, head.corpus.bibliography.sources
    for key in sorted(keys):
        if key not in old_src or key not in new_src:
            continue
        for name in OUTLET_FIELDS:
            before, after = old_src[key].fields.get(name), new_src[key].fields.get(name)
            if before != after:
                causes.append(f"'{key}' {name} changed from {before!r} to {after!r}")
    return causes


def resolved_without_source(base: CheckReport, head: CheckReport) -> Iterator[Diagnostic]:
    """SB415: a flagged claim settled by a change of outlets or fields, not by a new source."""
    old = {(r.document, r.claim.id): r for r in base.corpus.claims if r.flagged}
    docs = _documents(head)
    for record in head.corpus.claims:
        before = old.get((record.document, record.claim.id))
        if before is None or before.resolved or not record.resolved:
            continue
        if set(record.sources) != set(before.sources):
            continue  # a source was added or changed: the ordinary way to resolve
        doc = docs[record.document]
        why = causes(base, head, doc.entry.subject, record.sources) or [
            "the rules that decide independence changed"
        ]
        yield Diagnostic(
            f"seeds/{doc.entry.file}",
            record.claim.line,
            1,
            Code.RESOLVED_WITHOUT_SOURCE,
            f"claim {record.document}/{record.claim.id} now counts as independently sourced "
            f"but none of its sources changed: {'; '.join(why)}; a change that weakens the "
            "audit needs a maintainer's override (seeds/overrides/, see CONTRIBUTING.md)",
        )


def load_overrides(root: Path) -> tuple[list[Override], list[Diagnostic]]:
    """Every ``seeds/overrides/*.toml``; a file that is not ``reason`` + ``items`` is SB201."""
    found: list[Override] = []
    problems: list[Diagnostic] = []
    folder = root / OVERRIDES
    if not folder.is_dir():
        return found, problems
    for path in sorted(folder.glob("*.toml")):
        display = (OVERRIDES / path.name).as_posix()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(Diagnostic(display, 1, 1, Code.MANIFEST_SYNTAX, f"cannot read: {exc}"))
            continue
        reason, items = data.get("reason"), data.get("items")
        if (
            set(data) != {"reason", "items"}
            or not isinstance(reason, str)
            or not reason.strip()
            or not isinstance(items, list)
            or not all(isinstance(i, str) for i in items)
        ):
            problems.append(
                Diagnostic(
                    display,
                    1,
                    1,
                    Code.MANIFEST_SYNTAX,
                    'an override holds exactly reason = "WHY" and items = ["slug/claim", ...]',
                )
            )
            continue
        found.append(Override(display, " ".join(reason.split()), frozenset(items)))
    return found, problems


def _mentions(message: str, item: str) -> bool:
    return re.search(rf"(?<![\w/-]){re.escape(item)}(?![\w-])", message) is not None


def apply_overrides(diags: list[Diagnostic], overrides: list[Override]) -> list[Diagnostic]:
    """Errors about overridden items become SB508 warnings quoting the override's reason."""
    out: list[Diagnostic] = []
    for diag in diags:
        accepted = next(
            (
                o
                for o in overrides
                if diag.severity is Severity.ERROR
                and diag.code.id in WEAKENING_CODES
                and any(_mentions(diag.message, item) for item in o.items)
            ),
            None,
        )
        if accepted is None:
            out.append(diag)
            continue
        out.append(
            Diagnostic(
                diag.path,
                diag.line,
                diag.col,
                Code.OVERRIDDEN,
                f"{diag.code.id} accepted by {accepted.path} ({accepted.reason}): {diag.message}",
            )
        )
    return out


def weakenings(base: CheckReport, head: CheckReport) -> list[Diagnostic]:
    """Every verdict of this module, overrides not yet applied."""
    return [*seed_changes(base, head), *resolved_without_source(base, head)]
