"""Entry rules for a bibliography: what every entry must hold, and may not.

:mod:`sourcebook.corpus.bibliography` has loaded the file with exact positions;
these rules read its entries (duplicates included: an entry skipped as a
duplicate is still validated) and report each finding at the field that
holds it.  Text rules look at each value *as written*, piece by piece: a
problem inside an ``@string`` is reported once, at the string, not at every
entry that uses it.  Data-model rules (types, fields, cross references,
shapes) live in :mod:`sourcebook.check.bibmodel`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sourcebook.bib.latex import CONTROL_WORD, classify_at
from sourcebook.bib.scan import Piece
from sourcebook.check.bibmodel import model_diagnostics
from sourcebook.check.bibvalues import date_problems, number_problems
from sourcebook.check.crossref import inherited
from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.core.lines import LineIndex
from sourcebook.core.urls import active_schemes, url_problem, urls_in_text
from sourcebook.corpus.bibliography import Bibliography, Source

#: entry type -> groups of fields; each group needs at least one of its fields (SPEC §5);
#: biblatex's names count as well as BibTeX's (``journaltitle`` for ``journal``, ``date``
#: for ``year``), since the reader renders both
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "book": (("author", "editor"), ("title",), ("publisher", "url"), ("year", "date")),
    "article": (("author",), ("title",), ("journal", "journaltitle"), ("year", "date")),
    "misc": (("title",), ("url", "howpublished")),
    "online": (("title",), ("url", "howpublished")),
}
#: types that are not works a reader can look up, so need no title
NOT_WORKS = frozenset({"xdata", "set"})
#: other types: a reader must at least be able to name the work
DEFAULT_REQUIRED: tuple[tuple[str, ...], ...] = (("title",),)

_DOI = re.compile(r"10\.\d{4,9}/\S+")

#: an HTML start or end tag, or a comment: ``<b>``, ``</i>``, ``<img src=x onerror=...>``
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")
#: MyST role or directive (``{raw}`html```, ```` ```{include} ````); ``{{...}}`` is BibTeX
#: case protection, not a substitution: the reader never reads bib values as MyST
_MYST = re.compile(r"\{[A-Za-z][\w:+-]*\}`|(?:```|:::)\s*\{[A-Za-z]")
#: fields holding a URL, a path or an identifier verbatim: no TeX is decoded there
VERBATIM = frozenset({"url", "doi", "file", "pdf", "eprint", "verba", "verbb", "verbc"})


def _has(source: Source, name: str) -> bool:
    value = source.fields.get(name)
    return bool(source.persons.get(name)) or bool(value and value.strip())


def required_fields(source: Source) -> list[str]:
    """Human-readable list of required field groups the entry lacks.

    >>> required_fields(Source("k", "book", {"title": "T", "year": "2000"}, {}, 1))
    ['author or editor', 'publisher or url']
    >>> required_fields(Source("k", "misc", {"title": "T", "url": "https://x.org"}, {}, 1))
    []
    """
    if source.type in NOT_WORKS:
        return []
    groups = REQUIRED.get(source.type, DEFAULT_REQUIRED)
    return [" or ".join(group) for group in groups if not any(_has(source, f) for f in group)]


def _url_problems(source: Source) -> Iterator[tuple[str, str]]:
    url = source.get("url")
    if url is not None:
        problem = url_problem(url)
        if problem:
            yield "url", f"url '{url}': {problem}"
    doi = source.get("doi")
    if doi is not None:
        if doi.lower().startswith(("http:", "https:")):
            problem = url_problem(doi)
            if problem:
                yield "doi", f"doi '{doi}': {problem}"
        elif not _DOI.fullmatch(doi.strip()):
            yield "doi", f"doi '{doi}' is not a DOI (10.NNNN/suffix)"
    yield from _links_in_text(source)


def _links_in_text(source: Source) -> Iterator[tuple[str, str]]:
    # links written in prose are linkified by readers and PDF viewers alike
    for name, value in sorted(source.fields.items()):
        if name in ("url", "doi") or ":" not in value:
            continue  # checked whole above; no scheme without a colon
        for pseudo in active_schemes(value):
            yield name, f"field '{name}' holds a '{pseudo}' link; only http and https are allowed"
        for link in urls_in_text(value):
            problem = url_problem(link)
            if problem:
                yield name, f"link '{link}' in field '{name}': {problem}"


def _field_values(source: Source) -> Iterator[tuple[str, str]]:
    yield from sorted(source.fields.items())
    yield from ((role, " and ".join(names)) for role, names in sorted(source.persons.items()))


def _text_problems(source: Source) -> Iterator[tuple[str, str]]:
    """HTML and MyST markup in a flattened value (TeX is judged piece by piece)."""
    for name, value in _field_values(source):
        if "<" not in value and "`" not in value and ":::" not in value:
            continue  # neither pattern can match: the common case, cheaply
        for pattern, what in ((_HTML, "HTML"), (_MYST, "MyST markup")):
            found = ", ".join(f"'{f}'" for f in sorted(set(pattern.findall(value))))
            if found:
                yield (
                    name,
                    (
                        f"field '{name}' holds {what} {found}; write "
                        "plain Unicode text (markup could become active in the reader or PDF)"
                    ),
                )


RULES = (
    (Code.BAD_DATE, date_problems),
    (Code.BAD_ISBN, number_problems),
    (Code.UNSAFE_URL, _url_problems),
    (Code.UNSAFE_TEXT, _text_problems),
)


def tex_problems(
    pieces: tuple[Piece, ...], index: LineIndex
) -> Iterator[tuple[int, int, Code, str]]:
    """TeX control words in the text pieces of one value that the reader does not decode.

    Yields ``(line, col, code, description)`` once per kind of problem, at its
    first occurrence; macro pieces are skipped (judged once, at the ``@string``).
    """
    found: dict[Code, tuple[int, list[str]]] = {}
    for piece in pieces:
        if piece.kind != "text" or "\\" not in piece.text:
            continue
        for match in CONTROL_WORD.finditer(piece.text):
            kind = classify_at(piece.text, match)
            if kind == "decoded":
                continue
            code = Code.UNSAFE_TEXT if kind == "active" else Code.BIB_TEX_FORMATTING
            offset, names = found.setdefault(code, (piece.offset + match.start(), []))
            if match.group() not in names:
                names.append(match.group())
    for code, (offset, names) in sorted(found.items(), key=lambda item: item[1][0]):
        listed = ", ".join(f"'{n}'" for n in names)
        if code is Code.UNSAFE_TEXT:
            what = f"TeX commands {listed} that could become active; write plain Unicode text"
        else:
            what = f"TeX formatting {listed} that the reader shows literally; write plain text"
        yield (*index.position(offset), code, what)


def _tex_diagnostics(bib: Bibliography, source: Source) -> Iterator[Diagnostic]:
    if bib.index is None:
        return
    for name, pieces in sorted(source.pieces.items()):
        if name in VERBATIM:
            continue
        for line, col, code, what in tex_problems(pieces, bib.index):
            yield Diagnostic(
                bib.path, line, col, code, f"{source.key}: field '{name}' holds {what}"
            )


def check_strings(bib: Bibliography) -> list[Diagnostic]:
    """Text rules on each ``@string`` value, once, where it is defined."""
    diags: list[Diagnostic] = []
    for string in bib.strings:
        label = f"@string '{string.name}'"
        if bib.index is not None:
            for line, col, code, what in tex_problems(string.pieces, bib.index):
                diags.append(Diagnostic(bib.path, line, col, code, f"{label} holds {what}"))
        probe = Source(string.name, "string", {string.name: string.value}, {}, 1)
        for rule in (_text_problems, _links_in_text):
            for _name, message in rule(probe):
                diags.append(
                    Diagnostic(
                        bib.path,
                        string.line,
                        string.col,
                        Code.UNSAFE_TEXT if rule is _text_problems else Code.UNSAFE_URL,
                        f"{label}: {message}",
                    )
                )
    return diags


def _strings_with_links_reported(bib: Bibliography) -> set[str]:
    """Names (folded) of the ``@string``s whose value has a link finding of its own."""
    return {
        string.name.lower()
        for string in bib.strings
        if any(_links_in_text(Source(string.name, "string", {string.name: string.value}, {}, 1)))
    }


def _uses(source: Source, name: str, macros: set[str]) -> bool:
    """True when field *name* of *source* is built from one of *macros*."""
    pieces = source.pieces.get(name, ())
    return any(piece.kind == "macro" and piece.text.lower() in macros for piece in pieces)


def broken_keys(bib: Bibliography) -> set[str]:
    """Keys of entries that could not be read (a syntax error or a bad key): the loader's."""
    return set(bib.broken)


