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
(:func:`fingerprint`): its shingles hashed to stable 64-bit integers (a hash
rolled along the words, each word hashed once), and a
*winnowed* subset of them kept -- the smallest hash of every window of
:data:`WINDOW` consecutive shingles -- which guarantees that two passages
sharing a run of ``WINDOW + SHINGLE - 1`` words (8; a quotation has at least
12) share a kept hash.  Only kept hashes are indexed, and a hash that more
than :data:`STOP_DF` passages hold (kept or not: at the edge of a stock
phrase a shingle is kept by few of the passages that hold it) is a
*stop-shingle* ("the working class and the") and is dropped, so every
posting list is bounded and the candidate pairs are at most ``STOP_DF`` per
kept hash.  Each candidate pair is then
verified on the precomputed shingle sets (an integer-set intersection), never
by re-reading the texts.
"""

from __future__ import annotations

import functools
import hashlib
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

from sourcebook.corpus.load import CorpusDocument
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
_NO_APOSTROPHES = str.maketrans("", "", "'’")


def words(text: str) -> list[str]:
    """Normalised words of *text*: brackets dropped, lower case, no apostrophes.

    >>> words("It is still not [Socialism], the [Socialist]’s ideal")
    ['it', 'is', 'still', 'not', 'the', 's', 'ideal']
    """
    found = _WORD.findall(_BRACKETED.sub(" ", text))
    if not found:
        return []
    # one translate and one lower for the whole passage, not two calls per word: words
    # hold no space, so joining and splitting on one is exact
    return " ".join(found).translate(_NO_APOSTROPHES).lower().split(" ")


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
    return same_sets(shingles(a), shingles(b))


def same_sets(sa: frozenset[object], sb: frozenset[object]) -> bool:
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


#: the odd 64-bit multiplier of the rolling shingle hash (the golden ratio's bits)
_MULTIPLIER = 0x9E3779B97F4A7C15
_MASK = (1 << 64) - 1


@functools.lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    """A 64-bit hash of *word* that is the same in every process (``hash()`` of a str is not)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "big")


def shingle_hashes(seq: Sequence[str], size: int = SHINGLE) -> list[int]:
    """The hash of each *size*-word shingle of *seq*, in order.

    A polynomial hash of the shingle's word hashes, modulo 2**64, rolled along
    the text: each word is hashed once (and common words once per process),
    not once for each of the *size* shingles it is in.

    >>> hashes = shingle_hashes("a b c d e f a b c d e".split())
    >>> len(hashes), hashes[0] == hashes[6], hashes[0] == hashes[1]
    (7, True, False)
    """
    word_hashes = [_word_hash(word) for word in seq]
    if len(word_hashes) < size:
        return []
    first = pow(_MULTIPLIER, size - 1, 1 << 64)
    value = 0
    for word in word_hashes[:size]:
        value = (value * _MULTIPLIER + word) & _MASK
    found = [value]
    for leaving, entering in zip(word_hashes, word_hashes[size:], strict=False):
        value = ((value - leaving * first) * _MULTIPLIER + entering) & _MASK
        found.append(value)
    return found


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
    ordered = shingle_hashes(words(passage.text))
    packed = array("Q", sorted(set(ordered))).tobytes()
    return Fingerprint(passage.slug, passage.line, passage.kind, packed, winnow(ordered))


#: a verdict store: (document key, document key) -> {(passage index, passage index): same};
#: a document's key (:func:`document_key`) hashes its fingerprints, so a kept verdict is
#: that of the same two passages (:func:`same_sets` reads their shingle sets alone)
Verdicts = dict[tuple[str, str], dict[tuple[int, int], bool]]


def document_key(prints: Iterable[tuple[int, str, bytes, tuple[int, ...]]]) -> str:
    """A hash of one document's fingerprints (line, kind, shingle hashes) and of the rule."""
    digest = hashlib.blake2b(
        repr((SHINGLE, MIN_SHARED, MANY_SHARED, MIN_CONTAINMENT)).encode(), digest_size=16
    )
    for line, kind, packed, _kept in prints:
        digest.update(f"{line}:{kind}:{len(packed)}:".encode())
        digest.update(packed)
    return digest.hexdigest()


