"""The queue of flagged claims waiting for a source, oldest first: for people and for bots.

Each unresolved flagged claim comes with its document and sentence, the
date it was first flagged and its age, how often its sources changed, and
what would resolve it.  The dates come from the repository's history
(:mod:`sourcebook.core.githistory`):

* **first flagged** is the author date of the oldest commit whose version of
  the seed holds the line with the claim's flagged marker as it reads now
  (seeds are kept byte for byte, so that is normally the commit that added
  the document);
* **source changes** counts the commits that changed what the claim's
  markers cite in the apparatus file (adding the marker's entry is not a
  change);
* ``history`` says how sure the date is: ``git`` (exact), ``shallow`` (the
  clone's history starts at that commit, so the claim is at least that
  old), ``uncommitted`` (not in any commit yet: flagged today) or ``none``
  (no git history: no date, listed after every dated claim).

The JSON form (``sourcebook claims --format json``) is described by
``src/sourcebook/schema/claims-v1.json``.
"""

from __future__ import annotations

import datetime
import itertools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcebook.core.githistory import History, Version
from sourcebook.corpus.independence import Outlets
from sourcebook.corpus.load import NEEDS_INDEPENDENT, ClaimRecord, Corpus, CorpusDocument

VERSION = 1
SEEDS = "seeds"


@dataclass(frozen=True, slots=True)
class Dated:
    first_flagged: str | None
    age_days: int | None
    history: str


@dataclass(frozen=True, slots=True)
class Wanted:
    """One claim of the queue."""

    record: ClaimRecord
    title: str
    seed: str
    dated: Dated
    source_changes: int
    subject: Outlets | None

    @property
    def id(self) -> str:
        return f"{self.record.document}/{self.record.claim.id}"

    def resolve(self) -> dict[str, Any]:
        """What would resolve the claim, as data (the text form words it)."""
        markers = self.record.claim.markers
        target = f"{self.record.document}/{markers[0]}" if markers else self.id
        needs = "independent-source" if self.record.status == NEEDS_INDEPENDENT else "source"
        found: dict[str, Any] = {
            "needs": needs,
            "command": f"nox -s cite -- {target} --doi 10.… | --isbn … | --url https://…",
        }
        if needs == "independent-source" and self.subject is not None:
            found |= {
                "subject": self.subject.id,
                "subject_name": self.subject.name,
                "not_domains": list(self.subject.domains),
                "not_publishers": list(self.subject.publishers),
                "listed_at": self.subject.domains_at,
            }
        return found

    def to_json(self) -> dict[str, Any]:
        claim = self.record.claim
        return {
            "id": self.id,
            "document": self.record.document,
            "title": self.title,
            "claim": claim.id,
            "markers": list(claim.markers),
            "seed": self.seed,
            "line": claim.line,
            "sentence": claim.text,
            "flags": list(claim.flags),
            "status": self.record.status,
            "sources": list(self.record.sources),
            "first_flagged": self.dated.first_flagged,
            "age_days": self.dated.age_days,
            "history": self.dated.history,
            "source_changes": self.source_changes,
            "resolve": self.resolve(),
        }


def _first_holding(history: History, seed: str, line_text: str, today: datetime.date) -> Dated:
    if history.mode == "none":
        return Dated(None, None, "none")
    versions = history.of(seed)
    needle = "\n" + line_text + "\n"
    for version, text in zip(versions, history.texts(versions), strict=True):
        if text is not None and needle in "\n" + text + "\n":
            day = datetime.date.fromisoformat(version.date[:10])
            oldest = version is versions[0] and history.shallow
            return Dated(day.isoformat(), (today - day).days, "shallow" if oldest else "git")
    return Dated(today.isoformat(), 0, "uncommitted")


