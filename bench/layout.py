"""Where a generated corpus's files go: the one place that knows the corpus layout.

The generators (``realistic.py``, ``synth.py``) describe a corpus as data
(:class:`Corpus`); :func:`write_corpus` lays it out as the project does
(a folder per document, ``docs/manual/formats.md``):

* ``seeds/<slug>/extract.txt`` for each document's text and
  ``seeds/<slug>/document.toml`` for its facts (with the seed's sha256),
* ``seeds/<slug>/apparatus.toml`` for each document's markers,
* ``seeds/subjects/<id>.toml`` for each subject,
* ``docs/references/<key>.bib``: the project's own entries and the new ones,
* ``seeds/entities/<id>.toml``: the project's entities and the new ones,
* ``seeds/baseline.toml``: made by ``sourcebook check --update-baseline``.

When the layout changes, only this module changes.  :func:`edit_one_seed` is
the bench's one-seed edit, which also has to know where a seed and its
checksum live.
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
    """*value* as a TOML literal (strings, booleans, numbers, lists and tables of those).

    A table (a document's ``structure`` hints) is written inline, so a file stays
    one ``key = value`` line per field.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_value(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def toml_table(name: str, fields: dict[str, Any]) -> list[str]:
    """An array-of-tables entry ``[[name]]`` as lines."""
    return [f"[[{name}]]", *(f"{k} = {toml_value(v)}" for k, v in fields.items()), ""]


def toml_fields(fields: dict[str, Any]) -> str:
    """Top-level ``key = value`` lines: a file of one table (document, subject, entity)."""
    return "".join(f"{k} = {toml_value(v)}\n" for k, v in fields.items())


def _folders(seeds: Path) -> list[Path]:
    return sorted(p.parent for p in seeds.glob("*/document.toml"))


def slugs(dest: Path) -> list[str]:
    """The documents of the corpus under *dest*, in slug order (a folder each)."""
    return [folder.name for folder in _folders(dest / "seeds")]


def _tables(folder: Path) -> list[dict[str, Any]]:
    """Each ``<id>.toml`` of *folder* as a table with its ``id``, in id order."""
    return [
        {"id": p.stem, **tomllib.loads(p.read_text(encoding="utf-8"))}
        for p in sorted(folder.glob("*.toml"))
    ]


def read_originals(source: Path = ROOT) -> tuple[dict[str, Any], list[Document]]:
    """The project's subjects and its documents (text and apparatus markers), as data.

    The first value has the shape of the old manifest (``subject`` and ``document``
    lists), each document with its ``slug`` and ``file`` (``<slug>.txt``).
    """
    seeds = source / "seeds"
    documents = []
    for folder in _folders(seeds):
        entry = {"slug": folder.name, "file": f"{folder.name}.txt"}
        entry.update(tomllib.loads((folder / "document.toml").read_text(encoding="utf-8")))
        markers: list[dict[str, Any]] = []
        if (folder / "apparatus.toml").is_file():
            apparatus = tomllib.loads((folder / "apparatus.toml").read_text(encoding="utf-8"))
            markers = apparatus.get("marker", [])
        text = (folder / "extract.txt").read_text(encoding="utf-8")
        documents.append(Document(entry, text, markers))
    manifest = {"subject": _tables(seeds / "subjects"), "document": [d.entry for d in documents]}
    return manifest, documents


def read_entities(source: Path = ROOT) -> list[dict[str, Any]]:
    """The project's entities, each a table with its ``id``."""
    return _tables(source / "seeds" / "entities")


_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s]+)\s*,")


