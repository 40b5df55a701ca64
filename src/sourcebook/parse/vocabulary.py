"""The platforms' vocabulary, loaded from ``parse/layout.toml`` (data, not code).

Each :class:`Evidence` is one kind of line a platform prints (a Blogger
"Posted by" footer, a wire byline, a MediaWiki site notice) with its role,
how sure a match is, and where on the page it is expected.  The layout pass
(:mod:`sourcebook.parse.layout`) scores lines against them; nothing in the
code names a platform.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sourcebook.model import Kind

#: the arrays of line evidence: the shared one, then the encyclopaedia and news families
#: (kept apart so each family's vocabulary reads, and changes, as one table)
_LINE_TABLES = ("line", "encyclopaedia_line", "news_line", "site_line")
ROLES = ("furniture", "metadata", "thread", "truncation", "notes")
PLACES = ("any", "top", "bottom", "edge")


@dataclass(frozen=True, slots=True)
class Evidence:
    name: str
    role: str
    pattern: re.Pattern[str]
    weight: float
    where: str
    kinds: frozenset[str]
    field: str | None
    #: a list value is split into one field per item
    split: bool = False
    #: marks removed from a value before it is split ("Ana Ruiz 1,*" -> "Ana Ruiz")
    strip: re.Pattern[str] | None = None
    #: the reason recorded in the provenance record for a metadata line
    reason: str = "document metadata"
    #: a bare name on the line just above fills this metadata field ("author")
    name_above: str | None = None
    #: the line just below ("Written by" / "NAME") fills this metadata field
    name_below: str | None = None
    #: the line counts only beside another line of the same evidence (a toolbar's
    #: "Print" above "Share"; a lone "Print" is a heading)
    in_run: bool = False


# eq=False: hashed by identity. There is one vocabulary a process, and `_for_kind`'s
# cache key would otherwise hash every pattern of it on each call (40 % of a parse).
@dataclass(frozen=True, slots=True, eq=False)
class Vocabulary:
    lines: tuple[Evidence, ...]
    #: a decision is taken at this score or above ...
    apply: float
    #: ... and reported (SB608) below this one
    sure: float
    #: blocks from either end that count as the top or the bottom of the text
    window: int
    not_outlets: frozenset[str]
    comment_headers: tuple[re.Pattern[str], ...]
    comment_dates: tuple[re.Pattern[str], ...]
    #: reply headers, and lines that open or close a comment's replies
    reply_headers: tuple[re.Pattern[str], ...]
    reply_openers: tuple[re.Pattern[str], ...]
    reply_closers: tuple[re.Pattern[str], ...]
    infobox_labels: tuple[str, ...]
    #: word endings that make a known label plus lower-case letters one word ("Origins")
    infobox_endings: frozenset[str]
    #: the kinds whose extracts carry infoboxes
    infobox_kinds: frozenset[str]
    #: a wire dateline opening the first paragraph, and the kinds that have one
    dateline: re.Pattern[str]
    dateline_kinds: frozenset[str]
    #: headings of sections whose lines are links ("See also"), lower-cased, and their kinds
    link_sections: frozenset[str]
    link_section_kinds: frozenset[str]
    #: section headings that open a body and are never a page's title ("abstract")
    section_words: frozenset[str]
    #: words that make a line read like a journal's name ("Review", "Quarterly")
    journal_words: frozenset[str]
    #: small words of titles that names do not have ("on", "the", "why")
    title_words: frozenset[str]

    def for_kind(self, kind: Kind) -> tuple[Evidence, ...]:
        return _for_kind(self, kind)


@functools.cache
def _for_kind(vocabulary: Vocabulary, kind: str) -> tuple[Evidence, ...]:
    return tuple(e for e in vocabulary.lines if not e.kinds or kind in e.kinds)


def _evidence(entry: dict[str, Any]) -> Evidence:
    role, where = entry["role"], entry.get("where", "any")
    if role not in ROLES or where not in PLACES:  # pragma: no cover - a packaging bug
        raise ValueError(f"layout.toml: bad role or place in {entry['name']!r}")
    return Evidence(
        name=entry["name"],
        role=role,
        pattern=re.compile(entry["pattern"]),
        weight=float(entry["weight"]),
        where=where,
        kinds=frozenset(entry.get("kinds", ())),
        field=entry.get("field"),
        split=bool(entry.get("split", False)),
        strip=re.compile(entry["strip"]) if "strip" in entry else None,
        reason=entry.get("reason", "document metadata"),
        name_above=entry.get("name_above"),
        name_below=entry.get("name_below"),
        in_run=bool(entry.get("in_run", False)),
    )


@functools.cache
def _layout() -> dict[str, Any]:
    """``layout.toml``, parsed once a process (each table a pass asks for came to
    a parse of the whole file before: a few hundredths of a second each)."""
    text = (resources.files("sourcebook.parse") / "layout.toml").read_text("utf-8")
    return tomllib.loads(text)


def layout_table(name: str) -> dict[str, Any]:
    """One table of ``layout.toml`` ("menu", "footer", "forum")."""
    table: dict[str, Any] = _layout()[name]
    return table


@functools.cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary (read once)."""
    data = _layout()
    comments = data["comments"]
    return Vocabulary(
        lines=tuple(_evidence(entry) for table in _LINE_TABLES for entry in data.get(table, ())),
        apply=float(data["apply"]),
        sure=float(data["sure"]),
        window=int(data["window"]),
        not_outlets=frozenset(name.lower() for name in data["outlet"]["not_names"]),
        comment_headers=tuple(
            re.compile(p) for p in (*comments["headers"], *data["paired_comments"]["headers"])
        ),
        comment_dates=tuple(re.compile(p) for p in comments["dates"]),
        reply_headers=tuple(re.compile(p) for p in comments["reply_headers"]),
        reply_openers=tuple(re.compile(p) for p in comments["reply_openers"]),
        reply_closers=tuple(re.compile(p) for p in comments["reply_closers"]),
        infobox_labels=tuple(
            data["infobox"]["labels"] + data.get("encyclopaedia_infobox", {}).get("labels", [])
        ),
        infobox_endings=frozenset(data["infobox"]["word_endings"]),
        infobox_kinds=frozenset(data["infobox"]["kinds"]),
        dateline=re.compile(data["dateline"]["pattern"]),
        dateline_kinds=frozenset(data["dateline"]["kinds"]),
        link_sections=frozenset(h.lower() for h in data["link_sections"]["headings"]),
        link_section_kinds=frozenset(data["link_sections"]["kinds"]),
        section_words=frozenset(w.lower() for w in data["sections"]["never_titles"]),
        journal_words=frozenset(w.lower() for w in data["journal"]["words"]),
        title_words=frozenset(w.lower() for w in data["journal"]["title_words"]),
    )


@functools.cache
def _known_forms(kind: str) -> tuple[re.Pattern[str], ...]:
    """Line forms the vocabulary gives a role other than the title: the tail's
    notes ("TRANSCRIBER'S NOTE"), the ebook's, and the kind's furniture and notes lines."""
    tail = layout_table("tail")
    patterns = [*tail["starts"], *tail["late_starts"], layout_table("ebook")["transcriber"]]
    forms = [re.compile(p, re.IGNORECASE) for p in patterns]
    forms += [
        e.pattern
        for e in vocabulary().lines
        if not e.kinds or kind in e.kinds
        if e.role in ("furniture", "notes")
    ]
    return tuple(forms)


def known_heading(text: str, kind: str) -> bool:
    """A line the vocabulary knows as a section or furniture heading: never the title."""
    vocab = vocabulary()
    bare = text.rstrip(":").strip().lower()
    if bare in vocab.section_words or bare in vocab.link_sections:
        return True
    return any(form.fullmatch(text) for form in _known_forms(kind))


__all__ = ["Evidence", "Vocabulary", "known_heading", "layout_table", "vocabulary"]
