"""A pull quote: a sentence of the text printed again, set apart, as a display quote.

Magazines, zines and long-form sites lift a sentence out of the text and print it
again between paragraphs, large, often in quotation marks.  In an extract it is a
paragraph of its own that repeats, word for word, part of another paragraph, so a
reader of the page would read it twice (and a quotation rule would take it for a
quotation).  The evidence is the repetition itself: a short block (at most
``_MAX_WORDS`` words, at least ``_MIN_WORDS``) whose words, less its quotation marks,
stand inside a longer block of the same text is removed as a pull quote.  A
quotation the text makes once, a sentence that differs by a word, and a heading (no
sentence end, no quotation mark) that the text repeats stay.
"""

from __future__ import annotations

import itertools
import re

from sourcebook.parse.state import ParseState

#: a pull quote is a sentence or two: no more words than this, and no fewer
_MAX_WORDS = 45
_MIN_WORDS = 6
#: candidates looked up per page: each lookup reads the page once
_LOOKUPS = 50
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_EDGES = "\"' \t—–-"
_SPACES = re.compile(r"\s+")
#: a sentence's end, or an opening quotation mark
_SENTENCE = re.compile(r"^[\"']|[.!?…][\"')]*$")


def _plain(text: str) -> str:
    """The words of *text* as compared: straight quotes, single spaces, no case.

    >>> _plain("“You do not  reach for it.”")
    '"you do not reach for it."'
    """
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip().casefold()


def _core(text: str) -> str:
    """*text* less the quotation marks and dashes around it, and its closing stop.

    >>> _core('"you do not reach for it."')
    'you do not reach for it'
    """
    return _plain(text).strip(_EDGES).rstrip(".!?…").strip(_EDGES)


def pull_quote(state: ParseState) -> None:
    """Remove each block that repeats part of a longer block (see the module docstring).

    The blocks' words are joined once; each candidate is looked up in the joined text
    outside its own block, at most ``_LOOKUPS`` times a page, so the pass stays linear
    whatever an adversarial text holds."""
    blocks = state.blocks
    plains = [_plain(b.text) for b in blocks]
    starts = list(itertools.accumulate((len(p) + 1 for p in plains), initial=0))
    joined = "\n".join(plains)
    drop: dict[int, int] = {}
    lookups = 0
    for index, block in enumerate(blocks):
        core = _core(plains[index]) if _SENTENCE.search(plains[index]) else ""
        if not _MIN_WORDS <= len(core.split()) <= _MAX_WORDS or block.line in state.keep:
            continue  # a heading or link title may be repeated; a pull quote is a sentence
        lookups += 1
        if lookups > _LOOKUPS:
            break
        source = _elsewhere(joined, core, starts[index], starts[index + 1])
        if source is not None and len(plains[source].split()) > len(core.split()):
            drop[index] = source
    for index, source in drop.items():
        rule = f"pull_quote: repeats words of the paragraph at line {blocks[source].line}"
        state.remove(blocks[index], "pull quote", rule)
    state.blocks = [b for i, b in enumerate(blocks) if i not in drop]


def _elsewhere(joined: str, needle: str, start: int, end: int) -> int | None:
    """The index of a block holding *needle* outside ``joined[start:end]``, if any."""
    found = joined.find(needle, 0, start)
    if found < 0:
        found = joined.find(needle, end)
    return None if found < 0 else joined.count("\n", 0, found)


__all__ = ["pull_quote"]
