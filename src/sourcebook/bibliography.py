"""The bibliography (``docs/references.bib``), read with pybtex.

pybtex does the parsing; errors it reports become diagnostics instead of
exceptions (``pybtex.errors.capture``).  pybtex keeps no line numbers, so
entry start lines are located in the raw text by their ``@type{key,`` head.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pybtex.errors
from pybtex.database import BibliographyDataError, parse_string

from sourcebook.diagnostics import Code, Diagnostic
from sourcebook.manifest import Subject

_ENTRY_HEAD = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Source:
    """One bibliography entry, flattened to plain strings."""

    key: str
    type: str
    #: lower-case field name -> value, as written (Unicode)
    fields: dict[str, str]
    #: role ("author", "editor") -> names as written
    persons: dict[str, tuple[str, ...]]
    line: int

    def get(self, name: str) -> str | None:
        return self.fields.get(name)

    @property
    def domain(self) -> str | None:
        url = self.get("url")
        if not url:
            return None
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None

    @property
    def outlet_names(self) -> tuple[str, ...]:
        """Publisher-like fields: who put the work out."""
        names = (
            self.get(f)
            for f in ("publisher", "journal", "howpublished", "organization", "institution")
        )
        return tuple(n for n in names if n)


@dataclass(frozen=True, slots=True)
class Bibliography:
    path: str
    sources: dict[str, Source] = field(default_factory=dict)
    #: key (lower-case) -> lines of every entry with that key
    key_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        lines = self.key_lines.get(key.lower())
        return lines[0] if lines else 1


def _line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def load_bibliography_text(raw: str, display: str) -> tuple[Bibliography, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    key_lines: dict[str, list[int]] = {}
    for match in _ENTRY_HEAD.finditer(raw):
        if match.group(1).lower() in ("comment", "preamble", "string"):
            continue
        key_lines.setdefault(match.group(2).lower(), []).append(
            _line_of_offset(raw, match.start(1))
        )
    for key, lines in key_lines.items():
        for line in lines[1:]:
            diags.append(
                Diagnostic(
                    display,
                    line,
                    1,
                    Code.DUPLICATE_KEY,
                    f"duplicate key '{key}' (first defined at line {lines[0]})",
                )
            )
    with pybtex.errors.capture() as errors:
        data = parse_string(raw, "bibtex")
    for error in errors:
        if isinstance(error, BibliographyDataError) and "repeated" in str(error):
            continue  # reported above, with both lines
        line = getattr(error, "lineno", None) or 1
        message = re.sub(r"^syntax error in line \d+: ", "", str(error))
        diags.append(
            Diagnostic(display, int(line), 1, Code.BIB_SYNTAX, f"BibTeX syntax error: {message}")
        )
    sources: dict[str, Source] = {}
    for key, entry in data.entries.items():
        lines = key_lines.get(key.lower(), [1])
        sources[key] = Source(
            key=key,
            type=entry.type.lower(),
            fields={k.lower(): str(v) for k, v in entry.fields.items()},
            persons={
                role.lower(): tuple(str(p) for p in people)
                for role, people in entry.persons.items()
            },
            line=lines[0],
        )
    return Bibliography(display, sources, {k: tuple(v) for k, v in key_lines.items()}), diags


def load_bibliography(
    path: Path, display: str | None = None
) -> tuple[Bibliography, list[Diagnostic]]:
    name = display or str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Bibliography(name), [
            Diagnostic(name, 1, 1, Code.BIB_SYNTAX, f"cannot read bibliography: {exc}")
        ]
    return load_bibliography_text(raw, name)


# -- independence (SPEC §4) ---------------------------------------------------

AFFILIATED = "affiliated"
INDEPENDENT = "independent"
UNKNOWN = "unknown"


def _fold(text: str) -> str:
    """Case- and apostrophe-insensitive form for matching outlet names.

    >>> _fold("Workers’ Liberty") == _fold("workers' liberty") == _fold("Workers Liberty")
    True
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"['’‘`]", "", text)
    return " ".join(re.findall(r"\w+", text))


def _domain_matches(domain: str, own: str) -> bool:
    """A domain matches its own outlet and that outlet's sub-domains.

    >>> _domain_matches("australia.workersliberty.org", "workersliberty.org")
    True
    >>> _domain_matches("notworkersliberty.org", "workersliberty.org")
    False
    """
    return domain == own or domain.endswith("." + own)


def independence(source: Source, subject: Subject) -> str:
    """Classify *source* as affiliated with, independent of, or unknown to *subject*.

    An explicit ``affiliation`` field wins; then the URL's domain; then the
    publisher-like fields.  With neither a URL nor a publisher the answer is
    unknown: absence of evidence is not independence.
    """
    explicit = source.get("affiliation")
    if explicit is not None:
        names = {_fold(n) for n in re.split(r"[,;]", explicit)}
        return (
            AFFILIATED
            if _fold(subject.id) in names or _fold(subject.name) in names
            else INDEPENDENT
        )
    domain = source.domain
    if domain and any(_domain_matches(domain, own) for own in subject.domains):
        return AFFILIATED
    own_names = [_fold(p) for p in subject.publishers]
    for outlet in source.outlet_names:
        folded = f" {_fold(outlet)} "
        if any(f" {name} " in folded for name in own_names if name):
            return AFFILIATED
    if domain or source.outlet_names:
        return INDEPENDENT
    return UNKNOWN
