"""Wikipedia's inline maintenance flags: the vocabulary, and what each means.

A flag is a cleanup tag as readers see it in brackets (``[citation
needed]``).  Each entry gives the text the reader's tooltip shows and the
status the flag gives its claim until a source resolves it (see
``docs/manual/normalising.md`` for the table).  A bracketed phrase that *looks*
like a flag but is not listed here is not guessed at: it stays text and the
parser reports it (SB601), so the vocabulary grows by review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: a claim with this flag needs any source
UNSOURCED = "unsourced"
#: a claim with this flag needs a source independent of the subject
NEEDS_INDEPENDENT = "needs-independent-source"
#: the claim is sourced but the source or wording is questioned
QUESTIONED = "questioned"


@dataclass(frozen=True, slots=True)
class Flag:
    meaning: str
    status: str


FLAGS: dict[str, Flag] = {
    "citation needed": Flag("No source is given for this claim.", UNSOURCED),
    "independent source needed": Flag(
        "The only source is connected to the subject; an independent one is needed.",
        NEEDS_INDEPENDENT,
    ),
    "third-party source needed": Flag(
        "The source is not a third party; one is needed.", NEEDS_INDEPENDENT
    ),
    "better source needed": Flag("The source given is not reliable enough.", QUESTIONED),
    "non-primary source needed": Flag(
        "Only a primary source is given; a secondary one is needed.", QUESTIONED
    ),
    "unreliable source?": Flag("The source given may not be reliable.", QUESTIONED),
    "self-published source": Flag("The source is self-published.", QUESTIONED),
    "failed verification": Flag("The source given does not support this claim.", QUESTIONED),
    "verification needed": Flag("The source has not been checked against the claim.", QUESTIONED),
    "dubious": Flag("The claim is doubted.", QUESTIONED),
    "dubious – discuss": Flag("The claim is doubted.", QUESTIONED),
    "clarification needed": Flag("The wording is unclear.", QUESTIONED),
    "according to whom?": Flag("The claim does not say whose view it is.", QUESTIONED),
    "by whom?": Flag("The claim does not say who did or said this.", QUESTIONED),
    "who?": Flag("The claim does not name the people meant.", QUESTIONED),
    "when?": Flag("The claim does not say when.", QUESTIONED),
    "which?": Flag("The claim does not say which one is meant.", QUESTIONED),
    "where?": Flag("The claim does not say where.", QUESTIONED),
    "page needed": Flag("The source is cited without a page number.", QUESTIONED),
    "full citation needed": Flag("The citation is incomplete.", QUESTIONED),
    "year needed": Flag("The claim or its source lacks a year.", QUESTIONED),
    "original research?": Flag("The claim may be the editor's own conclusion.", QUESTIONED),
}

FLAG_VOCABULARY = frozenset(FLAGS)

# Shapes of cleanup tags: "... needed", a short lower-case question, or
# "dubious"-like words.  Bounded lengths keep the match linear.
_FLAG_SHAPE = re.compile(r"[a-z][a-z' -]{0,40} needed|[a-z][a-z' -]{0,30}\?")


def is_flag(content: str) -> bool:
    """True for a maintenance tag in the vocabulary.

    >>> is_flag("independent source needed"), is_flag(" citation needed ")
    (True, True)

    Editorial brackets inside quotations are text, not flags:

    >>> is_flag("Socialism"), is_flag("which"), is_flag("their")
    (False, False, False)
    """
    return content.strip() in FLAG_VOCABULARY


def looks_like_flag(content: str) -> bool:
    """True for an unknown phrase shaped like a flag (reported, never guessed).

    >>> looks_like_flag("date needed"), looks_like_flag("how many?")
    (True, True)
    >>> looks_like_flag("citation needed"), looks_like_flag("sic"), looks_like_flag("T")
    (False, False, False)
    """
    text = content.strip()
    return not is_flag(text) and bool(_FLAG_SHAPE.fullmatch(text))


__all__ = ["FLAGS", "FLAG_VOCABULARY", "Flag", "is_flag", "looks_like_flag"]
