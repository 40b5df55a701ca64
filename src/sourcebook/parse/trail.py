"""A trail printed on one line: breadcrumbs or a taxonomy's path.

Reference sites print, above an entry, where it stands in the site or in a
classification: "Home > Listing > The Register", "Kingdom Animalia > Phylum
Arthropoda > Class Insecta".  Such a line may hold as many words as a sentence,
but it is a row of short items split by one separator (``[trail] separator`` in
``layout.toml``) with no sentence end: never the text's first line of prose.
"""

from __future__ import annotations

import functools
import re

from sourcebook.parse.vocabulary import layout_table

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")


@functools.cache
def _shape() -> tuple[re.Pattern[str], int, int]:
    data = layout_table("trail")
    return re.compile(data["separator"]), int(data["min_items"]), int(data["item_words"])


def is_trail(text: str) -> bool:
    """A breadcrumb or taxonomy trail: at least ``min_items`` short items split by the
    separator, and no sentence end.

    >>> is_trail("Kingdom Plantae > Order Rosales > Family Rosaceae > Genus Malus")
    True
    >>> is_trail("Prices rose > 5 % in the year to May, and then fell > 2 % in June > July.")
    False
    """
    separator, min_items, item_words = _shape()
    items = separator.split(text.strip())
    return (
        len(items) >= min_items
        and not _SENTENCE_END.search(text.strip())
        and all(0 < len(item.split()) <= item_words for item in items)
    )


__all__ = ["is_trail"]
