"""Find passages quoted in more than one document, so each can point to the others.

Method: word shingles.  Each candidate passage (a block quotation, or a
paragraph) becomes the set of its overlapping 5-word sequences after
normalisation: lower-cased, punctuation and apostrophes dropped, and
editorial insertions in square brackets removed, because editors bracket
different words ("[Socialism]" in one text, "Social-Democracy" in another).
Two passages in different documents are the same quotation when they share
at least :data:`MIN_SHARED` shingles -- a dozen consecutive words, more than
a stock phrase -- and either those cover half of the shorter passage or
there are :data:`MANY_SHARED` of them.  Shingles tolerate changed words: one
substitution breaks only the five shingles that span it.

Cost (near-linear in the corpus): each passage is fingerprinted once
(:func:`fingerprint`): its shingles hashed to stable 64-bit integers, and a
*winnowed* subset of them kept -- the smallest hash of every window of
:data:`WINDOW` consecutive shingles -- which guarantees that two passages
sharing a run of ``WINDOW + SHINGLE - 1`` words (8; a quotation has at least
12) share a kept hash.  Only kept hashes are indexed, and a hash kept by more
than :data:`STOP_DF` passages is a *stop-shingle* ("the working class and
the") and is dropped, so every posting list is bounded and the candidate
pairs are at most ``STOP_DF`` per kept hash.  Each candidate pair is then
verified on the precomputed shingle sets (an integer-set intersection), never
by re-reading the texts.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from sourcebook.corpus import CorpusDocument
from sourcebook.model import Block, BlockQuote, Comment, Paragraph

SHINGLE = 5
MIN_SHARED = 8
MANY_SHARED = 20
MIN_CONTAINMENT = 0.5
#: winnowing window, in shingles
WINDOW = 4
#: a fingerprint kept by more passages than this is a stock phrase, not indexed
STOP_DF = 32

_BRACKETED = re.compile(r"\[[^\[\]]{0,40}\]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    """Normalised words of *text*: brackets dropped, lower case, no apostrophes.

    >>> words("It is still not [Socialism], the [Socialist]’s ideal")
    ['it', 'is', 'still', 'not', 'the', 's', 'ideal']
    """
    text = _BRACKETED.sub(" ", text)
    return [w.replace("'", "").replace("’", "").lower() for w in _WORD.findall(text)]


def shingles(text: str, size: int = SHINGLE) -> frozenset[tuple[str, ...]]:
    """The set of *size*-word sequences of *text* (empty for a shorter text)."""
    seq = words(text)
    return frozenset(tuple(seq[i : i + size]) for i in range(len(seq) - size + 1))


def same_passage(a: str, b: str) -> bool:
    """Whether *a* and *b* quote the same passage (see the module docstring).

    >>> lenin = ("It cannot be too strongly maintained that this is still not {}, "
    ...          "that the {}'s ideal should not be the trade union secretary, "
    ...          "but the tribune of the people, who is able to react to every "
    ...          "manifestation of tyranny and oppression")
    >>> same_passage(lenin.format("[Socialism]", "[Socialist]"),
    ...              lenin.format("Social-Democracy", "Social-Democrat"))
    True
    >>> same_passage("the tribune of the people, as Lenin put it, must organise",
    ...              "every socialist should be the tribune of the people today")
    False
    """
    return _same(shingles(a), shingles(b))


def _same(sa: frozenset[object], sb: frozenset[object]) -> bool:
    if not sa or not sb:
        return False
    shared = len(sa & sb)
    if shared < MIN_SHARED:
        return False
    return shared >= MANY_SHARED or shared / min(len(sa), len(sb)) >= MIN_CONTAINMENT


@dataclass(frozen=True, slots=True)
class Passage:
    """A candidate passage: a top-level (or comment-level) paragraph or quotation."""

    slug: str
    line: int
    kind: str  # "quote" or "paragraph"
    text: str

    @property
    def label(self) -> str:
        """The MyST label placed after the passage, which the other occurrences link to."""
        return f"sb-quote-{self.slug}-{self.line}"


def block_key(block: Block) -> tuple[str, int] | None:
    """The (kind, line) of a block that can be a passage, else ``None``."""
    if isinstance(block, BlockQuote):
        return ("quote", block.line)
    if isinstance(block, Paragraph):
        return ("paragraph", block.line)
    return None


def _passages(slug: str, blocks: Iterable[Block]) -> Iterator[Passage]:
    for block in blocks:
        if isinstance(block, Comment):
            yield from _passages(slug, block.blocks)
        elif isinstance(block, BlockQuote):
            text = " ".join(p.plain for p in block.paragraphs)
            yield Passage(slug, block.line, "quote", text)
        elif isinstance(block, Paragraph):
            yield Passage(slug, block.line, "paragraph", block.plain)


def passages(docs: Iterable[CorpusDocument]) -> list[Passage]:
    return [p for d in docs for p in _passages(d.entry.slug, d.document.blocks)]


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A passage's shingle hashes (all of them) and its winnowed, indexed subset.

    The hashes are packed 64-bit integers (``array("Q")`` bytes): a build
    caches every passage's fingerprint, and packed bytes load in one copy where
    a set of Python integers loads one object at a time.
    """

    slug: str
    line: int
    kind: str
    packed: bytes
    kept: tuple[int, ...]

    @property
    def hashes(self) -> frozenset[int]:
        return frozenset(array("Q", self.packed))

    @property
    def passage(self) -> Passage:
        return Passage(self.slug, self.line, self.kind, "")


