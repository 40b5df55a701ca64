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
    near = closest(word, choices)
    if near is None:
        return ""
    return f"; did you mean '{near}'?" + (
        " (case matters)" if near.casefold() == word.casefold() else ""
    )


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice *word* was most likely meant to be, or ``None``.

    Short labels ("7", "17") differ by one character from many others, so a
    one- or two-character word only matches a choice one edit away that is
    the only such choice.

    >>> closest("1a", ["1", "2", "17"]), closest("7", ["1", "2"]), closest("71", ["17"])
    ('1', None, '17')
    """
    options = list(dict.fromkeys(choices))
    folded = {c.casefold(): c for c in options}
    if word.casefold() in folded and folded[word.casefold()] != word:
        return folded[word.casefold()]
    if len(word) <= 2:
        near = [c for c in options if _one_edit(word, c) or sorted(word) == sorted(c) != list(word)]
        return near[0] if len(near) == 1 else None
    close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def _one_edit(a: str, b: str) -> bool:
    """*a* and *b* differ by one inserted or deleted character."""
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
