"""Writing test corpora in the project's layout: a folder per document, a file per source.

The tests' one helper for constructed projects (``docs/manual/formats.md``):
whatever a test builds goes through here, so a change of layout changes this
module, not every test.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sourcebook.corpus.migrate import split_bib
from sourcebook.inputs import layout


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


def add_document(
    root: Path, slug: str, text: str | bytes, kind: str, title: str, **fields: object
) -> Path:
    """Write ``seeds/<slug>/`` (extract, document file, an empty apparatus); return the folder.

    *fields* are further keys of ``document.toml`` (``url=...``, ``subject=...``).
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    folder = root / layout.SEEDS / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / layout.EXTRACT).write_bytes(data)
    values = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "kind": kind,
        "title": title,
        **fields,
    }
    lines = [f"{key} = {toml_value(value)}" for key, value in values.items()]
    (folder / layout.DOCUMENT).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / layout.APPARATUS).write_text("version = 1\n", encoding="utf-8")
    return folder


def add_entries(root: Path, bibtex: str) -> list[str]:
    """Write each entry of *bibtex* to ``docs/references/<key>.bib``; return the keys."""
    written = []
    for key, text in split_bib(bibtex).items():
        path = root / layout.reference_of(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(key)
    return written


def reference(root: Path, key: str) -> Path:
    """The file of bibliography entry *key*."""
    return root / layout.reference_of(key)


def apparatus(root: Path, slug: str) -> Path:
    return root / layout.apparatus_of(slug)


def extract(root: Path, slug: str) -> Path:
    return root / layout.SEEDS / layout.extract_of(slug)


def document(root: Path, slug: str) -> Path:
    return root / layout.document_of(slug)


def all_entries(root: Path) -> str:
    """Every bibliography file of *root*, joined in key order (what the loader reads)."""
    folder = root / layout.REFERENCES
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.bib")))
