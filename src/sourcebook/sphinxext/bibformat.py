"""Formatted bibliography entries kept between builds, keyed by each entry's content.

sphinxcontrib-bibtex formats every entry of every bibliography when the
environment is updated, which Sphinx does on every build, a no-op included:
it sorts the entries, gives them labels and formats each one.  At a thousand
documents with two entries each that was a fifth of a one-seed rebuild.
What the style computes for an entry depends on the entry alone (its type,
key, fields and persons, and those of the entry it ``crossref``s) and, for
the formatted reference, on its label; so :class:`CachedStyle` (the
``sourcebook`` formatting style the build registers) keeps the sort key, the
label's stem and the formatted reference under a hash of exactly those, and
a changed entry (or label) is formatted again.

The results live in the build environment (``env.sourcebook_bibformat``),
which Sphinx pickles with the rest of its state in the output directory; a
build keeps only the results it used, so they follow the bibliography and do
not grow with its history.  Outside a Sphinx build the style computes as
:class:`~sourcebook.render.bibstyle.SourcebookStyle` does, memoised for the
process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from pybtex.style import FormattedEntry
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sourcebook.render.bibstyle import (
    SourcebookStyle,
    format_reference,
    label_stem,
    labels,
    sort_entries,
    sort_key,
)

K = TypeVar("K")
V = TypeVar("V")

#: the environment attribute the results are kept in between builds
ATTR = "sourcebook_bibformat"
#: how deep ``crossref`` chains are followed into a fingerprint (the checker refuses cycles)
CROSSREF_DEPTH = 4


def fingerprint(entry: Any, depth: int = 0) -> str:
    """A hash of everything the style reads from *entry*: type, key, fields, persons, parent."""
    fields = dict(entry.fields)
    persons = [(role, [str(p) for p in people]) for role, people in entry.persons.items()]
    parts: list[object] = [entry.type, entry.key, sorted(fields.items()), persons]
    parent_key = fields.get("crossref")
    collection = getattr(entry, "collection", None)
    if parent_key and collection is not None and depth < CROSSREF_DEPTH:
        parent = collection.entries.get(parent_key)
        parts.append(fingerprint(parent, depth + 1) if parent is not None else None)
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(slots=True)
class Results:
    """What the style computed, by entry fingerprint (and label, for references)."""

    sort_keys: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    stems: dict[str, str] = field(default_factory=dict)
    references: dict[tuple[str, str], FormattedEntry] = field(default_factory=dict)


@dataclass(slots=True)
class Memo:
    """The results known from the last build (*known*) and those this build used (*used*)."""

    known: Results = field(default_factory=Results)
    used: Results = field(default_factory=Results)
    #: entry id -> (entry, fingerprint): each entry is hashed once per process (the
    #: entry is held so that its id is not reused)
    prints: dict[int, tuple[Any, str]] = field(default_factory=dict)
    #: how many results this process had to compute (the tests count them)
    computed: int = 0

    def print_of(self, entry: Any) -> str:
        held = self.prints.get(id(entry))
        if held is None or held[0] is not entry:
            held = (entry, fingerprint(entry))
            self.prints[id(entry)] = held
        return held[1]

    def _kept(self, used: dict[K, V], known: dict[K, V], key: K, compute: Callable[[], V]) -> V:
        """What this build or the last one found under *key*; else *compute* it."""
        found = used.get(key)
        if found is None:
            found = known.get(key)
        if found is None:
            self.computed += 1
            found = compute()
        used[key] = found
        return found

    def sort_key(self, entry: Any) -> tuple[str, str, str]:
        tables = (self.used.sort_keys, self.known.sort_keys)
        return self._kept(*tables, self.print_of(entry), lambda: sort_key(entry))

    def stem(self, entry: Any) -> str:
        tables = (self.used.stems, self.known.stems)
        return self._kept(*tables, self.print_of(entry), lambda: label_stem(entry))

    def reference(self, label: str, entry: Any) -> FormattedEntry:
        tables = (self.used.references, self.known.references)
        key = (self.print_of(entry), label)
        return self._kept(
            *tables, key, lambda: FormattedEntry(entry.key, format_reference(entry, label), label)
        )


MEMO = Memo()


class CachedStyle(SourcebookStyle):
    """:class:`SourcebookStyle` whose per-entry results come from :data:`MEMO` when known."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sort = partial(sort_entries, key=MEMO.sort_key)
        self.format_labels = partial(labels, stem_of=MEMO.stem)

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> FormattedEntry:
        return MEMO.reference(label, entry)


def on_builder_inited(app: Sphinx) -> None:
    """Start from the results the last build kept in the environment."""
    kept = getattr(app.env, ATTR, None)
    MEMO.known = kept if isinstance(kept, Results) else Results()
    MEMO.used = Results()


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After sphinxcontrib-bibtex has formatted every entry: keep what this build used.

    Sphinx saves the environment only when a page was read or is to be written
    again; when this build formatted entries it could not take from the
    environment (a new sourcebook, say) and read no page, the first page with a
    bibliography is written again so that the results are kept.
    """
    setattr(env, ATTR, MEMO.used)
    if not MEMO.computed:
        return []
    pages = sorted(key.docname for key in getattr(env.get_domain("cite"), "bibliographies", {}))
    return pages[:1]


def register(app: Sphinx) -> None:
    """Registered from the extension's ``setup``."""
    app.connect("builder-inited", on_builder_inited)
    # after sphinxcontrib-bibtex's own handler (priority 500), which formats the entries
    app.connect("env-updated", on_env_updated, priority=900)
