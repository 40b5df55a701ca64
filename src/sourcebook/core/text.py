"""Small pure ``str -> str`` fixes for web-extracted text.

Each function says why the fix exists.  Typography (curly quotes, dashes,
hair spaces around dashes, a lone no-break space between words) is the
author's and is kept; only extraction noise is changed.
"""

from __future__ import annotations

import re

#: English month names, January first: dates in seeds and BibTeX month macros use them
#: (not :data:`calendar.month_name`, which follows the locale)
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: ordinary white space plus the no-break space web pages leave at line ends
LINE_END = " \t\u00a0\u2009\u200a\u202f"

#: a run of two or more blanks (the same as "a run of blanks holding a space or tab, or of
#: no-break spaces only", once tabs are spaces, but a lone space is not a match: that made
#: every space of every line a substitution, the normaliser's hottest spot)
_SPACE_RUN = re.compile(r"[ \u00a0]{2,}")


def collapse_spaces(text: str) -> str:
    """Collapse runs of blanks that contain an ordinary space into one space.

    Extraction leaves ``"on\\u00a0 Trotskyism"``: a no-break space next to a
    space is noise.  A lone no-break space or hair space between words is a
    typographic choice and stays (negative case below).

    >>> collapse_spaces("Once Again on\\u00a0 Trotskyism.")
    'Once Again on Trotskyism.'
    >>> kept = "Log\\u00a0Out and capitalism\\u200a—\\u200anot"
    >>> collapse_spaces(kept) == kept
    True
    """
    if "  " not in text and "\t" not in text and "\u00a0" not in text:
        return text  # nothing to collapse: skip the per-space substitutions
    # a tab alone or in a run becomes one space either way, so tabs are spaces first
    return _SPACE_RUN.sub(" ", text.replace("\t", " "))


def clean_line(line: str) -> str:
    """The per-line fixes, in order: both ends stripped, inner runs collapsed.

    >>> clean_line("  \\u00a0The AWL is, it says,\\u00a0 a group.\\u00a0")
    'The AWL is, it says, a group.'
    """
    # a run touching an end is stripped whole, so stripping first leaves the same text
    return collapse_spaces(line.strip(LINE_END))


def plain_words(text: str) -> str:
    """Whitespace collapsed to single ordinary spaces, for claim texts.

    >>> plain_words(" two\\n words\\u00a0here ")
    'two words here'
    """
    return " ".join(text.split())


def is_title_case(text: str, threshold: float = 0.6) -> bool:
    """True for headline-style lines such as a link title.

    Blogs paste the titles of linked articles as bare lines; most of their
    words start with a capital, unlike a sentence.

    >>> is_title_case("Dispatches Momentum Documentary Prompts Torrent Of Criticism")
    True
    >>> is_title_case("Momentum founder Jon Lansman said Ms Mountford was speaking")
    False
    """
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text)]
    if len(words) < 3:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals / len(words) >= threshold