def write_corpus(dest: Path, corpus: Corpus, source: Path = ROOT) -> None:
    """Write *corpus* as a project under *dest* (replacing it), with its own baseline."""
    if dest.exists():
        shutil.rmtree(dest)
    seeds = dest / "seeds"
    for folder in ("subjects", "entities"):
        (seeds / folder).mkdir(parents=True)
    (dest / "docs").mkdir()
    for item in (source / "docs").iterdir():
        if item.is_file():
            shutil.copy2(item, dest / "docs" / item.name)
    shutil.copytree(source / "docs" / "references", dest / "docs" / "references")
    shutil.copytree(source / "seeds" / "entities", seeds / "entities", dirs_exist_ok=True)
    for subject in corpus.subjects:
        fields = {k: v for k, v in subject.items() if k != "id"}
        (seeds / "subjects" / f"{subject['id']}.toml").write_text(toml_fields(fields), "utf-8")
    for doc in corpus.documents:
        entry = {k: v for k, v in doc.entry.items() if k not in ("slug", "file", "apparatus")}
        folder = seeds / doc.entry["slug"]
        folder.mkdir()
        data = doc.text.encode("utf-8")
        (folder / "extract.txt").write_bytes(data)
        entry = {**entry, "sha256": hashlib.sha256(data).hexdigest()}
        (folder / "document.toml").write_text(toml_fields(entry), encoding="utf-8")
        # the version line keeps an apparatus of a text without markers a file with a key
        # (an empty one is refused, SB101)
        apparatus: list[str] = ["version = 1", ""]
        for marker in doc.markers:
            apparatus += toml_table("marker", marker)
        (folder / "apparatus.toml").write_text("\n".join(apparatus), encoding="utf-8")
    for bibtex in corpus.bib_entries:
        key = _KEY.search(bibtex)
        assert key is not None, bibtex
        (dest / "docs" / "references" / f"{key.group(1)}.bib").write_text(
            bibtex.strip("\n") + "\n", encoding="utf-8"
        )
    for entity in corpus.entities:
        fields = {k: v for k, v in entity.items() if k != "id"}
        (seeds / "entities" / f"{entity['id']}.toml").write_text(toml_fields(fields), "utf-8")
    _write_baseline(dest)


def _write_baseline(dest: Path) -> None:
    """Give the generated corpus its own ratchet baseline (its counts scale with N).

    In a child process, so the benchmark's own process stays small: a child
    starts with its parent's peak memory, which would inflate every reading.
    """
    cmd = [sys.executable, "-m", "sourcebook", "check", "--root", str(dest), "--update-baseline"]
    subprocess.run(cmd, check=True, capture_output=True)


def edit_one_seed(dest: Path, slug: str) -> None:
    """Change one word of *slug*'s seed and fix its sha256 in its document file."""
    folder = dest / "seeds" / slug
    seed = folder / "extract.txt"
    text = seed.read_text(encoding="utf-8")
    old_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    words = list(_LONG_WORD.finditer(text))
    target = words[len(words) // 2]
    replacement = "".join(sorted(target.group()))
    if replacement == target.group():
        replacement = target.group()[::-1] + "x"
    text = text[: target.start()] + replacement + text[target.end() :]
    data = text.encode("utf-8")
    seed.write_bytes(data)
    document = folder / "document.toml"
    new_sha = hashlib.sha256(data).hexdigest()
    document.write_text(
        document.read_text(encoding="utf-8").replace(old_sha, new_sha), encoding="utf-8"
    )


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
    folders = _folders(seeds)
    words: set[str] = set()
    size = 0
    for folder in folders:
        text = (folder / "extract.txt").read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        words.update(re.findall(r"[^\W\d_]+", text.lower()))
    return {
        "documents": len(folders),
        "seed_bytes": size,
        "distinct_words": len(words),
        "bibliography_entries": len(list((dest / "docs" / "references").glob("*.bib"))),
        "apparatus_files": sum((f / "apparatus.toml").is_file() for f in folders),
        "entities": len(list((seeds / "entities").glob("*.toml"))),
        "subjects": len(list((seeds / "subjects").glob("*.toml"))),
    }


__all__ = [
    "Corpus",
    "Document",
    "command_line",
    "edit_one_seed",
    "read_entities",
    "read_originals",
    "slugs",
    "stats",
    "toml_table",
    "write_corpus",
]
