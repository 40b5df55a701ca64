"""The grammar of every identifier a contributor writes.

Slugs, bibliography keys, marker labels and entity ids end up inside MyST
role targets, Sphinx ids, file names and LaTeX labels.  They are data, so
they are checked against a strict ASCII grammar *before* any use; a value
that does not match is rejected with a located diagnostic by whoever loads
it, never escaped into shape.  ASCII-only also rules out homoglyph keys
(a Cyrillic ``а`` posing as a Latin ``a``).

>>> is_slug("awl-wikipedia"), is_slug("../etc"), is_slug("Awl")
(True, False, False)
>>> is_bibkey("channel4_2016battle"), is_bibkey("Smith:2019.x"), is_bibkey("k`{download}`")
(True, True, False)
>>> is_marker_label("9.1"), is_marker_label("a"), is_marker_label("1]")
(True, True, False)
"""

from __future__ import annotations

import re

#: document slugs and entity ids: lower-case words joined by single hyphens
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: bibliography keys: what BibTeX, biblatex and Zotero/Better BibTeX produce
#: in practice, minus anything that can end a MyST role or a LaTeX argument
BIBKEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:+-]*")
#: marker labels as printed in a text: "5", "9.1", "a", "iv"
MARKER_LABEL = re.compile(r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*")

SLUG_MAX = 80
BIBKEY_MAX = 100
MARKER_LABEL_MAX = 20


def is_slug(value: str) -> bool:
    return len(value) <= SLUG_MAX and SLUG.fullmatch(value) is not None


def is_bibkey(value: str) -> bool:
    return len(value) <= BIBKEY_MAX and BIBKEY.fullmatch(value) is not None


def is_marker_label(value: str) -> bool:
    return len(value) <= MARKER_LABEL_MAX and MARKER_LABEL.fullmatch(value) is not None


def describe(kind: str) -> str:
    """The grammar in words, for error messages."""
    return {
        "slug": "lower-case ASCII letters and digits joined by single hyphens, at most 80",
        "bibkey": "ASCII letters, digits and _ . : + - (not starting with . : + -), at most 100",
        "label": "ASCII letters and digits, optionally dotted like 9.1, at most 20",
    }[kind]