def check_entries(
    bib: Bibliography,
    raw: str | None = None,
    skip: set[str] | None = None,
    model_required: bool = False,
) -> list[Diagnostic]:
    """Every entry rule on every entry read, duplicates included, and on every ``@string``.

    *raw* is no longer needed (positions come from the loader); *skip* keys
    are left out; *model_required* puts the data models' required fields (SB327) in
    place of the project's (SB304).
    """
    diags: list[Diagnostic] = []
    reported = _strings_with_links_reported(bib)
    for source in bib.entries:
        if skip and source.key in skip:
            continue
        # check-bib judges required fields by the data models alone (SB327): one finding
        # per missing field, not the project's rule (SB304) as well
        missing = [] if model_required else required_fields(inherited(source, bib))
        if missing:
            diags.append(
                Diagnostic(
                    bib.path,
                    source.line,
                    source.col,
                    Code.MISSING_FIELD,
                    f"@{source.type}{{{source.key}}} lacks required field "
                    + ", ".join(f"'{m}'" for m in missing),
                )
            )
        for code, rule in RULES:
            for name, message in rule(source):
                if code is Code.UNSAFE_URL and _uses(source, name, reported):
                    continue  # reported once, at the @string every user shares
                line, col = source.position(name)
                diags.append(Diagnostic(bib.path, line, col, code, f"{source.key}: {message}"))
        diags.extend(_tex_diagnostics(bib, source))
    diags.extend(check_strings(bib))
    diags.extend(model_diagnostics(bib, model_required))
    return diags
