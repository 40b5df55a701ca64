"""Rendering-safety rules (SB7xx): what the page generator refuses to put on a page.

The renderer escapes every contributor value, so markup in a manifest title
would only ever show as text; but a title holding ``{download}`` or
``\\input`` is an attack or a paste error either way, so the checker names it
(and the build, which runs these rules, refuses to start).  Values that the
renderer has to place *inside* markup -- bibliography keys in ``{footcite}``,
slugs in labels and file names, entity ids -- are never escaped into shape:
they must match :mod:`sourcebook.core.identifiers`, or the build stops.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pybtex.exceptions import PybtexError
from pybtex.richtext import Text as RichText

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.core.identifiers import describe, is_bibkey, is_slug
from sourcebook.core.urls import active_schemes
from sourcebook.corpus.bibliography import Bibliography
from sourcebook.corpus.entities import Entity
from sourcebook.corpus.load import Corpus
from sourcebook.corpus.manifest import DocumentEntry
from sourcebook.corpus.texcache import VerdictStore, value_key

#: an HTML start or end tag, or a comment: ``<b>``, ``</i>``, ``<img src=x onerror=...>``
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")
#: a TeX control word (``\input``, ``\write18``, ``\def``); a control symbol such as
#: ``\&`` escapes one character and runs nothing
_TEX = re.compile(r"\\[A-Za-z@]+")
#: a MyST role or directive, a substitution or a template tag; bounded, so the scan stays linear
_MYST = re.compile(
    r"\{[A-Za-z][\w:+.-]{0,60}\}`|(?:```|:::)\s*\{[A-Za-z]|\{\{[^{}\n]{0,200}\}\}|\{%[^\n]{0,200}?%\}"
)
#: a Markdown autolink, ``<https://host/x>`` or ``<name@host>``: a link wherever Markdown is read
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\s]*>|<[^<>@\s]+@[^<>@\s]+>")
#: a backtick: opens a Markdown/MyST code span, and a run of them fences one
_BACKTICK = re.compile(r"`+")
_KINDS = (
    (_HTML, "HTML"),
    (_TEX, "TeX commands"),
    (_MYST, "MyST markup"),
    (_AUTOLINK, "an autolink"),
)

#: manifest fields shown on pages as text
_MANIFEST_TEXT = ("title", "authors", "date", "publisher", "licence", "marker_noun")


def markup_in(text: str) -> str | None:
    """What markup *text* holds, in words, or ``None`` for plain text.

    >>> markup_in("2019-10-22 {download}`../secret.txt`")
    "MyST markup '{download}`'"
    >>> markup_in("x` ![i](https://e.example/i.png) `y")
    "a backtick '`' (it opens a code span)"
    >>> markup_in("Workers’ Liberty & friends <3") is None
    True
    >>> markup_in("see <https://evil.example/login>")
    "an autolink '<https://evil.example/login>'"
    >>> markup_in("\\\\input{/etc/passwd} <img src=x onerror=alert(1)>")
    "HTML '<img src=x onerror=alert(1)>'; TeX commands '\\\\input'"
    """
    found = []
    for pattern, what in _KINDS:
        hits = sorted(set(pattern.findall(text)))
        if hits:
            found.append(f"{what} " + ", ".join(f"'{hit}'" for hit in hits[:3]))
    schemes = active_schemes(text)
    if schemes:
        found.append("a script or data link " + ", ".join(f"'{s}'" for s in schemes[:3]))
    if not found and _BACKTICK.search(text):  # named alone: a role above already says more
        found.append("a backtick '`' (it opens a code span)")
    return "; ".join(found) or None


def _manifest_values(entry: DocumentEntry) -> Iterator[tuple[str, str]]:
    for name in _MANIFEST_TEXT:
        value = getattr(entry, name)
        values = value if isinstance(value, tuple) else (value,)
        for one in values:
            if isinstance(one, str):
                yield name, one


def _manifest_rules(entry: DocumentEntry) -> Iterator[Diagnostic]:
    path = entry.path
    if not is_slug(entry.slug):
        yield Diagnostic(
            path,
            1,
            1,
            Code.UNSAFE_IDENTIFIER,
            f"slug '{entry.slug}' is not an identifier ({describe('slug')})",
        )
    if entry.bibkey is not None and not is_bibkey(entry.bibkey):
        yield Diagnostic(
            path,
            entry.line_of("bibkey"),
            1,
            Code.UNSAFE_IDENTIFIER,
            f"bibkey {entry.bibkey!r} is not a bibliography key ({describe('bibkey')})",
        )
    for name, value in _manifest_values(entry):
        problem = markup_in(value)
        if problem:
            yield Diagnostic(
                path,
                entry.line_of(name),
                1,
                Code.MARKUP_IN_TEXT,
                f"document '{entry.slug}': '{name}' holds {problem}; write plain text",
            )


def _apparatus_rules(entry: DocumentEntry) -> Iterator[Diagnostic]:
    path = entry.apparatus_path or entry.path
    for citation in entry.citations:
        for key in citation.keys:
            if not is_bibkey(key):
                line = citation.line_of("keys")
                yield Diagnostic(
                    path,
                    line,
                    1,
                    Code.UNSAFE_IDENTIFIER,
                    f"marker '{citation.label}' cites {key!r}, which is not a "
                    f"bibliography key ({describe('bibkey')})",
                )
        for name, value in (("locator", citation.locator), ("note", citation.note)):
            problem = markup_in(value) if value else None
            if problem:
                yield Diagnostic(
                    path,
                    citation.line_of(name),
                    1,
                    Code.MARKUP_IN_TEXT,
                    f"marker '{citation.label}': '{name}' holds {problem}; write plain text",
                )


def _entity_rules(root: Path, entities: tuple[Entity, ...]) -> Iterator[Diagnostic]:
    for entity in entities:
        display = entity.path
        if not is_slug(entity.id):
            yield Diagnostic(
                display,
                1,
                1,
                Code.UNSAFE_IDENTIFIER,
                f"entity id '{entity.id}' is not an identifier ({describe('slug')})",
            )
        values = [("name", n) for n in entity.names] + [("description", entity.description)]
        for name, value in values:
            problem = markup_in(value)
            if problem:
                yield Diagnostic(
                    display,
                    entity.line_of("aliases" if value in entity.aliases else name),
                    1,
                    Code.MARKUP_IN_TEXT,
                    f"entity {entity.id}: '{name}' holds {problem}; write plain text",
                )


def tex_problem(value: str) -> str:
    """Why pybtex cannot read *value* as TeX, or ``""``."""
    try:
        RichText.from_latex(value)
    except (PybtexError, UnicodeDecodeError) as exc:  # latexcodec: a lone trailing backslash
        return str(exc) or type(exc).__name__
    return ""


def _tex_rules(bib: Bibliography, cache_home: Path | None) -> Iterator[Diagnostic]:
    """Fields pybtex would fail on while formatting the bibliography (a crash, not a page).

    Decoding is the costly part of the check and its verdict depends on the
    value alone, so verdicts are kept between runs (:mod:`.verdicts`).
    """
    store = VerdictStore("tex", ("pybtex", "latexcodec"), cache_home).load()
    for key, source in sorted(bib.sources.items()):
        values = sorted(source.fields.items())
        values += [(role, name) for role, names in sorted(source.persons.items()) for name in names]
        for name, value in values:
            digest = value_key(value)
            problem = store.get(digest)
            if problem is None:
                problem = tex_problem(value)
                store.put(digest, problem)
            if problem:
                yield Diagnostic(
                    bib.path,
                    source.line,
                    1,
                    Code.UNREADABLE_TEX,
                    f"{key}: field '{name}' is not well-formed TeX ({problem}); "
                    "balance its braces and write % as \\%",
                )
    store.save()


def entry_render_rules(entry: DocumentEntry) -> list[Diagnostic]:
    """The SB7xx problems of one document's two files (its slug, values and keys)."""
    return [*_manifest_rules(entry), *_apparatus_rules(entry)]


def render_rules(root: Path, corpus: Corpus, cache_home: Path | None = None) -> list[Diagnostic]:
    """Every SB7xx problem of the project at *root* (whose corpus is loaded).

    TeX verdicts are kept under *cache_home* (none kept when it is ``None``).
    """
    diags = [d for entry in corpus.manifest.documents for d in entry_render_rules(entry)]
    return diags + shared_render_rules(root, corpus, cache_home)


def shared_render_rules(
    root: Path, corpus: Corpus, cache_home: Path | None = None
) -> list[Diagnostic]:
    """The SB7xx problems of the bibliography and the entities (no document's own)."""
    return tex_rules(corpus.bibliography, cache_home) + entity_rules(root, corpus)


def tex_rules(bib: Bibliography, cache_home: Path | None = None) -> list[Diagnostic]:
    """The bibliography's fields that pybtex could not read (SB7xx)."""
    return list(_tex_rules(bib, cache_home))


def entity_rules(root: Path, corpus: Corpus) -> list[Diagnostic]:
    """The entities' identifiers and markup (SB7xx)."""
    # the entities file's own problems come with the corpus (its loader reports them)
    return list(_entity_rules(root, corpus.entities))
