"""Make a corpus of N documents that grows the way a real one does.

Documents 0-3 are the seeds as they are.  Document ``k`` (k >= 4) takes the
line structure of seed ``k mod 4`` (its template: headings, comments, markers,
capitals, digits and punctuation, so it parses like its template) and

* **its own words**: every lower-case word of five letters or more is drawn
  afresh from one vocabulary with a Zipf-like frequency distribution (rank
  ``r`` has weight ``1 / (r + 2.7)``): the seeds' own words first, most frequent
  first, then made-up words, the vocabulary being ``sqrt(N / 4)`` times the
  seeds' (Heaps' law: a real corpus's vocabulary grows about with the square
  root of its length, not linearly).  The words of a line are drawn from a
  generator seeded by the line and ``k // 4``, so the four documents made
  from one group share quotations as the seeds do;
* **its own apparatus file**: the template's markers, each cited key replaced
  by a new bibliography entry of this document (probability 1/2) or by one
  from a pool of about ``2 sqrt(N)`` entries shared between documents
  (past about 9,600 documents the new entries become rarer, so that the
  bibliography stays within the project's limit, :func:`shared_probability`);
* **its own bibliography entry** (the document itself, keyword ``seed``), so
  with the cited ones about two new entries per document;
* **a title, slug, URL and author of its own**, and some mid-sentence
  capitalised words replaced by entities from a pool of about ``4 sqrt(N)``
  (in ``seeds/entities/``); about ``sqrt(N) / 3`` subjects in the manifest.

The files are written by :mod:`layout` (the one module that knows where a
corpus's files go).  Usage: ``python bench/realistic.py N DEST``.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
import re
import sys
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcebook.corpus.projectbib import MAX_ENTRIES

sys.path.insert(0, str(Path(__file__).resolve().parent))  # loaded by path, too (tests)
from layout import (
    ROOT,
    Corpus,
    Document,
    command_line,
    read_entities,
    read_originals,
    write_corpus,
)

#: the normaliser's profiles match these lower-case words: never replaced
KEEP = frozenset(
    (
        *("comments", "comment", "articles", "posts", "stories", "responses", "response"),
        *("bloggers", "subscribe", "connecting", "reply", "published", "wrote", "writes"),
        *("said", "says", "stated", "states", "argued", "argues", "explained", "words"),
    )
)
_WORD_OR_BRACKETS = re.compile(r"\[[^\[\]\n]*\]|\b[a-z]{5,}\b")
#: a capitalised word inside a sentence (after a lower-case word): a name, maybe an entity
_MID_NAME = re.compile(r"(?<=[a-z] )[A-Z][a-z]{4,}\b")
_CONSONANTS, _VOWELS = "bcdfghjklmnpqrstvwxyz", "aeiou"
SHARED_KEY = 0.5  # probability that a cited key is a shared entry, not a new one
#: the share of sourcebook's bibliography limit (SB113) a generated corpus may fill
BIB_BUDGET = 0.98
ENTITY_MENTION = 0.25  # probability that a mid-sentence name becomes a pooled entity


def _cipher(n: int) -> dict[int, int]:
    rng = random.Random(n)
    consonants, vowels = list(_CONSONANTS), list(_VOWELS)
    rng.shuffle(consonants)
    rng.shuffle(vowels)
    return str.maketrans(_CONSONANTS + _VOWELS, "".join(consonants) + "".join(vowels))


class Zipf:
    """Draws items with weight ``1 / (rank + 2.7)`` (Zipf-Mandelbrot, exponent 1)."""

    def __init__(self, items: list[str]) -> None:
        self.items = items
        self.cum = list(itertools.accumulate(1.0 / (r + 2.7) for r in range(len(items))))

    def draw(self, rng: random.Random) -> str:
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]

    def draws(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.items, cum_weights=self.cum, k=k)


def vocabulary(texts: list[str], n: int) -> list[str]:
    """The seeds' long words by frequency, then made-up ones: ``sqrt(n / 4)`` times as many."""
    counts = Counter(w for t in texts for w in _WORD_OR_BRACKETS.findall(t) if w[0] != "[")
    seen = [w for w, _ in counts.most_common() if w not in KEEP]
    size = int(len(seen) * math.sqrt(max(n, 4) / 4))
    words, known = list(seen), set(seen)
    for round_ in itertools.count(1):
        table = _cipher(round_)
        for word in seen:
            if len(words) >= size:
                return words
            made = word.translate(table)
            if made not in known and made not in KEEP:
                known.add(made)
                words.append(made)
    return words  # pragma: no cover (the loop returns)


