"""Make a synthetic corpus of N documents by scaling the four seeds.

Copy ``k`` of the corpus (a *group* of four documents, one per seed) is the
seeds with every lower-case word of five letters or more enciphered by a
letter substitution that depends on ``k`` only.  So

* the text differs from group to group (no quotation is shared across
  groups: long words differ, and a shingle of short words only is rare and
  is exactly the kind of common shingle the quotation detector drops), yet
* within a group the four documents share quotations exactly as the
  originals do, because the same cipher is applied to all four;
* word lengths, capitals, digits, punctuation and line structure are kept,
  so every copy parses like its original; the few lower-case words the
  parser's profiles look for are left alone (:data:`KEEP`).

Group 0 is the seeds unchanged.  Every copy shares the original's apparatus
file and bibliography, and the corpus gets its own baseline, so it passes
``sourcebook check`` and ``sphinx-build -W``.

Usage: ``python bench/synth.py N DEST``.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

#: lower-case words the normaliser's profiles match on: never enciphered
KEEP = frozenset(
    [
        "comments",
        "comment",
        "articles",
        "posts",
        "stories",
        "responses",
        "response",
        "bloggers",
        "subscribe",
        "connecting",
        "reply",
        "published",
        "wrote",
        "writes",
        "said",
        "says",
        "stated",
        "states",
        "argued",
        "argues",
        "explained",
        "words",
    ]
)
_LONG_WORD = re.compile(r"\b[a-z]{5,}\b")
#: bracketed text (maintenance flags, editorial insertions) is kept as it is
_WORD_OR_BRACKETS = re.compile(r"\[[^\[\]\n]*\]|\b[a-z]{5,}\b")
_CONSONANTS = "bcdfghjklmnpqrstvwxyz"
_VOWELS = "aeiou"


def cipher(group: int) -> dict[int, int] | None:
    """The letter substitution of *group* (``None`` for group 0: the seeds as they are).

    Consonants map to consonants and vowels to vowels, so enciphered words stay
    pronounceable-looking and keep their length.
    """
    if group == 0:
        return None
    rng = random.Random(group)
    consonants, vowels = list(_CONSONANTS), list(_VOWELS)
    rng.shuffle(consonants)
    rng.shuffle(vowels)
    return str.maketrans(_CONSONANTS + _VOWELS, "".join(consonants) + "".join(vowels))


def encipher(text: str, table: dict[int, int] | None) -> str:
    """*text* with its long lower-case words enciphered (one regex pass)."""
    if table is None:
        return text

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        return word if word in KEEP or word[0] == "[" else word.translate(table)

    return _WORD_OR_BRACKETS.sub(swap, text)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)


def _table(name: str, fields: dict[str, Any]) -> list[str]:
    return [f"[[{name}]]", *(f"{k} = {_toml_value(v)}" for k, v in fields.items()), ""]


def make_corpus(dest: Path, n: int, source: Path = ROOT) -> list[str]:
    """Write a project of *n* documents under *dest*; return the slugs."""
    manifest = tomllib.loads((source / "seeds" / "manifest.toml").read_text(encoding="utf-8"))
    originals = manifest["document"]
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "seeds").mkdir(parents=True)
    shutil.copytree(source / "seeds" / "apparatus", dest / "seeds" / "apparatus")
    for extra in ("entities.toml",):
        if (source / "seeds" / extra).exists():
            shutil.copy2(source / "seeds" / extra, dest / "seeds" / extra)
    (dest / "docs").mkdir()
    for item in (source / "docs").iterdir():
        if item.is_file():
            shutil.copy2(item, dest / "docs" / item.name)
    lines = ["# synthetic corpus made by bench/synth.py", "version = 1", ""]
    for subject in manifest.get("subject", []):
        lines += _table("subject", subject)
    slugs: list[str] = []
    seeds = {
        e["file"]: (source / "seeds" / e["file"]).read_text(encoding="utf-8") for e in originals
    }
    for number in range(n):
        group, which = divmod(number, len(originals))
        entry = dict(originals[which])
        text = encipher(seeds[entry["file"]], cipher(group))
        if group:
            entry["slug"] = f"{entry['slug']}-{group:05d}"
            entry["file"] = f"{entry['slug']}.txt"
            entry["title"] = f"{entry['title']} ({group})"
        data = text.encode("utf-8")
        (dest / "seeds" / entry["file"]).write_bytes(data)
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        lines += _table("document", entry)
        slugs.append(entry["slug"])
    (dest / "seeds" / "manifest.toml").write_text("\n".join(lines), encoding="utf-8")
    _write_baseline(dest)
    return slugs


def _write_baseline(dest: Path) -> None:
    """Give the synthetic corpus its own ratchet baseline (its counts scale with N).

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


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    slugs = make_corpus(Path(argv[1]), int(argv[0]))
    print(f"{len(slugs)} documents in {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

__all__ = ["edit_one_seed", "make_corpus"]