def _cited(text: str | None, labels: tuple[str, ...]) -> object:
    """What the markers *labels* cite in one version of an apparatus file (None if absent)."""
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return "unreadable"
    markers = data.get("marker", [])
    found = {
        str(m.get("label")): tuple(m.get("keys", ()))
        for m in markers
        if isinstance(m, dict) and str(m.get("label")) in labels
    }
    return tuple(sorted(found.items())) or None


def _changes(history: History, versions: list[Version], labels: tuple[str, ...]) -> int:
    values = [_cited(text, labels) for text in history.texts(versions)]
    present = [v for v in values if v is not None]
    return sum(1 for before, after in itertools.pairwise(present) if before != after)


def _unresolved(document: CorpusDocument) -> Iterable[ClaimRecord]:
    return (r for r in document.claims if r.flagged and not r.resolved)


def claim_queue(corpus: Corpus, today: datetime.date | None = None) -> list[Wanted]:
    """Every unresolved flagged claim, oldest first (undated last), then by document and line."""
    return queue_of(corpus.root, corpus.documents, corpus.outlets, today)


@dataclass(frozen=True, slots=True)
class Flagged:
    """A document's unresolved flagged claims and what the queue takes from the document.

    Small (no text but the claims' lines), so that a build's child process can hand
    every document's over to the Sphinx process: the documents themselves, with
    their texts, were 16 MB of pickle at 300 documents.
    """

    title: str
    #: the seed and the apparatus file, as the loader shows them: relative to the root
    seed: str
    apparatus: str | None
    subject: str | None
    #: each claim with the text of the seed line where its flag is written
    claims: tuple[tuple[ClaimRecord, str], ...]


def flagged(document: CorpusDocument) -> Flagged | None:
    """*document*'s :class:`Flagged`, or ``None`` when none of its claims waits for a source."""
    wanted = list(_unresolved(document))
    if not wanted:
        return None
    lines = document.source.text.split("\n")
    flag_lines = document.flag_lines()
    claims = []
    for record in wanted:
        number = flag_lines.get(record.claim.id, record.claim.line)
        claims.append((record, lines[number - 1] if number <= len(lines) else ""))
    entry = document.entry
    return Flagged(
        entry.title, document.source.path, entry.apparatus_path, entry.subject, tuple(claims)
    )


def queue_of(
    root: Path,
    documents: Iterable[CorpusDocument],
    outlets: Mapping[str, Outlets],
    today: datetime.date | None = None,
) -> list[Wanted]:
    """:func:`claim_queue` of *documents* (a build hands over its own, already parsed)."""
    return queue_from(root, (f for d in documents if (f := flagged(d))), outlets, today)


def queue_from(
    root: Path,
    documents: Iterable[Flagged],
    outlets: Mapping[str, Outlets],
    today: datetime.date | None = None,
) -> list[Wanted]:
    """:func:`queue_of` from each document's :class:`Flagged` claims."""
    today = today or datetime.datetime.now(datetime.UTC).date()
    history = History(root, SEEDS)
    queue: list[Wanted] = []
    for document in documents:
        seed = document.seed
        versions = history.of(document.apparatus) if document.apparatus else []
        subject = outlets.get(document.subject or "")
        for record, line in document.claims:
            queue.append(
                Wanted(
                    record,
                    document.title,
                    seed,
                    _first_holding(history, seed, line, today),
                    _changes(history, versions, record.claim.markers),
                    subject,
                )
            )
    return sort_queue(queue, "age")


def sort_queue(queue: list[Wanted], by: str) -> list[Wanted]:
    """By ``age`` (oldest first, undated last) or by ``document`` (then line)."""
    if by == "document":
        return sorted(queue, key=lambda w: (w.record.document, w.record.claim.line))
    return sorted(
        queue,
        key=lambda w: (
            w.dated.age_days is None,
            -(w.dated.age_days or 0),
            w.record.document,
            w.record.claim.line,
        ),
    )


def queue_json(queue: list[Wanted], today: datetime.date) -> dict[str, Any]:
    return {"version": VERSION, "as_of": today.isoformat(), "claims": [w.to_json() for w in queue]}
