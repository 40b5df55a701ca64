"""Keys for new entries: ``family`` + ``year`` + first significant title word.

The key follows the project's grammar (:mod:`sourcebook.core.identifiers`) and
the bibliography's habit (``kimber2016letter``); a key already taken gets
``b``, ``c``, … so two editions of one book in one year stay apart.

>>> from sourcebook.contrib.metadata.entry import Entry, Person
>>> e = Entry("book", "The Making of the English Working Class", (Person("Thompson", "E. P."),),
...           year="1963")
>>> new_key(e, set()), new_key(e, {"thompson1963making"})
('thompson1963making', 'thompson1963makingb')
>>> new_key(Entry("misc", "Über Straßen", container="Zeitung"), set())
'zeitungnduber'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container

from sourcebook.contrib.metadata.entry import Entry
from sourcebook.core.identifiers import is_bibkey

#: words skipped when the key takes the title's first significant word
_STOP = frozenset(
    "a an the of on in and for to at by with from le la les der die das".split()  # noqa: SIM905
)


def ascii_word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def _title_word(title: str) -> str:
    words = [ascii_word(w) for w in title.split()]
    return next((w for w in words if w and w not in _STOP), "") or "untitled"


def new_key(entry: Entry, taken: Container[str]) -> str:
    """A key for *entry* not in *taken*."""
    who = entry.authors or entry.editors
    name = ascii_word(who[0].family.split()[-1] if who else (entry.container or "anon"))
    base = f"{name[:20] or 'anon'}{entry.year or 'nd'}{_title_word(entry.title)[:20]}"
    key = base
    suffix = ord("b")
    while key in taken or not is_bibkey(key):
        key = base + chr(suffix) if suffix <= ord("z") else f"{base}{suffix}"
        suffix += 1
    return key