def _hash(shingle: Sequence[str]) -> int:
    """A 64-bit hash that is the same in every process (``hash()`` of a str is not)."""
    digest = hashlib.blake2b(" ".join(shingle).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def winnow(hashes: Sequence[int], window: int = WINDOW) -> tuple[int, ...]:
    """The smallest hash of each window of *window* consecutive hashes, each once.

    >>> winnow([5, 3, 8, 9, 1, 7, 6], 3)
    (1, 3)
    """
    if len(hashes) <= window:
        return (min(hashes),) if hashes else ()
    # zip of *window* shifted views: the minima are taken in C, one tuple per window
    windows = zip(*(hashes[i:] for i in range(window)), strict=False)
    return tuple(sorted(set(map(min, windows))))


def fingerprint(passage: Passage) -> Fingerprint:
    """Hash *passage*'s shingles once: O(words x WINDOW)."""
    seq = words(passage.text)
    ordered = [_hash(seq[i : i + SHINGLE]) for i in range(len(seq) - SHINGLE + 1)]
    packed = array("Q", sorted(set(ordered))).tobytes()
    return Fingerprint(passage.slug, passage.line, passage.kind, packed, winnow(ordered))


@dataclass(slots=True)
class Detection:
    """The result of :func:`find_shared`, with the work it took (for tests and the bench)."""

    shared: dict[tuple[str, str, int], list[Passage]] = field(default_factory=dict)
    #: candidate pairs verified on their shingle sets
    comparisons: int = 0
    #: fingerprints dropped as stop-shingles
    stopped: int = 0


def find_shared(prints: Sequence[Fingerprint]) -> Detection:
    """Pair the passages of different documents that quote the same passage."""
    index: dict[int, list[int]] = defaultdict(list)
    for number, fp in enumerate(prints):
        for value in fp.kept:
            index[value].append(number)
    detection = Detection()
    candidates: set[tuple[int, int]] = set()
    for postings in index.values():
        if len(postings) > STOP_DF:
            detection.stopped += 1
            continue
        for i, a in enumerate(postings):
            for b in postings[i + 1 :]:
                if prints[a].slug != prints[b].slug:
                    candidates.add((a, b))
    result: dict[tuple[str, str, int], list[Passage]] = defaultdict(list)
    sets: dict[int, frozenset[int]] = {}  # unpacked once, and only for candidates
    for a, b in sorted(candidates):
        detection.comparisons += 1
        for number in (a, b):
            if number not in sets:
                sets[number] = prints[number].hashes
        if _same(sets[a], sets[b]):
            for here, there in ((prints[a], prints[b]), (prints[b], prints[a])):
                result[(here.slug, here.kind, here.line)].append(there.passage)
    for others in result.values():
        others.sort(key=lambda p: (p.slug, p.line))
    detection.shared = dict(result)
    return detection


def shared_quotations(docs: Iterable[CorpusDocument]) -> dict[tuple[str, str, int], list[Passage]]:
    """For each passage found in another document: (slug, kind, line) -> the other passages."""
    return find_shared([fingerprint(p) for p in passages(docs)]).shared
