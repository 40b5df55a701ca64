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
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sourcebook.corpus import CorpusDocument
from sourcebook.model import Block, BlockQuote, Comment, Paragraph

SHINGLE = 5
MIN_SHARED = 8
MANY_SHARED = 20
MIN_CONTAINMENT = 0.5

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
    sa, sb = shingles(a), shingles(b)
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


def shared_quotations(docs: Iterable[CorpusDocument]) -> dict[tuple[str, str, int], list[Passage]]:
    """For each passage found in another document: (slug, kind, line) -> the other passages.

    Candidates are paired through an inverted index of shingles, so only
    passages that share a shingle are compared.
    """
    found = passages(docs)
    sets = [shingles(p.text) for p in found]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for number, shingle_set in enumerate(sets):
        for shingle in shingle_set:
            index[shingle].append(number)
    result: dict[tuple[str, str, int], list[Passage]] = defaultdict(list)
    for number, passage in enumerate(found):
        counts: dict[int, int] = defaultdict(int)
        for shingle in sets[number]:
            for other in index[shingle]:
                if found[other].slug != passage.slug:
                    counts[other] += 1
        for other, shared in sorted(counts.items()):
            if shared >= MIN_SHARED and same_passage(passage.text, found[other].text):
                result[(passage.slug, passage.kind, passage.line)].append(found[other])
    return dict(result)
