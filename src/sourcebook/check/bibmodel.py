"""Data-model rules: entry types, fields, cross references, value shapes, names, preamble.

Each rule reads the loaded :class:`~sourcebook.corpus.bibliography.Bibliography`
and yields located diagnostics; none depends on another, and every entry
read (duplicates included) is checked.  Linear in the number of entries and
fields: lookups are dictionary lookups, the reference graph is walked once.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from sourcebook.bib import datamodel
from sourcebook.bib.latex import CONTROL_WORD
from sourcebook.check.crossref import inherited
from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.corpus.bibliography import Bibliography, Source

#: fields that name other entries: field -> takes a comma-separated list
REFERENCES = {"crossref": False, "xref": False, "xdata": True, "related": True}
#: references whose targets lend fields to the entry; these must not form cycles
INHERITING = ("crossref", "xref", "xdata")

_ROMAN = r"[ivxlcdmIVXLCDM\u2160-\u2188]+"
#: one page: 12, e1234, S12, M-1, xii, 12f
_PAGE = rf"(?:[A-Za-z]{{0,3}}-?\d+[A-Za-z]?|{_ROMAN})"
#: a page or a range (open-ended ranges such as 123-- are valid biblatex), maybe 123+
_PAGES = re.compile(rf"{_PAGE}(?:\s*(?:-{{1,3}}|–|—)\s*(?:{_PAGE})?)?\+?")
#: volume or number: 12, 12a, iv, A, 3-4, 3/4, S2, Suppl. 2, n.s. 2
_NUMBERISH = re.compile(
    rf"(?:[A-Za-z.]{{1,8}}(?:\.\s?|\s))?(?:[A-Za-z]{{0,3}}\d+[A-Za-z]?|{_ROMAN}|[A-Z])"
)
_LIST_SEP = re.compile(r"\s*[,;]\s*|\s+and\s+")
_RANGE_SEP = re.compile(r"\s*(?:-{1,3}|–|/)\s*")
_EXTENDED_PART = re.compile(r"\s*([A-Za-z-]+)\s*=")
_EXTENDED_KEYS = frozenset(
    [
        "family",
        "given",
        "prefix",
        "suffix",
        "useprefix",
        "giveni",
        "familyi",
        "prefixi",
        "suffixi",
        "id",
        "hash",
    ]
)


def _at(bib: Bibliography, source: Source, name: str | None, code: Code, text: str) -> Diagnostic:
    line, col = source.position(name) if name else (source.line, source.col)
    return Diagnostic(bib.path, line, col, code, f"{source.key}: {text}")


def type_problems(bib: Bibliography, source: Source) -> Iterator[Diagnostic]:
    if datamodel.known_type(source.type):
        return
    if datamodel.unsupported_type(source.type):
        yield _at(
            bib,
            source,
            None,
            Code.BIB_UNSUPPORTED_TYPE,
            f"biblatex's standard styles have no driver for @{source.type}; the reader "
            "renders it as @misc (use @misc or @online to say so)",
        )
        return
    near = datamodel.suggest_type(source.type)
    hint = f"; did you mean @{near}?" if near else " (the reader renders it as @misc)"
    yield _at(
        bib,
        source,
        None,
        Code.BIB_UNKNOWN_TYPE,
        f"@{source.type} is not a BibTeX or biblatex entry type{hint}",
    )


def model_required_problems(bib: Bibliography, source: Source) -> Iterator[Diagnostic]:
    """Fields the data model requires (biber's "missing mandatory field"), as a warning.

    Either dialect's name satisfies a requirement, and fields inherited
    through ``crossref``/``xdata`` count.
    """
    groups = datamodel.model_required(source.type)
    if not groups:
        return
    full = inherited(source, bib)
    present = {name for name, value in full.fields.items() if value.strip()} | {
        role for role, names in full.persons.items() if names
    }
    missing = [
        " or ".join(group)
        for group in groups
        if not any(alias in present for f in group for alias in datamodel.SAME_FIELD.get(f, (f,)))
    ]
    if missing:
        yield _at(
            bib,
            source,
            None,
            Code.BIB_MODEL_REQUIRED,
            f"the data model requires {', '.join(repr(m) for m in missing)} for @{source.type}",
        )


def field_problems(bib: Bibliography, source: Source) -> Iterator[Diagnostic]:
    names = [*source.fields, *source.persons]
    for name in sorted(names, key=source.position):
        if datamodel.known_field(name):
            continue
        near = datamodel.suggest_field(name)
        hint = f"; did you mean '{near}'?" if near else ""
        yield _at(
            bib,
            source,
            name,
            Code.BIB_UNKNOWN_FIELD,
            f"field '{name}' is not in the BibTeX or biblatex data model{hint}",
        )


def _targets(source: Source, name: str) -> list[str]:
    value = source.get(name)
    if not value:
        return []
    if not REFERENCES[name]:
        return [value.strip()]
    return [t for t in (part.strip() for part in value.split(",")) if t]


def reference_problems(
    bib: Bibliography, source: Source, folded: dict[str, str]
) -> Iterator[Diagnostic]:
    """Targets of ``crossref``/``xref``/``xdata``/``related``; *folded* maps lower-case keys."""
    for name in REFERENCES:
        for target in _targets(source, name):
            if target in bib.sources or target.lower() in folded:
                continue  # BibTeX and pybtex match cross-reference keys ignoring case
            if target.lower() in bib.broken or target in bib.broken:
                message = f"{name} '{target}' names an entry that could not be read"
            else:
                message = f"{name} '{target}' is not an entry of this file"
            yield _at(bib, source, name, Code.BIB_MISSING_TARGET, message)


def reference_cycles(bib: Bibliography) -> Iterator[Diagnostic]:
    """Cycles through ``crossref``/``xref``/``xdata``; each reported once, at its first entry.

    Iterative three-colour depth-first search: linear in entries + references.
    """
    folded = bib.folded
    graph = {
        key: [
            folded[t.lower()]
            for name in INHERITING
            for t in _targets(src, name)
            if t.lower() in folded
        ]
        for key, src in bib.sources.items()
    }
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in graph:
        if root in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
        state[root] = 1
        path.append(root)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                cycle = [*path[path.index(child) :], child]
                first = min(cycle[:-1], key=lambda k: bib.sources[k].line)
                source = bib.sources[first]
                yield _at(
                    bib,
                    source,
                    None,
                    Code.BIB_REFERENCE_CYCLE,
                    "crossref/xref/xdata references form a cycle: " + " -> ".join(cycle),
                )
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))


def shape_problems(bib: Bibliography, source: Source) -> Iterator[Diagnostic]:
    pages = source.get("pages")
    if pages and pages.strip():
        parts = _LIST_SEP.split(pages.strip().replace("{", "").replace("}", ""))
        if not all(_PAGES.fullmatch(p) for p in parts):
            yield _at(
                bib,
                source,
                "pages",
                Code.BIB_FIELD_SHAPE,
                f"pages '{pages}' is not a page, a range (12--15) or a list of them"
                + ("; leave out 'pp.'" if re.match(r"(?i)pp?\.", pages.strip()) else ""),
            )
        else:
            yield from _reversed_ranges(bib, source, parts)
    # a report's or patent's number is an identifier of any shape; a journal issue's is not
    numbered = ("volume", "number") if source.type in ("article", "periodical") else ("volume",)
    for name in numbered:
        value = source.get(name)
        if not value or not value.strip():
            continue
        parts = _RANGE_SEP.split(value.strip().replace("~", " "))
        if not all(_NUMBERISH.fullmatch(p) for p in parts) or len(value) > 30:
            yield _at(
                bib,
                source,
                name,
                Code.BIB_FIELD_SHAPE,
                f"{name} '{value}' does not look like a {name} (12, 12a, iv, 3--4, Suppl. 2)",
            )


def _reversed_ranges(bib: Bibliography, source: Source, parts: list[str]) -> Iterator[Diagnostic]:
    for part in parts:
        ends = re.fullmatch(r"(\d+)\s*(?:-{1,3}|–|—)\s*(\d+)", part)
        if (
            ends
            and int(ends.group(2)) < int(ends.group(1))
            and len(ends.group(2)) >= len(ends.group(1))
        ):
            yield _at(
                bib,
                source,
                "pages",
                Code.BIB_FIELD_SHAPE,
                f"page range '{part}' ends before it starts",
            )


def name_problems(bib: Bibliography, source: Source) -> Iterator[Diagnostic]:
    """Empty names (``A and and B``) and names with too many commas.

    biblatex's extended name format (``family=Smith, given=John``) is valid.
    """
    for role, names in sorted(source.persons.items()):
        for name in names:
            parts = datamodel.extended_name(name)
            if parts is not None and name.count(",") > 2:
                yield _at(
                    bib,
                    source,
                    role,
                    Code.BIB_EXTENDED_NAME,
                    f"{role} '{name}' has more parts than pybtex (which renders the reader) "
                    f"can read; write '{datamodel.bibtex_name(parts)}'",
                )
                continue
            problem = _name_problem(name)
            if problem:
                yield _at(bib, source, role, Code.BIB_NAME, f"{role} '{name}': {problem}")


def _top_level_split(text: str) -> list[str]:
    """*text* split at the commas outside braces."""
    depth, commas = 0, []
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            commas.append(index)
    bounds = [-1, *commas, len(text)]
    return [text[a + 1 : b] for a, b in itertools.pairwise(bounds)]


def _name_problem(name: str) -> str | None:
    """What is wrong with one name of a name list, if anything.

    >>> _name_problem("family=Smith, given=John, prefix=van, useprefix=true") is None
    True
    >>> _name_problem("Smith, John, Jr.") is None, _name_problem("Smith, J, Jr, X")
    (True, 'a name has at most two commas (Last, Jr, First)')
    >>> _name_problem("and X")
    "empty name (look for 'and and' or a trailing 'and')"
    >>> _name_problem("family=Smith, John")
    'mixes the extended name format (family=...) with plain parts'

    """
    stripped = name.strip()
    if not stripped or stripped == "," or re.fullmatch(r"(?is)and\s.*|.*\sand|and", stripped):
        return "empty name (look for 'and and' or a trailing 'and')"
    if "," not in stripped and "=" not in stripped:
        return None  # the common case, "First Last"
    parts = _top_level_split(stripped) if "{" in stripped else stripped.split(",")
    extended = [_EXTENDED_PART.match(p) for p in parts]
    if any(extended):
        if not all(extended):
            return "mixes the extended name format (family=...) with plain parts"
        return None
    if len(parts) > 3:
        return "a name has at most two commas (Last, Jr, First)"
    return None


def preamble_problems(bib: Bibliography) -> Iterator[Diagnostic]:
    """``@preamble`` text goes verbatim into a BibTeX-built document: no TeX at all."""
    for preamble in bib.preambles:
        words = sorted({m.group() for m in CONTROL_WORD.finditer(preamble.value)})
        if words:
            yield Diagnostic(
                bib.path,
                preamble.line,
                preamble.col,
                Code.BIB_PREAMBLE,
                "@preamble holds TeX " + ", ".join(f"'{w}'" for w in words) + ", which would "
                "run in any document built with BibTeX; the reader ignores @preamble, remove it",
            )


def model_diagnostics(bib: Bibliography, model_required: bool = False) -> list[Diagnostic]:
    """Every data-model rule on every entry read, and on the file's cross references.

    *model_required* adds the data models' required fields (SB327): ``check-bib``
    does; ``sourcebook check`` has the project's own rule instead (SB304, which
    accepts a ``url`` where no publisher could be established).
    """
    diags: list[Diagnostic] = []
    folded = bib.folded
    for source in bib.entries:
        rules = (type_problems, field_problems, shape_problems, name_problems)
        for rule in (model_required_problems, *rules) if model_required else rules:
            diags.extend(rule(bib, source))
        diags.extend(reference_problems(bib, source, folded))
    diags.extend(reference_cycles(bib))
    diags.extend(preamble_problems(bib))
    return diags
