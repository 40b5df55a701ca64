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

Group 0 is the seeds unchanged.  Every copy has the original's apparatus
markers (citing the same keys) and the project's bibliography is not grown,
and the corpus gets its own baseline, so it passes ``sourcebook check`` and
``sphinx-build -W``.

What it measures: the cost of parsing, checking and rendering ever more pages
whose vocabulary grows *linearly* with N (every group of four copies brings
~2,100 new terms) over a fixed bibliography of 21 entries: a stress test of
the search index and of per-page work, not a model of a real corpus (see
``realistic.py`` for that, the bench's default).  The files are written by
:mod:`layout`.

Usage: ``python bench/synth.py N DEST``.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # loaded by path, too (tests)
from layout import (
    ROOT,
    Corpus,
    Document,
    command_line,
    edit_one_seed,
    read_originals,
    write_corpus,
)

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


def make_corpus(dest: Path, n: int, source: Path = ROOT) -> list[str]:
    """Write a project of *n* documents under *dest*; return the slugs."""
    manifest, originals = read_originals(source)
    documents = []
    for number in range(n):
        group, which = divmod(number, len(originals))
        original = originals[which]
        entry = dict(original.entry)
        if group:
            entry["slug"] = f"{entry['slug']}-{group:05d}"
            entry["file"] = f"{entry['slug']}.txt"
            entry["title"] = f"{entry['title']} ({group})"
        text = encipher(original.text, cipher(group))
        documents.append(Document(entry, text, original.markers))
    write_corpus(dest, Corpus(list(manifest.get("subject", [])), documents), source)
    return [d.entry["slug"] for d in documents]


if __name__ == "__main__":
    sys.exit(command_line(make_corpus, __doc__ or "", sys.argv[1:]))

__all__ = ["cipher", "edit_one_seed", "encipher", "make_corpus"]
