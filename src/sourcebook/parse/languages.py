"""A language switcher's item: a language's name in its own script ("Français",
"Deutsch", "Cymraeg"), printed alone on a line above a bilingual site's masthead.

Such a line is a link to the page in another language: never the site's name nor a
title.  The names are data (``[byline_head] languages`` in ``layout.toml``).
"""

from __future__ import annotations

import functools

from sourcebook.parse.vocabulary import layout_table


@functools.cache
def _languages() -> frozenset[str]:
    return frozenset(str(n).casefold() for n in layout_table("byline_head")["languages"])


def is_language(text: str) -> bool:
    """*text* is a language's name alone (case aside).

    >>> is_language("Français"), is_language(" deutsch "), is_language("French Polynesia")
    (True, True, False)
    """
    return text.strip().casefold() in _languages()


__all__ = ["is_language"]
