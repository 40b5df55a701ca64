"""A tiny project written from scratch for the contributor-file tests.

Every text here is our own; line numbers of the files matter (the bad-input
catalogue asserts ``path:line:col``), so edit them only together with it.
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

#: line n of the manifest is MANIFEST_LINES[n - 1]
MANIFEST_LINES = [
    "version = 1",
    "",
    "[[subject]]",
    'id = "acme"',
    'name = "Acme Society"',
    'domains = ["acme.example"]',
    "",
    "[[document]]",
    'slug = "alpha"',
    'file = "alpha.txt"',
    f'sha256 = "{SEED_SHA}"',
    'kind = "wikipedia"',
    'title = "Lamps of the World"',
    'authors = ["Ada Example"]',
    'date = "2001-02-03"',
    'url = "https://lamps.example/world"',
    'bibkey = "example2001lamps"',
    'subject = "acme"',
    'apparatus = "apparatus/alpha.toml"',
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

ENTITIES_LINES = [
    "version = 1",
    "",
    "[[entity]]",
    'id = "acme"',
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

BIB = (
    "@book{example2001lamps, author = {Example, Ada}, title = {Lamps of the World},\n"
    "  publisher = {Lamp Press}, year = {2001}}\n"
    "@online{lamp2002light, author = {Light, Lou}, title = {On Light},\n"
    "  url = {https://light.example/}, year = {2002}}\n"
)

FILES = {
    "seeds/manifest.toml": MANIFEST_LINES,
    "seeds/apparatus/alpha.toml": APPARATUS_LINES,
    "seeds/entities.toml": ENTITIES_LINES,
    "seeds/baseline.toml": BASELINE_LINES,
}


def write_project(root: Path) -> Path:
    """Write the clean project under *root* and return *root*."""
    (root / "seeds/apparatus").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "seeds/alpha.txt").write_text(SEED, encoding="utf-8")
    (root / "docs/references.bib").write_text(BIB, encoding="utf-8")
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
