""" "Did you mean ...?" for a mistyped bib key, slug, marker label or subject id."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def suggest(word: str, choices: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the closest choice (case-insensitive), or ``""``.

    >>> suggest("gazete2004cranes", ["gazette2004cranes", "library2019archive"])
    "; did you mean 'gazette2004cranes'?"
    >>> suggest("Gazette2004Cranes", ["gazette2004cranes"])
    "; did you mean 'gazette2004cranes'? (case matters)"
    >>> suggest("zzz", ["abc"])
    ''
    """
    folded = {c.casefold(): c for c in choices}
    if word.casefold() in folded and folded[word.casefold()] != word:
        return f"; did you mean '{folded[word.casefold()]}'? (case matters)"
    close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.75)
    return f"; did you mean '{folded[close[0]]}'?" if close else ""
