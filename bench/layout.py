"""Where a generated corpus's files go: the one place that knows the corpus layout.

The generators (``realistic.py``, ``synth.py``) describe a corpus as data
(:class:`Corpus`); :func:`write_corpus` lays it out as the project does today:

* ``seeds/<file>.txt`` for each document's text and ``seeds/manifest.toml``
  for its facts (with the seed's sha256),
* ``seeds/apparatus/<slug>.toml`` for each document's markers,
* ``docs/references.bib``: the project's own entries followed by the new ones,
* ``seeds/entities.toml``: the project's entities followed by the new ones,
* ``seeds/baseline.toml``: made by ``sourcebook check --update-baseline``.

When the corpus moves to another layout (a folder per document), only this
module changes.  :func:`edit_one_seed` is the bench's one-seed edit, which
also has to know where a seed and its checksum live.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_LONG_WORD = re.compile(r"\b[a-z]{5,}\b")


@dataclass(slots=True)
class Document:
    """A document: manifest fields (``sha256``, ``apparatus`` filled in later), text, markers."""

    entry: dict[str, Any]
    text: str
    markers: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Corpus:
    """A whole generated corpus, independent of where its files go."""

    subjects: list[dict[str, Any]]
    documents: list[Document]
    #: BibTeX entries (source text) added to the project's bibliography
    bib_entries: list[str] = field(default_factory=list)
    #: entity tables added to the project's entities
    entities: list[dict[str, Any]] = field(default_factory=list)


def toml_value(value: Any) -> str:
    """*value* as a TOML literal (strings, booleans, numbers, lists of those)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


def toml_table(name: str, fields: dict[str, Any]) -> list[str]:
    """An array-of-tables entry ``[[name]]`` as lines."""
    return [f"[[{name}]]", *(f"{k} = {toml_value(v)}" for k, v in fields.items()), ""]


def read_originals(source: Path = ROOT) -> tuple[dict[str, Any], list[Document]]:
    """The project's manifest and its documents (text and apparatus markers), as data."""
    seeds = source / "seeds"
    manifest = tomllib.loads((seeds / "manifest.toml").read_text(encoding="utf-8"))
    documents = []
    for entry in manifest["document"]:
        markers: list[dict[str, Any]] = []
        if entry.get("apparatus"):
            apparatus = tomllib.loads((seeds / entry["apparatus"]).read_text(encoding="utf-8"))
            markers = apparatus.get("marker", [])
        text = (seeds / entry["file"]).read_text(encoding="utf-8")
        documents.append(Document(dict(entry), text, markers))
    return manifest, documents


def write_corpus(dest: Path, corpus: Corpus, source: Path = ROOT) -> None:
    """Write *corpus* as a project under *dest* (replacing it), with its own baseline."""
    if dest.exists():
        shutil.rmtree(dest)
    seeds = dest / "seeds"
    (seeds / "apparatus").mkdir(parents=True)
    (dest / "docs").mkdir()
    for item in (source / "docs").iterdir():
        if item.is_file():
            shutil.copy2(item, dest / "docs" / item.name)
    lines = ["# generated corpus (bench/)", "version = 1", ""]
    for subject in corpus.subjects:
        lines += toml_table("subject", subject)
    for doc in corpus.documents:
        entry = dict(doc.entry)
        data = doc.text.encode("utf-8")
        (seeds / entry["file"]).write_bytes(data)
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        entry["apparatus"] = f"apparatus/{entry['slug']}.toml"
        # the version line keeps an apparatus of a text without markers a file with a key
        # (an empty one is refused, SB101)
        apparatus: list[str] = ["version = 1", ""]
        for marker in doc.markers:
            apparatus += toml_table("marker", marker)
        (seeds / entry["apparatus"]).write_text("\n".join(apparatus), encoding="utf-8")
        lines += toml_table("document", entry)
    (seeds / "manifest.toml").write_text("\n".join(lines), encoding="utf-8")
    bib = (source / "docs" / "references.bib").read_text(encoding="utf-8")
    (dest / "docs" / "references.bib").write_text(
        bib.rstrip("\n") + "\n\n" + "\n".join(corpus.bib_entries), encoding="utf-8"
    )
    entities = (source / "seeds" / "entities.toml").read_text(encoding="utf-8").rstrip("\n")
    extra = [line for e in corpus.entities for line in toml_table("entity", e)]
    (seeds / "entities.toml").write_text(entities + "\n\n" + "\n".join(extra), encoding="utf-8")
    _write_baseline(dest)


def _write_baseline(dest: Path) -> None:
    """Give the generated corpus its own ratchet baseline (its counts scale with N).

    In a child process, so the benchmark's own process stays small: a child
    starts with its parent's peak memory, which would inflate every reading.
    """
    cmd = [sys.executable, "-m", "sourcebook", "check", "--root", str(dest), "--update-baseline"]
    subprocess.run(cmd, check=True, capture_output=True)


def edit_one_seed(dest: Path, slug: str) -> None:
    """Change one word of *slug*'s seed and fix its sha256 in the manifest (a one-seed edit)."""
    manifest_path = dest / "seeds" / "manifest.toml"
    manifest = manifest_path.read_text(encoding="utf-8")
    entry = next(e for e in tomllib.loads(manifest)["document"] if e["slug"] == slug)
    seed = dest / "seeds" / entry["file"]
    text = seed.read_text(encoding="utf-8")
    words = list(_LONG_WORD.finditer(text))
    target = words[len(words) // 2]
    replacement = "".join(sorted(target.group()))
    if replacement == target.group():
        replacement = target.group()[::-1] + "x"
    text = text[: target.start()] + replacement + text[target.end() :]
    data = text.encode("utf-8")
    seed.write_bytes(data)
    new_sha = hashlib.sha256(data).hexdigest()
    manifest_path.write_text(manifest.replace(entry["sha256"], new_sha), encoding="utf-8")


def command_line(make: Callable[[Path, int], list[str]], doc: str, argv: list[str]) -> int:
    """``python bench/GENERATOR.py N DEST``: write a corpus of N documents under DEST."""
    if len(argv) != 2 or not argv[0].isdigit():
        print(doc.strip().splitlines()[-1], file=sys.stderr)
        return 2
    slugs = make(Path(argv[1]), int(argv[0]))
    print(f"{len(slugs)} documents in {argv[1]}")
    return 0


def stats(dest: Path) -> dict[str, int]:
    """What the corpus under *dest* holds: documents, bibliography entries, apparatus files, ..."""
    seeds = dest / "seeds"
    manifest = tomllib.loads((seeds / "manifest.toml").read_text(encoding="utf-8"))
    entities = tomllib.loads((seeds / "entities.toml").read_text(encoding="utf-8"))
    bib = (dest / "docs" / "references.bib").read_text(encoding="utf-8")
    words: set[str] = set()
    size = 0
    for entry in manifest["document"]:
        text = (seeds / entry["file"]).read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        words.update(re.findall(r"[^\W\d_]+", text.lower()))
    return {
        "documents": len(manifest["document"]),
        "seed_bytes": size,
        "distinct_words": len(words),
        "bibliography_entries": len(re.findall(r"^@\w+\{", bib, re.M)),
        "apparatus_files": len({e["apparatus"] for e in manifest["document"] if "apparatus" in e}),
        "entities": len(entities.get("entity", [])),
        "subjects": len(manifest.get("subject", [])),
    }


__all__ = [
    "Corpus",
    "Document",
    "command_line",
    "edit_one_seed",
    "read_originals",
    "stats",
    "toml_table",
    "write_corpus",
]
