"""A tiny project written from scratch for the contributor-file tests.

Every text here is our own; line numbers of the files matter (the bad-input
catalogue asserts ``path:line:col``), so edit them only together with it.
The layout is the project's (``docs/manual/formats.md``): one folder per
document, one file per subject, entity and bibliography entry.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

SEED = (
    "Lamps of the World\n\n"
    "Lamps give light.[1] They are useful and cheap.[2]\n\n"
    "A second paragraph says more about lamps.\n"
)
SEED_SHA = hashlib.sha256(SEED.encode()).hexdigest()

DOCUMENT = "seeds/alpha/document.toml"
APPARATUS = "seeds/alpha/apparatus.toml"
EXTRACT = "seeds/alpha/extract.txt"
SUBJECT = "seeds/subjects/acme.toml"
ENTITY = "seeds/entities/acme.toml"
BASELINE = "seeds/baseline.toml"
BOOK = "docs/references/example2001lamps.bib"
ONLINE = "docs/references/lamp2002light.bib"

#: line n of the document file is DOCUMENT_LINES[n - 1]
DOCUMENT_LINES = [
    f'sha256 = "{SEED_SHA}"',
    'kind = "wikipedia"',
    'title = "Lamps of the World"',
    'authors = ["Ada Example"]',
    'date = "2001-02-03"',
    'url = "https://lamps.example/world"',
    'bibkey = "example2001lamps"',
    'subject = "acme"',
]

APPARATUS_LINES = [
    "version = 1",
    "",
    "[[marker]]",
    'label = "1"',
    'keys = ["lamp2002light"]',
    'confidence = "established"',
    "",
    "[[marker]]",
    'label = "2"',
    "keys = []",
    'note = "Not found yet."',
]

SUBJECT_LINES = [
    'name = "Acme Society"',
    'domains = ["acme.example"]',
]

ENTITY_LINES = [
    'name = "Acme Society"',
    'type = "organisation"',
    'description = "A society that makes lamps."',
    'aliases = ["Acme"]',
]

BASELINE_LINES = [
    "version = 1",
    "unresolved_flagged_claims = 0",
    "unmapped_markers = 1",
    'documents = ["alpha"]',
    "unresolved_claims = []",
    'unmapped = ["alpha/2"]',
]

BOOK_ENTRY = (
    "@book{example2001lamps, author = {Example, Ada}, title = {Lamps of the World},\n"
    "  publisher = {Lamp Press}, year = {2001}}\n"
)
ONLINE_ENTRY = (
    "@online{lamp2002light, author = {Light, Lou}, title = {On Light},\n"
    "  url = {https://light.example/}, year = {2002}}\n"
)

FILES = {
    DOCUMENT: DOCUMENT_LINES,
    APPARATUS: APPARATUS_LINES,
    SUBJECT: SUBJECT_LINES,
    ENTITY: ENTITY_LINES,
    BASELINE: BASELINE_LINES,
}


def write_project(root: Path) -> Path:
    """Write the clean project under *root* and return *root*."""
    for folder in ("seeds/alpha", "seeds/subjects", "seeds/entities", "docs/references"):
        (root / folder).mkdir(parents=True)
    (root / EXTRACT).write_text(SEED, encoding="utf-8")
    (root / BOOK).write_text(BOOK_ENTRY, encoding="utf-8")
    (root / ONLINE).write_text(ONLINE_ENTRY, encoding="utf-8")
    for name, lines in FILES.items():
        (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def edited(name: str, changes: dict[int, str]) -> str:
    """File *name* with 1-based line numbers replaced (a line may hold several)."""
    lines = list(FILES[name])
    for number, text in changes.items():
        if number > len(lines):
            lines.extend([""] * (number - len(lines)))
        lines[number - 1] = text
    return "\n".join(lines) + "\n"