@dataclass(slots=True)
class Detection:
    """The result of :func:`find_shared`, with the work it took (for tests and the bench)."""

    shared: dict[tuple[str, str, int], list[Passage]] = field(default_factory=dict)
    #: candidate pairs verified on their shingle sets
    comparisons: int = 0
    #: fingerprints dropped as stop-shingles
    stopped: int = 0
    #: the verdicts of every candidate pair of this run (kept or computed), to keep
    verdicts: Verdicts = field(default_factory=dict)


def _candidates(prints: Sequence[Fingerprint]) -> tuple[set[tuple[int, int]], int]:
    """The pairs of passages of different documents sharing an indexed fingerprint."""
    # most fingerprints belong to one passage: count them all in C, then list the passages
    # of only those kept by two or more (one set intersection per passage)
    counts = Counter(chain.from_iterable(fp.kept for fp in prints))
    multi = {value for value, kept_by in counts.items() if kept_by > 1}
    # a stock phrase is known by how many passages hold it at all, not by how many kept
    # it: a shingle at the phrase's edge is kept by few (winnowing looks at neighbours)
    held: Counter[int] = Counter()
    for fp in prints:
        held.update(multi.intersection(array("Q", fp.packed)))
    stopped = {value for value in multi if held[value] > STOP_DF}
    indexed = multi - stopped
    index: dict[int, list[int]] = defaultdict(list)
    for number, fp in enumerate(prints):
        for value in indexed.intersection(fp.kept):
            index[value].append(number)
    candidates: set[tuple[int, int]] = set()
    for postings in index.values():
        for i, a in enumerate(postings):
            for b in postings[i + 1 :]:
                if prints[a].slug != prints[b].slug:
                    candidates.add((a, b))
    return candidates, len(stopped)


def _places(prints: Sequence[Fingerprint], keys: Mapping[str, str]) -> list[tuple[str, int]]:
    """Each passage's (document key, index among its document's passages)."""
    seen: Counter[str] = Counter()
    places = []
    for fp in prints:
        places.append((keys[fp.slug], seen[fp.slug]))
        seen[fp.slug] += 1
    return places


def find_shared(
    prints: Sequence[Fingerprint],
    keys: Mapping[str, str] | None = None,
    known: Verdicts | None = None,
) -> Detection:
    """Pair the passages of different documents that quote the same passage.

    With *keys* (slug -> :func:`document_key`), the verdict of every candidate
    pair is taken from *known* (the last run's :attr:`Detection.verdicts`) when
    it holds the same two documents' pair, and verified otherwise; the
    verdicts returned are those of *known* between documents still present, and
    the new ones.
    """
    candidates, stopped = _candidates(prints)
    detection = Detection(stopped=stopped)
    places = _places(prints, keys) if keys is not None else None
    if keys is not None:
        present = set(keys.values())
        detection.verdicts = {
            pair: dict(kept)
            for pair, kept in (known or {}).items()
            if pair[0] in present and pair[1] in present
        }
    result: dict[tuple[str, str, int], list[Passage]] = defaultdict(list)
    sets: dict[int, frozenset[int]] = {}  # unpacked once, and only for candidates
    for a, b in sorted(candidates):
        if places is None:
            same = _verify(prints, sets, detection, a, b)
        else:
            (ka, ia), (kb, ib) = places[a], places[b]
            if (kb, ib) < (ka, ia):  # one orientation whichever order the documents come in
                ka, ia, kb, ib = kb, ib, ka, ia
            verdicts = detection.verdicts.setdefault((ka, kb), {})
            found = verdicts.get((ia, ib))
            if found is None:
                found = verdicts[(ia, ib)] = _verify(prints, sets, detection, a, b)
            same = found
        if same:
            for here, there in ((prints[a], prints[b]), (prints[b], prints[a])):
                result[(here.slug, here.kind, here.line)].append(there.passage)
    for others in result.values():
        others.sort(key=lambda p: (p.slug, p.line))
    detection.shared = dict(result)
    return detection


def _verify(
    prints: Sequence[Fingerprint],
    sets: dict[int, frozenset[int]],
    detection: Detection,
    a: int,
    b: int,
) -> bool:
    """Whether passages *a* and *b* are the same quotation, on their shingle sets."""
    detection.comparisons += 1
    for number in (a, b):
        if number not in sets:
            sets[number] = prints[number].hashes
    return same_sets(sets[a], sets[b])


def shared_quotations(docs: Iterable[CorpusDocument]) -> dict[tuple[str, str, int], list[Passage]]:
    """For each passage found in another document: (slug, kind, line) -> the other passages."""
    return find_shared([fingerprint(p) for p in passages(docs)]).shared