def names(words: list[str], count: int, salt: int) -> list[str]:
    """*count* distinct capitalised made-up names."""
    table, found = _cipher(10_000 + salt), dict[str, None]()
    for word in words:
        if len(found) >= count:
            break
        found.setdefault(word.translate(table).capitalize())
    return list(found)


@dataclass(slots=True)
class Pools:
    words: Zipf
    entities: Zipf
    people: list[str]
    subjects: Zipf
    shared_keys: Zipf


def _pools(texts: list[str], n: int) -> Pools:
    words = vocabulary(texts, n)
    root = math.sqrt(n)
    entities = names(words[len(words) // 3 :], max(4, round(4 * root)), 1)
    people = names(words[len(words) // 2 :], max(8, round(8 * root)), 2)
    subjects = [f"subject-{i:03d}" for i in range(max(1, round(root / 3)))]
    shared = [f"shared{i:04d}" for i in range(max(2, round(2 * root)))]
    return Pools(Zipf(words), Zipf(entities), people, Zipf(subjects), Zipf(shared))


def rewrite(text: str, group: int, pools: Pools, protected: frozenset[str]) -> str:
    """*text* with its long words drawn afresh and some names made entities (line by line)."""
    out = []
    for line in text.split("\n"):
        rng = random.Random(zlib.crc32(line.encode()) ^ (group * 0x9E3779B1))
        drawn = iter(pools.words.draws(rng, len(_WORD_OR_BRACKETS.findall(line))))

        def word(m: re.Match[str], drawn: Any = drawn) -> str:
            w = next(drawn)
            return m.group() if m.group() in KEEP or m.group()[0] == "[" else w

        def name(m: re.Match[str], rng: random.Random = rng) -> str:
            if m.group() in protected or rng.random() >= ENTITY_MENTION:
                return m.group()
            return pools.entities.draw(rng)

        out.append(_MID_NAME.sub(name, _WORD_OR_BRACKETS.sub(word, line)))
    return "\n".join(out)


def _bib(kind: str, key: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {k:<12} = {{{v}}}" for k, v in fields.items())
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _title(rng: random.Random, pools: Pools) -> str:
    first, second, third = (w.capitalize() for w in pools.words.draws(rng, 3))
    return rng.choice(
        [f"{first} and {second}", f"The {first} of {second} {third}", f"On {first} {second}"]
    )


class Builder:
    """Makes the documents of one corpus, collecting the bibliography entries they need."""

    def __init__(self, n: int, source: Path) -> None:
        self.manifest, self.originals = read_originals(source)
        self.pools = _pools([d.text for d in self.originals], n)
        self.shared_key = shared_probability(n, self.originals, source, self.pools)
        self.bib: list[str] = []
        self.shared_made: set[str] = set()
        self.protected = frozenset(entity_words(source))

    def person(self, rng: random.Random) -> tuple[str, str]:
        first, last = rng.choice(self.pools.people), rng.choice(self.pools.people)
        return f"{first} {last}", f"{last}, {first}"

    def cited_key(self, rng: random.Random, slug: str, index: int) -> str:
        if rng.random() < self.shared_key:
            key = self.pools.shared_keys.draw(rng)
            if key in self.shared_made:
                return key
            self.shared_made.add(key)
        else:
            key = f"{slug.replace('-', '')}c{index}"
        _, author = self.person(rng)
        title = _title(rng, self.pools)
        url = f"https://library.example.org/{key}"
        fields = {"author": author, "title": title, "year": str(rng.randint(1840, 2024))}
        self.bib.append(_bib("book", key, {**fields, "url": url, "keywords": "cited-by-seed"}))
        return key

    def document(self, k: int) -> Document:
        template = self.originals[k % len(self.originals)]
        if k < len(self.originals):
            return template
        rng = random.Random(k)
        entry = dict(template.entry)
        title = _title(rng, self.pools)
        slug = "-".join(title.lower().split()[:3]) + f"-{k:05d}"
        host = entry["url"].split("/")[2]
        entry.update(slug=slug, file=f"{slug}.txt", title=title, bibkey=slug.replace("-", ""))
        entry["url"] = f"https://{host}/{k:05d}/{slug}"
        entry.pop("inferred", None)
        entry.pop("title_supplied", None)
        name, author = self.person(rng)
        entry["authors"] = [name]
        entry.pop("subject", None)
        if rng.random() < 0.5:
            entry["subject"] = self.pools.subjects.draw(rng)
        fields = {"author": author, "title": title, "howpublished": entry.get("publisher", host)}
        fields.update(url=entry["url"], keywords="seed")
        self.bib.append(_bib("misc", entry["bibkey"], fields))
        markers = []
        for i, marker in enumerate(template.markers):
            keys = [self.cited_key(rng, slug, i * 10 + j) for j, _ in enumerate(marker["keys"])]
            markers.append({**marker, "keys": keys})
        text = rewrite(template.text, k // len(self.originals), self.pools, self.protected)
        return Document(entry, text, markers)

    def subjects(self, used: set[str]) -> list[dict[str, Any]]:
        made = []
        for sid in sorted(used):
            name = self.pools.entities.items[int(sid.rsplit("-", 1)[1])] + " Group"
            domain = f"{sid}.example.net"
            made.append({"id": sid, "name": name, "domains": [domain], "publishers": [name]})
        return list(self.manifest.get("subject", [])) + made

    def entities(self, texts: list[str]) -> list[dict[str, Any]]:
        mentioned = {w for t in texts for w in _MID_NAME.findall(t)}
        return [
            {
                "id": f"made-{name.lower()}",
                "name": name,
                "type": "organisation",
                "description": "A made-up organisation of the benchmark corpus.",
            }
            for name in self.pools.entities.items
            if name in mentioned
        ]


def shared_probability(n: int, originals: list[Document], source: Path, pools: Pools) -> float:
    """:data:`SHARED_KEY`, or more where the new entries would pass the bibliography's limit.

    A project refuses a bibliography of more than ``MAX_ENTRIES`` entries
    (SB113); at N = 10,000 about two new entries a document would pass it.
    Each made document adds its own entry and a new one for each cited key
    not drawn from the pool, so the expected count is known in advance: the
    probability of a shared key rises just enough to keep it under
    :data:`BIB_BUDGET` of the limit (from about 9,600 documents).
    """
    made = max(0, n - len(originals))
    keys = sum(len(m["keys"]) for d in originals for m in d.markers) / len(originals)
    fixed = len(list((source / "docs" / "references").glob("*.bib"))) + made
    fixed += len(pools.shared_keys.items)
    room = BIB_BUDGET * MAX_ENTRIES - fixed
    cited = made * keys
    if cited <= 0 or (1 - SHARED_KEY) * cited <= room:
        return SHARED_KEY
    return min(1.0, 1 - max(0.0, room) / cited)


def entity_words(source: Path) -> set[str]:
    """Every word of the project's entity names and aliases (never replaced by a made-up one)."""
    return {
        word
        for e in read_entities(source)
        for name in [e["name"], *e.get("aliases", [])]
        for word in name.split()
    }


def build(n: int, source: Path = ROOT) -> Corpus:
    """The corpus of *n* documents, as data."""
    builder = Builder(n, source)
    documents = [builder.document(k) for k in range(n)]
    used = {d.entry["subject"] for d in documents if d.entry.get("subject", "").startswith("subj")}
    return Corpus(
        subjects=builder.subjects(used),
        documents=documents,
        bib_entries=builder.bib,
        entities=builder.entities([d.text for d in documents[len(builder.originals) :]]),
    )


def make_corpus(dest: Path, n: int, source: Path = ROOT) -> list[str]:
    """Write a project of *n* documents under *dest*; return the slugs."""
    corpus = build(n, source)
    write_corpus(dest, corpus, source)
    return [d.entry["slug"] for d in corpus.documents]


if __name__ == "__main__":
    sys.exit(command_line(make_corpus, __doc__ or "", sys.argv[1:]))

__all__ = ["build", "make_corpus"]
